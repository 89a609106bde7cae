"""pass@k, speedup@k and the per-tier tables, against values computed by hand."""

from __future__ import annotations

import math

import pytest

from regrapht.bench.metrics import (
    RunRecord,
    compute,
    expected_best_of_k,
    geometric_mean,
    pass_at_k,
)


@pytest.mark.parametrize(("n", "c", "k", "expected"), [
    (1, 1, 1, 1.0),
    (1, 0, 1, 0.0),
    (5, 2, 1, 0.4),
    (5, 2, 2, 1 - 3 / 10),  # 1 - C(3,2)/C(5,2)
    (5, 0, 3, 0.0),
    (4, 2, 3, 1.0),  # fewer wrong samples than k: some correct one is always drawn
    (3, 1, 10, 1.0),  # k capped at n
    (10, 3, 5, 1 - 21 / 252),  # 1 - C(7,5)/C(10,5)
    (0, 0, 1, 0.0),
])
def test_pass_at_k(n: int, c: int, k: int, expected: float) -> None:
    assert pass_at_k(n, c, k) == pytest.approx(expected)


@pytest.mark.parametrize(("values", "k", "expected"), [
    ([1.0, 2.0, 3.0], 1, 2.0),
    ([3.0, 1.0, 2.0], 2, 8 / 3),  # subsets {1,2}->2 {1,3}->3 {2,3}->3
    ([1.0, 2.0, 3.0], 3, 3.0),
    ([0.0, 4.0], 1, 2.0),
    ([5.0], 4, 5.0),  # k capped
    ([], 2, 0.0),
])
def test_expected_best_of_k(values: list[float], k: int, expected: float) -> None:
    assert expected_best_of_k(values, k) == pytest.approx(expected)


@pytest.mark.parametrize(("values", "expected"), [
    ([1.0, 4.0], 2.0), ([2.0, 8.0], 4.0), ([0.0, 1.0], None), ([], None),
])
def test_geometric_mean(values: list[float], expected: float | None) -> None:
    got = geometric_mean(values)
    assert got == (pytest.approx(expected) if expected is not None else None)


def _run(task: str, tier: str, sample: int, status: str, sk: float | None = None,
         se: float | None = None, suspicious: bool = False, **kw: float) -> RunRecord:
    return RunRecord(task, tier, "element-wise", "m", sample, status, sk, se, suspicious, **kw)


RUNS = [
    _run("A", "easy", 0, "verified", 4.0, 2.0, model_calls=3, tokens=100, wall_seconds=10.0,
         search_overhead_seconds=0.1),
    _run("A", "easy", 1, "wrong", model_calls=1, tokens=50, wall_seconds=5.0),
    _run("B", "easy", 0, "verified", 1.0, 0.5, wall_seconds=5.0),
    _run("B", "easy", 1, "verified", 100.0, 9.0, suspicious=True),
    _run("C", "hard", 0, "failed"),
    _run("C", "hard", 1, "compiled-not-run"),
]


def test_group_metrics_by_hand() -> None:
    got = {m.tier: m for m in compute(RUNS, k=2)}
    easy, hard, every = got["easy"], got["hard"], got["all"]
    assert (easy.tasks, easy.runs, easy.samples_per_task) == (2, 4, 2)
    assert easy.pass_at_1 == pytest.approx(0.75)  # A 1/2, B 2/2
    assert easy.pass_at_k == pytest.approx(1.0)
    # kernel@1 invalid as 0: A mean(4, 0) = 2, B mean(1, 0 suspicious) = 0.5 -> 1.25
    assert easy.kernel_at_1.mean_as_zero == pytest.approx(1.25)
    assert easy.kernel_at_1.mean_valid == pytest.approx(2.5)  # A 4, B 1
    assert easy.kernel_at_1.geomean_valid == pytest.approx(2.0)
    assert easy.kernel_at_k.mean_as_zero == pytest.approx(2.5)  # A max 4, B max(1, 0)
    assert easy.e2e_at_1.mean_as_zero == pytest.approx((1.0 + 0.25) / 2)
    assert easy.e2e_at_1.geomean_valid == pytest.approx(math.sqrt(2.0 * 0.5))
    assert easy.suspicious == 1 and easy.compiled_not_run == 0
    assert easy.calls_per_task == pytest.approx(2.0) and easy.tokens_per_task == 75
    assert easy.wall_seconds_per_task == pytest.approx(10.0)
    assert easy.search_overhead_share == pytest.approx(0.1 / 20.0)
    assert hard.pass_at_1 == 0.0 and hard.kernel_at_1.mean_valid is None
    assert hard.kernel_at_1.mean_as_zero == 0.0 and hard.compiled_not_run == 1
    assert every.tasks == 3 and every.pass_at_1 == pytest.approx(0.5)
    assert every.kernel_at_1.mean_as_zero == pytest.approx(2.5 / 3)
    assert every.kernel_at_1.tasks_valid == 2


def test_record_from_json_ignores_extra_fields() -> None:
    r = RunRecord.of({"task": "t", "tier": "easy", "kernel_class": "other", "method": "m",
                      "sample": 0, "status": "verified", "speedup_kernel": 2.0, "path": []})
    assert r.valid and r.correct
