"""What the hover shows: the predicted optimization path before a run, the measured one after.

Pure domain code (no lsprotocol, no I/O): `predict_path` walks the reasoning graph, the
`markdown_*` functions turn a prediction or a run into Markdown, and `measured_steps` adapts a
run's outcome into rows. The adapter reads `outcome.attempts` today (one shot + repairs); when a
search hands back a per-step `trace` (technique, speedups), the adapter uses that instead.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from regrapht.graph import START, ExampleIndex
from regrapht.parse import CodeSite

MAX_STEPS = 5
SIMILARITY_BUCKET = 0.1  # similarities this close count as equal; then examples decide


@dataclass(frozen=True)
class PredictedStep:
    technique: str
    examples: int  # verified examples on the edge taken
    median_speedup_kernel: float
    median_speedup_end_to_end: float
    similarity: float  # of the edge's example most like the user's code
    closest_source: str = ""  # that example: its kernel, and the speedups it measured
    closest_speedup_kernel: float | None = None
    closest_speedup_end_to_end: float | None = None


@dataclass(frozen=True)
class ClosestExample:
    source: str
    kernel_class: str
    edge: tuple[str, str]
    similarity: float


@dataclass(frozen=True)
class Prediction:
    steps: tuple[PredictedStep, ...]
    closest: ClosestExample | None
    graph_examples: int  # verified examples in the whole graph


@dataclass(frozen=True)
class MeasuredStep:
    label: str  # "first answer", "repair 1", or a technique from a search trace
    status: str  # verdict status: verified, compiled-not-run, compile-failed, ...
    reason: str
    speedup_kernel: float | None
    speedup_end_to_end: float | None


def _edge_key(step: PredictedStep) -> tuple[float, int, float]:
    bucket = round(step.similarity / SIMILARITY_BUCKET)
    return (bucket, step.examples, step.median_speedup_end_to_end)


def predict_path(graph: nx.DiGraph, index: ExampleIndex, code: str,
                 parallel_loops: int | None = None) -> Prediction:
    """Greedy walk from the start node: at each node take the out-edge whose examples look most
    like `code` (in buckets of 0.1 cosine), then the one with most verified examples, then the
    best median end-to-end speedup; never revisit a technique; at most MAX_STEPS steps. Given
    the code's independent nested loops (parse.parallel_loops), the techniques that need more
    are passed over as the search passes them over (unless nothing else is left)."""
    total = sum(len(d["examples"]) for _, _, d in graph.edges(data=True))
    best = index.rank(code, limit=1)
    closest = (ClosestExample(best[0].example.source, best[0].example.kernel_class,
                              (best[0].source, best[0].target), best[0].score)
               if best else None)
    steps: list[PredictedStep] = []
    here, seen = START, {START}
    while len(steps) < MAX_STEPS and here in graph:
        options = []
        for _, there, data in graph.out_edges(here, data=True):
            examples = data["examples"]
            if there in seen or not examples:
                continue
            # scored as the search picks an edge's example: by how like the user's code the
            # example's kernel was before its trajectory started (graph/retrieve.py)
            hit = index.best_on_edge_scored(code, (here, there))
            options.append(PredictedStep(
                there, len(examples),
                statistics.median(x.speedup_kernel for x in examples),
                statistics.median(x.speedup_end_to_end for x in examples),
                hit[0] if hit else 0.0,
                hit[1].source if hit else "",
                hit[1].speedup_kernel if hit else None,
                hit[1].speedup_end_to_end if hit else None,
            ))
        if parallel_loops is not None:
            options = [o for o in options if _needs(graph, o.technique) <= parallel_loops] \
                or options
        if not options:
            break
        step = max(options, key=_edge_key)
        steps.append(step)
        here = step.technique
        seen.add(here)
    return Prediction(tuple(steps), closest, total)


def _needs(graph: nx.DiGraph, technique: str) -> int:
    t = graph.nodes[technique].get("technique")
    return t.min_parallel_loops if t is not None else 1


def _speedup(value: float | None) -> str:
    return f"{value:.2f}x" if value is not None else "-"


def _where(site: CodeSite) -> str:
    if site.focus_loop is None:
        return f"`{site.name}`"
    loop = site.loops[site.focus_loop]
    var = f" over `{loop.var}`" if loop.var else ""
    return f"the {loop.kind} loop{var} at line {loop.span.start_line} of `{site.name}`"


def markdown_prediction(site: CodeSite, prediction: Prediction) -> str:
    """The hover before any run: predicted techniques in order, with their evidence."""
    lines = [f"**regrapht** · predicted optimization path for {_where(site)}", ""]
    if not prediction.steps:
        if prediction.graph_examples == 0:
            lines.append("The reasoning graph holds no verified examples yet, so there is no "
                         "predicted path.")
        else:
            lines.append("No verified example in the reasoning graph leads anywhere from "
                         "sequential code yet.")
    for number, step in enumerate(prediction.steps, 1):
        plural = "s" if step.examples != 1 else ""
        line = (f"{number}. **{step.technique}**: {step.examples} verified example{plural}, "
                f"median speedup {_speedup(step.median_speedup_kernel)} kernel, "
                f"{_speedup(step.median_speedup_end_to_end)} end-to-end")
        if step.closest_source and step.examples > 1:  # medians mix unrelated kernels
            line += (f"; most like yours: `{step.closest_source}`, "
                     f"{_speedup(step.closest_speedup_kernel)} kernel, "
                     f"{_speedup(step.closest_speedup_end_to_end)} end-to-end")
        lines.append(line)
    if prediction.closest is not None:
        c = prediction.closest
        lines += ["", f"Closest example: `{c.source}` ({c.kernel_class}), step "
                  f"*{c.edge[0]} → {c.edge[1]}*, similarity {c.similarity:.2f}."]
    lines += ["", "_A prediction from the graph: nothing has been run. "
              "**Parallelize to CUDA** (code action) measures it._"]
    return "\n".join(lines)


def measured_steps(outcome: Any) -> list[MeasuredStep]:
    """Rows for the hover after a run: the search's path to its best result (one row per step:
    the technique, the worked example shown, the verdict and speedups), else, when no step
    led anywhere usable, every model call in order."""
    trace = getattr(outcome, "trace", None)
    path = trace.steps() if trace is not None else ()
    if path and all(node.attempt is not None for node in path):
        rows = []
        for node in path:
            v = outcome.attempts[node.attempt].verdict
            label = node.technique + (f" (example: {node.example})" if node.example else "")
            rows.append(MeasuredStep(label, v.status.value, v.reason, v.speedup_kernel,
                                     v.speedup_end_to_end))
        return rows
    return [MeasuredStep(f"{a.kind} (call {a.index + 1})" if a.index else "first answer",
                         a.verdict.status.value, a.verdict.reason, a.verdict.speedup_kernel,
                         a.verdict.speedup_end_to_end) for a in outcome.attempts]


def markdown_measured(function: str, status: str, summary: str,
                      steps: Sequence[MeasuredStep]) -> str:
    """The hover after a run: the overall status, then each measured step with its speedups."""
    lines = [f"**regrapht** · measured path for `{function}`: **{status}**", "", summary, "",
             "| # | step | result | kernel | end-to-end |", "|---|---|---|---|---|"]
    for number, step in enumerate(steps, 1):
        result = step.status + (f": {step.reason}" if step.reason else "")
        result = result.replace("|", "\\|").replace("\n", " ")[:160]
        lines.append(f"| {number} | {step.label} | {result} | {_speedup(step.speedup_kernel)} | "
                     f"{_speedup(step.speedup_end_to_end)} |")
    return "\n".join(lines)


def markdown_refusal(reason: str) -> str:
    return f"**regrapht** · this function cannot be parallelized: {reason}"
