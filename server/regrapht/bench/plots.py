"""The benchmark's plots (PNG): the only module that imports matplotlib, which is optional
(`pip install regrapht[bench]`). Without it `write_plots` raises PlottingUnavailable and the
rest of the report is still written; `regrapht bench report OUT` draws them later anywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from regrapht.bench.metrics import ALL_TIERS

TIERS = ("easy", "medium", "hard", ALL_TIERS)


class PlottingUnavailable(RuntimeError):
    """matplotlib is not installed here."""


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as exc:
        raise PlottingUnavailable(
            "plots not drawn: matplotlib is not installed (`pip install regrapht[bench]`); "
            "`regrapht bench report OUT` draws them later on any machine") from exc
    return plt


def _grouped_bars(plt: Any, metrics: list[dict[str, Any]], value: Any, ylabel: str,
                  title: str, path: Path, log: bool = False) -> None:
    methods = list(dict.fromkeys(m["method"] for m in metrics))
    tiers = [t for t in TIERS if any(m["tier"] == t for m in metrics)]
    fig, ax = plt.subplots(figsize=(max(6, 1.6 * len(tiers) * max(len(methods), 1) / 3), 4))
    width = 0.8 / max(len(methods), 1)
    for i, method in enumerate(methods):
        ys = []
        for tier in tiers:
            row = next((m for m in metrics if m["method"] == method and m["tier"] == tier), None)
            y = value(row) if row else None
            ys.append(y if y is not None else 0.0)
        ax.bar([t + i * width for t in range(len(tiers))], ys, width, label=method)
    ax.set_xticks([t + width * (len(methods) - 1) / 2 for t in range(len(tiers))], tiers)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    if log:
        ax.set_yscale("symlog", linthresh=1.0)
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def speed_token_points(metrics: list[dict[str, Any]]) -> dict[str, list[tuple[float, float]]]:
    """Per method, one (tokens of a run, kernel speedup@1 invalid as 0) point per tier. speedup@1
    is what one run gets, so the tokens are one run's too (a task's n samples add up n runs)."""
    points: dict[str, list[tuple[float, float]]] = {}
    for m in metrics:
        if m["tier"] != ALL_TIERS and m["runs"]:
            points.setdefault(m["method"], []).append(
                (m["tokens_per_task"] * m["tasks"] / m["runs"],
                 m["kernel_at_1"]["mean_as_zero"] or 0.0))
    return points


def write_plots(results: dict[str, Any], out: Path) -> list[str]:
    plt = _pyplot()
    metrics = results["metrics"]
    k = results["k"]
    written = []
    _grouped_bars(plt, metrics, lambda m: m["kernel_at_1"]["geomean_valid"],
                  "kernel-only speedup@1 (geomean, valid runs)",
                  "Speedup over -O3 sequential code, per method and tier",
                  out / "speedup_per_tier.png", log=True)
    written.append("speedup_per_tier.png")
    _grouped_bars(plt, metrics, lambda m: m["pass_at_1"] * 100, "pass@1 (%)",
                  f"Correct (verified on the GPU) per method and tier; pass@{k} in results.json",
                  out / "pass_rate_per_tier.png")
    written.append("pass_rate_per_tier.png")
    fig, ax = plt.subplots(figsize=(6, 4))
    for method, pts in speed_token_points(metrics).items():
        ax.scatter([p[0] for p in pts], [p[1] for p in pts], label=method)
    ax.set_xlabel("model tokens per run (prompt + completion)")
    ax.set_ylabel("kernel-only speedup@1 (invalid as 0)")
    ax.set_title("Speedup against the tokens spent (one point per tier)")
    ax.set_yscale("symlog", linthresh=1.0)
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(out / "speedup_vs_tokens.png", dpi=120)
    plt.close(fig)
    written.append("speedup_vs_tokens.png")
    return [f"plots: {', '.join(written)}"]
