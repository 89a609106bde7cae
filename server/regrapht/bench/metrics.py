"""Benchmark metrics from run records: pass@k, speedup@k, cost per task, search overhead.

Definitions (docs/benchmark-tasks.md, "Metrics"):
- A run is **correct** when its best answer was verified on the GPU. pass@1 is the mean over a
  task's n samples of correct (c / n); pass@k is Chen et al.'s (2021) unbiased estimator
  1 - C(n-c, k) / C(n, k) (k capped at n); both are averaged over tasks.
- A run's speedup is **valid** when it is correct, measured and not beyond the roofline
  (suspicious). speedup@k of a task is the expected best speedup of k samples drawn from its n
  (unbiased: sorted ascending v_1..v_n, sum_i v_i C(i-1, k-1) / C(n, k)).
  - "as 0": invalid samples count as speedup 0; arithmetic mean over all tasks.
  - "valid only": only valid samples count (k capped at their number); tasks with none are
    left out; arithmetic and geometric mean over the remaining tasks. (A geometric mean with
    the zeros would be 0, so it is shown for valid samples only.)
- Kernel-only and end-to-end speedups are reported separately.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

ALL_TIERS = "all"


@dataclass(frozen=True)
class RunRecord:
    """One (task, method, sample) run as written to raw.jsonl (runner.py)."""

    task: str
    tier: str
    kernel_class: str
    method: str
    sample: int
    status: str  # "verified" | "compiled-not-run" | "failed" | "error"
    speedup_kernel: float | None = None
    speedup_end_to_end: float | None = None
    suspicious: bool = False
    model_calls: int = 0
    tokens: int = 0
    wall_seconds: float = 0.0
    model_seconds: float = 0.0
    validate_seconds: float = 0.0
    search_overhead_seconds: float = 0.0

    @property
    def correct(self) -> bool:
        return self.status == "verified"

    @property
    def valid(self) -> bool:
        return self.correct and not self.suspicious and self.speedup_kernel is not None

    @staticmethod
    def of(row: dict[str, Any]) -> RunRecord:
        fields = RunRecord.__dataclass_fields__
        return RunRecord(**{k: v for k, v in row.items() if k in fields})


def pass_at_k(n: int, c: int, k: int) -> float:
    """Probability that at least one of k samples (of n, c correct) is correct; k capped at n."""
    if n <= 0:
        return 0.0
    k = min(k, n)
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def expected_best_of_k(values: Sequence[float], k: int) -> float:
    """Expected maximum of k values drawn without replacement from `values` (k capped)."""
    n = len(values)
    if n == 0:
        return 0.0
    k = min(k, n)
    ordered = sorted(values)
    total = math.comb(n, k)
    return sum(v * math.comb(i, k - 1) for i, v in enumerate(ordered) if i >= k - 1) / total


def geometric_mean(values: Sequence[float]) -> float | None:
    positive = [v for v in values if v > 0]
    if not positive or len(positive) != len(values):
        return None
    return math.exp(sum(math.log(v) for v in positive) / len(positive))


def _mean(values: Sequence[float]) -> float | None:
    return statistics.fmean(values) if values else None


@dataclass(frozen=True)
class SpeedupStats:
    """speedup@k over a set of tasks, one kind (kernel-only or end-to-end)."""

    mean_as_zero: float | None  # invalid = 0, arithmetic mean over all tasks
    mean_valid: float | None  # valid samples only, arithmetic mean over tasks with one
    geomean_valid: float | None  # same tasks, geometric mean
    tasks_valid: int  # tasks with at least one valid sample


@dataclass(frozen=True)
class GroupMetrics:
    """The metrics of one method on one tier (or all tiers)."""

    method: str
    tier: str
    tasks: int
    runs: int
    samples_per_task: int  # the smallest n over the tasks (k is capped at it)
    pass_at_1: float
    pass_at_k: float
    kernel_at_1: SpeedupStats
    kernel_at_k: SpeedupStats
    e2e_at_1: SpeedupStats
    e2e_at_k: SpeedupStats
    compiled_not_run: int  # runs whose correctness was not measured (no GPU)
    suspicious: int
    errors: int
    calls_per_task: float
    tokens_per_task: float
    wall_seconds_per_task: float
    search_overhead_seconds: float  # total over the group's runs
    search_overhead_share: float  # of the runs' wall time


def _speedups(by_task: dict[str, list[RunRecord]], k: int, end_to_end: bool) -> SpeedupStats:
    def value(r: RunRecord) -> float | None:
        v = r.speedup_end_to_end if end_to_end else r.speedup_kernel
        return v if r.valid and v is not None else None

    as_zero, valid = [], []
    for runs in by_task.values():
        values = [value(r) for r in runs]
        as_zero.append(expected_best_of_k([v or 0.0 for v in values], k))
        good = [v for v in values if v is not None]
        if good:
            valid.append(expected_best_of_k(good, k))
    return SpeedupStats(_mean(as_zero), _mean(valid), geometric_mean(valid), len(valid))


def group_metrics(method: str, tier: str, runs: Sequence[RunRecord], k: int) -> GroupMetrics:
    by_task: dict[str, list[RunRecord]] = defaultdict(list)
    for r in runs:
        by_task[r.task].append(r)
    n_tasks = len(by_task)
    passes1 = [sum(r.correct for r in rs) / len(rs) for rs in by_task.values()]
    passesk = [pass_at_k(len(rs), sum(r.correct for r in rs), k) for rs in by_task.values()]
    wall = sum(r.wall_seconds for r in runs)
    overhead = sum(r.search_overhead_seconds for r in runs)
    per_task = max(n_tasks, 1)
    return GroupMetrics(
        method=method, tier=tier, tasks=n_tasks, runs=len(runs),
        samples_per_task=min((len(rs) for rs in by_task.values()), default=0),
        pass_at_1=_mean(passes1) or 0.0, pass_at_k=_mean(passesk) or 0.0,
        kernel_at_1=_speedups(by_task, 1, False), kernel_at_k=_speedups(by_task, k, False),
        e2e_at_1=_speedups(by_task, 1, True), e2e_at_k=_speedups(by_task, k, True),
        compiled_not_run=sum(r.status == "compiled-not-run" for r in runs),
        suspicious=sum(r.correct and r.suspicious for r in runs),
        errors=sum(r.status == "error" for r in runs),
        calls_per_task=sum(r.model_calls for r in runs) / per_task,
        tokens_per_task=sum(r.tokens for r in runs) / per_task,
        wall_seconds_per_task=wall / per_task,
        search_overhead_seconds=overhead,
        search_overhead_share=overhead / wall if wall > 0 else 0.0,
    )


def compute(runs: Iterable[RunRecord], k: int, tiers: Sequence[str] = ("easy", "medium", "hard")
            ) -> list[GroupMetrics]:
    """Metrics per method, per tier and over all tiers (methods in order of appearance)."""
    by_method: dict[str, list[RunRecord]] = defaultdict(list)
    for r in runs:
        by_method[r.method].append(r)
    out = []
    for method, rs in by_method.items():
        for tier in (*tiers, ALL_TIERS):
            chosen = [r for r in rs if tier == ALL_TIERS or r.tier == tier]
            if chosen:
                out.append(group_metrics(method, tier, chosen, k))
    return out
