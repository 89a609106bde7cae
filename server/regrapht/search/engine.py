"""The ledger every method runs on: model calls, validation, budget, cancellation, the trace.

One `Run` per search. Methods hand it `Request`s (messages plus where the step sits in the
tree); it asks the model one request at a time (checking the budget, the time limit and
cancellation before each call), validates the answers of a batch together, and records an
`Attempt` and a tree state for each. So every method counts calls and tokens the same way.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace

from regrapht.generate.extract import extract_code
from regrapht.generate.llm import Completion, GenerationCancelled, Message
from regrapht.graph.schema import START
from regrapht.search.outcome import (
    Attempt,
    SearchOutcome,
    SearchTrace,
    TraceNode,
    pick_best,
    reward,
)
from regrapht.search.problem import Ask, EvaluateMany, Notify, Problem, SearchSettings
from regrapht.validate.verdict import Status, Verdict

ROOT = 0


@dataclass(frozen=True)
class Request:
    """One model call a method wants: the messages and the tree state the answer becomes."""

    parent: int
    technique: str
    messages: list[Message]
    phase: str  # see TraceNode.phase
    kind: str  # see Attempt.kind
    example: str = ""
    note: str = ""


@dataclass
class State:
    """A tree state while the search runs (frozen into a TraceNode at the end)."""

    id: int
    parent: int | None
    technique: str
    depth: int
    code: str
    phase: str
    example: str = ""
    attempt: int | None = None
    verdict: Verdict | None = None
    reward: float = 0.0
    seconds: float = 0.0
    note: str = ""
    visits: int = 0
    total: float = 0.0  # sum of backed-up rewards
    children: dict[str, int] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return self.verdict is not None and self.verdict.status not in (
            Status.VERIFIED, Status.COMPILED_NOT_RUN)

    @property
    def standing(self) -> str:
        """How the code stands, for the next step's prompt."""
        v = self.verdict
        if v is None or v.status is Status.COMPILED_NOT_RUN:
            return "it compiles; correctness and speed not measured here"
        speedup = v.speedup_kernel
        return f"correct, {speedup:.2f}x the speed of the sequential code" if speedup else "correct"


def _key(messages: list[Message]) -> str:
    return json.dumps(messages, sort_keys=True)


def normalised_code(answer: str) -> str:
    """The answer's code without comments, whitespace and `#include` lines: two answers with
    the same normalised code are the same candidate."""
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", extract_code(answer), flags=re.S)
    code = re.sub(r"^\s*#\s*include[^\n]*$", "", code, flags=re.M)
    return re.sub(r"\s+", "", code)


class Run:
    def __init__(self, problem: Problem, ask: Ask, evaluate: EvaluateMany,
                 settings: SearchSettings, *, notify: Notify = lambda _m: None,
                 cancel: threading.Event | None = None) -> None:
        self.problem, self.settings = problem, settings
        self._ask, self._evaluate, self._notify, self._cancel = ask, evaluate, notify, cancel
        self.started = time.perf_counter()
        self.attempts: list[Attempt] = []
        self.states: list[State] = [State(ROOT, None, START, 0, problem.source, "root")]
        self.stop = ""
        self.notes: list[str] = []
        self.iterations = 0
        self._spent = 0.0  # seconds inside the model and the evaluator
        self._seen: Counter[str] = Counter()
        self._tried: set[str] = set()  # normalised code of every answer drawn so far
        self.duplicates_redrawn = 0

    @property
    def calls(self) -> int:
        """Model calls so far: one per attempt, and one per repeated answer drawn again."""
        return len(self.attempts) + self.duplicates_redrawn

    def check_cancel(self) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise GenerationCancelled()

    def can_call(self) -> bool:
        """Whether one more model call is allowed; records why not in `stop`."""
        self.check_cancel()
        if self.stop:
            return False
        if self.calls >= self.settings.budget:
            self.stop = "budget"
        elif (self.settings.time_limit is not None
              and time.perf_counter() - self.started >= self.settings.time_limit):
            self.stop = "time limit"
        return not self.stop

    def note(self, text: str) -> None:
        self.notes.append(text)
        self._notify(text)

    def steps(self, requests: list[Request]) -> list[int]:
        """Ask for each request while the budget lasts, validate the answers as one batch, and
        return the new states' ids (fewer than requested when the budget ran out)."""
        answers: list[tuple[Request, Completion, float]] = []
        for request in requests:
            if not self.can_call():
                break
            key = _key(request.messages)
            sample = self._seen[key]
            self._seen[key] += 1
            where = "" if request.parent == ROOT else \
                f" after {self.states[request.parent].technique}"
            self._notify(f"model: writing {request.technique}{where} "
                         f"(call {self.calls + len(answers) + 1}/{self.settings.budget})")
            started = time.perf_counter()
            completion = self._redraw_repeat(request, self._ask(request.messages, sample=sample),
                                             pending=len(answers))
            self._tried.add(normalised_code(completion.text))
            answers.append((request, completion, time.perf_counter() - started))
        if not answers:
            return []
        self.check_cancel()
        self._notify(f"validating: {len(answers)} candidate(s)")
        started = time.perf_counter()
        verdicts = self._evaluate([c.text for _, c, _ in answers])
        validate_seconds = (time.perf_counter() - started) / len(answers)
        self._spent += validate_seconds * len(answers) + sum(s for _, _, s in answers)
        return [self._record(r, c, validate_seconds, v)
                for (r, c, _), v in zip(answers, verdicts, strict=True)]

    def _redraw_repeat(self, request: Request, completion: Completion, *,
                       pending: int) -> Completion:
        """An answer whose code was already tried in this run is not compiled again: it is
        drawn once more, sampled, and counted (`duplicates_redrawn`). The repeat was a model
        call of the budget; the redraw takes its place, with the repeat's tokens and time
        charged to it. With no call left for a redraw the repeat is kept."""
        code = normalised_code(completion.text)
        if not self.settings.redraw_repeats or not code or code not in self._tried or \
                self.calls + pending + 1 >= self.settings.budget:
            return completion
        self.duplicates_redrawn += 1
        key = _key(request.messages)
        sample = max(self._seen[key], 1)
        self._seen[key] = sample + 1
        self._notify("model: that answer was already tried; drawing another (sampled)")
        again = self._ask(request.messages, sample=sample)
        return replace(again, prompt_tokens=again.prompt_tokens + completion.prompt_tokens,
                       completion_tokens=again.completion_tokens + completion.completion_tokens,
                       seconds=again.seconds + completion.seconds)

    def _record(self, request: Request, completion: Completion, validate_seconds: float,
                result: tuple[Verdict, str]) -> int:
        verdict, shipped = result
        model_seconds = completion.seconds  # as the model measured it (overhead uses wall time)
        attempt = Attempt(len(self.attempts), request.kind, completion.text, shipped, verdict,
                          completion.prompt_tokens, completion.completion_tokens,
                          model_seconds, validate_seconds,
                          cut=completion.finish_reason == "length")
        self.attempts.append(attempt)
        parent = self.states[request.parent]
        state = State(len(self.states), parent.id, request.technique, parent.depth + 1,
                      extract_code(completion.text), request.phase, request.example,
                      attempt.index, verdict, reward(verdict), model_seconds + validate_seconds,
                      request.note)
        self.states.append(state)
        known = parent.children.get(request.technique)
        if known is None or self.states[known].failed:  # a repair replaces a failed step
            parent.children[request.technique] = state.id
        self._notify(f"attempt {attempt.index + 1}: {verdict.status.value}"
                     + (f" ({verdict.reason})" if verdict.reason else "")
                     + (f", reward {state.reward:.2f}" if verdict.status is Status.VERIFIED
                        else ""))
        roof = verdict.roofline
        if (verdict.status is Status.VERIFIED and roof is not None and roof.judged
                and not verdict.suspicious
                and roof.bandwidth_fraction >= self.settings.roofline_stop
                and not self.settings.same_calls):
            self.stop = "roofline"
            self._notify(f"stopping: the kernel reaches {roof.bandwidth_fraction:.0%} of the "
                         "memory floor")
        return state.id

    def path_to(self, state_id: int) -> tuple[int, ...]:
        path = []
        current: int | None = state_id
        while current is not None:
            path.append(current)
            current = self.states[current].parent
        return tuple(reversed(path))

    def finish(self, method: str) -> SearchOutcome:
        best = pick_best(self.attempts)
        path: tuple[int, ...] = (ROOT,)
        if best is not None:
            path = self.path_to(next(s.id for s in self.states if s.attempt == best.index))
        nodes = tuple(self._freeze(s) for s in self.states)
        trace = SearchTrace(method, nodes, path, self.iterations, self.stop or "done",
                            tuple(self.notes), self.settings.seed, self.duplicates_redrawn)
        overhead = max(time.perf_counter() - self.started - self._spent, 0.0)
        return SearchOutcome(tuple(self.attempts), best, trace, overhead)

    @staticmethod
    def _freeze(s: State) -> TraceNode:
        v = s.verdict
        value = s.total / s.visits if s.visits else s.reward
        return TraceNode(
            s.id, s.parent, s.technique, s.example, s.phase, s.attempt, s.code,
            v.status.value if v else "", v.speedup_kernel if v else None, s.reward, s.seconds,
            s.visits, value, s.note,
        )
