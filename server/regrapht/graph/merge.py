"""Merge one verified trajectory into the graph, as the method describes (method.md).

Walk from the start node; for each step, relabel its technique onto an existing node (or make a
new one), then follow the edge to it if there is one (append the example), else add the edge.
The caller verifies every step before it gets here (the validator); merge only records.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from regrapht.graph.relabel import relabel
from regrapht.graph.schema import START, Example, Technique


@dataclass(frozen=True)
class Step:
    technique: str  # as the trajectory names it
    description: str  # used only when the technique is new
    example: Example
    min_parallel_loops: int = 1  # used only when the technique is new (schema.Technique)


@dataclass(frozen=True)
class MergeLog:
    relabelled: tuple[tuple[str, str, str], ...]  # (name given, node used, reason)
    new_nodes: tuple[str, ...]
    new_edges: tuple[tuple[str, str], ...]


def merge(graph: nx.DiGraph, steps: list[Step]) -> MergeLog:
    relabelled, new_nodes, new_edges = [], [], []
    current = START
    for step in steps:
        techniques = [graph.nodes[n]["technique"] for n in graph.nodes if n != START]
        decision = relabel(step.technique, techniques)
        node = decision.name
        if node is None:
            node = step.technique.strip()
            graph.add_node(node, technique=Technique(node, step.description,
                                                     min_parallel_loops=step.min_parallel_loops))
            new_nodes.append(node)
        relabelled.append((step.technique, node, decision.reason))
        if graph.has_edge(current, node):
            graph.edges[current, node]["examples"] += (step.example,)
        else:
            graph.add_edge(current, node, examples=(step.example,))
            new_edges.append((current, node))
        current = node
    return MergeLog(tuple(relabelled), tuple(new_nodes), tuple(new_edges))
