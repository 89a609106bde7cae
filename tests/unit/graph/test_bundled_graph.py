"""The bundled graph is the verified corpus: every corpus step is in it, with the speedups
measured on a GPU, and nothing else is. Fails when the corpus changes and the graph is not
rebuilt (`bash scripts/device/build-graph.sh` on a GPU machine, see shared_graph/README.md)."""

from __future__ import annotations

import json
import time
from collections import Counter

from regrapht.graph import bundled_graph_path, load_graph
from regrapht.graph.build import StepCheck, add_trajectories, read_trajectories
from regrapht.graph.corpus import corpus_records, vocabulary_graph
from regrapht.graph.retrieve import ExampleIndex

GRAPH = load_graph(bundled_graph_path())
RECORDS = corpus_records(bundled_graph_path().parent / "corpus")
EXAMPLES = [ex for _, _, d in GRAPH.edges(data=True) for ex in d["examples"]]


def test_every_corpus_step_is_an_example_and_nothing_else():
    corpus_steps = Counter((r["source"], s["code"]) for r in RECORDS for s in r["steps"])
    graph_steps = Counter((ex.source, ex.code_after) for ex in EXAMPLES)
    assert graph_steps == corpus_steps


def test_every_example_was_measured_on_a_gpu():
    for ex in EXAMPLES:
        assert ex.speedup_kernel > 0 and ex.speedup_end_to_end > 0, ex.source
        assert ex.device.startswith("NVIDIA"), (ex.source, ex.device)


def test_retrieval_over_the_whole_bundled_graph_is_fast():
    index = ExampleIndex(GRAPH)
    query = RECORDS[0]["sequential"]
    started = time.perf_counter()
    hits = index.rank(query)
    assert time.perf_counter() - started < 0.05
    assert hits[0].example.source == RECORDS[0]["source"]


def test_a_rebuild_keeps_every_technique_as_bundled():
    # Names, descriptions, synonyms and min_parallel_loops come from techniques.json and the
    # corpus steps; a rebuild (verification faked here) must give back the bundled techniques.
    rebuilt = vocabulary_graph(bundled_graph_path().parent / "techniques.json")
    records = read_trajectories(json.dumps(r) for r in RECORDS)
    add_trajectories(rebuilt, records, lambda record, index, code: StepCheck(True, "", 1, 1))
    assert {n: d["technique"] for n, d in rebuilt.nodes(data=True)} == \
        {n: d["technique"] for n, d in GRAPH.nodes(data=True)}
    assert set(rebuilt.edges) == set(GRAPH.edges)
