"""Relabelling technique names onto the bundled graph's nodes: synonyms collapse, near misses
do not."""

from __future__ import annotations

import pytest

from regrapht.graph import START, bundled_graph_path, normalize, relabel
from regrapht.graph.corpus import vocabulary_graph

# The shipped vocabulary (what a rebuild starts from), not the built graph, whose nodes grow.
VOCABULARY = vocabulary_graph(bundled_graph_path().parent / "techniques.json")
TECHNIQUES = [d["technique"] for n, d in VOCABULARY.nodes(data=True) if n != START]

# (name in a trajectory, node it must land on, or None for a new technique)
CASES = [
    ("shared memory tiling",                    "shared memory tiling"),
    ("smem tiling",                             "shared memory tiling"),
    ("Tiling with shared memory",               "shared memory tiling"),
    ("shared-memory tiling",                    "shared memory tiling"),
    ("shared memroy tiling",                    "shared memory tiling"),   # typo
    ("register tiling",                         "register tiling"),
    ("register blocking",                       "register tiling"),        # listed synonym
    ("Warp-level reduction using shuffles",     "warp shuffle reduction"),
    ("shfl reduction",                          "warp shuffle reduction"),
    ("coalesced global memory accesses",        "memory coalescing"),
    ("Memory Coalescing",                       "memory coalescing"),
    ("unrolling the loop",                      "loop unrolling"),
    ("float4 vectorized loads",                 "vectorized memory access"),
    ("use atomics",                             "atomic accumulation"),
    ("grid stride loops",                       "grid-stride loop"),
    ("one thread per element",                  "thread mapping"),
    # Near misses that must stay apart:
    ("shared memory reduction",                 "shared memory reduction"),
    ("warp shuffle",                            None),  # a shuffle is not always a reduction
    ("register tiling with shared memory",      None),  # both key words: not either node
    ("texture memory",                          None),
    ("3D thread mapping",                       None),  # a digit tells 3D from 2D
    ("2d thread mapping",                       "2D thread mapping"),
    ("tensor core matrix multiply",             None),
    ("",                                        None),
]


@pytest.mark.parametrize(("given", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_relabel(given, expected):
    decision = relabel(given, TECHNIQUES)
    assert decision.name == expected, decision.reason
    assert decision.reason


def test_shared_and_register_tiling_never_merge():
    # Alike as strings (difflib ratio well above 0.5) but different techniques.
    assert relabel("registr tiling", TECHNIQUES).name == "register tiling"
    assert relabel("sharred tiling", TECHNIQUES).name != "register tiling"


@pytest.mark.parametrize(("name", "words"), [
    ("SMEM-tiling", ("shared", "memory", "tile")),
    ("Coalesced accesses to global memory", ("coalesce", "memory")),
    ("the optimization of loops", ("loop",)),
])
def test_normalize(name, words):
    assert normalize(name) == words
