"""`regrapht graph generate`: a parallelize report's search path becomes a trajectory line
that `graph add` reads."""

from __future__ import annotations

import json

import pytest

from regrapht.cli.graph_generate import trajectory
from regrapht.graph.build import read_trajectories

SOURCE = "void scale(int n, float *x) { for (int i = 0; i < n; i++) x[i] *= 2.0f; }\n"


def node(technique: str, status: str, speedup: float | None, code: str, example: str = ""):
    return {"technique": technique, "status": status, "speedup": speedup, "code": code,
            "example": example}


def report(*path: dict) -> dict:
    return {"source": {"function": "scale", "language": "c"}, "model": {"name": "Big-Coder"},
            "search": {"method": "regrapht-mcgs", "path": list(path)}}


# (path, techniques in the trajectory, words in the first step's texts)
CASES = [
    ([node("thread mapping", "verified", 40.0, "K1", "axpby_f32"),
      node("vectorized memory access", "verified", 55.5, "K2")],
     ["thread mapping", "vectorized memory access"], ["40x kernel-only", "axpby_f32",
                                                      "Big-Coder"]),
    ([node("thread mapping", "compiled-not-run", None, "K1")],
     ["thread mapping"], ["not measured"]),
    ([node("thread mapping", "wrong", None, "K1")], None, []),  # no usable step
    ([], None, []),
]


@pytest.mark.parametrize(("path", "techniques", "words"), CASES)
def test_trajectory_from_a_report(path, techniques, words):
    record = trajectory(report(*path), SOURCE, "element-wise")
    if techniques is None:
        assert record is None
        return
    assert [s["technique"] for s in record["steps"]] == techniques
    assert [s["code"] for s in record["steps"]] == [n["code"] for n in path]
    first = record["steps"][0]["reasoning"] + record["steps"][0]["how"]
    for word in words:
        assert word in first
    # exactly what `graph add` reads
    (parsed,) = read_trajectories([json.dumps(record)])
    assert (parsed["source"], parsed["function"], parsed["sequential"]) == \
        ("scale", "scale", SOURCE)
