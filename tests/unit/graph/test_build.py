"""Growing the graph: malformed trajectory files are refused by line; a failing step is reported
with the steps that build on it, and the verified prefix is merged."""

from __future__ import annotations

import json

import pytest

from regrapht.graph import START, bundled_graph_path
from regrapht.graph.build import StepCheck, add_trajectories, read_trajectories
from regrapht.graph.corpus import vocabulary_graph


def step(technique: str, code: str) -> dict:
    return {"technique": technique, "reasoning": "why", "how": "how", "code": code}


def record(source: str, *steps: dict) -> dict:
    return {"source": source, "kernel_class": "element-wise", "language": "c",
            "function": source, "sequential": f"void {source}(int n) {{}}", "steps": list(steps)}


GOOD = record("relu", step("thread mapping", "A"), step("grid stride loop", "B"),
              step("vectorized memory access", "C"))

# (id, JSONL text, words in the error)
MALFORMED = [
    ("not_json", "{", "line 2: not JSON"),
    ("missing_fields", json.dumps({"source": "x"}), "line 2: missing kernel_class"),
    ("bad_class", json.dumps({**GOOD, "kernel_class": "magic"}), "unknown kernel class 'magic'"),
    ("too_many_steps", json.dumps({**GOOD, "steps": [GOOD["steps"][0]] * 7}), "1 to 6 steps"),
    ("step_without_code", json.dumps({**GOOD, "steps": [{"technique": "t"}]}),
     "line 2, step 1: missing reasoning, how, code"),
    ("min_loops_zero", json.dumps({**GOOD, "steps": [
        {**GOOD["steps"][0], "min_parallel_loops": 0}]}),
     "line 2, step 1: min_parallel_loops must be a positive integer"),
]


@pytest.mark.parametrize(("text", "words"), [m[1:] for m in MALFORMED],
                         ids=[m[0] for m in MALFORMED])
def test_malformed_files(text, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(")):
        read_trajectories(["", text])


def fake_verify(failing: set[str]):
    def verify(rec, index, code):
        if code in failing:
            return StepCheck(False, f"wrong: {code} differs")
        return StepCheck(True, "", 10.0 * (index + 1), 0.5, "Fake GPU")
    return verify


def test_all_steps_verified_are_merged():
    graph = vocabulary_graph(bundled_graph_path().parent / "techniques.json")
    report = add_trajectories(graph, read_trajectories([json.dumps(GOOD)]), fake_verify(set()))
    assert report.merged_steps == 3 and report.rejected == ()
    first = graph.edges[START, "thread mapping"]["examples"][-1]
    assert (first.code_before, first.code_after, first.speedup_kernel) == (
        GOOD["sequential"], "A", 10.0)
    second = graph.edges["thread mapping", "grid-stride loop"]["examples"][-1]
    assert (second.code_before, second.code_after) == ("A", "B")


def test_a_failing_step_rejects_the_rest_and_keeps_the_prefix():
    graph = vocabulary_graph(bundled_graph_path().parent / "techniques.json")
    report = add_trajectories(graph, [GOOD], fake_verify({"B"}))
    assert report.merged_steps == 1
    assert [(r.step, r.reason) for r in report.rejected] == [
        (2, "wrong: B differs"), (3, "builds on step 2, which was rejected")]
    assert not graph.has_edge("thread mapping", "grid-stride loop")


def test_a_new_technique_keeps_the_loops_its_step_says_it_needs():
    graph = vocabulary_graph(bundled_graph_path().parent / "techniques.json")
    cube = record("cube", {**step("3D thread mapping", "A"), "min_parallel_loops": 3})
    add_trajectories(graph, read_trajectories([json.dumps(cube)]), fake_verify(set()))
    assert graph.nodes["3D thread mapping"]["technique"].min_parallel_loops == 3
    assert graph.nodes["2D thread mapping"]["technique"].min_parallel_loops == 2
