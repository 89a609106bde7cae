"""Prompts of the search methods: one graph step, chain of thought, retrieval. Text in `prompts/`.

Every prompt extends the one-shot request (`first_messages`): the system message and the task
with its rules and contract stay as they are, and the method's part is appended to the task,
so every answer is still the whole code `evaluate` understands (the kernels and the host
launcher, or the one kernel of fixed-interface mode: the step says which, `answer`).
"""

from __future__ import annotations

from collections.abc import Sequence
from string import Template

from regrapht.generate.prompting import Message, template
from regrapht.graph.retrieve import KernelMatch
from regrapht.graph.schema import Example

MAX_CODE_CHARS = 3000  # per code block of an example: a small model's context is short


def _cut(code: str, limit: int = MAX_CODE_CHARS) -> str:
    code = code.strip()
    return code if len(code) <= limit else code[:limit].rstrip() + "\n// ... (cut)"


def _extend(first: Sequence[Message], addition: str) -> list[Message]:
    messages = [dict(m) for m in first]
    messages[-1]["content"] = messages[-1]["content"].rstrip("\n") + "\n" + addition
    return messages


def step_messages(
    first: Sequence[Message],
    technique: str,
    description: str,
    example: Example | None,
    current_code: str = "",
    standing: str = "",
    answer: str = "",
) -> list[Message]:
    """Apply `technique` to the sequential function (no `current_code`) or to the CUDA code of
    the previous step, shown with `standing` (e.g. "correct, 3.1x faster than sequential").
    `answer`: what the answer must hold (`prompting.answer_shape`: the kernels and the host
    launcher with its signature, or the one kernel of fixed-interface mode); by default the
    form the first message asks for."""
    current = ""
    if current_code:
        current = Template(template("step_current.txt")).substitute(
            code=_cut(current_code, 2 * MAX_CODE_CHARS), standing=standing or "correct")
    shown = ""
    if example is not None:
        shown = Template(template("step_example.txt")).substitute(
            source=example.source, reasoning=example.reasoning.strip(),
            how=example.how.strip(), before=_cut(example.code_before),
            after=_cut(example.code_after))
    text = Template(template("step.txt")).substitute(
        technique=technique, description=description.strip() or "(no description)",
        current=current, example=shown,
        target="the current CUDA version" if current_code else "the sequential function",
        answer=answer.strip() or template("step_answer.txt").strip(),
    )
    return _extend(first, text)


def cot_messages(first: Sequence[Message]) -> list[Message]:
    """The one-shot request, asking for step-by-step reasoning first (as a code comment, so
    that a grammar-constrained answer can hold it)."""
    return _extend(first, template("cot.txt"))


def rag_messages(first: Sequence[Message], matches: Sequence[KernelMatch]) -> list[Message]:
    """The one-shot request with the most similar kernels of the graph and their fastest CUDA."""
    shown = "".join(
        Template(template("rag_kernel.txt")).substitute(
            source=m.source, kernel_class=m.fastest.kernel_class,
            sequential=_cut(m.sequential), cuda=_cut(m.fastest.code_after),
            speedup=f"{m.fastest.speedup_kernel:.1f}")
        for m in matches)
    return _extend(first, Template(template("rag.txt")).substitute(examples=shown))
