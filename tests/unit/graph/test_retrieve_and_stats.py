"""Retrieval ranks the examples whose starting code is most like the user's; stats count them."""

from __future__ import annotations

import time

import networkx as nx

from regrapht.graph import START, ExampleIndex, Technique, format_stats, graph_stats
from regrapht.graph.schema import Example

SAXPY = "for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];"
MATMUL = ("for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) { float acc = 0; "
          "for (int p = 0; p < k; p++) acc += A[i * k + p] * B[p * m + j]; C[i * m + j] = acc; }")
HIST = "for (int i = 0; i < n; i++) hist[data[i]]++;"


def example(source: str, code: str, kernel_class: str) -> Example:
    return Example(source, kernel_class, "r", "h", code, "after", 2.0, 1.0, "H100")


def small_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    for name in (START, "thread mapping", "shared memory tiling", "atomic accumulation"):
        g.add_node(name, technique=Technique(name, "d"))
    g.add_edge(START, "thread mapping", examples=(
        example("saxpy", SAXPY, "element-wise"), example("matmul", MATMUL, "dense linear algebra"),
        example("histogram", HIST, "histogram")))
    g.add_edge("thread mapping", "shared memory tiling",
               examples=(example("matmul", MATMUL, "dense linear algebra"),))
    g.add_edge("thread mapping", "atomic accumulation",
               examples=(example("histogram", HIST, "histogram"),))
    return g


# (user's code, kernel class, expected best source)
QUERIES = [
    ("for (int t = 0; t < n; t++) out[t] = b * in[t] + out[t];", None, "saxpy"),
    ("for (int r = 0; r < n; r++) for (int c = 0; c < m; c++) { float s = 0; for (int q = 0; "
     "q < k; q++) s += X[r * k + q] * Y[q * m + c]; Z[r * m + c] = s; }", None, "matmul"),
    ("for (int i = 0; i < n; i++) counts[keys[i]]++;", "histogram", "histogram"),
]


def test_rank_finds_the_most_similar_example():
    index = ExampleIndex(small_graph())
    for code, kernel_class, source in QUERIES:
        assert index.rank(code, kernel_class)[0].example.source == source


def test_rank_within_one_edge():
    index = ExampleIndex(small_graph())
    hits = index.rank(SAXPY, edge=("thread mapping", "shared memory tiling"))
    assert [h.example.source for h in hits] == ["matmul"]


def test_rank_over_a_large_graph_is_fast():
    g = small_graph()
    many = tuple(example(f"k{i}", MATMUL.replace("acc", f"acc{i}"), "dense linear algebra")
                 for i in range(3000))
    g.add_edge("shared memory tiling", "atomic accumulation", examples=many)
    index = ExampleIndex(g)
    started = time.perf_counter()
    index.rank(MATMUL)
    assert time.perf_counter() - started < 0.05


def test_stats():
    s = graph_stats(small_graph())
    assert (s.techniques, s.edges, s.examples, s.sources) == (3, 3, 5, 3)
    assert s.examples_per_edge[0] == (START, "thread mapping", 3)
    assert s.edge_speedups[0] == (2.0, 1.0)
    assert f"{START} -> thread mapping  (x2, x1)" in format_stats(s)
    assert dict(s.by_class)["histogram"] == 1 and dict(s.by_class)["scan"] == 0
    assert s.unused_techniques == ()
