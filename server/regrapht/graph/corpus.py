"""The seed corpus: hand-written optimization trajectories kept as source files in the repo.

    shared_graph/corpus/<name>/
        meta.json      {"source": name, "kernel_class": ..., "function": ...,
                        "steps": [{"technique": ..., "reasoning": ..., "how": ...,
                                   "file": "step1.cu", "description": "(new techniques)"}]}
        <name>.c|.cpp  the sequential function (the reference every step is checked against)
        step1.cu ...   each step's kernels + launcher `<function>_device` (the model's contract)

`corpus_records` turns the folders into the trajectory records `graph add` takes;
`shared_graph/techniques.json` is the vocabulary a rebuilt graph starts from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx

from regrapht.graph.schema import GraphFormatError, Technique
from regrapht.graph.store import from_document

VOCABULARY_FORMAT = "regrapht-technique-vocabulary"


def corpus_records(root: Path) -> list[dict[str, Any]]:
    """One record per folder under `root` (sorted by name); ValueError names a broken folder."""
    records = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        meta_path = folder / "meta.json"
        try:
            meta = json.loads(meta_path.read_text())
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{meta_path}: {exc}") from None
        sources = [p for p in folder.iterdir() if p.suffix in (".c", ".cpp")]
        if len(sources) != 1:
            raise ValueError(f"{folder}: expected one .c or .cpp file, found {len(sources)}")
        steps = []
        for i, step in enumerate(meta.get("steps", []), start=1):
            code_path = folder / step.get("file", "")
            if not code_path.is_file():
                raise ValueError(f"{folder}: step {i} names a missing file '{step.get('file')}'")
            steps.append({k: v for k, v in step.items() if k != "file"}
                         | {"code": code_path.read_text()})
        records.append({
            "source": meta.get("source", folder.name), "kernel_class": meta.get("kernel_class"),
            "language": "cpp" if sources[0].suffix == ".cpp" else "c",
            "function": meta.get("function"), "sequential": sources[0].read_text(),
            "steps": steps,
        })
    return records


def vocabulary_graph(path: Path) -> nx.DiGraph:
    """A graph with the vocabulary's techniques and no edges: where a rebuild starts."""
    doc = json.loads(path.read_text())
    if doc.get("format") != VOCABULARY_FORMAT:
        raise GraphFormatError(f"{path}: not a technique vocabulary")
    graph = from_document({"format": "regrapht-reasoning-graph", "version": doc.get("version"),
                           "techniques": doc["techniques"], "edges": []})
    assert all(isinstance(graph.nodes[n]["technique"], Technique) for n in graph.nodes)
    return graph
