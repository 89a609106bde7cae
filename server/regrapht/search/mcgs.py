"""Monte Carlo Graph Search over the reasoning graph (method.md), as small functions.

One iteration: `select` descends from the start by UCB1 over edge statistics, reusing states
already written, until it takes an edge never written from that state (one model call: the
expansion step); `rollout` goes on from there epsilon-greedily with a visit penalty until the
step limit or the first failing step; the rollout's value (the best step reward along it) is
backed up along the selected path. The fastest correct code of all steps is the answer.
"""

from __future__ import annotations

import random
from itertools import pairwise

from regrapht.graph.view import GraphView
from regrapht.search.engine import ROOT, Run, State
from regrapht.search.steps import graph_or_fallback, step_request
from regrapht.search.ucb import EdgeTable, backpropagate, select_rollout, select_ucb

STALL_LIMIT = 50  # iterations in a row without a model call: nothing new is reachable


def _open(run: Run, state: State) -> bool:
    return not state.failed and state.depth < run.settings.max_steps


def select(run: Run, graph: GraphView, table: EdgeTable, rng: random.Random
           ) -> tuple[list[int], bool]:
    """The selected path of state ids, and whether its last state is new (an expansion)."""
    state = run.states[ROOT]
    path = [ROOT]
    while _open(run, state):
        successors = graph.next_techniques(state.technique)
        if not successors:
            break
        table.expand(state.technique, successors)
        technique = successors[select_ucb(table.of(state.technique, successors),
                                          run.settings.exploration, rng)]
        if technique in state.children:
            state = run.states[state.children[technique]]
            path.append(state.id)
            continue
        made = run.steps([step_request(run, graph, state, technique, "expand")])
        if made:
            path.append(made[0])
        return path, bool(made)
    return path, False


def rollout(run: Run, graph: GraphView, table: EdgeTable, leaf: State, rng: random.Random
            ) -> list[float]:
    """Step rewards along an epsilon-greedy rollout from `leaf` (its own reward first)."""
    rewards = [leaf.reward]
    taken: dict[tuple[str, str], int] = {}
    state = leaf
    while _open(run, state) and not run.stop:
        successors = graph.next_techniques(state.technique)
        if not successors:
            break
        edges = [(state.technique, v) for v in successors]
        pick = select_rollout(table.of(state.technique, successors),
                              [taken.get(e, 0) for e in edges], epsilon=run.settings.epsilon,
                              penalty=run.settings.visit_penalty, rng=rng)
        technique = successors[pick]
        taken[edges[pick]] = taken.get(edges[pick], 0) + 1
        if technique in state.children:
            state = run.states[state.children[technique]]
        else:
            made = run.steps([step_request(run, graph, state, technique, "rollout")])
            if not made:
                break
            state = run.states[made[0]]
        rewards.append(state.reward)
    return rewards


def iterate(run: Run, graph: GraphView, table: EdgeTable, rng: random.Random) -> bool:
    """One selection, rollout and backup; False when it made no model call."""
    calls = run.calls
    path, expanded = select(run, graph, table, rng)
    leaf = run.states[path[-1]]
    if leaf.id == ROOT or (run.stop and not expanded):
        return run.calls > calls  # nothing to back up, or cut short by the budget
    value = max(rollout(run, graph, table, leaf, rng)) if expanded else leaf.reward
    states = [run.states[i] for i in path]
    edges = [table.edges[(a.technique, b.technique)] for a, b in pairwise(states)]
    backpropagate(states, value)
    backpropagate(edges, value)
    return run.calls > calls


def mcgs(run: Run) -> None:
    graph = graph_or_fallback(run)
    if graph is None:
        return
    rng = random.Random(run.settings.seed)
    table = EdgeTable()
    stalled = 0
    while run.can_call():
        run.iterations += 1
        stalled = 0 if iterate(run, graph, table, rng) else stalled + 1
        if stalled >= STALL_LIMIT:
            run.stop = "exhausted"
            run.note(f"nothing new within {run.settings.max_steps} steps of the start: stopping")
