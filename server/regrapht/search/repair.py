"""One shot, then bounded repair: feed compiler errors or test failures back to the model.

This is what a practical tool without a reasoning graph does (the `repair` method). Under
same_calls a chain that ends early (verified, or out of repairs) is followed by a fresh chain
from a redraw of the first answer, until the budget is spent. Imports no model or GPU code.
"""

from __future__ import annotations

import threading

from regrapht.generate.llm import Message
from regrapht.generate.prompting import repair_messages
from regrapht.search.engine import ROOT, Request, Run
from regrapht.search.outcome import Attempt, SearchOutcome, pick_best
from regrapht.search.problem import Ask, Evaluate, Notify, Problem, SearchSettings, one_by_one
from regrapht.validate.verdict import Status, Verdict

RETRYABLE = {Status.COMPILE_FAILED: "errors", Status.WRONG: "failure", Status.CRASHED: "failure",
             Status.ASSEMBLY_FAILED: "assembly"}

_pick_best = pick_best  # the name the tests and older callers use

__all__ = ["Attempt", "SearchOutcome", "repair", "repair_search"]


def feedback(verdict: Verdict) -> dict[str, str]:
    """What a repair prompt is told about a failed verdict (prompting.repair_messages)."""
    kind = RETRYABLE[verdict.status]
    if kind == "errors":
        return {"errors": verdict.compiler_errors or verdict.reason}
    return {kind: verdict.reason}


def _chain(run: Run, first: list[Message], kind: str) -> None:
    messages = list(first)
    made = run.steps([Request(ROOT, "one shot", messages, kind, kind)])
    for _ in range(run.settings.max_repairs):
        if not made:
            return
        state = run.states[made[0]]
        assert state.verdict is not None and state.attempt is not None
        if state.verdict.status not in RETRYABLE:
            return
        messages = repair_messages(messages, run.attempts[state.attempt].answer,
                                   contract=run.problem.contract, **feedback(state.verdict))
        made = run.steps([Request(state.id, "repair", messages, "repair", "repair")])


def repair(run: Run) -> None:
    first = list(run.problem.first)
    _chain(run, first, "first")
    run.iterations = 1
    while run.settings.same_calls and run.can_call():
        run.iterations += 1
        _chain(run, first, "sample")


def repair_search(
    first: list[Message],
    ask: Ask,
    evaluate: Evaluate,
    *,
    contract: str,
    max_repairs: int,
    notify: Notify = lambda _msg: None,
    cancel: threading.Event | None = None,
) -> SearchOutcome:
    """The `repair` method on its own: at most 1 + max_repairs model calls."""
    settings = SearchSettings(method="repair", budget=max_repairs + 1, max_repairs=max_repairs)
    run = Run(Problem(tuple(first), "", contract), ask, one_by_one(evaluate), settings,
              notify=notify, cancel=cancel)
    repair(run)
    return run.finish("repair")
