"""Every method on the same ledger: budgets, same_calls, time limit, early stop, cancellation,
batches, fallbacks. The fake model and validator are in fakes.py."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

import pytest

from regrapht.generate.llm import GenerationCancelled
from regrapht.search import METHODS, SearchSettings, search
from tests.unit.search.fakes import DIAMOND, FACTORS, FakeEvaluator, FakeModel, graph, problem

# A graph wide and deep enough that no method runs out of things to try within 20 calls.
WIDE = [("start", t) for t in "abcd"] + [(u, v) for u in "abcd" for v in "abcd" if u != v]


def run(method: str, edges=WIDE, factors=FACTORS, **settings):
    model, evaluator = FakeModel(), FakeEvaluator(factors)
    outcome = search(problem(graph(edges)), model, evaluator,
                     replace(SearchSettings(method=method), **settings))
    return outcome, model, evaluator


NATURAL_CALLS = [
    # method           budget  calls without same_calls
    ("standard",       12,     1),
    ("cot",            12,     1),
    ("rag",            12,     1),
    ("repair",         12,     1),   # the first answer is verified: nothing to repair
    ("regrapht",       12,     12),  # 5 walks of up to 4 steps, capped by the budget
    ("regrapht",       30,     20),  # 5 walks x 4 steps
    ("regrapht-mcgs",  12,     12),
    ("regrapht-mcgs",  3,      3),
]


@pytest.mark.parametrize(("method", "budget", "calls"), NATURAL_CALLS)
def test_natural_number_of_calls(method, budget, calls):
    outcome, model, _ = run(method, budget=budget)
    assert outcome.model_calls == calls == len(model.prompts)
    assert outcome.tokens == calls * (100 + 10)


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("budget", [1, 2, 7])
def test_same_calls_spends_exactly_the_budget(method, budget):
    outcome, model, _ = run(method, budget=budget, same_calls=True)
    assert outcome.model_calls == budget == len(model.prompts)


@pytest.mark.parametrize("method", sorted(METHODS))
def test_every_method_keeps_to_its_budget(method):
    outcome, _, _ = run(method, budget=4, same_calls=True, factors={**FACTORS, "one shot": None})
    assert outcome.model_calls == 4
    assert outcome.trace.stop in ("budget", "done")


def test_repairs_until_the_budget_when_answers_stay_wrong():
    outcome, _, _ = run("repair", budget=12, factors={"one shot": None, "repair": None})
    assert [a.kind for a in outcome.attempts] == ["first", "repair", "repair"]
    assert outcome.best is None


def test_redraws_are_validated_as_one_batch():
    _, model, evaluator = run("standard", budget=5, same_calls=True)
    assert evaluator.batches == [5]
    assert len(model.prompts) == 5


def test_a_redraw_asks_for_a_new_sample():
    outcome, _, _ = run("cot", budget=3, same_calls=True)
    assert [a.answer.count("// sample 0") for a in outcome.attempts] == [1, 0, 0]
    assert "// sample 2" in outcome.attempts[2].answer


def test_roofline_stops_the_search_early():
    outcome, _, _ = run("regrapht-mcgs", edges=DIAMOND, budget=12)
    assert outcome.model_calls == 12
    evaluator = FakeEvaluator(FACTORS, roofline=frozenset({"shared memory tiling"}))
    early = search(problem(graph(DIAMOND)), FakeModel(), evaluator, SearchSettings(budget=12))
    assert early.trace.stop == "roofline"
    assert early.model_calls < 12
    assert early.best is not None and "shared memory tiling" in early.best.shipped


def test_time_limit_is_checked_before_each_call():
    model = FakeModel(token_seconds=0.002)  # 20 ms a call
    outcome = search(problem(graph(WIDE)), model, FakeEvaluator(FACTORS),
                     SearchSettings(budget=100, time_limit=0.1))
    assert outcome.trace.stop == "time limit"
    assert 2 <= outcome.model_calls <= 8


@pytest.mark.parametrize("method", ["regrapht-mcgs", "regrapht", "rag"])
def test_graph_methods_fall_back_to_one_shot_without_edges(method):
    outcome, _, _ = run(method, edges=[])
    assert outcome.model_calls == 1
    assert outcome.best is not None
    assert "one shot" in outcome.trace.notes[0]
    assert outcome.trace.nodes[1].technique == "one shot"


def test_graph_methods_without_any_graph():
    outcome = search(problem(None), FakeModel(), FakeEvaluator(FACTORS), SearchSettings())
    assert outcome.model_calls == 1 and outcome.trace.notes


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="unknown method 'mcts'"):
        run("mcts")


def test_trace_path_leads_to_the_best_attempt():
    outcome, _, _ = run("regrapht-mcgs", edges=DIAMOND)
    steps = outcome.trace.steps()
    assert steps[-1].attempt == outcome.best.index
    assert [s.technique for s in steps] == [
        "thread mapping", "shared memory tiling", "loop unrolling", "shared memory tiling"]
    assert outcome.search_overhead_seconds >= 0.0


# Cancellation: a slow model (2 s an answer, checking between tokens) is cancelled after 0.2 s.
@pytest.mark.parametrize("method", sorted(METHODS))
def test_cancellation_returns_within_100_ms(method):
    cancel = threading.Event()
    model = FakeModel(cancel=cancel, token_seconds=0.01, tokens=200)
    threading.Timer(0.2, cancel.set).start()
    started = time.perf_counter()
    with pytest.raises(GenerationCancelled):
        search(problem(graph(WIDE)), model, FakeEvaluator(FACTORS),
               SearchSettings(method=method, same_calls=True), cancel=cancel)
    assert time.perf_counter() - started - 0.2 < 0.1


def test_cancellation_between_steps_stops_before_the_next_call():
    cancel = threading.Event()
    model = FakeModel()
    evaluator = FakeEvaluator(FACTORS, cancel=cancel, cancel_after=2)
    with pytest.raises(GenerationCancelled):
        search(problem(graph(WIDE)), model, evaluator, SearchSettings(), cancel=cancel)
    assert len(model.prompts) == 2


CYCLES = [
    # edges                                          max_steps  budget  calls  stop
    ([("start", "a"), ("a", "b"), ("b", "a")],       10,        1000,   10,    "exhausted"),
    ([("start", "a"), ("a", "a")],                   6,         1000,   6,     "exhausted"),
    ([("start", "a"), ("a", "b"), ("b", "a")],       50,        20,     20,    "budget"),
]


@pytest.mark.parametrize("method", ["regrapht-mcgs", "regrapht"])
@pytest.mark.parametrize(("edges", "max_steps", "budget", "calls", "stop"), CYCLES)
def test_a_cycle_in_the_graph_does_not_loop_forever(method, edges, max_steps, budget, calls,
                                                    stop):
    done: list = []
    worker = threading.Thread(target=lambda: done.append(run(
        method, edges=edges, max_steps=max_steps, budget=budget, same_calls=True)[0]),
        daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done, "the search did not finish"
    if method == "regrapht-mcgs":
        assert (done[0].model_calls, done[0].trace.stop) == (calls, stop)
    else:  # walks start again from the top: every call is a fresh try, until the budget
        assert done[0].model_calls == budget


def test_progress_says_when_the_model_is_writing():
    notes: list[str] = []
    search(problem(graph(DIAMOND)), FakeModel(), FakeEvaluator(FACTORS),
           SearchSettings(budget=2), notify=notes.append)
    assert notes[0] == "model: writing thread mapping (call 1/2)"  # e2e Ctrl-C test waits on it
    assert "model: writing shared memory tiling after thread mapping (call 2/2)" in notes
