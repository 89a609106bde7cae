"""The verified-step cache: a build cut short resumes, rejections are retried, content keys."""

from __future__ import annotations

import json

from regrapht.cli.graph_verify import cached, step_key
from regrapht.graph.build import StepCheck

RECORD = {"source": "scale", "language": "c", "function": "scale",
          "sequential": "void scale(float *x, int n) { for (int i = 0; i < n; i++) x[i] *= 2; }",
          "steps": [{"technique": "thread mapping"}, {"technique": "fast math intrinsics"}]}


class Counting:
    """A fake validator: answers from a table by code, counts its calls."""

    def __init__(self, answers: dict[str, StepCheck]) -> None:
        self.answers, self.calls = answers, []

    def __call__(self, record: dict, index: int, code: str) -> StepCheck:
        self.calls.append(code)
        return self.answers[code]


GOOD = StepCheck(True, "", 12.5, 1.5, "H100")
BAD = StepCheck(False, "wrong: element 3 differs")


def test_verified_steps_are_reused_by_a_later_build(tmp_path):
    path = tmp_path / "cache.jsonl"
    first = Counting({"a": GOOD, "b": BAD})
    assert cached(first, path)(RECORD, 0, "a") == GOOD
    assert cached(first, path)(RECORD, 1, "b") == BAD
    second = Counting({"a": GOOD, "b": BAD})
    verify = cached(second, path)
    assert verify(RECORD, 0, "a") == GOOD  # from the file, not the validator
    assert verify(RECORD, 1, "b") == BAD  # rejections are asked again
    assert second.calls == ["b"]


def test_a_row_is_written_as_soon_as_a_step_passes(tmp_path):
    path = tmp_path / "cache.jsonl"
    cached(Counting({"a": GOOD}), path)(RECORD, 0, "a")
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert rows == [{"key": step_key(RECORD, "a"), "source": "scale", "step": 1,
                     "speedup_kernel": 12.5, "speedup_end_to_end": 1.5, "device": "H100"}]


def test_the_key_changes_with_anything_the_verdict_depends_on():
    changed = [dict(RECORD, sequential=RECORD["sequential"].replace("2", "3")),
               dict(RECORD, function="other"), dict(RECORD, language="cpp")]
    keys = {step_key(RECORD, "a"), step_key(RECORD, "b")} | {step_key(r, "a") for r in changed}
    assert len(keys) == 5
