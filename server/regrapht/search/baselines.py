"""The baselines the paper compares against, on the same ledger as MCGS (engine.Run).

standard: one shot. cot: one shot, thinking step by step first. rag: one shot with the graph's
most similar kernels and their fastest CUDA in the prompt. regrapht: random walks over the
graph (at most `walks` tries), without MCGS. Under same_calls each spends the whole budget:
the one-shot methods on redraws of their prompt, the walks on further walks.
"""

from __future__ import annotations

import random

from regrapht.generate.search_prompts import cot_messages, rag_messages
from regrapht.search.engine import ROOT, Run
from regrapht.search.steps import (
    graph_or_fallback,
    next_techniques,
    samples,
    step_request,
)


def standard(run: Run) -> None:
    samples(run, list(run.problem.first), "one shot")


def cot(run: Run) -> None:
    samples(run, cot_messages(run.problem.first), "chain of thought")


def rag(run: Run) -> None:
    graph = run.problem.graph
    matches = graph.similar_kernels(run.problem.source, run.settings.rag_examples) if graph \
        else []
    if not matches:
        note = "the reasoning graph has no worked examples: one shot without retrieval"
        run.note(note)
        samples(run, list(run.problem.first), "one shot", note)
        return
    run.note("retrieved: " + ", ".join(f"{m.source} ({m.score:.2f})" for m in matches))
    samples(run, rag_messages(run.problem.first, matches), "retrieval")


def random_walks(run: Run) -> None:
    """Walk from the start, one uniformly random technique per step, until the step limit, a
    dead end or the first failing step; `walks` tries (all the budget under same_calls)."""
    graph = graph_or_fallback(run)
    if graph is None:
        return
    rng = random.Random(run.settings.seed)
    while run.can_call() and (run.settings.same_calls or run.iterations < run.settings.walks):
        run.iterations += 1
        state = run.states[ROOT]
        while not state.failed and state.depth < run.settings.max_steps:
            successors = next_techniques(run, graph, state.technique)
            if not successors:
                break
            made = run.steps([step_request(run, graph, state, rng.choice(successors), "walk")])
            if not made:
                break
            state = run.states[made[0]]
