"""Monte Carlo Graph Search over the reasoning graph (method.md), as small functions.

One iteration: `select` descends from the start by UCB1 over edge statistics, reusing states
already written, until it takes an edge never written from that state (one model call: the
expansion step); `rollout` goes on from there epsilon-greedily with a visit penalty until the
step limit or the first failing step; the rollout's value (the best step reward along it) is
backed up along the selected path. The fastest correct code of all steps is the answer.

A state whose every continuation is written and closed (failed, at the step limit, a dead end)
is closed: selection passes it by, so each iteration writes something new, and a search whose
start is closed has nothing left to try ("exhausted") however large its budget. A step that
failed (after its repairs) is not given up at once: selection may write it again from the same
state, up to `settings.step_draws` times in all. The same prompt then gets a sampled answer
(engine.py), not the greedy one again. Without redraws a search over a 1D loop, whose only
fitting first step is thread mapping, stopped after that step and its repair: 25 of the 62
MCGS runs of bench/results/2026-11-26-llama-cuda/ stopped so, 2 calls into a budget of 8.
"""

from __future__ import annotations

import random
from itertools import pairwise

from regrapht.generate.prompting import repair_messages
from regrapht.graph.view import GraphView
from regrapht.search.engine import ROOT, Request, Run, State
from regrapht.search.repair import RETRYABLE, feedback
from regrapht.search.steps import graph_or_fallback, next_techniques, step_request
from regrapht.search.ucb import EdgeTable, backpropagate, select_rollout, select_ucb


def _terminal(run: Run, graph: GraphView, state: State) -> bool:
    return (state.failed or state.depth >= run.settings.max_steps
            or not next_techniques(run, graph, state.technique))


def redrawable(run: Run, state: State, technique: str) -> bool:
    """Whether `technique` from `state` was written, failed, and may be written again."""
    child = state.children.get(technique)
    if child is None or not run.states[child].failed:
        return False
    draws = sum(1 for s in run.states
                if s.parent == state.id and s.technique == technique and s.phase != "repair")
    return draws < run.settings.step_draws


def _open(run: Run, state: State, technique: str, closed: set[int]) -> bool:
    return state.children.get(technique) not in closed or redrawable(run, state, technique)


def closed_states(run: Run, graph: GraphView) -> set[int]:
    """States with nothing new below them. Children have larger ids than their parents, so one
    pass from the last state back settles each state after its children."""
    closed: set[int] = set()
    for state in reversed(run.states):
        if _terminal(run, graph, state) or not any(
                _open(run, state, v, closed)
                for v in next_techniques(run, graph, state.technique)):
            closed.add(state.id)
    return closed


def _affinities(run: Run, graph: GraphView, technique: str, successors: tuple[str, ...]
                ) -> list[float]:
    """Tie-break between edges with equal scores: how like the user's code each edge's
    worked example is (graph/view.py)."""
    return [graph.affinity((technique, v), run.problem.source) for v in successors]


def write_step(run: Run, graph: GraphView, state: State, technique: str, phase: str
               ) -> list[int]:
    """Apply `technique` to `state` (one model call); when the answer fails in a way the
    validator's feedback can fix (compile errors, wrong output, crash, unusable answer),
    repair it up to `settings.step_repairs` times. A repair is the same step (same technique,
    same parent) and replaces the failed state as the parent's continuation. Returns the
    final state's id ([] when the budget ran out)."""
    request = step_request(run, graph, state, technique, phase)
    made = run.steps([request])
    messages = request.messages
    for _ in range(run.settings.step_repairs):
        if not made:
            break
        failed = run.states[made[0]]
        if failed.verdict is None or failed.attempt is None \
                or failed.verdict.status not in RETRYABLE:
            break
        messages = repair_messages(messages, run.attempts[failed.attempt].answer,
                                   contract=run.problem.contract, **feedback(failed.verdict))
        made = run.steps([Request(state.id, technique, messages, "repair", "repair",
                                  request.example, note=f"repairs state {failed.id}")])
    return made


def select(run: Run, graph: GraphView, table: EdgeTable, rng: random.Random,
           closed: set[int]) -> tuple[list[int], bool]:
    """The selected path of state ids, and whether its last state is new (an expansion)."""
    state = run.states[ROOT]
    path = [ROOT]
    while state.id not in closed:
        successors = next_techniques(run, graph, state.technique)
        table.expand(state.technique, successors)
        arms = table.of(state.technique, successors)
        open_ = [i for i, v in enumerate(successors) if _open(run, state, v, closed)]
        prior = _affinities(run, graph, state.technique, successors)
        pick = open_[select_ucb([arms[i] for i in open_], run.settings.exploration, rng,
                                parent=sum(a.visits for a in arms),
                                normalize=table.normalize, prior=[prior[i] for i in open_])]
        technique = successors[pick]
        redraw = redrawable(run, state, technique)
        if technique in state.children and not redraw:
            state = run.states[state.children[technique]]
            path.append(state.id)
            continue
        made = write_step(run, graph, state, technique, "redraw" if redraw else "expand")
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
    while not _terminal(run, graph, state) and not run.stop:
        successors = next_techniques(run, graph, state.technique)
        edges = [(state.technique, v) for v in successors]
        pick = select_rollout(table.of(state.technique, successors),
                              [taken.get(e, 0) for e in edges], epsilon=run.settings.epsilon,
                              penalty=run.settings.visit_penalty, rng=rng,
                              normalize=table.normalize,
                              prior=_affinities(run, graph, state.technique, successors))
        technique = successors[pick]
        taken[edges[pick]] = taken.get(edges[pick], 0) + 1
        if technique in state.children:
            state = run.states[state.children[technique]]
        else:
            made = write_step(run, graph, state, technique, "rollout")
            if not made:
                break
            state = run.states[made[0]]
        rewards.append(state.reward)
    return rewards


def iterate(run: Run, graph: GraphView, table: EdgeTable, rng: random.Random) -> bool | None:
    """One selection, rollout and backup: whether a value was backed up (not when the budget
    ran out on the way), None when nothing new can be tried any more."""
    closed = closed_states(run, graph)
    if ROOT in closed:
        return None
    path, expanded = select(run, graph, table, rng, closed)
    if not expanded:
        return False
    leaf = run.states[path[-1]]
    value = max(rollout(run, graph, table, leaf, rng))
    states = [run.states[i] for i in path]
    backpropagate(states, value)
    backpropagate([table.edges[(a.technique, b.technique)] for a, b in pairwise(states)], value)
    table.record(value)
    return True


def mcgs(run: Run) -> None:
    graph = graph_or_fallback(run)
    if graph is None:
        return
    rng = random.Random(run.settings.seed)
    table = EdgeTable()
    while run.can_call():
        backed_up = iterate(run, graph, table, rng)
        if backed_up is None:
            run.stop = "exhausted"
            run.note(f"every path of up to {run.settings.max_steps} steps was tried: stopping")
            break
        run.iterations += backed_up
