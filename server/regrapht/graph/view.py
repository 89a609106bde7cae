"""A read-only view of the reasoning graph for the search: techniques, successors, examples.

The search walks the graph without importing networkx: `GraphView.of(graph)` copies what it
needs into plain mappings once per run (successors sorted by name, so that a walk depends only
on the seed), and picks each edge's worked example by similarity to the user's code, once.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from regrapht.graph.retrieve import ExampleIndex, KernelMatch
from regrapht.graph.schema import START, Example, Technique


@dataclass(frozen=True)
class GraphView:
    techniques: dict[str, Technique]
    successors: dict[str, tuple[str, ...]]
    index: ExampleIndex = field(repr=False, compare=False)
    _chosen: dict[tuple[str, str, str], tuple[float, Example] | None] = field(
        default_factory=dict, repr=False, compare=False)

    @staticmethod
    def of(graph: nx.DiGraph) -> GraphView:
        techniques = {n: graph.nodes[n]["technique"] for n in graph.nodes}
        successors = {n: tuple(sorted(graph.successors(n))) for n in graph.nodes}
        return GraphView(techniques, successors, ExampleIndex(graph))

    @property
    def start(self) -> str:
        return START

    def next_techniques(self, technique: str, parallel_loops: int | None = None
                        ) -> tuple[str, ...]:
        """The techniques after `technique`; given the user's count of independent nested
        loops, only those that need no more of them (all when that would leave none), so that
        a 1D loop is never offered a 2D or 3D thread mapping."""
        successors = self.successors.get(technique, ())
        if parallel_loops is None:
            return successors
        fitting = tuple(v for v in successors if self.min_parallel_loops(v) <= parallel_loops)
        return fitting or successors

    def min_parallel_loops(self, technique: str) -> int:
        t = self.techniques.get(technique)
        return t.min_parallel_loops if t else 1

    def description(self, technique: str) -> str:
        t = self.techniques.get(technique)
        return t.description if t else ""

    def example(self, edge: tuple[str, str], user_code: str) -> Example | None:
        """The edge's worked example from the kernel most like the user's (cached per run)."""
        scored = self._scored(edge, user_code)
        return scored[1] if scored else None

    def affinity(self, edge: tuple[str, str], user_code: str) -> float:
        """How like the user's code the kernel behind the edge's chosen example is (cosine
        similarity, 0 for an edge without examples): the search's tie-break between edges it
        has no measurement of yet, so that a 1D loop tries `thread mapping` before
        `3D thread mapping`."""
        scored = self._scored(edge, user_code)
        return scored[0] if scored else 0.0

    def _scored(self, edge: tuple[str, str], user_code: str) -> tuple[float, Example] | None:
        key = (*edge, user_code)
        if key not in self._chosen:
            self._chosen[key] = self.index.best_on_edge_scored(user_code, edge)
        return self._chosen[key]

    def similar_kernels(self, user_code: str, limit: int) -> list[KernelMatch]:
        return self.index.similar_kernels(user_code, limit)
