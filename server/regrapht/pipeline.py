"""One request end to end: parse -> reference -> search (generate + validate) -> result.

Used by the CLI and the language server alike. Data flows one way; every stage hands a frozen
value to the next. The model is loaded only after the code was found offloadable and the
reference ran, so bad input is reported in a second, not after loading a model. The reasoning
graph is loaded here (for the methods that use it) and handed to the search.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from regrapht.generate.assemble import AssemblyError, assemble
from regrapht.generate.extract import extract_code
from regrapht.generate.interface import check_interface, launch_plan
from regrapht.generate.llm import ChatModel, Completion, Message
from regrapht.generate.prompting import (
    KernelInterface,
    answer_shape,
    code_block_grammar,
    contract,
    first_messages,
)
from regrapht.graph import GraphFormatError, GraphView, load_graph
from regrapht.harness.inputs import effective_arrays
from regrapht.harness.profile import ReferenceProfile, profile_reference
from regrapht.harness.reference import DEFAULT_FLAGS
from regrapht.parse import CodeSite, Overrides, find_site, parallel_loops
from regrapht.search import (
    DEFAULT_BUDGET,
    DEFAULT_METHOD,
    GRAPH_METHODS,
    Problem,
    SearchOutcome,
    SearchSettings,
    one_by_one,
    search,
)
from regrapht.validate import KernelLaunch, Tolerance, validate
from regrapht.validate.launch import nvrtc_source
from regrapht.validate.nvcc import answer_terms
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
    method: str = DEFAULT_METHOD  # a name of regrapht.search.METHODS
    budget: int = DEFAULT_BUDGET  # most model calls of the search
    time_limit: float | None = None  # seconds for the search, checked before each model call
    same_calls: bool = False  # every method spends exactly `budget` model calls
    seed: int = 0  # the search's random choices
    step_repairs: int = 1  # regrapht-mcgs: feedback repairs of a failing step
    graph_path: Path | None = None  # None: the bundled graph (or REGRAPHT_GRAPH)
    tolerance: Tolerance | None = None  # a benchmark task's float tolerance (None: default)
    # Sample first answers at this temperature (seeded by `seed`) instead of greedily: the
    # benchmark's independent samples for pass@k. None: greedy, as a user's run.
    temperature: float | None = None

    def search_settings(self) -> SearchSettings:
        return SearchSettings(method=self.method, budget=self.budget, time_limit=self.time_limit,
                              same_calls=self.same_calls, seed=self.seed,
                              max_repairs=self.max_repairs, step_repairs=self.step_repairs,
                              redraw_repeats=True)


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
    if job.interface is not None:  # every kernel parameter is fed (a ValueError: bad usage)
        check_interface(site, job.interface)
    return site, overrides


def nvrtc_launch(site: CodeSite, interface: KernelInterface, device_code: str) -> KernelLaunch:
    """What the validator needs to launch a fixed-interface answer's kernel through NVRTC: the
    same kernel name, arguments and return slot as the generated launcher (interface.py)."""
    plan = launch_plan(site, interface)
    return KernelLaunch(nvrtc_source(device_code), plan.kernel_name, plan.args, interface.grid,
                        interface.block, plan.types, plan.result, plan.result_type,
                        plan.initial)


def load_graph_view(job: Job, notify: Notify) -> GraphView | None:
    """The reasoning graph for a graph method; None (with a note) when it cannot be read, so
    the search falls back to one shot instead of failing the request."""
    if job.method not in GRAPH_METHODS:
        return None
    try:
        return GraphView.of(load_graph(job.graph_path))
    except GraphFormatError as exc:
        notify(f"reasoning graph not used: {exc}")
        return None


def run(
    job: Job,
    load_model: Callable[[], ChatModel],
    *,
    notify: Notify = lambda _m: None,
    on_token: Callable[[int], None] | None = None,
    cancel: threading.Event | None = None,
    located: tuple[CodeSite, Overrides] | None = None,
    profiled: ReferenceProfile | None = None,
) -> RunResult:
    """Run the job; `located` is `locate(job)` when the caller already checked the code, and
    `profiled` the reference's profile when the caller already measured it (the benchmark
    runs several methods against one measurement of each task's reference)."""
    if located is None:
        notify(f"parsing {job.path.name}")
        located = locate(job)
    site, overrides = located
    if profiled is None:
        notify(f"reference: building {site.name} at {' '.join(job.reference_flags)} and "
               "timing it")
        profiled = profile_reference(
            site, overrides, job.build_dir / "reference", flags=job.reference_flags,
            cancel=cancel
        )
    profile = profiled
    arrays = effective_arrays(site, overrides)
    graph = load_graph_view(job, notify)
    notify("model: loading")
    model = load_model()
    grammar = code_block_grammar() if job.grammar else None

    def ask(messages: list[Message], *, sample: int = 0) -> Completion:
        # The first answer is greedy; repairs and redraws sample, so that a mistake the greedy
        # answer makes is not made again word for word. Seeded (a redraw with a seed of its
        # own): the same run gives the same answers. A `main` is never used (the wrapper is
        # generated): stop there instead of paying for it.
        repairing = len(messages) > 2
        sampled = sample or job.temperature is not None
        return model.chat(messages, grammar=grammar, cancel=cancel, on_token=on_token,
                          temperature=REPAIR_TEMPERATURE if repairing or sample
                          else job.temperature,
                          seed=job.seed * 10_007 + sample if sampled else None,
                          stop=STOP_AT)

    provenance = f"Model: {model.name}. Method: {job.method}."

    def evaluate(answer: str) -> tuple[Verdict, str]:
        code = extract_code(answer)
        if "__global__" not in code:
            return Verdict(Status.ASSEMBLY_FAILED, "the answer holds no `__global__` kernel; "
                           "write the kernels and the launcher in one cuda code block",
                           reference=Stats.of(profile.samples)), ""
        try:
            unit = assemble(site, code, arrays, profile.keeps_initial, interface=job.interface,
                            provenance=provenance, overrides=overrides)
        except AssemblyError as exc:
            return Verdict(Status.ASSEMBLY_FAILED, str(exc),
                           reference=Stats.of(profile.samples)), ""
        launch = None
        if job.interface is not None:  # the kernel is checked and timed through NVRTC
            launch = nvrtc_launch(site, job.interface, unit.device_code)
        verdict = validate(site, overrides, profile, unit.test_unit, job.build_dir / "candidates",
                           arch=job.arch, cancel=cancel, use_gpu=job.use_gpu, launch=launch,
                           tolerance=job.tolerance)
        if verdict.compiler_errors and launch is None:  # nvcc's lines, not NVRTC's
            verdict = replace(verdict, compiler_errors=answer_terms(
                verdict.compiler_errors, unit.answer_lines, contract(site, job.interface),
                unit=unit.test_unit, original=code))
        return verdict, unit.shipped

    problem = Problem(
        tuple(first_messages(site, profile.keeps_initial, job.interface, arrays)),
        site.source, contract(site, job.interface), graph, parallel_loops=parallel_loops(site),
        answer_shape=answer_shape(site, job.interface),
    )
    outcome = search(problem, ask, one_by_one(evaluate), job.search_settings(), notify=notify,
                     cancel=cancel)
    return RunResult(site, overrides, profile, outcome, model.name)
