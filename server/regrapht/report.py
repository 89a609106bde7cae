"""The JSON report of a run: what was asked, what the model wrote, what was measured, and the
search's trace (the path taken and the tree explored)."""

from __future__ import annotations

import dataclasses
import datetime
import math
import platform
from pathlib import Path
from typing import Any

from regrapht import __version__
from regrapht.pipeline import Job, RunResult
from regrapht.search import SearchOutcome, TraceNode
from regrapht.validate.verdict import Stats, Status, Verdict


def _stats(s: Stats | None) -> dict[str, Any] | None:
    return dataclasses.asdict(s) if s else None


def overall_status(result: RunResult) -> str:
    verdict = result.best_verdict
    if verdict is None:
        return "failed"
    return verdict.status.value  # "verified" or "compiled-not-run"


def summary_line(result: RunResult) -> str:
    v = result.best_verdict
    if v is None:
        last = result.outcome.attempts[-1].verdict if result.outcome.attempts else None
        why = f": {last.status.value}, {last.reason}" if last else ""
        return f"no usable CUDA version after {result.outcome.model_calls} model call(s){why}"
    if v.status is Status.COMPILED_NOT_RUN:
        return f"compiles with nvcc; {v.reason}"
    line = (
        f"correct on {v.correctness_trials} randomized trials on {v.device}; speedup over the "
        f"-O3 sequential code: {v.speedup_kernel:.2f}x kernel-only, "
        f"{v.speedup_end_to_end:.2f}x end-to-end (incl. transfers)"
    )
    if v.roofline and v.roofline.judged:
        line += (f"; the kernel runs at {v.roofline.bandwidth_fraction:.0%} of the measured "
                 "memory bandwidth (compulsory traffic)")
    if v.suspicious:
        line += f". SUSPICIOUS, check it by hand: {v.suspicious}"
    return line


def _step(n: TraceNode) -> str:
    speed = f" {n.speedup:.2f}x" if n.speedup is not None else ""
    return f"{n.technique} ({n.status}{speed})"


def search_line(result: RunResult) -> str:
    """One line: the method, what it spent, the path to the answer and the search's overhead."""
    o = result.outcome
    t = o.trace
    path = " -> ".join(_step(n) for n in t.steps()) or "no usable step"
    spent = sum(a.model_seconds + a.validate_seconds for a in o.attempts)
    share = o.search_overhead_seconds / (spent + o.search_overhead_seconds) if spent else 0.0
    return (f"search: {t.method}, {o.model_calls} model call(s), {len(t.nodes) - 1} state(s), "
            f"stopped: {t.stop}; path: {path}; search overhead {o.search_overhead_seconds:.3f} s "
            f"({share:.1%})")


def _node(n: TraceNode, with_code: bool) -> dict[str, Any]:
    node = {"id": n.id, "parent": n.parent, "technique": n.technique, "example": n.example,
            "phase": n.phase, "attempt": n.attempt, "status": n.status, "speedup": n.speedup,
            "reward": n.reward, "seconds": n.seconds, "visits": n.visits, "value": n.value,
            "note": n.note}
    if with_code:
        node["code"] = n.code
    return node


def trace_report(outcome: SearchOutcome) -> dict[str, Any]:
    t = outcome.trace
    return {
        "method": t.method, "stop": t.stop, "iterations": t.iterations, "seed": t.seed,
        "notes": list(t.notes), "tree_size": len(t.nodes) - 1,
        "duplicates_redrawn": t.duplicates_redrawn,
        "overhead_seconds": outcome.search_overhead_seconds,
        "path": [_node(n, with_code=True) for n in t.steps()],
        "tree": [_node(n, with_code=False) for n in t.nodes],
    }


def _roofline(v: Verdict) -> dict[str, Any] | None:
    r = v.roofline
    if r is None:
        return None
    fraction = r.bandwidth_fraction
    return {**dataclasses.asdict(r), "bandwidth_fraction": fraction if math.isfinite(fraction)
            else None, "gflops": r.gflops}


CHILD_OUTPUT_TAIL = 2000  # what the checking process printed last (crash messages)


def _verdict(v: Verdict) -> dict[str, Any]:
    return {
        "status": v.status.value,
        "reason": v.reason,
        "compiled": v.compiled,
        "correct": v.correct,
        "correctness_trials": v.correctness_trials,
        "device": v.device,
        "speedup_kernel": v.speedup_kernel,
        "speedup_end_to_end": v.speedup_end_to_end,
        "reference_seconds": _stats(v.reference),
        "kernel_seconds": _stats(v.kernel),
        "end_to_end_seconds": _stats(v.end_to_end),
        "kernels": [dataclasses.asdict(k) for k in v.kernels],
        "compiler_errors": v.compiler_errors,
        "compile_seconds": v.compile_seconds,
        "roofline": _roofline(v),
        "suspicious": v.suspicious,
        "child_output_tail": v.child_output[-CHILD_OUTPUT_TAIL:],
    }


def build_report(
    job: Job, result: RunResult, *, output: Path | None, model_path: Path, settings: dict[str, Any],
    wall_seconds: float,
) -> dict[str, Any]:
    best = result.outcome.best
    p = result.profile
    return {
        "regrapht_version": __version__,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "status": overall_status(result),
        "summary": summary_line(result),
        "source": {"path": str(job.path), "function": result.site.name,
                   "language": result.site.language, "line": result.site.span.start_line},
        "output": str(output) if output else None,
        "model": {"name": result.model_name, "path": str(model_path)},
        "settings": {
            **settings,
            "method": job.method,
            "budget": job.budget,
            "same_calls": job.same_calls,
            "time_limit": job.time_limit,
            "search_seed": job.seed,
            "max_repairs": job.max_repairs,
            "arch": job.arch,
            "reference_flags": list(job.reference_flags),
            "grammar": job.grammar,
            "kernel_interface": dataclasses.asdict(job.interface) if job.interface else None,
            "overrides": dataclasses.asdict(result.overrides),
        },
        "machine": {"platform": platform.platform(), "processor": platform.processor(),
                    "python": platform.python_version()},
        "reference": {
            "compile_command": list(p.compile_command),
            "timing_sizes": dict(p.timing_sizes),
            "seconds": _stats(Stats.of(p.samples)),
            "correctness_sizes": [dict(s) for s in p.correctness_sizes],
            "keeps_initial": list(p.keeps_initial),
            "assumptions": list(p.assumptions),
        },
        "result": _verdict(best.verdict) if best else None,
        "search": trace_report(result.outcome),
        "attempts": [
            {"index": a.index, "kind": a.kind, "prompt_tokens": a.prompt_tokens,
             "completion_tokens": a.completion_tokens, "model_seconds": a.model_seconds,
             "validate_seconds": a.validate_seconds, "verdict": _verdict(a.verdict),
             "cut": a.cut, "answer": a.answer}
            for a in result.outcome.attempts
        ],
        "totals": {"model_calls": result.outcome.model_calls, "tokens": result.outcome.tokens,
                   "wall_seconds": wall_seconds,
                   "search_overhead_seconds": result.outcome.search_overhead_seconds},
    }
