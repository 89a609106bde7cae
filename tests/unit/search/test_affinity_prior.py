"""Which technique MCGS tries first from the user's code, on the bundled graph: all start edges
are unvisited (a tie), so the edge whose worked example is most like the user's kernel goes
first (a 1D loop is not first tried as a 3D mapping). Known limit: the similarity is a bag of
tokens, so a 2D stencil can look most like a 1D kernel with similar names and operators."""

from __future__ import annotations

import pytest

from regrapht.graph import START, bundled_graph_path, load_graph
from regrapht.graph.view import GraphView

VIEW = GraphView.of(load_graph(bundled_graph_path()))

# (sequential code, the start edge tried first)
CASES = [
    ("void saxpy(int n, float a, const float *x, float *y) {\n"
     "    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];\n}\n", "thread mapping"),
]


@pytest.mark.parametrize(("code", "first"), CASES, ids=["1D map"])
def test_the_most_similar_start_edge_goes_first(code: str, first: str) -> None:
    successors = VIEW.next_techniques(START)
    assert first in successors and len(successors) >= 3
    best = max(successors, key=lambda v: VIEW.affinity((START, v), code))
    assert best == first
