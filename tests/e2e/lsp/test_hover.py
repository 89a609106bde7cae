"""textDocument/hover: the predicted path from the reasoning graph before any run (fast), a
clear note when the graph is empty or the function cannot be offloaded. (The hover after a run
is checked in test_execute_command.py, right after the run.)"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.e2e.lsp.conftest import SAXPY, hover_request, open_doc, start

pytestmark = [pytest.mark.asyncio(loop_scope="function"), pytest.mark.lsp]

TECHNIQUES = ["sequential code", "thread mapping", "grid-stride loop", "memory coalescing"]


def example(source: str, code: str, kernel: float, e2e: float) -> dict[str, object]:
    return {"source": source, "kernel_class": "element-wise", "reasoning": "r", "how": "h",
            "code_before": code, "code_after": "__global__ void k() {}",
            "speedup_kernel": kernel, "speedup_end_to_end": e2e, "device": "NVIDIA H100"}


def write_graph(path: Path) -> Path:
    vector_add = "void add(int n, const float *a, const float *b, float *c) " \
                 "{ for (int i = 0; i < n; i++) c[i] = a[i] + b[i]; }"
    axpby = "void axpby(int n, float a, const float *x, float b, float *y) " \
            "{ for (int i = 0; i < n; i++) y[i] = a * x[i] + b * y[i]; }"
    doc = {"format": "regrapht-reasoning-graph", "version": 1,
           "techniques": [{"name": t, "description": t} for t in TECHNIQUES],
           "edges": [
               {"from": "sequential code", "to": "thread mapping",
                "examples": [example("vector_add", vector_add, 30.0, 1.5),
                             example("axpby_f32", axpby, 40.0, 2.0)]},
               {"from": "sequential code", "to": "memory coalescing",
                "examples": [example("transpose", "for (;;) t[j*n+i] = a[i*n+j];", 5.0, 0.5)]},
               {"from": "thread mapping", "to": "grid-stride loop",
                "examples": [example("axpby_f32", axpby, 45.0, 2.1)]},
           ]}
    path.write_text(json.dumps(doc))
    return path


async def test_predicted_path_before_a_run_in_under_100_ms(client: LanguageClient,
                                                           tmp_path: Path) -> None:
    await start(client, tmp_path, graphPath=str(write_graph(tmp_path / "graph.json")))
    uri = open_doc(client, tmp_path / "saxpy.c", SAXPY)
    await client.text_document_hover_async(hover_request(uri, 2))  # warm up
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        hover = await client.text_document_hover_async(hover_request(uri, 4, 8))
        timings.append(time.perf_counter() - started)
    assert sorted(timings)[2] < 0.100, timings
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.kind == types.MarkupKind.Markdown
    text = hover.contents.value
    assert "predicted optimization path for the for loop over `i` at line 4 of `saxpy`" in text
    assert "1. **thread mapping**: 2 verified examples, median speedup 35.00x kernel, " \
           "1.75x end-to-end" in text
    assert "2. **grid-stride loop**: 1 verified example" in text
    assert "memory coalescing" not in text.split("Closest")[0]
    assert "Closest example: `axpby_f32` (element-wise)" in text
    assert "nothing has been run" in text


async def test_empty_graph_says_so(client: LanguageClient, tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"format": "regrapht-reasoning-graph", "version": 1,
                                 "techniques": [{"name": "sequential code",
                                                 "description": "start"}], "edges": []}))
    await start(client, tmp_path, graphPath=str(empty))
    uri = open_doc(client, tmp_path / "saxpy.c", SAXPY)
    hover = await client.text_document_hover_async(hover_request(uri, 2))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "The reasoning graph holds no verified examples yet" in hover.contents.value
    assert "predicted optimization path for `saxpy`" in hover.contents.value


async def test_the_bundled_graph_works(client: LanguageClient, tmp_path: Path) -> None:
    await start(client, tmp_path)
    uri = open_doc(client, tmp_path / "saxpy.c", SAXPY)
    hover = await client.text_document_hover_async(hover_request(uri, 2))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "predicted optimization path" in hover.contents.value
    assert "could not be loaded" not in hover.contents.value


async def test_a_graph_that_cannot_be_read_is_named(client: LanguageClient,
                                                    tmp_path: Path) -> None:
    await start(client, tmp_path, graphPath=str(tmp_path / "missing.json"))
    uri = open_doc(client, tmp_path / "saxpy.c", SAXPY)
    hover = await client.text_document_hover_async(hover_request(uri, 2))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "could not be loaded: no reasoning graph at" in hover.contents.value


# (what, source, line, expected words; None: no hover)
CASES = [
    ("no function here", SAXPY, 0, None),
    ("function without a loop", SAXPY, 8, None),
    ("syntax error", SAXPY.replace("a * x[i] + y[i];", "a * x[i] + ;"), 4,
     ["cannot be parallelized", "syntax error"]),
    ("I/O in the loop", "#include <stdio.h>\n" + SAXPY.replace(
        "y[i] = a * x[i] + y[i];", 'printf("%f", y[i]);'), 5, ["cannot be parallelized", "I/O"]),
]


@pytest.mark.parametrize(("what", "source", "line", "words"), CASES, ids=[c[0] for c in CASES])
async def test_no_prediction_where_nothing_can_run(client: LanguageClient, tmp_path: Path,
                                                   what: str, source: str, line: int,
                                                   words: list[str] | None) -> None:
    await start(client, tmp_path)
    uri = open_doc(client, tmp_path / "code.c", source)
    hover = await client.text_document_hover_async(hover_request(uri, line))
    if words is None:
        assert hover is None
        return
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    for word in words:
        assert word in hover.contents.value
