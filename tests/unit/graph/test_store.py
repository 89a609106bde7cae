"""The graph file: what loads, what is refused (and how the refusal reads), round trips."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from regrapht.graph import GraphFormatError, Step, load_graph, merge, save_graph
from regrapht.graph.schema import Example
from regrapht.graph.store import bundled_graph_path, from_document, to_document

EXAMPLE = {"source": "saxpy", "kernel_class": "element-wise", "reasoning": "independent",
           "how": "one thread per i", "code_before": "for (...)", "code_after": "__global__",
           "speedup_kernel": 100.0, "speedup_end_to_end": 0.5, "device": "NVIDIA H100"}
GOOD = {"format": "regrapht-reasoning-graph", "version": 1,
        "techniques": [{"name": "sequential code", "description": "start"},
                       {"name": "thread mapping", "description": "d",
                        "synonyms": ["one thread per element"]}],
        "edges": [{"from": "sequential code", "to": "thread mapping", "examples": [EXAMPLE]}]}


def broken(path: str, value: object) -> dict:
    """GOOD with the field at `path` (dotted, list indices as numbers) set to value, or deleted
    when value is DELETE."""
    doc = copy.deepcopy(GOOD)
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    target = doc
    for p in parents:
        target = target[p]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return doc


DELETE = object()

# (id, document, words the refusal must contain)
REFUSED = [
    ("not_a_graph", {"nodes": []}, "not a reasoning graph"),
    ("newer_version", broken("version", 2),
     "format version 2; this regrapht reads up to 1: upgrade"),
    ("version_not_int", broken("version", "1"), "'version' must be an integer"),
    ("no_start_node", broken("techniques.0.name", "begin"), "start node 'sequential code'"),
    ("duplicate_technique", broken("techniques.1.name", "sequential code"), "unique"),
    ("unknown_edge_end", broken("edges.0.to", "magic"), "edges[0]: unknown technique 'magic'"),
    ("edge_back_to_start", broken("edges.0.to", "sequential code"), "no edge may lead back"),
    ("missing_code", broken("edges.0.examples.0.code_after", DELETE),
     "edges[0].examples[0]: missing 'code_after'"),
    ("speedup_as_text", broken("edges.0.examples.0.speedup_kernel", "fast"),
     "edges[0].examples[0].speedup_kernel: expected float, got str"),
    ("negative_speedup", broken("edges.0.examples.0.speedup_end_to_end", -1.0),
     "must be positive"),
    ("unknown_kernel_class", broken("edges.0.examples.0.kernel_class", "magic"),
     "kernel_class: 'magic' is not one of"),
    ("synonyms_not_strings", broken("techniques.1.synonyms", [1]), "synonyms: expected strings"),
    ("min_loops_as_text", broken("techniques.1.min_parallel_loops", "2"),
     "techniques[1].min_parallel_loops: expected int, got str"),
    ("min_loops_zero", broken("techniques.1.min_parallel_loops", 0), "must be at least 1"),
]


@pytest.mark.parametrize(("doc", "words"), [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_refused(doc, words):
    with pytest.raises(GraphFormatError) as err:
        from_document(doc)
    assert words in str(err.value)


def test_round_trip(tmp_path: Path):
    graph = from_document(GOOD)
    path = tmp_path / "g.json"
    save_graph(graph, path)
    assert to_document(load_graph(path)) == to_document(graph)
    assert json.loads(path.read_text())["edges"][0]["examples"][0]["source"] == "saxpy"


def test_min_parallel_loops_round_trips_and_is_written_only_when_not_1(tmp_path: Path):
    doc = broken("techniques.1.min_parallel_loops", 2)
    path = tmp_path / "g.json"
    save_graph(from_document(doc), path)
    written = json.loads(path.read_text())["techniques"]
    assert [t.get("min_parallel_loops") for t in written] == [None, 2]
    assert load_graph(path).nodes["thread mapping"]["technique"].min_parallel_loops == 2
    assert from_document(GOOD).nodes["thread mapping"]["technique"].min_parallel_loops == 1


# (technique of the bundled graph, independent nested loops it needs)
BUNDLED_NEEDS = [("thread mapping", 1), ("2D thread mapping", 2), ("3D thread mapping", 3),
                 ("grid-stride loop", 1)]


@pytest.mark.parametrize(("name", "loops"), BUNDLED_NEEDS)
def test_bundled_graph_mappings_need_their_loops(name: str, loops: int):
    graph = load_graph(bundled_graph_path())
    assert graph.nodes[name]["technique"].min_parallel_loops == loops


def test_load_errors_name_the_file(tmp_path: Path):
    with pytest.raises(GraphFormatError, match="no reasoning graph at"):
        load_graph(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    with pytest.raises(GraphFormatError, match="bad.json is not valid JSON"):
        load_graph(bad)


def test_bundled_graph_loads():
    graph = load_graph(bundled_graph_path())
    assert "sequential code" in graph and graph.number_of_nodes() > 10


def _example(source: str) -> Example:
    return Example(**{**EXAMPLE, "source": source})


def test_merge_follows_relabels_and_adds_edges():
    graph = from_document(GOOD)
    log = merge(graph, [
        Step("one thread per element", "", _example("relu")),  # synonym of thread mapping
        Step("smem tiling", "stage tiles", _example("relu")),  # new node
    ])
    assert graph.edges["sequential code", "thread mapping"]["examples"][-1].source == "relu"
    assert len(graph.edges["sequential code", "thread mapping"]["examples"]) == 2
    assert log.new_nodes == ("smem tiling",)
    assert log.new_edges == (("thread mapping", "smem tiling"),)
    # A second trajectory with a synonym of the new node lands on it.
    log2 = merge(graph, [Step("thread mapping", "", _example("b")),
                         Step("tiling with shared memory", "", _example("b"))])
    assert log2.new_nodes == () and log2.new_edges == ()
    assert len(graph.edges["thread mapping", "smem tiling"]["examples"]) == 2
