"""The graph methods offer no technique that needs more independent nested loops than the user's
code has (Technique.min_parallel_loops against Problem.parallel_loops): on an H100 benchmark run
MCGS spent 6 of its 8 model calls on 2D and 3D mappings of 1D loops, all failing to compile."""

from __future__ import annotations

from dataclasses import replace

import pytest

from regrapht.graph import START
from regrapht.search import SearchSettings, search
from tests.unit.search.fakes import FACTORS, FakeEvaluator, FakeModel, graph, problem, technique_of

MAPPINGS = ["thread mapping", "2D thread mapping", "3D thread mapping", "grid-stride loop"]
NEEDS = {"2D thread mapping": 2, "3D thread mapping": 3}
# The start's successors are the mappings; every mapping leads to two refinements.
EDGES = [("start", m) for m in MAPPINGS] + [
    (m, v) for m in MAPPINGS for v in ("loop unrolling", "shared memory tiling")]
VIEW = graph(EDGES, needs=NEEDS)


def asked(method: str, parallel_loops: int, budget: int = 12, seed: int = 0,
          view=VIEW) -> tuple[set[str], FakeModel, object]:
    model = FakeModel()
    outcome = search(problem(view, parallel_loops), model, FakeEvaluator(FACTORS),
                     replace(SearchSettings(method=method), budget=budget, seed=seed))
    return {technique_of(p) for p in model.prompts}, model, outcome


# (parallel loops at the site, start successors offered)
OFFERED = [
    (1, ("grid-stride loop", "thread mapping")),
    (2, ("2D thread mapping", "grid-stride loop", "thread mapping")),
    (3, ("2D thread mapping", "3D thread mapping", "grid-stride loop", "thread mapping")),
    (None, ("2D thread mapping", "3D thread mapping", "grid-stride loop", "thread mapping")),
]


@pytest.mark.parametrize(("loops", "offered"), OFFERED)
def test_view_offers_what_the_loops_allow(loops: int | None, offered: tuple[str, ...]) -> None:
    assert VIEW.next_techniques(START, loops) == offered


def test_when_nothing_fits_everything_is_offered() -> None:
    only_2d = graph([("start", "2D thread mapping"), ("start", "3D thread mapping")], needs=NEEDS)
    assert only_2d.next_techniques(START, 1) == ("2D thread mapping", "3D thread mapping")


# (method, parallel loops, seed, mappings the model may be asked for, mappings it must be)
SEARCHES = [
    ("regrapht-mcgs", 1, 0, {"thread mapping", "grid-stride loop"},
     {"thread mapping", "grid-stride loop"}),
    ("regrapht-mcgs", 2, 0, {"thread mapping", "grid-stride loop", "2D thread mapping"},
     {"thread mapping", "grid-stride loop", "2D thread mapping"}),
    ("regrapht-mcgs", 3, 0, set(MAPPINGS), set(MAPPINGS)),
    *[("regrapht", 1, seed, {"thread mapping", "grid-stride loop"}, set()) for seed in range(4)],
    *[("regrapht", 2, seed, {"thread mapping", "grid-stride loop", "2D thread mapping"}, set())
      for seed in range(4)],
]


@pytest.mark.parametrize(("method", "loops", "seed", "allowed", "required"), SEARCHES)
def test_search_asks_only_for_mappings_the_loops_allow(method, loops, seed, allowed, required):
    techniques, _, _ = asked(method, loops, seed=seed)
    mappings = techniques & set(MAPPINGS)
    assert required <= mappings <= allowed


def test_closed_states_ignore_what_is_not_offered() -> None:
    # A 1D loop whose only fitting first step is a dead end: the search is exhausted after it
    # rather than going on to the 2D mapping (or never stopping).
    view = graph([("start", "thread mapping"), ("start", "2D thread mapping"),
                  ("2D thread mapping", "loop unrolling")], needs=NEEDS)
    techniques, model, outcome = asked("regrapht-mcgs", 1, view=view)
    assert techniques == {"thread mapping"} and len(model.prompts) == 1
    assert outcome.trace.stop == "exhausted"
