"""What every search method returns: the attempts, the best one, and the trace of the search.

Frozen values only; the language server and the report read them. `SearchOutcome.attempts` and
`.best` keep the shape they had before the graph search existed (one entry per model call).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from regrapht.validate.verdict import Status, Verdict


@dataclass(frozen=True)
class Attempt:
    """One model call and the verdict on its answer."""

    index: int
    kind: str  # "first" | "repair" | "step" (a technique from the graph) | "sample" (a redraw)
    answer: str  # the model's raw answer
    shipped: str  # the assembled CUDA file ('' when nothing could be assembled)
    verdict: Verdict
    prompt_tokens: int
    completion_tokens: int
    model_seconds: float
    validate_seconds: float
    cut: bool = False  # the answer stopped at the token limit (finish reason "length")


@dataclass(frozen=True)
class TraceNode:
    """One state of the explored tree: the code after a step, and what the search learnt of it.

    id: position in `SearchTrace.nodes`; the root (id 0) is the user's sequential code.
    parent: the id of the state this step started from (None for the root).
    technique: the graph technique applied ("sequential code" at the root); the non-graph
        methods name their step: "one shot", "chain of thought", "retrieval", "repair".
    example: the source name of the worked example shown to the model ('' when none).
    phase: "root" | "expand" (the first step into a new state, chosen by UCB1) | "rollout"
        (a step of an epsilon-greedy rollout) | "redraw" (a step that failed, written again
        from the same state: a sampled answer) | "walk" (a random-walk step) | "first" |
        "repair" | "sample".
    attempt: index into `SearchOutcome.attempts` of the model call that made it (None: root).
    code: the CUDA code extracted from the answer ('' when there was none; the root holds the
        user's sequential source).
    status: the verdict's status value ("verified", "wrong", ...; "" at the root).
    speedup: kernel-only speedup over the sequential reference (None unless verified).
    reward: the step's reward: -1 failed; speedup - 1 when correct but slower; speedup when
        correct and faster; 0 when correct speed is unknown (no GPU) or beyond the roofline.
    seconds: model plus validation time of this step.
    visits: how many MCGS iterations backed a value up through this state (0 for a state a
        rollout wrote and no selection has passed since, and for the other methods).
    value: Q, the mean of the values backed up through it; the step reward when never.
    note: why the step happened this way when that is not obvious (fallbacks), else ''.
    """

    id: int
    parent: int | None
    technique: str
    example: str
    phase: str
    attempt: int | None
    code: str
    status: str
    speedup: float | None
    reward: float
    seconds: float
    visits: int = 0
    value: float = 0.0
    note: str = ""


@dataclass(frozen=True)
class SearchTrace:
    """The path taken and the tree explored by one run of one method.

    method: the method's name ("regrapht-mcgs", "repair", ...).
    nodes: every state, root first; node i has id i.
    path: node ids from the root to the state of the best attempt (just the root when no
        attempt is usable).
    iterations: search iterations (MCGS selections, random walks, samples).
    stop: why the search ended: "done" (the method finished), "budget" (model calls),
        "time limit", "roofline" (a candidate reached the device's memory floor),
        "exhausted" (nothing left to try within the step limit).
    notes: things the user should know (e.g. the graph had no edges: one shot instead).
    duplicates_redrawn: answers whose code (comments and whitespace aside) had already been
        tried in this run, so were drawn again (sampled) instead of compiled again.
    """

    method: str
    nodes: tuple[TraceNode, ...] = ()
    path: tuple[int, ...] = ()
    iterations: int = 0
    stop: str = "done"
    notes: tuple[str, ...] = ()
    seed: int = 0
    duplicates_redrawn: int = 0

    def steps(self) -> tuple[TraceNode, ...]:
        """The nodes on the path, root excluded."""
        return tuple(self.nodes[i] for i in self.path[1:])


@dataclass(frozen=True)
class SearchOutcome:
    attempts: tuple[Attempt, ...]
    best: Attempt | None  # fastest verified (not suspicious first), else last compiled, else None
    trace: SearchTrace = field(default_factory=lambda: SearchTrace("repair"))
    search_overhead_seconds: float = 0.0  # wall time outside model calls and validation

    @property
    def model_calls(self) -> int:
        """One per attempt, plus the repeated answers that were drawn again."""
        return len(self.attempts) + self.trace.duplicates_redrawn

    @property
    def tokens(self) -> int:
        return sum(a.prompt_tokens + a.completion_tokens for a in self.attempts)


def pick_best(attempts: list[Attempt] | tuple[Attempt, ...]) -> Attempt | None:
    verified = [a for a in attempts if a.verdict.status is Status.VERIFIED]
    if verified:
        # A speed beyond the roofline is not a win: prefer any verified attempt without one.
        return max(verified, key=lambda a: (not a.verdict.suspicious,
                                            a.verdict.speedup_end_to_end or 0.0,
                                            a.verdict.speedup_kernel or 0.0))
    compiled = [a for a in attempts if a.verdict.status is Status.COMPILED_NOT_RUN]
    return compiled[-1] if compiled else None


def reward(verdict: Verdict) -> float:
    """The method's per-step reward (method.md), on the kernel-only speedup."""
    if verdict.status is Status.COMPILED_NOT_RUN:
        return 0.0  # compiles; correctness and speed unknown (no GPU here)
    if verdict.status is not Status.VERIFIED:
        return -1.0
    speedup = verdict.speedup_kernel
    if speedup is None or verdict.suspicious:
        return 0.0  # correct, but its speed cannot be trusted
    return speedup - 1.0 if speedup < 1.0 else speedup
