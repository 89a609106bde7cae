"""What the search methods put in front of the model: a step, chain of thought, retrieval; and
which worked example an edge shows (the one from the kernel most like the user's code)."""

from __future__ import annotations

import networkx as nx

from regrapht.generate.search_prompts import cot_messages, rag_messages, step_messages
from regrapht.graph import START, GraphView, Technique
from regrapht.graph.schema import Example
from tests.unit.search.fakes import FIRST, SOURCE

SAXPY_SEQ = "for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];"
HIST_SEQ = "for (int i = 0; i < n; i++) hist[data[i]]++;"


def ex(source: str, before: str, after: str, speedup: float = 2.0) -> Example:
    return Example(source, "element-wise", f"why {source}", f"how {source}", before, after,
                   speedup, 1.0, "H100")


def two_kernel_graph() -> GraphView:
    """Two trajectories (saxpy, histogram) through the same two techniques."""
    g = nx.DiGraph()
    for name in (START, "thread mapping", "loop unrolling"):
        g.add_node(name, technique=Technique(name, f"what {name} does"))
    g.add_edge(START, "thread mapping", examples=(
        ex("histogram", HIST_SEQ, "__global__ void h1() {}", 3.0),
        ex("saxpy", SAXPY_SEQ, "__global__ void s1() {}", 5.0)))
    # Deeper steps start from CUDA code: only the trajectory tells which kernel it was.
    g.add_edge("thread mapping", "loop unrolling", examples=(
        ex("histogram", "__global__ void h1() {}", "__global__ void h2() {}", 4.0),
        ex("saxpy", "__global__ void s1() {}", "__global__ void s2() {}", 9.0)))
    return GraphView.of(g)


EDGE_CHOICES = [
    # user's code        edge                                   example chosen
    (SAXPY_SEQ,          (START, "thread mapping"),             "saxpy"),
    (HIST_SEQ,           (START, "thread mapping"),             "histogram"),
    (SAXPY_SEQ,          ("thread mapping", "loop unrolling"),  "saxpy"),
    (HIST_SEQ,           ("thread mapping", "loop unrolling"),  "histogram"),
    (SAXPY_SEQ,          ("loop unrolling", "thread mapping"),  None),  # no such edge
]


def test_the_example_on_an_edge_is_the_most_similar_kernels():
    view = two_kernel_graph()
    for code, edge, source in EDGE_CHOICES:
        chosen = view.example(edge, code)
        assert (chosen.source if chosen else None) == source, (code, edge)


def test_similar_kernels_show_their_fastest_step():
    matches = two_kernel_graph().similar_kernels(SAXPY_SEQ, 1)
    assert [(m.source, m.fastest.code_after) for m in matches] == [
        ("saxpy", "__global__ void s2() {}")]


def test_first_step_prompt_applies_the_technique_to_the_sequential_function():
    example = ex("saxpy", SAXPY_SEQ, "__global__ void s1() {}")
    messages = step_messages(FIRST, "thread mapping", "one thread per element", example)
    user = messages[-1]["content"]
    assert messages[0] == FIRST[0] and user.startswith(FIRST[1]["content"].rstrip())
    for part in ("## Optimization step: thread mapping", "one thread per element",
                 "from the kernel `saxpy`", "why saxpy", "how saxpy", SAXPY_SEQ,
                 "__global__ void s1() {}", "to the sequential function", "one cuda code block"):
        assert part in user, part
    assert "current CUDA version" not in user
    assert FIRST[1]["content"] == "Rewrite this sequential C function as CUDA.\n" + SOURCE


def test_later_step_prompt_starts_from_the_current_code():
    user = step_messages(FIRST, "loop unrolling", "d", None, current_code="__global__ void k(){}",
                         standing="correct, 4.00x")[-1]["content"]
    assert "The current CUDA version (correct, 4.00x)" in user
    assert "__global__ void k(){}" in user and "worked example" not in user


def test_chain_of_thought_and_retrieval_extend_the_one_shot_request():
    cot = cot_messages(FIRST)[-1]["content"]
    assert cot.startswith(FIRST[1]["content"].rstrip()) and "step by step" in cot
    rag = rag_messages(FIRST, two_kernel_graph().similar_kernels(SAXPY_SEQ, 2))[-1]["content"]
    assert "`saxpy` (element-wise)" in rag and "9.0 x faster" in rag
    assert rag.index("`saxpy`") < rag.index("`histogram`")
