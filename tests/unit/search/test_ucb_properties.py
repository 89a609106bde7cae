"""Invariants of selection and backpropagation (hypothesis), on the rules and on whole searches."""

from __future__ import annotations

import math
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from regrapht.search import SearchSettings, search
from regrapht.search.ucb import (
    EdgeStats,
    EdgeTable,
    backpropagate,
    select_rollout,
    select_ucb,
    ucb_scores,
)
from tests.unit.search.fakes import FakeEvaluator, FakeModel, graph, problem

rewards = st.floats(min_value=-1.0, max_value=1000.0, allow_nan=False)
arm = st.builds(lambda n, total: EdgeStats(n, total * n), st.integers(0, 50), rewards)
arms = st.lists(arm, min_size=1, max_size=8)


@given(arms, st.integers(0, 2**32 - 1))
def test_an_unvisited_arm_is_picked_while_there_is_one(candidates, seed):
    pick = select_ucb(candidates, 1.0, random.Random(seed))
    if any(a.visits == 0 for a in candidates):
        assert candidates[pick].visits == 0
    else:
        scores = ucb_scores(candidates, 1.0)
        assert scores[pick] == max(scores)


@given(arms.filter(lambda a: all(x.visits for x in a)), st.integers(0, 2**32 - 1))
def test_without_exploration_the_best_mean_wins(candidates, seed):
    pick = select_ucb(candidates, 0.0, random.Random(seed))
    assert candidates[pick].mean == max(a.mean for a in candidates)


@given(st.lists(st.integers(1, 50), min_size=2, max_size=6))
def test_equal_means_favour_the_least_visited(visits):
    candidates = [EdgeStats(n, 2.0 * n) for n in visits]
    pick = select_ucb(candidates, 1.0, random.Random(0))
    assert candidates[pick].visits == min(visits)


@given(arms, st.data())
def test_greedy_rollout_maximises_q_minus_penalty(candidates, data):
    taken = data.draw(st.lists(st.integers(0, 5), min_size=len(candidates),
                               max_size=len(candidates)))
    pick = select_rollout(candidates, taken, epsilon=0.0, penalty=0.5, rng=random.Random(0))
    score = [a.mean - 0.5 * (a.visits + n) for a, n in zip(candidates, taken, strict=True)]
    assert score[pick] == max(score)


@given(st.lists(st.tuples(st.lists(st.booleans(), min_size=4, max_size=4), rewards),
                max_size=30))
def test_backpropagation_counts_visits_and_averages_rewards(backups):
    """Each backup passes through a subset of four items; each item's N is the number of
    backups through it and its Q the mean of their values."""
    items = [EdgeStats() for _ in range(4)]
    for through, value in backups:
        backpropagate([x for x, on in zip(items, through, strict=True) if on], value)
    for i, item in enumerate(items):
        seen = [value for through, value in backups if through[i]]
        assert item.visits == len(seen)
        assert math.isclose(item.mean, sum(seen) / len(seen) if seen else 0.0, abs_tol=1e-6)


@given(st.lists(rewards, min_size=1, max_size=20), rewards)
def test_normalized_q_stays_in_the_unit_interval(values, query):
    table = EdgeTable()
    for v in values:
        table.record(v)
    assert 0.0 <= table.normalize(query) <= 1.0


TECHNIQUES = ["a", "b", "c", "d"]
edge_sets = st.lists(st.tuples(st.sampled_from(["start", *TECHNIQUES]),
                               st.sampled_from(TECHNIQUES)), min_size=1, max_size=10, unique=True)
factor_maps = st.dictionaries(st.sampled_from(TECHNIQUES),
                              st.one_of(st.none(), st.floats(0.25, 8.0)))


@settings(max_examples=40, deadline=None)
@given(edge_sets, factor_maps, st.integers(0, 1000), st.integers(1, 15))
def test_search_tree_invariants(edges, factors, seed, budget):
    """Any graph (cycles included), any rewards: the search stops within its budget, the root's
    visits are the backed-up iterations, a state's visits cover its children's, and an
    expansion or rollout never follows a failed state."""
    outcome = search(problem(graph(edges)), FakeModel(), FakeEvaluator(factors),
                     SearchSettings(budget=budget, seed=seed))
    nodes = outcome.trace.nodes
    assert outcome.model_calls <= budget
    fallback = len(nodes) > 1 and nodes[1].phase == "first"  # no edge from the start
    assert nodes[0].visits == (0 if fallback else outcome.trace.iterations)
    for node in nodes:
        children = [n for n in nodes if n.parent == node.id]
        assert node.visits >= sum(c.visits for c in children)
        if children:
            assert node.status in ("", "verified")


@given(arms, st.data())
def test_ties_go_to_the_highest_prior(candidates, data):
    prior = data.draw(st.lists(st.floats(0.0, 1.0), min_size=len(candidates),
                               max_size=len(candidates)))
    pick = select_ucb(candidates, 1.0, random.Random(0), prior=prior)
    scores = ucb_scores(candidates, 1.0)
    tied = [i for i, s in enumerate(scores) if s == max(scores)]
    assert pick in tied and prior[pick] == max(prior[i] for i in tied)
