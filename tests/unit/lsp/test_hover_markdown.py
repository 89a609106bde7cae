"""Hover Markdown and the predicted path, from small graphs and fake runs (tables)."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import networkx as nx
import pytest

from regrapht.graph import START, Example, ExampleIndex, Technique
from regrapht.lsp.hover import (
    MeasuredStep,
    markdown_measured,
    markdown_prediction,
    measured_steps,
    predict_path,
)
from regrapht.parse import find_site
from regrapht.search.outcome import SearchTrace, TraceNode
from regrapht.validate.verdict import Stats, Status, Verdict

SAXPY = "void saxpy(int n, float a, const float *x, float *y) {\n" \
        "    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];\n}\n"


def ex(source: str, code: str, kernel: float, e2e: float = 1.0) -> Example:
    return Example(source, "element-wise", "r", "h", code, "k", kernel, e2e, "H100")


NEEDS = {"2D": 2, "3D": 3}  # techniques named so need that many nested loops


def graph(edges: list[tuple[str, str, list[Example]]]) -> nx.DiGraph:
    g = nx.DiGraph()
    for name in {START, *(u for u, _, _ in edges), *(v for _, v, _ in edges)}:
        g.add_node(name, technique=Technique(name, name,
                                             min_parallel_loops=NEEDS.get(name, 1)))
    for u, v, examples in edges:
        g.add_edge(u, v, examples=tuple(examples))
    return g


LIKE = "for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];"
UNLIKE = "while (lo < hi) { mid = (lo + hi) / 2; if (key[mid] < k) lo = mid; }"

# (edges, expected techniques in order)
PATHS = [
    ([], []),
    ([(START, "A", [ex("s", LIKE, 2.0)])], ["A"]),
    # the similar example wins over the edge with more examples
    ([(START, "A", [ex("s", LIKE, 2.0)]),
      (START, "B", [ex("t", UNLIKE, 9.0), ex("u", UNLIKE, 9.0)])], ["A"]),
    # equally similar: more examples win
    ([(START, "A", [ex("s", LIKE, 2.0)]),
      (START, "B", [ex("t", LIKE, 1.0), ex("u", LIKE, 1.0)])], ["B"]),
    # a chain, and no cycle back
    ([(START, "A", [ex("s", LIKE, 2.0)]), ("A", "B", [ex("s", LIKE, 3.0)]),
      ("B", "A", [ex("s", LIKE, 3.0)])], ["A", "B"]),
    # at most five steps
    ([(START, "T0", [ex("s", LIKE, 1.0)])]
     + [(f"T{i}", f"T{i + 1}", [ex("s", LIKE, 1.0)]) for i in range(8)],
     ["T0", "T1", "T2", "T3", "T4"]),
]


@pytest.mark.parametrize(("edges", "expected"), PATHS)
def test_predicted_path(edges: list[tuple[str, str, list[Example]]],
                        expected: list[str]) -> None:
    g = graph(edges)
    prediction = predict_path(g, ExampleIndex(g), LIKE)
    assert [s.technique for s in prediction.steps] == expected


MAPPINGS = [(START, "3D", [ex("s", LIKE, 9.0), ex("t", LIKE, 9.0)]),
            (START, "2D", [ex("s", LIKE, 5.0), ex("t", LIKE, 5.0)]),
            (START, "1D", [ex("s", LIKE, 2.0)])]
# (the code's independent nested loops, the first predicted step): as the search offers them
LOOPS = [(None, "3D"), (1, "1D"), (2, "2D"), (3, "3D")]


@pytest.mark.parametrize(("loops", "first"), LOOPS)
def test_the_prediction_skips_mappings_the_loops_cannot_take(loops: int | None,
                                                             first: str) -> None:
    g = graph(MAPPINGS)
    assert predict_path(g, ExampleIndex(g), LIKE, loops).steps[0].technique == first


def site(tmp_path: Path, line: int | None = None):  # type: ignore[no-untyped-def]
    path = tmp_path / "saxpy.c"
    path.write_text(SAXPY)
    return find_site(str(path), None if line else "saxpy", line=line, column=5)


def test_prediction_markdown(tmp_path: Path) -> None:
    g = graph([(START, "thread mapping", [ex("axpy", LIKE, 30.0, 1.0),
                                          ex("b", LIKE, 50.0, 3.0)])])
    text = markdown_prediction(site(tmp_path), predict_path(g, ExampleIndex(g), LIKE))
    assert text.splitlines()[0] == "**regrapht** · predicted optimization path for `saxpy`"
    assert "1. **thread mapping**: 2 verified examples, median speedup 40.00x kernel, " \
           "2.00x end-to-end; most like yours: `axpy`, 30.00x kernel, 1.00x end-to-end" in text
    assert "Closest example: `axpy` (element-wise), step *sequential code → thread mapping*, " \
           "similarity 1.00." in text


def test_prediction_markdown_on_a_loop_and_empty_graph(tmp_path: Path) -> None:
    g = graph([])
    text = markdown_prediction(site(tmp_path, line=2), predict_path(g, ExampleIndex(g), LIKE))
    assert "for the for loop over `i` at line 2 of `saxpy`" in text
    assert "The reasoning graph holds no verified examples yet" in text
    assert "Closest example" not in text


def verdict(status: Status, reason: str = "", ref: float = 1.0, kernel: float | None = None,
            e2e: float | None = None) -> Verdict:
    return Verdict(status, reason, reference=Stats.of([ref]),
                   kernel=Stats.of([kernel]) if kernel else None,
                   end_to_end=Stats.of([e2e]) if e2e else None)


def node(id_: int, parent: int | None, technique: str, attempt: int | None,
         example: str = "") -> TraceNode:
    return TraceNode(id_, parent, technique, example, "expand", attempt, "", "", None, 0.0, 0.0)


ATTEMPTS = [
    SimpleNamespace(index=0, kind="first", verdict=verdict(Status.COMPILE_FAILED, "nvcc")),
    SimpleNamespace(index=1, kind="repair", verdict=verdict(Status.VERIFIED, "", 1.0, 0.1, 0.5)),
]
STEPS = [
    SimpleNamespace(index=0, kind="step", verdict=verdict(Status.VERIFIED, "", 1.0, 0.125, 0.5)),
    SimpleNamespace(index=1, kind="step", verdict=verdict(Status.WRONG, "y differs")),
    SimpleNamespace(index=2, kind="step", verdict=verdict(Status.VERIFIED, "", 1.0, 0.05, 0.4)),
]
TREE = SearchTrace("regrapht-mcgs", nodes=(
    node(0, None, "sequential code", None), node(1, 0, "thread mapping", 0, "saxpy_f32"),
    node(2, 1, "loop unrolling", 1), node(3, 1, "shared memory tiling", 2, "matmul_f32")),
    path=(0, 1, 3))

# (outcome, expected rows as (label, status, kernel speedup))
OUTCOMES = [
    # no search path (nothing usable, or a method without one): every model call in order
    (SimpleNamespace(attempts=ATTEMPTS, trace=SearchTrace("repair", nodes=(), path=())),
     [("first answer", "compile-failed", None), ("repair (call 2)", "verified", 10.0)]),
    # the path to the best state, with the example each step was shown; the failed branch
    # (loop unrolling) is off the path
    (SimpleNamespace(attempts=STEPS, trace=TREE),
     [("thread mapping (example: saxpy_f32)", "verified", 8.0),
      ("shared memory tiling (example: matmul_f32)", "verified", 20.0)]),
]


@pytest.mark.parametrize(("outcome", "rows"), OUTCOMES)
def test_measured_steps_adapter(outcome: object, rows: list[tuple[str, str, float | None]]
                                ) -> None:
    steps = measured_steps(outcome)
    assert [(s.label, s.status, s.speedup_kernel) for s in steps] == rows


def test_measured_markdown() -> None:
    text = markdown_measured("saxpy", "verified", "correct on 10 trials", [
        MeasuredStep("first answer", "wrong", "y differs | at 3", None, None),
        MeasuredStep("repair 1", "verified", "", 10.0, 2.5)])
    assert text.splitlines()[0] == "**regrapht** · measured path for `saxpy`: **verified**"
    assert "| 1 | first answer | wrong: y differs \\| at 3 | - | - |" in text
    assert "| 2 | repair 1 | verified | 10.00x | 2.50x |" in text
