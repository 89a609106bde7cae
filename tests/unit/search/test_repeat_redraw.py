"""An answer whose code was already tried is drawn again (sampled), not compiled again, and
counted; a wrong-output repair prompt keeps the trial's sizes and first differing element."""

from __future__ import annotations

from dataclasses import dataclass, field

from regrapht.generate.llm import Completion, Message
from regrapht.search import Problem, SearchSettings, one_by_one
from regrapht.search.engine import Run, normalised_code
from regrapht.search.repair import feedback, repair
from regrapht.validate.verdict import Stats, Status, Verdict

FIRST: list[Message] = [
    {"role": "system", "content": "You are an expert CUDA C++ engineer."},
    {"role": "user", "content": "Rewrite this sequential C function as CUDA."},
]
CONTRACT = "the launcher signature `void saxpy_device(int n, float a, const float *x, float *y)`"
WRONG = ("output 'y' 1 of 100003 elements differ; first at index 95152: got np.float32(0.59), "
         "expected np.float32(0.63) at sizes {'n': 100003} (seed 11)")


def block(code: str) -> str:
    return f"```cuda\n{code}\n```"


@dataclass
class Scripted:
    """The i-th call answers answers[i]; every answer is wrong."""

    answers: list[str]
    samples: list[int] = field(default_factory=list)
    evaluated: list[str] = field(default_factory=list)

    def ask(self, messages: list[Message], *, sample: int = 0) -> Completion:
        self.samples.append(sample)
        return Completion(self.answers[len(self.samples) - 1], 100, 10, 0.5, "stop")

    def evaluate(self, answer: str) -> tuple[Verdict, str]:
        self.evaluated.append(answer)
        return Verdict(Status.WRONG, WRONG, reference=Stats.of([1.0])), "// shipped\n"


def run_repair(answers: list[str], *, budget: int = 3, redraw: bool = True):
    script = Scripted(answers)
    settings = SearchSettings(method="repair", budget=budget, max_repairs=budget - 1,
                              redraw_repeats=redraw)
    run = Run(Problem(tuple(FIRST), "", CONTRACT), script.ask, one_by_one(script.evaluate),
              settings)
    repair(run)
    return run.finish("repair"), script


KERNEL = "__global__ void k(int n, float *y) { y[0] = 1; }"
SAME_KERNEL = "// the fix\n__global__ void k(int n,\n    float *y) { y[0] = 1; }  /* same */"
OTHER = "__global__ void k(int n, float *y) { y[1] = 1; }"


def test_normalised_code_ignores_comments_whitespace_and_includes():
    assert normalised_code(block(KERNEL)) == normalised_code(
        block("#include <cstdio>\n" + SAME_KERNEL))
    assert normalised_code(block(KERNEL)) != normalised_code(block(OTHER))


def test_a_repeated_answer_is_redrawn_sampled_and_counted():
    outcome, script = run_repair([block(KERNEL), block(SAME_KERNEL), block(OTHER)])
    assert script.evaluated == [block(KERNEL), block(OTHER)]  # the repeat is not compiled
    assert script.samples[2] > 0  # the redraw is sampled
    assert outcome.trace.duplicates_redrawn == 1
    assert outcome.model_calls == 3 == len(script.samples)  # the repeat was a call of the budget
    assert len(outcome.attempts) == 2
    assert outcome.attempts[1].completion_tokens == 20  # the repeat's tokens are not lost


def test_a_repeat_with_no_call_left_is_kept():
    outcome, script = run_repair([block(KERNEL), block(SAME_KERNEL)], budget=2)
    assert len(script.evaluated) == 2
    assert outcome.trace.duplicates_redrawn == 0


def test_redraws_are_off_unless_asked_for():
    outcome, script = run_repair([block(KERNEL), block(SAME_KERNEL), block(KERNEL)],
                                 redraw=False)
    assert len(script.evaluated) == 3
    assert outcome.trace.duplicates_redrawn == 0


def test_wrong_output_feedback_keeps_sizes_and_first_difference():
    told = feedback(Verdict(Status.WRONG, WRONG, reference=Stats.of([1.0])))
    assert "at sizes {'n': 100003}" in told["failure"]
    assert "first at index 95152: got" in told["failure"]
