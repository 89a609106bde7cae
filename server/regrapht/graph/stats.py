"""Numbers about a reasoning graph: `regrapht graph stats`."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from regrapht.graph.schema import KERNEL_CLASSES, START


@dataclass(frozen=True)
class GraphStats:
    techniques: int  # nodes other than the start node
    edges: int
    examples: int
    sources: int  # distinct sequential kernels the examples come from
    examples_per_edge: tuple[tuple[str, str, int], ...]  # most first
    # median (kernel-only, end-to-end) speedup of each edge's examples, as examples_per_edge
    edge_speedups: tuple[tuple[float, float], ...]
    by_class: tuple[tuple[str, int], ...]  # kernel class -> distinct sources, every class listed
    unused_techniques: tuple[str, ...]  # nodes no edge reaches


def graph_stats(graph: nx.DiGraph) -> GraphStats:
    per_edge = sorted(((u, v, len(d["examples"])) for u, v, d in graph.edges(data=True)),
                      key=lambda e: (-e[2], e[0], e[1]))
    examples = [x for _, _, d in graph.edges(data=True) for x in d["examples"]]
    sources_by_class: dict[str, set[str]] = {c: set() for c in KERNEL_CLASSES}
    for x in examples:
        sources_by_class[x.kernel_class].add(x.source)
    reached = Counter(v for _, v in graph.edges)
    speedups = []
    for u, v, _ in per_edge:
        found = graph.edges[u, v]["examples"]
        speedups.append((statistics.median(x.speedup_kernel for x in found) if found else 0.0,
                         statistics.median(x.speedup_end_to_end for x in found) if found
                         else 0.0))
    return GraphStats(
        techniques=graph.number_of_nodes() - 1,
        edges=graph.number_of_edges(),
        examples=len(examples),
        sources=len({x.source for x in examples}),
        examples_per_edge=tuple(per_edge),
        edge_speedups=tuple(speedups),
        by_class=tuple((c, len(s)) for c, s in sources_by_class.items()),
        unused_techniques=tuple(sorted(n for n in graph.nodes if n != START and not reached[n])),
    )


def format_stats(s: GraphStats) -> str:
    lines = [f"techniques: {s.techniques}", f"edges: {s.edges}", f"examples: {s.examples} from "
             f"{s.sources} sequential kernels"]
    if s.examples_per_edge:
        lines.append("examples per edge (median speedup after the step: kernel-only, "
                     "end-to-end):")
        lines += [f"  {n:4d}  {u} -> {v}  (x{k:.3g}, x{e:.3g})"
                  for (u, v, n), (k, e) in zip(s.examples_per_edge, s.edge_speedups,
                                               strict=True)]
    lines.append("kernels by class:")
    lines += [f"  {n:4d}  {c}" for c, n in s.by_class]
    if s.unused_techniques:
        lines.append(f"techniques no edge reaches yet: {', '.join(s.unused_techniques)}")
    return "\n".join(lines)
