"""One shot, then bounded repair: feed compiler errors or test failures back to the model.

This is what a practical tool without a reasoning graph does, and the spine every other method
builds on. Imports no model or GPU code: `ask` and `evaluate` are passed in.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from regrapht.generate.llm import Completion, Message
from regrapht.generate.prompting import repair_messages
from regrapht.validate.verdict import Status, Verdict

Ask = Callable[[list[Message]], Completion]
Evaluate = Callable[[str], tuple[Verdict, str]]  # answer text -> (verdict, shipped source or '')
Notify = Callable[[str], None]

RETRYABLE = {Status.COMPILE_FAILED: "errors", Status.WRONG: "failure", Status.CRASHED: "failure",
             Status.ASSEMBLY_FAILED: "assembly"}


@dataclass(frozen=True)
class Attempt:
    index: int
    kind: str  # "first" | "repair"
    answer: str  # the model's raw answer
    shipped: str  # the assembled CUDA file ('' when nothing could be assembled)
    verdict: Verdict
    prompt_tokens: int
    completion_tokens: int
    model_seconds: float
    validate_seconds: float


@dataclass(frozen=True)
class SearchOutcome:
    attempts: tuple[Attempt, ...]
    best: Attempt | None  # fastest verified (not suspicious first), else last compiled, else None

    @property
    def model_calls(self) -> int:
        return len(self.attempts)

    @property
    def tokens(self) -> int:
        return sum(a.prompt_tokens + a.completion_tokens for a in self.attempts)


def _pick_best(attempts: list[Attempt]) -> Attempt | None:
    verified = [a for a in attempts if a.verdict.status is Status.VERIFIED]
    if verified:
        # A speed beyond the roofline is not a win: prefer any verified attempt without one.
        return max(verified, key=lambda a: (not a.verdict.suspicious,
                                            a.verdict.speedup_end_to_end or 0.0))
    compiled = [a for a in attempts if a.verdict.status is Status.COMPILED_NOT_RUN]
    return compiled[-1] if compiled else None


def _feedback(verdict: Verdict) -> dict[str, str]:
    kind = RETRYABLE[verdict.status]
    if kind == "errors":
        return {"errors": verdict.compiler_errors or verdict.reason}
    return {kind: verdict.reason}


def repair_search(
    first: list[Message],
    ask: Ask,
    evaluate: Evaluate,
    *,
    contract: str,
    max_repairs: int,
    notify: Notify = lambda _msg: None,
) -> SearchOutcome:
    messages = list(first)
    attempts: list[Attempt] = []
    for index in range(max_repairs + 1):
        kind = "first" if index == 0 else "repair"
        notify(f"model: writing {'a CUDA version' if index == 0 else f'repair {index}'}")
        completion = ask(messages)
        notify("validating: compiling and checking")
        started = time.perf_counter()
        verdict, shipped = evaluate(completion.text)
        attempts.append(Attempt(
            index, kind, completion.text, shipped, verdict, completion.prompt_tokens,
            completion.completion_tokens, completion.seconds, time.perf_counter() - started,
        ))
        notify(f"attempt {index + 1}: {verdict.status.value}"
               + (f" ({verdict.reason})" if verdict.reason else ""))
        if verdict.status not in RETRYABLE:
            break
        messages = repair_messages(messages, completion.text, contract=contract,
                                   **_feedback(verdict))
    return SearchOutcome(tuple(attempts), _pick_best(attempts))
