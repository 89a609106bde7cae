"""Grow the graph from step-by-step trajectories: `regrapht graph add TRAJECTORIES.jsonl`.

One JSON object per line (documented in shared_graph/README.md):
    {"source": "saxpy", "kernel_class": "element-wise", "language": "c", "function": "saxpy",
     "sequential": "<the C/C++ function>",
     "steps": [{"technique": ..., "description": ..., "reasoning": ..., "how": ...,
                "code": "<kernels + launcher>"}, ...]}
A step that introduces a technique may also say `"min_parallel_loops": N` (schema.Technique).
Every step is verified before it enters the graph (`verify`, passed in: the CLI gives the real
validator). A step that fails is reported with its reason, and so are the steps after it, which
build on its code; the verified steps before it are merged. Nothing is dropped silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from regrapht.graph.merge import MergeLog, Step, merge
from regrapht.graph.schema import KERNEL_CLASSES, Example


@dataclass(frozen=True)
class StepCheck:
    ok: bool
    reason: str  # why not ('' when ok)
    speedup_kernel: float = 0.0
    speedup_end_to_end: float = 0.0
    device: str = ""


# (trajectory record, step index, the step's code) -> the verdict on that step
Verify = Callable[[dict[str, Any], int, str], StepCheck]


@dataclass(frozen=True)
class Rejected:
    source: str
    step: int  # 1-based
    technique: str
    reason: str


@dataclass(frozen=True)
class AddReport:
    merged_steps: int
    rejected: tuple[Rejected, ...]
    logs: tuple[MergeLog, ...]


REQUIRED = ("source", "kernel_class", "language", "function", "sequential", "steps")
STEP_FIELDS = ("technique", "reasoning", "how", "code")


def read_trajectories(lines: Iterable[str]) -> list[dict[str, Any]]:
    """Parse JSONL; a malformed record raises ValueError naming its line."""
    records = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"line {number}: not JSON ({exc})") from None
        missing = [k for k in REQUIRED if k not in record]
        if missing:
            raise ValueError(f"line {number}: missing {', '.join(missing)}")
        if record["kernel_class"] not in KERNEL_CLASSES:
            raise ValueError(f"line {number}: unknown kernel class '{record['kernel_class']}'")
        steps = record["steps"]
        if not isinstance(steps, list) or not 1 <= len(steps) <= 6:
            raise ValueError(f"line {number}: a trajectory has 1 to 6 steps")
        for i, step in enumerate(steps, start=1):
            lacking = [k for k in STEP_FIELDS if not isinstance(step.get(k), str)]
            if lacking:
                raise ValueError(f"line {number}, step {i}: missing {', '.join(lacking)}")
            loops = step.get("min_parallel_loops", 1)
            if not isinstance(loops, int) or isinstance(loops, bool) or loops < 1:
                raise ValueError(f"line {number}, step {i}: min_parallel_loops must be a "
                                 "positive integer")
        records.append(record)
    return records


def add_trajectories(graph: nx.DiGraph, records: list[dict[str, Any]], verify: Verify
                     ) -> AddReport:
    rejected: list[Rejected] = []
    logs: list[MergeLog] = []
    merged = 0
    for record in records:
        steps: list[Step] = []
        before = record["sequential"]
        for index, step in enumerate(record["steps"]):
            check = verify(record, index, step["code"])
            if not check.ok:
                rejected.append(Rejected(record["source"], index + 1, step["technique"],
                                         check.reason))
                rejected += [Rejected(record["source"], later + 1, s["technique"],
                                      f"builds on step {index + 1}, which was rejected")
                             for later, s in enumerate(record["steps"]) if later > index]
                break
            example = Example(record["source"], record["kernel_class"], step["reasoning"],
                              step["how"], before, step["code"], check.speedup_kernel,
                              check.speedup_end_to_end, check.device)
            steps.append(Step(step["technique"], step.get("description", ""), example,
                              step.get("min_parallel_loops", 1)))
            before = step["code"]
        if steps:
            logs.append(merge(graph, steps))
            merged += len(steps)
    return AddReport(merged, tuple(rejected), tuple(logs))
