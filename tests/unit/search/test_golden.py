"""Golden search trees: each method on a small graph with the fake model and validator.

The explored tree (technique, example, phase, verdict, reward, visits, Q per state), the path
and the stop reason are compared exactly with tests/unit/search/golden/NAME.json. After an
intended change of the search, regenerate them with REGRAPHT_UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from regrapht.search import SearchOutcome, SearchSettings, search
from tests.unit.search.fakes import DIAMOND, FACTORS, FakeEvaluator, FakeModel, graph, problem

GOLDEN = Path(__file__).parent / "golden"
CYCLE = [("start", "a"), ("a", "b"), ("b", "a")]
NOTHING: list[tuple[str, str]] = []

SCENARIOS: list[tuple[str, str, list[tuple[str, str]], dict[str, Any], dict[str, float | None]]] = [
    # name                     method           graph    settings                     factors
    ("mcgs-diamond-seed0",     "regrapht-mcgs", DIAMOND, {"seed": 0},                 FACTORS),
    ("mcgs-diamond-seed1",     "regrapht-mcgs", DIAMOND, {"seed": 1},                 FACTORS),
    ("mcgs-diamond-greedy",    "regrapht-mcgs", DIAMOND, {"epsilon": 0.0, "budget": 8}, FACTORS),
    ("mcgs-cycle",             "regrapht-mcgs", CYCLE,   {"budget": 30},              {}),
    ("mcgs-no-edges",          "regrapht-mcgs", NOTHING, {},                          FACTORS),
    ("walks-diamond",          "regrapht",      DIAMOND, {},                          FACTORS),
    ("repair-wrong-first",     "repair",        DIAMOND, {},
     {**FACTORS, "one shot": None}),
    ("standard-same-calls",    "standard",      DIAMOND, {"budget": 3, "same_calls": True},
     FACTORS),
    ("cot",                    "cot",           DIAMOND, {},                          FACTORS),
    ("rag",                    "rag",           DIAMOND, {},                          FACTORS),
]


def run(method: str, edges: list[tuple[str, str]], settings: dict[str, Any],
        factors: dict[str, float | None]) -> SearchOutcome:
    chosen = replace(SearchSettings(method=method), **settings)
    return search(problem(graph(edges)), FakeModel(), FakeEvaluator(factors), chosen)


def as_table(outcome: SearchOutcome) -> dict[str, Any]:
    t = outcome.trace
    return {
        "method": t.method, "stop": t.stop, "iterations": t.iterations, "path": list(t.path),
        "calls": outcome.model_calls, "notes": list(t.notes),
        "best": outcome.best.index if outcome.best else None,
        "nodes": [
            f"{n.id:>2} parent={n.parent} {n.phase:<7} {n.technique} | example={n.example or '-'}"
            f" | {n.status or '-'} speedup={n.speedup and round(n.speedup, 4)}"
            f" reward={round(n.reward, 4)} visits={n.visits} Q={round(n.value, 4)}"
            for n in t.nodes
        ],
    }


@pytest.mark.parametrize(("name", "method", "edges", "settings", "factors"), SCENARIOS,
                         ids=[s[0] for s in SCENARIOS])
def test_golden_tree(name, method, edges, settings, factors):
    table = as_table(run(method, edges, settings, factors))
    path = GOLDEN / f"{name}.json"
    if os.environ.get("REGRAPHT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(table, indent=1) + "\n")
    assert table == json.loads(path.read_text())


@pytest.mark.parametrize("name", [s[0] for s in SCENARIOS])
def test_same_seed_same_tree(name):
    _, method, edges, settings, factors = next(s for s in SCENARIOS if s[0] == name)
    assert as_table(run(method, edges, settings, factors)) == \
        as_table(run(method, edges, settings, factors))
