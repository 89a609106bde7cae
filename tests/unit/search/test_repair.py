"""One shot + bounded repair, driven by a scripted model and a scripted validator."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from regrapht.generate.llm import Completion, Message
from regrapht.search.repair import Attempt, _pick_best, repair_search
from regrapht.validate.verdict import Stats, Status, Verdict

FIRST: list[Message] = [
    {"role": "system", "content": "You are an expert CUDA C++ engineer."},
    {"role": "user", "content": "Rewrite this sequential C function as CUDA."},
]
CONTRACT = "the launcher signature `void saxpy_device(int n, float a, const float *x, float *y)`"
COMPILER_ERRORS = 'candidate.cu(3): error: identifier "idx" is undefined'


def verdict(status: Status, reference: float = 1.0, e2e: float | None = None) -> Verdict:
    reasons = {
        Status.VERIFIED: "",
        Status.COMPILE_FAILED: "nvcc rejected the code",
        Status.WRONG: "y differs from the reference at 3 of 7 elements (n=7)",
        Status.CRASHED: "the candidate killed by SIGSEGV during the trial n=33",
        Status.ASSEMBLY_FAILED: "the answer holds no `__global__` kernel",
        Status.COMPILED_NOT_RUN: "compiled only; correctness and speed were NOT measured",
    }
    return Verdict(
        status, reasons[status],
        compiler_errors=COMPILER_ERRORS if status is Status.COMPILE_FAILED else "",
        reference=Stats.of([reference]),
        end_to_end=Stats.of([e2e]) if e2e is not None else None,
    )


@dataclass
class Script:
    """A fake model and validator: the i-th answer gets the i-th verdict."""

    verdicts: list[Verdict]
    prompts: list[list[Message]] = field(default_factory=list)
    evaluated: list[str] = field(default_factory=list)

    def ask(self, messages: list[Message], *, sample: int = 0) -> Completion:
        self.prompts.append([dict(m) for m in messages])
        index = len(self.prompts) - 1
        return Completion(f"```cuda\n// answer {index}\n```", 100 + index, 10, 0.5, "stop")

    def evaluate(self, answer: str) -> tuple[Verdict, str]:
        self.evaluated.append(answer)
        v = self.verdicts[len(self.evaluated) - 1]
        return v, ("// shipped\n" if v.compiled else "")


def run(verdicts: list[Verdict], max_repairs: int = 2):
    script = Script(verdicts)
    notes: list[str] = []
    outcome = repair_search(
        FIRST, script.ask, script.evaluate, contract=CONTRACT, max_repairs=max_repairs,
        notify=notes.append,
    )
    return outcome, script, notes


V, CF, W, CR, AF, CNR = (
    Status.VERIFIED, Status.COMPILE_FAILED, Status.WRONG, Status.CRASHED,
    Status.ASSEMBLY_FAILED, Status.COMPILED_NOT_RUN,
)

SEARCHES = [
    # id                     verdict statuses in order     max_repairs  calls  best index
    ("verified-first",       [V],                          2,           1,     0),
    ("compile-then-ok",      [CF, V],                      2,           2,     1),
    ("wrong-then-ok",        [W, V],                       2,           2,     1),
    ("crash-then-ok",        [CR, V],                      2,           2,     1),
    ("assembly-then-ok",     [AF, V],                      2,           2,     1),
    ("always-compile-fail",  [CF, CF, CF],                 2,           3,     None),
    ("always-wrong",         [W, W, W, W, W, W],           5,           6,     None),
    ("no-repairs",           [CF],                         0,           1,     None),
    ("compiled-not-run",     [CNR],                        2,           1,     0),
    ("fail-then-not-run",    [CF, CNR],                    2,           2,     1),
]


@pytest.mark.parametrize(
    ("statuses", "max_repairs", "calls", "best"),
    [s[1:] for s in SEARCHES],
    ids=[s[0] for s in SEARCHES],
)
def test_repair_search(statuses, max_repairs, calls, best):
    outcome, script, _ = run([verdict(s, e2e=0.5) for s in statuses], max_repairs)
    assert outcome.model_calls == calls == len(script.prompts)
    assert [a.kind for a in outcome.attempts] == ["first"] + ["repair"] * (calls - 1)
    assert [a.index for a in outcome.attempts] == list(range(calls))
    if best is None:
        assert outcome.best is None
    else:
        assert outcome.best is outcome.attempts[best]


def test_first_prompt_is_sent_unchanged():
    _, script, _ = run([verdict(V, e2e=0.5)])
    assert script.prompts == [FIRST]


def test_compile_errors_reach_the_repair_prompt():
    outcome, script, _ = run([verdict(CF), verdict(V, e2e=0.5)])
    second = script.prompts[1]
    assert second[:2] == FIRST
    assert second[2] == {"role": "assistant", "content": outcome.attempts[0].answer}
    assert second[3]["role"] == "user"
    assert COMPILER_ERRORS in second[3]["content"]
    assert CONTRACT in second[3]["content"]


def test_wrong_result_reaches_the_repair_prompt():
    _, script, _ = run([verdict(W), verdict(V, e2e=0.5)])
    repair = script.prompts[1][3]["content"]
    assert "y differs from the reference at 3 of 7 elements (n=7)" in repair


def test_repairs_accumulate_the_conversation():
    _, script, _ = run([verdict(CF), verdict(W), verdict(CF)], max_repairs=2)
    assert [len(p) for p in script.prompts] == [2, 4, 6]
    assert [m["role"] for m in script.prompts[2]] == [
        "system", "user", "assistant", "user", "assistant", "user",
    ]


def test_tokens_and_shipped_are_recorded():
    outcome, _, notes = run([verdict(CF), verdict(V, e2e=0.5)])
    assert outcome.tokens == (100 + 10) + (101 + 10)
    assert outcome.attempts[0].shipped == ""
    assert outcome.attempts[1].shipped == "// shipped\n"
    assert outcome.attempts[1].model_seconds == 0.5
    assert any("attempt 2: verified" in n for n in notes)


def attempt(index: int, status: Status, e2e: float | None) -> Attempt:
    return Attempt(index, "repair", "", "", verdict(status, reference=1.0, e2e=e2e), 0, 0, 0.0, 0.0)


PICKS = [
    # id                    (status, end-to-end seconds) per attempt          best index
    ("fastest-verified",    [(V, 0.5), (V, 0.1), (V, 0.2)],                    1),
    ("verified-over-run",   [(CNR, None), (V, 0.9), (CNR, None)],               1),
    ("last-compiled",       [(CNR, None), (CF, None), (CNR, None), (W, 0.1)],   2),
    ("nothing-usable",      [(CF, None), (W, 0.1), (CR, None), (AF, None)],     None),
    ("none",                [],                                                 None),
]


@pytest.mark.parametrize(("rows", "best"), [p[1:] for p in PICKS], ids=[p[0] for p in PICKS])
def test_pick_best(rows, best):
    attempts = [attempt(i, status, e2e) for i, (status, e2e) in enumerate(rows)]
    picked = _pick_best(attempts)
    assert picked is (attempts[best] if best is not None else None)


def test_assembly_failure_prompt_does_not_claim_it_compiled():
    _, script, _ = run([verdict(AF), verdict(V, e2e=0.5)])
    repair = script.prompts[1][3]["content"]
    assert "the answer holds no `__global__` kernel" in repair
    assert "compiled" not in repair
