"""Where the action is offered, how progress reads, where results go, and the scripted model."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from regrapht.generate.llm import GenerationCancelled, ModelError
from regrapht.generate.scripted import ScriptedModel
from regrapht.lsp.actions import StageTracker, function_with_loop_at, plan_output

CODE = """int add(int a, int b) { return a + b; }
void scale(int n, float *y) {
    for (int i = 0; i < n; i++) y[i] *= 2;
}
void broken(int n, float *y) {
    while (n--) y[n] = ;
}
"""

# (line, character, function or None)
POSITIONS = [(0, 10, None), (1, 5, "scale"), (2, 20, "scale"), (3, 0, "scale"), (4, 8, "broken"),
             (6, 0, "broken"), (7, 0, None)]


@pytest.mark.parametrize(("line", "character", "name"), POSITIONS)
def test_function_with_loop_at(line: int, character: int, name: str | None) -> None:
    found = function_with_loop_at(CODE, "c", line, character)
    assert (found.name if found else None) == name


# (pipeline notify lines, expected progress messages)
STAGES = [
    ("parsing f.c", "parsing f.c"),
    ("reference: building f at -O3 -march=native and timing it",
     "reference: building and timing your code at -O3"),
    ("model: loading", "loading the model"),
    ("model: writing a CUDA version",
     "search step 1 of 3 (repair: one shot): the model writes a CUDA version"),
    ("validating: compiling and checking",
     "search step 1 of 3 (repair: one shot): compiling and validating"),
    ("attempt 1: compile-failed (nvcc rejected the code)",
     "search step 1 of 3 (repair: one shot): attempt 1: compile-failed (nvcc rejected the code)"),
    ("model: writing repair 1",
     "search step 2 of 3 (repair: repair 1): the model writes a CUDA version"),
]


def test_stage_tracker_reads_like_stages() -> None:
    tracker = StageTracker(3, "repair")
    percentages = []
    for line, expected in STAGES:
        message, percent = tracker.on_notify(line)
        assert message == expected
        percentages.append(percent)
    assert percentages == sorted(percentages[:6]) + percentages[6:]
    assert all(0 <= p < 100 for p in percentages)
    assert tracker.on_tokens(12)[0].endswith("the model writes (12 tokens)")


# (source, mode, CUDA file, report) or the words of the refusal
PLANS = [
    ("/w/saxpy.c", "file", "/w/saxpy.cu", "/w/saxpy.report.json"),
    ("/w/saxpy.cpp", "file", "/w/saxpy.cu", "/w/saxpy.report.json"),
    ("/w/saxpy.cu", "file", "/w/saxpy_cuda.cu", "/w/saxpy_cuda.report.json"),
    ("/w/saxpy.cu", "replace", "/w/saxpy.cu", "/w/saxpy.report.json"),
    ("/w/saxpy.c", "replace", "needs a CUDA source", ""),
]


@pytest.mark.parametrize(("source", "mode", "cuda", "report"), PLANS)
def test_plan_output(source: str, mode: str, cuda: str, report: str) -> None:
    if not report:
        with pytest.raises(ValueError, match=cuda):
            plan_output(Path(source), mode)
        return
    plan = plan_output(Path(source), mode)
    assert (str(plan.cuda_path), str(plan.report_path)) == (cuda, report)


def test_scripted_model_replays_streams_and_cancels(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"answer": "one two three"}) + "\n"
                    + json.dumps({"answer": "slow " * 100, "seconds_per_token": 0.05}) + "\n")
    model = ScriptedModel(path)
    counts: list[int] = []
    first = model.chat([{"role": "user", "content": "hi"}], on_token=counts.append)
    assert first.text == "one two three" and counts == [1, 2, 3]
    cancel = threading.Event()
    threading.Timer(0.2, cancel.set).start()
    with pytest.raises(GenerationCancelled):
        model.chat([], cancel=cancel)


@pytest.mark.parametrize(("text", "words"), [
    ("", "holds no answers"), ("{not json\n", "a.jsonl:1"),
    (json.dumps({"error": "boom"}) + "\n", "boom")])
def test_scripted_model_errors(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(text)
    with pytest.raises(ModelError, match=words):
        ScriptedModel(path).chat([])
