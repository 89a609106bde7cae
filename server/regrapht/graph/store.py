"""Load the reasoning graph into networkx and write it back, in the format of schema.py.

Nodes carry `technique` (a Technique); edges carry `examples` (a tuple of Example). The bundled
graph lives in `shared_graph/graph.json` at the repository root; REGRAPHT_GRAPH points elsewhere.
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import networkx as nx

from regrapht.graph.schema import (
    FORMAT,
    SCHEMA_VERSION,
    Example,
    GraphFormatError,
    Technique,
    parse_document,
)


def bundled_graph_path() -> Path:
    override = os.environ.get("REGRAPHT_GRAPH")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[3] / "shared_graph" / "graph.json"


def from_document(doc: object) -> nx.DiGraph:
    techniques, edges = parse_document(doc)
    graph = nx.DiGraph()
    for t in techniques:
        graph.add_node(t.name, technique=t)
    for u, v, examples in edges:
        if graph.has_edge(u, v):
            raise GraphFormatError(f"the edge '{u}' -> '{v}' appears twice")
        graph.add_edge(u, v, examples=examples)
    return graph


def load_graph(path: Path | None = None) -> nx.DiGraph:
    path = path or bundled_graph_path()
    try:
        doc = json.loads(path.read_text())
    except FileNotFoundError:
        raise GraphFormatError(f"no reasoning graph at {path}") from None
    except json.JSONDecodeError as exc:
        raise GraphFormatError(f"{path} is not valid JSON ({exc})") from None
    try:
        return from_document(doc)
    except GraphFormatError as exc:
        raise GraphFormatError(f"{path}: {exc}") from None


def to_document(graph: nx.DiGraph) -> dict[str, object]:
    techniques = [dataclasses.asdict(graph.nodes[n]["technique"]) for n in graph.nodes]
    for t in techniques:
        t["synonyms"] = list(t["synonyms"])
        if t["min_parallel_loops"] == 1:  # the default is not written (schema.py)
            del t["min_parallel_loops"]
    edges = [{"from": u, "to": v,
              "examples": [dataclasses.asdict(x) for x in d["examples"]]}
             for u, v, d in graph.edges(data=True)]
    return {"format": FORMAT, "version": SCHEMA_VERSION, "techniques": techniques,
            "edges": edges}


def save_graph(graph: nx.DiGraph, path: Path) -> None:
    from_document(to_document(graph))  # never write what could not be read back
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(to_document(graph), indent=1) + "\n")
    os.replace(tmp, path)


__all__ = ["Example", "Technique", "bundled_graph_path", "from_document", "load_graph",
           "save_graph", "to_document"]
