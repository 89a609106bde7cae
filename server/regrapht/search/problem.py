"""What a search is given: the problem, the settings, and the shapes of the model and evaluator.

The model and the evaluator are functions passed in (`Ask`, `EvaluateMany`), so the search
imports no model or GPU code and runs in tests against deterministic fakes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from regrapht.generate.llm import Completion, Message
from regrapht.graph.view import GraphView
from regrapht.validate.verdict import Verdict

Evaluate = Callable[[str], tuple[Verdict, str]]  # answer text -> (verdict, shipped source or '')
EvaluateMany = Callable[[list[str]], list[tuple[Verdict, str]]]  # a batch, answers in order
Notify = Callable[[str], None]

DEFAULT_BUDGET = 12  # model calls: about 10 minutes of a 1.5B model on a laptop CPU


class Ask(Protocol):
    """The model. `sample` 0 asks for the first answer to these messages (greedy); k > 0 for
    the k-th redraw of the same messages (sampled with a seed of its own, so that a repeat is
    not a copy). Raises GenerationCancelled between tokens once cancellation is requested."""

    def __call__(self, messages: list[Message], *, sample: int = 0) -> Completion: ...


def one_by_one(evaluate: Evaluate) -> EvaluateMany:
    """A batch evaluator over an evaluator of one answer."""
    return lambda answers: [evaluate(a) for a in answers]


@dataclass(frozen=True)
class Problem:
    """The request, as the search sees it."""

    first: tuple[Message, ...]  # system + user message asking for the one-shot rewrite
    source: str  # the user's sequential function (examples are chosen by similarity to it)
    contract: str  # what every answer must keep, for repair prompts
    graph: GraphView | None = None  # the reasoning graph (None: graph methods fall back)
    # independent nested loops at the site (parse.nest): the graph methods offer no technique
    # that needs more (no 2D/3D thread mapping of a 1D loop)
    parallel_loops: int = 1
    # what a graph step's answer must hold, with the signature to keep (prompting.answer_shape):
    # the kernels and the host launcher, or fixed-interface mode's one kernel ('' : the form
    # the first message asks for)
    answer_shape: str = ""


@dataclass(frozen=True)
class SearchSettings:
    """How to search. Defaults and their reasons: docs/search-design.md."""

    method: str = "regrapht-mcgs"
    budget: int = DEFAULT_BUDGET  # most model calls a run may make (every method)
    time_limit: float | None = None  # seconds; checked before each model call
    same_calls: bool = False  # every method makes exactly `budget` calls (redraws if needed)
    seed: int = 0  # the search's own choices (rollouts, walks, ties)
    max_steps: int = 4  # techniques applied on one path, start excluded
    exploration: float = 1.0  # c in Q + c * sqrt(2 ln N(parent) / N(edge))
    epsilon: float = 0.2  # rollouts: a random technique with this probability
    visit_penalty: float = 0.5  # lambda in Q(s,a) - lambda * N(s,a) for rollouts
    roofline_stop: float = 0.8  # stop once a kernel reaches this share of the memory floor
    max_repairs: int = 2  # the `repair` method: repairs after the first answer
    step_repairs: int = 1  # MCGS: repairs of a failing step (feedback) before it counts failed
    step_draws: int = 3  # MCGS: draws of a step that keeps failing (the first, then redraws)
    walks: int = 5  # the `regrapht` method: random walks
    rag_examples: int = 2  # the `rag` method: similar kernels shown
    # An answer whose code was already tried in the run is drawn again (sampled) instead of
    # compiled again (engine.Run). Off here so that scripted fakes keep their trees; the
    # pipeline turns it on for every real run.
    redraw_repeats: bool = False
