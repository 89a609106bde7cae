"""The statistics MCGS keeps and the three pure rules over them: select, roll out, back up.

Statistics live on graph edges u -> v (shared by every path that reaches u: that is what makes
it a graph search rather than a tree search). A node's count N(u) is the sum of its out-edges'
counts, i.e. how often a selection chose from u, whichever parent it came from. Q is used
min-max normalized over the values backed up so far (speedups range from 1x to 1000x; the
exploration constant and the visit penalty then mean the same on every problem).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol


class Visited(Protocol):
    visits: int
    total: float


@dataclass
class EdgeStats:
    visits: int = 0
    total: float = 0.0  # sum of the rollout rewards backed up through this edge

    @property
    def mean(self) -> float:
        return self.total / self.visits if self.visits else 0.0


@dataclass
class EdgeTable:
    """Edge statistics of the graph; `expand` adds all successors of a node on its first visit."""

    edges: dict[tuple[str, str], EdgeStats] = field(default_factory=dict)
    expanded: set[str] = field(default_factory=set)
    low: float = math.inf  # smallest and largest value backed up so far
    high: float = -math.inf

    def normalize(self, value: float) -> float:
        """`value` on [0, 1] between the smallest and largest backed-up values (0.5 before
        two different values were seen)."""
        if not self.high > self.low:
            return 0.5
        return min(max((value - self.low) / (self.high - self.low), 0.0), 1.0)

    def record(self, value: float) -> None:
        self.low, self.high = min(self.low, value), max(self.high, value)

    def expand(self, node: str, successors: Sequence[str]) -> None:
        if node not in self.expanded:
            self.expanded.add(node)
            for v in successors:
                self.edges.setdefault((node, v), EdgeStats())

    def of(self, node: str, successors: Sequence[str]) -> list[EdgeStats]:
        return [self.edges.get((node, v)) or EdgeStats() for v in successors]


def _argmax(scores: Sequence[float], rng: random.Random,
            prior: Sequence[float] | None = None) -> int:
    """The best score; among equal scores the highest prior (when given), then a seeded draw."""
    best = max(scores)
    ties = [i for i, s in enumerate(scores) if s == best]
    if prior is not None and len(ties) > 1:
        top = max(prior[i] for i in ties)
        ties = [i for i in ties if prior[i] == top]
    return ties[0] if len(ties) == 1 else rng.choice(ties)


def _identity(value: float) -> float:
    return value


def ucb_scores(arms: Sequence[EdgeStats], exploration: float, *, parent: int | None = None,
               normalize: Callable[[float], float] = _identity) -> list[float]:
    """UCB1: Q + c * sqrt(2 ln N(parent) / N(edge)); an unvisited edge scores infinity.
    N(parent) defaults to the sum of the arms' visits."""
    if parent is None:
        parent = sum(a.visits for a in arms)
    return [math.inf if a.visits == 0 else normalize(a.mean)
            + exploration * math.sqrt(2.0 * math.log(max(parent, 1)) / a.visits) for a in arms]


def select_ucb(arms: Sequence[EdgeStats], exploration: float, rng: random.Random, *,
               parent: int | None = None,
               normalize: Callable[[float], float] = _identity,
               prior: Sequence[float] | None = None) -> int:
    """The arm to follow: an unvisited one first, else the best UCB1 score. Ties (all
    unvisited arms tie at infinity) go to the highest `prior`, then to a seeded draw."""
    return _argmax(ucb_scores(arms, exploration, parent=parent, normalize=normalize), rng,
                   prior)


def select_rollout(arms: Sequence[EdgeStats], taken: Sequence[int], *, epsilon: float,
                   penalty: float, rng: random.Random,
                   normalize: Callable[[float], float] = _identity,
                   prior: Sequence[float] | None = None) -> int:
    """Epsilon-greedy over Q(s,a) - lambda * N(s,a), where N counts the search's visits plus
    this rollout's own uses of the edge, so a rollout going round a cycle pays for each lap.
    An edge never backed up has Q = normalize(0): no evidence either way."""
    if rng.random() < epsilon:
        return rng.randrange(len(arms))
    return _argmax([normalize(a.mean) - penalty * (a.visits + n)
                    for a, n in zip(arms, taken, strict=True)], rng, prior)


def backpropagate(path: Iterable[Visited], value: float) -> None:
    """Add one visit and the rollout's value to everything on the selected path."""
    for item in path:
        item.visits += 1
        item.total += value
