"""Rank the graph's worked examples by how much their starting code looks like the user's.

Offline and fast: a bag of code tokens (identifiers, keywords, operators) per example, cosine
similarity with the user's function, plus a bonus when the kernel class is the same. The token
bags are built once per graph (`ExampleIndex`), so a query over the whole graph is a few
thousand dictionary lookups.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import networkx as nx

from regrapht.graph.schema import START, Example

TOKEN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|==|!=|<=|>=|\+=|-=|\*=|/=|\+\+|--|[-+*/%<>=&|^!\[\]]")
CLASS_BONUS = 0.2


def bag(code: str) -> Counter[str]:
    return Counter(TOKEN.findall(code))


def cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(count * b[token] for token, count in a.items() if token in b)
    norm = math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values()))
    return dot / norm if norm else 0.0


@dataclass(frozen=True)
class Hit:
    score: float
    source: str  # from-technique of the edge
    target: str  # to-technique
    example: Example


class ExampleIndex:
    def __init__(self, graph: nx.DiGraph) -> None:
        self._entries = [(u, v, x, bag(x.code_before))
                         for u, v, d in graph.edges(data=True) for x in d["examples"]]
        self._by_source: dict[str, Counter[str]] | None = None

    def rank(self, code: str, kernel_class: str | None = None, *, edge: tuple[str, str] | None
             = None, limit: int = 5) -> list[Hit]:
        """The `limit` examples most like `code`, from one edge or from the whole graph."""
        query = bag(code)
        hits = []
        for u, v, example, tokens in self._entries:
            if edge is not None and (u, v) != edge:
                continue
            score = cosine(query, tokens)
            if kernel_class and example.kernel_class == kernel_class:
                score += CLASS_BONUS
            hits.append(Hit(score, u, v, example))
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]

    def _sequential(self) -> dict[str, Counter[str]]:
        """Each trajectory's sequential code (its first step's code before), by source name."""
        if self._by_source is None:
            self._by_source = {}
            for u, _v, example, tokens in self._entries:
                if u == START and example.source not in self._by_source:
                    self._by_source[example.source] = tokens
        return self._by_source

    def best_on_edge(self, code: str, edge: tuple[str, str]) -> Example | None:
        scored = self.best_on_edge_scored(code, edge)
        return scored[1] if scored else None

    def best_on_edge_scored(self, code: str, edge: tuple[str, str]
                            ) -> tuple[float, Example] | None:
        """The example of `edge` whose trajectory started from the code most like `code`.

        Deeper steps start from CUDA, which the user's sequential code does not resemble; so an
        example is scored by its trajectory's sequential code (the same kernel's worked path),
        falling back to its own code before. Ties keep the graph's order (deterministic)."""
        query, sequential = bag(code), self._sequential()
        best: tuple[float, Example] | None = None
        for u, v, example, tokens in self._entries:
            if (u, v) != edge:
                continue
            score = cosine(query, sequential.get(example.source, tokens))
            if best is None or score > best[0]:
                best = (score, example)
        return best

    def similar_kernels(self, code: str, limit: int) -> list[KernelMatch]:
        """The `limit` trajectories whose sequential code is most like `code`, each with its
        fastest verified step (the retrieval baseline's examples)."""
        query = bag(code)
        fastest: dict[str, Example] = {}
        sequential_code: dict[str, str] = {}
        for u, _v, example, _tokens in self._entries:
            if u == START:
                sequential_code.setdefault(example.source, example.code_before)
            held = fastest.get(example.source)
            if held is None or example.speedup_kernel > held.speedup_kernel:
                fastest[example.source] = example
        matches = [KernelMatch(cosine(query, tokens), source, sequential_code[source],
                               fastest[source])
                   for source, tokens in self._sequential().items()]
        matches.sort(key=lambda m: -m.score)
        return matches[:limit]


@dataclass(frozen=True)
class KernelMatch:
    score: float
    source: str
    sequential: str  # the trajectory's starting code
    fastest: Example  # its verified step with the best kernel speedup
