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

from regrapht.graph.schema import Example

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
