"""The benchmark's report: results.json, summary.md and (where matplotlib is installed) plots,
all computed from OUT/raw.jsonl alone, so `regrapht bench report OUT` rebuilds them anywhere."""

from __future__ import annotations

import dataclasses
import json
import statistics
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from regrapht.bench.metrics import ALL_TIERS, GroupMetrics, RunRecord, SpeedupStats, compute
from regrapht.bench.runner import MANIFEST, RAW, REFERENCE_METHOD, read_raw
from regrapht.bench.taxonomy import taxonomy_section

TIER_ORDER = ("easy", "medium", "hard", ALL_TIERS)


def _x(v: float | None, digits: int = 2) -> str:
    return "-" if v is None else f"{v:.{digits}f}x"


def _pct(v: float | None) -> str:
    return "-" if v is None else f"{v:.1%}"


def _speed(s: SpeedupStats) -> str:
    return f"{_x(s.mean_as_zero)} / {_x(s.mean_valid)} / {_x(s.geomean_valid)}"


def _split(rows: list[dict[str, Any]]) -> tuple[list[RunRecord], list[dict[str, Any]]]:
    runs = [RunRecord.of(r) for r in rows if r["method"] != REFERENCE_METHOD]
    refs = [r for r in rows if r["method"] == REFERENCE_METHOD]
    return runs, refs


def read_raw_lines(path: Path) -> list[dict[str, Any]]:
    """JSON objects, one per line; unreadable lines skipped."""
    rows = []
    try:
        lines = path.read_text().splitlines()
    except OSError:
        return []
    for line in lines:
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict):
            rows.append(row)
    return rows


def reference_rows(refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per tier: how many references verified, their speedups and roofline reach."""
    out = []
    for tier in TIER_ORDER:
        chosen = [r for r in refs if tier == ALL_TIERS or r["tier"] == tier]
        if not chosen:
            continue
        good = [r for r in chosen if r["status"] == "verified" and not r.get("suspicious")]
        kern = [r["speedup_kernel"] for r in good if r.get("speedup_kernel")]
        e2e = [r["speedup_end_to_end"] for r in good if r.get("speedup_end_to_end")]
        bw = [r["bandwidth_fraction"] for r in good if r.get("bandwidth_fraction") is not None]
        out.append({
            "tier": tier, "tasks": len(chosen), "verified": len(good),
            "compiled_not_run": sum(r["status"] == "compiled-not-run" for r in chosen),
            "failed": sum(r["status"] not in ("verified", "compiled-not-run") for r in chosen),
            "kernel_geomean": statistics.geometric_mean(kern) if kern else None,
            "e2e_geomean": statistics.geometric_mean(e2e) if e2e else None,
            "bandwidth_fraction_median": statistics.median(bw) if bw else None,
        })
    return out


def task_table(runs: list[RunRecord], refs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per task: the reference's speedups, and per method the best valid kernel speedup over
    its samples with the share of the reference's it reaches."""
    by_ref = {r["task"]: r for r in refs}
    by_task: dict[str, dict[str, list[RunRecord]]] = defaultdict(lambda: defaultdict(list))
    meta: dict[str, tuple[str, str]] = {}
    for r in runs:
        by_task[r.task][r.method].append(r)
        meta[r.task] = (r.tier, r.kernel_class)
    for name, ref in by_ref.items():
        meta.setdefault(name, (ref["tier"], ref["kernel_class"]))
    table = []
    for name in sorted(meta, key=lambda n: (TIER_ORDER.index(meta[n][0]), n)):
        ref = by_ref.get(name, {})
        ref_k = ref.get("speedup_kernel") if ref.get("status") == "verified" else None
        methods = {}
        for method, rs in by_task.get(name, {}).items():
            valid = [r.speedup_kernel for r in rs if r.valid and r.speedup_kernel]
            best = max(valid) if valid else None
            methods[method] = {
                "passed": sum(r.correct for r in rs), "samples": len(rs),
                "best_kernel": best, "statuses": sorted({r.status for r in rs}),
                "reach": best / ref_k if best and ref_k else None,
            }
        table.append({"task": name, "tier": meta[name][0], "kernel_class": meta[name][1],
                      "reference_status": ref.get("status"), "reference_kernel": ref_k,
                      "reference_end_to_end": ref.get("speedup_end_to_end"),
                      "reference_bandwidth_fraction": ref.get("bandwidth_fraction"),
                      "methods": methods})
    return table


def build_results(out: Path, k: int | None = None) -> dict[str, Any]:
    """Everything the summary shows; k of pass@k and speedup@k is the run's own number of
    samples unless given."""
    rows = read_raw(out / RAW)
    runs, refs = _split(rows)
    try:
        manifest = json.loads((out / MANIFEST).read_text())
    except (OSError, ValueError):
        manifest = {}
    if k is None:
        k = max(int(manifest.get("samples", 1)), 1)
    devices = sorted({str(r["device"]) for r in rows if r.get("device")})
    order = list(manifest.get("methods", []))
    runs.sort(key=lambda r: (order.index(r.method) if r.method in order else len(order),
                             r.method))
    sessions = read_raw_lines(out / "sessions.jsonl")
    versions = Counter(str(r.get("code") or "unrecorded") for r in rows)
    return {
        "manifest": manifest, "k": k, "devices": devices,
        "code_versions": dict(versions.most_common()),
        "sessions": len(sessions),
        "total_wall_seconds": sum(float(s.get("wall_seconds", 0)) for s in sessions),
        "runs": len(runs), "references": len(refs),
        "metrics": [dataclasses.asdict(m) for m in compute(runs, k)],
        "reference_summary": reference_rows(refs),
        "tasks": task_table(runs, refs),
        "cut_answers": sum(int(r.get("cut_answers", 0)) for r in rows),  # at the token limit
    }


def _metrics_table(metrics: list[GroupMetrics], tier: str, k: int) -> list[str]:
    """One row per method; the @k columns only when k > 1."""
    heads = ["method", "tasks", "pass@1", f"pass@{k}", "kernel speedup@1",
             f"kernel speedup@{k}", "end-to-end speedup@1", f"end-to-end speedup@{k}",
             "calls/task", "tokens/task", "wall s/task", "search overhead"]
    keep = [i for i in range(len(heads)) if k > 1 or i not in (3, 5, 7)]
    lines = ["| " + " | ".join(heads[i] for i in keep) + " |", "|---" * len(keep) + "|"]
    for m in metrics:
        if m.tier != tier:
            continue
        cells = [m.method, str(m.tasks), _pct(m.pass_at_1), _pct(m.pass_at_k),
                 _speed(m.kernel_at_1), _speed(m.kernel_at_k), _speed(m.e2e_at_1),
                 _speed(m.e2e_at_k), f"{m.calls_per_task:.1f}", f"{m.tokens_per_task:.0f}",
                 f"{m.wall_seconds_per_task:.1f}",
                 f"{m.search_overhead_seconds:.3f} s ({m.search_overhead_share:.2%})"]
        lines.append("| " + " | ".join(cells[i] for i in keep) + " |")
    return lines


def summary_markdown(results: dict[str, Any], title: str) -> str:
    k = results["k"]
    metrics = [GroupMetrics(**{**m, **{f: SpeedupStats(**m[f]) for f in
                                       ("kernel_at_1", "kernel_at_k", "e2e_at_1", "e2e_at_k")}})
               for m in results["metrics"]]
    manifest = results.get("manifest", {})
    ident = manifest.get("identity", {})
    lines = [f"# Benchmark: {title}", "",
             f"Device(s): {', '.join(results['devices']) or 'none (no GPU run)'}. "
             f"Model: {ident.get('model_id', '?')}. Budget {ident.get('budget', '?')} model "
             f"calls per run{', same calls for every method' if ident.get('same_calls') else ''}"
             f"; {manifest.get('samples', '?')} sample(s) per task and method; seed "
             f"{ident.get('seed', '?')}. Total wall time "
             f"{results.get('total_wall_seconds', 0.0) / 60:.1f} min over "
             f"{results.get('sessions', 0)} call(s) of `regrapht bench`.", "",
             "Speedups over the `-O3 -march=native` sequential code, shown as "
             "**invalid as 0 (arithmetic mean) / valid only (arithmetic mean) / valid only "
             "(geometric mean)**; valid = verified on the GPU and within the roofline. "
             f"speedup@{k} and pass@{k} are unbiased estimates from the samples "
             "(docs/benchmark-tasks.md, Metrics)."]
    if int(manifest.get("samples", 1)) > 1:
        lines += ["", "Calls, tokens and wall time per task are totals over the task's "
                  f"{manifest['samples']} samples (a run's budget is "
                  f"{ident.get('budget', '?')} calls)."]
    versions = results.get("code_versions", {})
    if len(versions) > 1:
        lines += ["", f"**The runs were made by {len(versions)} versions of the code** "
                  "(bench/provenance.py; rows each): "
                  + ", ".join(f"{v} {n}" for v, n in versions.items())
                  + ". A run resumed while the code changed mixes them."]
    unmeasured = sum(m.compiled_not_run for m in metrics if m.tier == ALL_TIERS)
    if unmeasured:
        lines += ["", f"**{unmeasured} run(s) were compiled but not run (no GPU): their "
                  "correctness and speed were NOT measured and they count as not passed.**"]
    lines += ["", f"Answers cut at the token limit: {results.get('cut_answers', 0)}."]
    for tier in TIER_ORDER:
        if any(m.tier == tier for m in metrics):
            lines += ["", f"## {'All tiers' if tier == ALL_TIERS else tier.capitalize()}", ""]
            lines += _metrics_table(metrics, tier, k)
    if results["reference_summary"]:
        lines += ["", "## Reference solutions (the ceiling)", "",
                  "| tier | tasks | verified | compiled, not run | failed | kernel speedup "
                  "(geomean) | end-to-end (geomean) | memory bandwidth reached (median) |",
                  "|---|---|---|---|---|---|---|---|"]
        for r in results["reference_summary"]:
            lines.append(f"| {r['tier']} | {r['tasks']} | {r['verified']} | "
                         f"{r['compiled_not_run']} | {r['failed']} | {_x(r['kernel_geomean'])} | "
                         f"{_x(r['e2e_geomean'])} | {_pct(r['bandwidth_fraction_median'])} |")
    if results["tasks"]:
        methods = sorted({m for t in results["tasks"] for m in t["methods"]})
        lines += ["", "## Per task (best valid kernel speedup over the samples; share of the "
                  "reference's)", "",
                  "| task | tier | class | reference |" + "".join(f" {m} |" for m in methods),
                  "|---|---|---|---|" + "---|" * len(methods)]
        for t in results["tasks"]:
            cells = []
            for m in methods:
                e = t["methods"].get(m)
                if e is None:
                    cells.append("")
                elif e["best_kernel"] is None:
                    cells.append(f"{e['passed']}/{e['samples']} " + ",".join(e["statuses"]))
                else:
                    reach = f" ({e['reach']:.0%})" if e["reach"] else ""
                    cells.append(f"{_x(e['best_kernel'])}{reach}")
            ref = _x(t["reference_kernel"]) if t["reference_kernel"] else (
                t["reference_status"] or "-")
            lines.append(f"| {t['task']} | {t['tier']} | {t['kernel_class']} | {ref} |"
                         + "".join(f" {c} |" for c in cells))
    return "\n".join(lines) + "\n"


def write_report(out: Path, k: int | None = None, title: str | None = None, plots: bool = True
                 ) -> list[str]:
    """Write results.json, summary.md and the plots; returns notes (e.g. plots skipped)."""
    results = build_results(out, k)
    (out / "results.json").write_text(json.dumps(results, indent=1) + "\n")
    (out / "summary.md").write_text(summary_markdown(results, title or out.name)
                                    + taxonomy_section(out))
    notes = []
    if plots:
        from regrapht.bench.plots import PlottingUnavailable, write_plots
        try:
            notes += write_plots(results, out)
        except PlottingUnavailable as exc:
            notes.append(str(exc))
    return notes
