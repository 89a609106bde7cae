"""One request end to end: parse -> reference -> search (generate + validate) -> result.

Used by the CLI and the language server alike. Data flows one way; every stage hands a frozen
value to the next. The model is loaded only after the code was found offloadable and the
reference ran, so bad input is reported in a second, not after loading a model.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from regrapht.generate.assemble import AssemblyError, assemble
from regrapht.generate.extract import extract_code
from regrapht.generate.llm import ChatModel, Completion, Message
from regrapht.generate.prompting import (
    KernelInterface,
    code_block_grammar,
    contract,
    first_messages,
)
from regrapht.harness.inputs import effective_arrays
from regrapht.harness.profile import ReferenceProfile, profile_reference
from regrapht.harness.reference import DEFAULT_FLAGS
from regrapht.parse import CodeSite, Overrides, find_site
from regrapht.search import SearchOutcome, repair_search
from regrapht.validate import validate
from regrapht.validate.verdict import Stats, Status, Verdict

Notify = Callable[[str], None]
REPAIR_TEMPERATURE = 0.7
STOP_AT = ("\nint main(",)


@dataclass(frozen=True)
class Job:
    path: Path
    function: str | None = None
    position: tuple[int, int] | None = None  # 1-based line, column
    overrides: Overrides = field(default_factory=Overrides)  # from CLI flags; win over comments
    interface: KernelInterface | None = None
    max_repairs: int = 2
    arch: str | None = None
    use_gpu: bool = True
    build_dir: Path = Path(".regrapht-build")
    reference_flags: tuple[str, ...] = DEFAULT_FLAGS
    grammar: bool = True  # constrain answers to one code block
    source: str | None = None  # the file's text when it differs from disk (an editor buffer)


@dataclass(frozen=True)
class RunResult:
    site: CodeSite
    overrides: Overrides  # comment annotations merged with CLI flags
    profile: ReferenceProfile
    outcome: SearchOutcome
    model_name: str

    @property
    def best_verdict(self) -> Verdict | None:
        return self.outcome.best.verdict if self.outcome.best else None

    @property
    def shipped(self) -> str:
        return self.outcome.best.shipped if self.outcome.best else ""


def locate(job: Job) -> tuple[CodeSite, Overrides]:
    """Parse and describe the function; raises UnsupportedCode with a why-and-where message."""
    line, column = job.position if job.position else (None, None)
    site = find_site(str(job.path), job.function, line=line, column=column, source=job.source)
    overrides = site.annotations.merged_with(job.overrides)
    effective_arrays(site, overrides)  # names in annotations must exist: fail early
    return site, overrides


def run(
    job: Job,
    load_model: Callable[[], ChatModel],
    *,
    notify: Notify = lambda _m: None,
    on_token: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
    located: tuple[CodeSite, Overrides] | None = None,
) -> RunResult:
    """Run the job; `located` is `locate(job)` when the caller already checked the code."""
    if located is None:
        notify(f"parsing {job.path.name}")
        located = locate(job)
    site, overrides = located
    notify(f"reference: building {site.name} at {' '.join(job.reference_flags)} and timing it")
    profile = profile_reference(
        site, overrides, job.build_dir / "reference", flags=job.reference_flags, cancel=cancel
    )
    arrays = effective_arrays(site, overrides)
    notify("model: loading")
    model = load_model()
    grammar = code_block_grammar() if job.grammar else None

    def ask(messages: list[Message]) -> Completion:
        # The first answer is greedy; repairs sample, so that a mistake the greedy answer makes
        # is not made again word for word. Seeded: the same run gives the same answers. A
        # `main` is never used (the wrapper is generated): stop there instead of paying for it.
        repairing = len(messages) > 2
        return model.chat(messages, grammar=grammar, cancel=cancel, on_token=on_token,
                          temperature=REPAIR_TEMPERATURE if repairing else None,
                          stop=STOP_AT)

    provenance = f"Model: {model.name}. Method: one shot + repair."

    def evaluate(answer: str) -> tuple[Verdict, str]:
        code = extract_code(answer)
        if "__global__" not in code:
            return Verdict(Status.ASSEMBLY_FAILED, "the answer holds no `__global__` kernel; "
                           "write the kernels and the launcher in one cuda code block",
                           reference=Stats.of(profile.samples)), ""
        try:
            unit = assemble(site, code, arrays, profile.keeps_initial, interface=job.interface,
                            provenance=provenance)
        except AssemblyError as exc:
            return Verdict(Status.ASSEMBLY_FAILED, str(exc),
                           reference=Stats.of(profile.samples)), ""
        verdict = validate(site, overrides, profile, unit.test_unit, job.build_dir / "candidates",
                           arch=job.arch, cancel=cancel, use_gpu=job.use_gpu)
        return verdict, unit.shipped

    outcome = repair_search(
        first_messages(site, profile.keeps_initial, job.interface, arrays), ask, evaluate,
        contract=contract(site, job.interface), max_repairs=job.max_repairs, notify=notify,
    )
    return RunResult(site, overrides, profile, outcome, model.name)
