"""The methods by name, and `search`: one entry point for all of them with the same ledger."""

from __future__ import annotations

import threading
from collections.abc import Callable

from regrapht.search.baselines import cot, rag, random_walks, standard
from regrapht.search.engine import Run
from regrapht.search.mcgs import mcgs
from regrapht.search.outcome import SearchOutcome
from regrapht.search.problem import Ask, EvaluateMany, Notify, Problem, SearchSettings
from regrapht.search.repair import repair

METHODS: dict[str, Callable[[Run], None]] = {
    "regrapht-mcgs": mcgs,
    "regrapht": random_walks,
    "standard": standard,
    "cot": cot,
    "rag": rag,
    "repair": repair,
}
DEFAULT_METHOD = "regrapht-mcgs"
GRAPH_METHODS = ("regrapht-mcgs", "regrapht", "rag")


def search(
    problem: Problem,
    ask: Ask,
    evaluate: EvaluateMany,
    settings: SearchSettings | None = None,
    *,
    notify: Notify = lambda _m: None,
    cancel: threading.Event | None = None,
) -> SearchOutcome:
    """Run `settings.method` on `problem`; raises GenerationCancelled once `cancel` is set
    (between tokens, through `ask`, or between steps) and ValueError for an unknown method."""
    settings = settings or SearchSettings()
    method = METHODS.get(settings.method)
    if method is None:
        raise ValueError(f"unknown method '{settings.method}'; one of {', '.join(METHODS)}")
    if settings.budget < 1:
        raise ValueError("the budget must allow at least one model call")
    run = Run(problem, ask, evaluate, settings, notify=notify, cancel=cancel)
    method(run)
    return run.finish(settings.method)
