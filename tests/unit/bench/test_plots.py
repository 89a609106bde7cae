"""The points of the speedup-against-tokens plot: one run's tokens against one run's speedup."""

from __future__ import annotations

import pytest

from regrapht.bench.plots import speed_token_points


def _m(method: str, tier: str, tasks: int, runs: int, tokens_per_task: float,
       speedup: float | None) -> dict[str, object]:
    return {"method": method, "tier": tier, "tasks": tasks, "runs": runs,
            "tokens_per_task": tokens_per_task, "kernel_at_1": {"mean_as_zero": speedup}}


@pytest.mark.parametrize(("metric", "point"), [
    (_m("standard", "easy", 10, 10, 900.0, 40.0), (900.0, 40.0)),   # 1 sample: as per task
    (_m("standard", "easy", 10, 20, 1800.0, 40.0), (900.0, 40.0)),  # 2 samples add up
    (_m("cot", "hard", 4, 8, 100.0, None), (50.0, 0.0)),            # nothing valid: 0
])
def test_one_point_per_tier(metric: dict[str, object], point: tuple[float, float]) -> None:
    assert speed_token_points([metric]) == {metric["method"]: [point]}


def test_all_tiers_and_empty_groups_are_left_out() -> None:
    metrics = [_m("standard", "all", 20, 20, 900.0, 40.0), _m("rag", "easy", 0, 0, 0.0, None)]
    assert speed_token_points(metrics) == {}
