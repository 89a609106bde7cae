"""Which version of the code made a benchmark run, so that a results folder whose runs were
made by several versions (a run resumed across sessions while the code changed) says so.

`code_version()` hashes the source of everything that decides a run's outcome: the parser,
the graph and its view, the search, the prompts and the model glue, the validator and its
harness, the pipeline, how a benchmark task becomes a job (bench/tasks.py, bench/profiles.py),
and the bundled graph. The report (bench/report.py, metrics, plots) is left out: redrawing a
summary does not change what a run did.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from regrapht.graph.store import bundled_graph_path

PACKAGE = Path(__file__).resolve().parent.parent
RUN_CODE = ("parse", "graph", "search", "generate", "validate", "harness", "pipeline.py",
            "bench/tasks.py", "bench/profiles.py")


def _files() -> list[Path]:
    files: list[Path] = []
    for part in RUN_CODE:
        path = PACKAGE / part
        if path.is_file():
            files.append(path)
        else:
            files += sorted(p for p in path.rglob("*")
                            if p.is_file() and "__pycache__" not in p.parts)
    graph = bundled_graph_path()
    return files + ([graph] if graph.is_file() else [])


@functools.cache
def code_version() -> str:
    """12 hex digits of a sha256 over the run-deciding files' paths and contents."""
    digest = hashlib.sha256()
    for path in _files():
        name = path.relative_to(PACKAGE) if path.is_relative_to(PACKAGE) else Path(path.name)
        digest.update(str(name).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]
