"""MCGS repairs a failing step with the validator's feedback before giving its branch up
(SearchSettings.step_repairs; 0 is the paper's search exactly)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from regrapht.search import SearchSettings, search
from tests.unit.search.fakes import FakeEvaluator, FakeModel, graph, problem

# Every first step fails; the fake model's repair answer is verified unless "repair" fails too.
ALL_FAIL = [("start", "a"), ("start", "b"), ("start", "c"), ("a", "d"), ("b", "d"), ("c", "d")]
FAILING = {"a": None, "b": None, "c": None, "d": 2.0}

# (step_repairs, does a repair work, calls made of a budget of 12, stop, phases of the states)
CASES = [
    (0, True, 3, "exhausted", ["expand", "expand", "expand"]),
    (1, False, 6, "exhausted", ["expand", "repair"] * 3),
    (1, True, 9, "exhausted", ["expand", "repair", "rollout"] * 3),  # each repaired, then d
]


@pytest.mark.parametrize(("repairs", "repair_works", "calls", "stop", "phases"), CASES)
def test_failing_steps_and_their_repairs(repairs, repair_works, calls, stop, phases):
    factors = {**FAILING, "repair": 3.0 if repair_works else None}
    model, evaluator = FakeModel(), FakeEvaluator(factors)
    outcome = search(problem(graph(ALL_FAIL)), model, evaluator,
                     replace(SearchSettings(), budget=12, step_repairs=repairs))
    assert (outcome.model_calls, outcome.trace.stop) == (calls, stop)
    nodes = outcome.trace.nodes[1:]
    if phases is not None:
        assert [n.phase for n in nodes] == phases
    for node in nodes:
        if node.phase == "repair":  # the same step, from the same state, told what went wrong
            failed = outcome.trace.nodes[int(node.note.rsplit(" ", 1)[1])]
            assert (node.parent, node.technique) == (failed.parent, failed.technique)
            assert failed.status == "wrong"
            prompt = model.prompts[node.attempt][-1]["content"]
            assert "y differs from the reference" in prompt
    if repairs and repair_works:  # the search goes on from a repaired state
        assert outcome.best is not None and outcome.best.verdict.status.value == "verified"
        assert any(n.phase != "repair" and outcome.trace.nodes[n.parent].phase == "repair"
                   for n in nodes if n.parent)
