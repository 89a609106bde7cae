"""MCGS repairs a failing step with the validator's feedback before giving its branch up
(SearchSettings.step_repairs), and writes a step that still failed again, sampled, up to
SearchSettings.step_draws times (repairs 0 and draws 1 is the paper's search exactly)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from regrapht.search import SearchSettings, search
from tests.unit.search.fakes import FakeEvaluator, FakeModel, graph, problem

# Every first step fails; the fake model's repair answer is verified unless "repair" fails too.
ALL_FAIL = [("start", "a"), ("start", "b"), ("start", "c"), ("a", "d"), ("b", "d"), ("c", "d")]
FAILING = {"a": None, "b": None, "c": None, "d": 2.0}

# (step_repairs, step_draws, does a repair work, calls made of a budget of 12, stop, phases)
CASES = [
    (0, 1, True, 3, "exhausted", ["expand"] * 3),
    (1, 1, False, 6, "exhausted", ["expand", "repair"] * 3),
    (1, 1, True, 9, "exhausted", ["expand", "repair", "rollout"] * 3),  # each repaired, then d
    (0, 3, True, 9, "exhausted", ["expand"] * 3 + ["redraw"] * 6),  # each of a, b, c 3 times
    (0, 2, False, 6, "exhausted", ["expand"] * 3 + ["redraw"] * 3),
    (1, 3, False, 12, "budget", ["expand", "repair"] * 3 + ["redraw", "repair"] * 3),
    (1, 3, True, 9, "exhausted", ["expand", "repair", "rollout"] * 3),  # repaired: no redraws
]


@pytest.mark.parametrize(("repairs", "draws", "repair_works", "calls", "stop", "phases"), CASES)
def test_failing_steps_and_their_repairs(repairs, draws, repair_works, calls, stop, phases):
    factors = {**FAILING, "repair": 3.0 if repair_works else None}
    model, evaluator = FakeModel(), FakeEvaluator(factors)
    outcome = search(problem(graph(ALL_FAIL)), model, evaluator,
                     replace(SearchSettings(), budget=12, step_repairs=repairs,
                             step_draws=draws))
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
    for node in nodes:
        if node.phase == "redraw":  # the same prompt as the step's first draw: a sampled answer
            first = next(n for n in nodes if n.phase == "expand"
                         and (n.parent, n.technique) == (node.parent, node.technique))
            assert model.prompts[node.attempt] == model.prompts[first.attempt]
            assert "// sample 0" not in outcome.attempts[node.attempt].answer
