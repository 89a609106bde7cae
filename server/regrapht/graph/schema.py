"""The reasoning graph's file format, version 1, and its check on load.

A JSON document (`shared_graph/graph.json`, described in `shared_graph/README.md`):

    {"format": "regrapht-reasoning-graph", "version": 1,
     "techniques": [{"name": ..., "description": ..., "synonyms": [...],
                     "min_parallel_loops": 2}, ...],
     "edges": [{"from": TECHNIQUE, "to": TECHNIQUE, "examples": [EXAMPLE, ...]}, ...]}

Node = one CUDA optimization technique (plus the start node, the untouched sequential code).
Edge u -> v = "after u, apply v"; each of its examples is one verified step of a trajectory:
where it comes from, the reasoning, how the technique was applied, the code before and after,
and the speedups measured on a GPU after that step. Anything else is refused with the path of
the offending field; a newer version is refused with a message that says to upgrade.
`min_parallel_loops` is optional (1 when absent, and then not written): a reader that ignores it
still reads the file, so it needs no new version.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

FORMAT = "regrapht-reasoning-graph"
SCHEMA_VERSION = 1
START = "sequential code"

KERNEL_CLASSES = (
    "element-wise", "reduction", "scan", "stencil", "dense linear algebra", "transpose",
    "histogram", "sparse", "sort and partition", "graph traversal", "all-pairs", "convolution",
    "softmax and normalisation", "triangular solve and factorisation", "search",
)


class GraphFormatError(ValueError):
    """The file is not a reasoning graph this version of regrapht can read."""


@dataclass(frozen=True)
class Technique:
    name: str
    description: str  # what it is and when it applies, one or two sentences
    synonyms: tuple[str, ...] = ()
    # independent nested loops the code must have for this technique to apply (2D mapping: 2)
    min_parallel_loops: int = 1


@dataclass(frozen=True)
class Example:
    source: str  # name of the sequential kernel whose trajectory this step belongs to
    kernel_class: str  # one of KERNEL_CLASSES
    reasoning: str  # why this technique, at this point
    how: str  # how it was applied
    code_before: str
    code_after: str
    speedup_kernel: float  # over the -O3 sequential reference, after this step
    speedup_end_to_end: float
    device: str  # the GPU the speedups were measured on


def _field(obj: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in obj:
        raise GraphFormatError(f"{where}: missing '{key}'")
    value = obj[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise GraphFormatError(
            f"{where}.{key}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def _example(obj: Any, where: str) -> Example:
    if not isinstance(obj, dict):
        raise GraphFormatError(f"{where}: expected an object")
    text = {k: _field(obj, k, str, where) for k in
            ("source", "kernel_class", "reasoning", "how", "code_before", "code_after", "device")}
    if text["kernel_class"] not in KERNEL_CLASSES:
        raise GraphFormatError(f"{where}.kernel_class: '{text['kernel_class']}' is not one of "
                               f"{', '.join(KERNEL_CLASSES)}")
    speed = {k: _field(obj, k, float, where) for k in ("speedup_kernel", "speedup_end_to_end")}
    for key, value in speed.items():
        if not math.isfinite(value) or value <= 0:
            raise GraphFormatError(f"{where}.{key}: a measured speedup must be positive")
    return Example(**text, **speed)


def parse_document(doc: Any) -> tuple[tuple[Technique, ...],
                                      tuple[tuple[str, str, tuple[Example, ...]], ...]]:
    """Techniques and edges of a graph document; raises GraphFormatError naming the field."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise GraphFormatError(f"not a reasoning graph (expected \"format\": \"{FORMAT}\")")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise GraphFormatError("'version' must be an integer")
    if version > SCHEMA_VERSION:
        raise GraphFormatError(f"the graph has format version {version}; this regrapht reads "
                               f"up to {SCHEMA_VERSION}: upgrade regrapht")
    if version < 1:
        raise GraphFormatError(f"unknown format version {version}")
    techniques: list[Technique] = []
    for i, t in enumerate(_field(doc, "techniques", list, "graph")):
        where = f"techniques[{i}]"
        if not isinstance(t, dict):
            raise GraphFormatError(f"{where}: expected an object")
        synonyms = _field(t, "synonyms", list, where) if "synonyms" in t else []
        if not all(isinstance(s, str) for s in synonyms):
            raise GraphFormatError(f"{where}.synonyms: expected strings")
        loops = _field(t, "min_parallel_loops", int, where) if "min_parallel_loops" in t else 1
        if loops < 1:
            raise GraphFormatError(f"{where}.min_parallel_loops: must be at least 1")
        techniques.append(Technique(_field(t, "name", str, where),
                                    _field(t, "description", str, where), tuple(synonyms),
                                    loops))
    names = [t.name for t in techniques]
    if START not in names:
        raise GraphFormatError(f"the start node '{START}' is missing")
    if len(set(names)) != len(names):
        raise GraphFormatError("technique names must be unique")
    edges = []
    for i, e in enumerate(_field(doc, "edges", list, "graph")):
        where = f"edges[{i}]"
        if not isinstance(e, dict):
            raise GraphFormatError(f"{where}: expected an object")
        u, v = _field(e, "from", str, where), _field(e, "to", str, where)
        for end in (u, v):
            if end not in names:
                raise GraphFormatError(f"{where}: unknown technique '{end}'")
        if v == START:
            raise GraphFormatError(f"{where}: no edge may lead back to '{START}'")
        examples = tuple(_example(x, f"{where}.examples[{j}]")
                         for j, x in enumerate(_field(e, "examples", list, where)))
        edges.append((u, v, examples))
    return tuple(techniques), tuple(edges)
