"""Requests the graph methods share: one technique step, and the one-shot fallback."""

from __future__ import annotations

from regrapht.generate.search_prompts import step_messages
from regrapht.graph.view import GraphView
from regrapht.search.engine import ROOT, Request, Run, State

NO_EDGES = ("the reasoning graph has no technique after 'sequential code': "
            "one shot instead of a graph search")


def next_techniques(run: Run, graph: GraphView, technique: str) -> tuple[str, ...]:
    """The techniques the graph methods may apply after `technique`: its successors that need
    no more independent nested loops than the user's code has (graph/view.py)."""
    return graph.next_techniques(technique, run.problem.parallel_loops)


def step_request(run: Run, graph: GraphView, state: State, technique: str, phase: str) -> Request:
    """Apply `technique` to `state`'s code, with the edge's example most like the user's code."""
    example = graph.example((state.technique, technique), run.problem.source)
    from_root = state.id == ROOT
    messages = step_messages(
        run.problem.first, technique, graph.description(technique), example,
        current_code="" if from_root else state.code,
        standing="" if from_root else state.standing, answer=run.problem.answer_shape,
    )
    return Request(state.id, technique, messages, phase, "step",
                   example.source if example else "")


def graph_or_fallback(run: Run) -> GraphView | None:
    """The graph when it has a first step to offer; else one shot (and redraws under
    same_calls), noted in the trace, and None."""
    graph = run.problem.graph
    if graph is not None and graph.next_techniques(graph.start):
        return graph
    run.note(NO_EDGES)
    samples(run, list(run.problem.first), "one shot", NO_EDGES)
    return None


def samples(run: Run, messages: list[dict[str, str]], technique: str, note: str = "") -> None:
    """One answer to `messages`; under same_calls, redraws of it until the budget is spent, all
    validated as one batch."""
    count = run.settings.budget - run.calls if run.settings.same_calls else 1
    requests = [Request(ROOT, technique, messages, "first" if i == 0 else "sample",
                        "first" if i == 0 else "sample", note=note) for i in range(count)]
    run.iterations += len(run.steps(requests))
