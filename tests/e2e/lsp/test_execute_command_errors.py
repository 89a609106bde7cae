"""workspace/executeCommand on what goes wrong: each case gives one clear message, writes
nothing it should not, and the server keeps serving (a hover answers afterwards)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.e2e.lsp.conftest import (
    BROKEN_ANSWER,
    SAXPY,
    SAXPY_ANSWER,
    Editor,
    command,
    hover_request,
    open_doc,
    script,
    start,
)

pytestmark = [pytest.mark.asyncio(loop_scope="function"), pytest.mark.lsp,
              pytest.mark.nvcc]

CRASHES = """void crash(int n, float *y) {
    for (int i = 0; i < n; i++) {
        float *volatile p = 0;
        y[i] = *p;
    }
}
"""

# (case, file name, source, settings (scriptedModel is the saxpy answer unless given),
#  command line, result status, words the one error message must contain)
CASES = [
    ("syntax error", "f.c", SAXPY.replace("a * x[i] + y[i];", "a * x[i] + ;"), {}, 4,
     "refused", ["cannot parallelize", "syntax error", ":5:"]),
    ("I/O", "f.c", "#include <stdio.h>\n" + SAXPY.replace("y[i] = a * x[i] + y[i];",
                                                          'printf("%f", y[i]);'), {}, 5,
     "refused", ["cannot parallelize", "I/O"]),
    ("missing model", "f.c", SAXPY, {"scriptedModel": None, "modelPath": "/nonexistent/m.gguf"},
     4, "refused", ["model file not found: /nonexistent/m.gguf", "regrapht model fetch"]),
    ("model error", "f.c", SAXPY, {"scripted": [{"error": "the model file is corrupt"}]}, 4,
     "refused", ["the model cannot be used: the model file is corrupt"]),
    ("reference crashes", "crash.c", CRASHES, {}, 3, "refused",
     ["could not be run as the reference", "SIGSEGV"]),
    ("compile errors", "f.c", SAXPY, {"scripted": [{"answer": BROKEN_ANSWER}]}, 4, "failed",
     ["no usable CUDA version", "compile-failed", "identifier \"idx\" is undefined"]),
    ("replace needs .cu", "f.c", SAXPY, {"outputMode": "replace"}, 4, "refused",
     ["outputMode 'replace' needs a CUDA source"]),
]


@pytest.mark.parametrize(("case", "name", "source", "settings", "line", "status", "words"),
                         CASES, ids=[c[0] for c in CASES])
async def test_clear_message_nothing_written_still_serving(
        client: LanguageClient, tmp_path: Path, case: str, name: str, source: str,
        settings: dict[str, object], line: int, status: str, words: list[str]) -> None:
    editor = Editor(client)
    settings = dict(settings)
    answers = tmp_path / "answers.jsonl"
    answers.write_text("".join(json.dumps(a) + "\n" for a in settings.pop(
        "scripted", [{"answer": SAXPY_ANSWER}])))  # type: ignore[union-attr]
    settings.setdefault("scriptedModel", str(answers))
    await start(client, tmp_path, useGpu=False, searchBudget=1, **settings)
    uri = open_doc(client, tmp_path / name, source)
    result = await client.workspace_execute_command_async(command(uri, line))
    assert result["status"] == status and result["applied"] is False, result
    errors = [m.message for m in client.messages if m.type == types.MessageType.Error]
    assert len(errors) == 1, client.messages
    for word in words:
        assert word in errors[0], errors[0]
    assert "Traceback" not in errors[0]
    assert editor.edits == [] and editor.asked == []
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["answers.jsonl", name])
    # still serving, and a good run works right after
    hover = await client.text_document_hover_async(hover_request(uri, line))
    assert hover is not None


async def test_no_gpu_here_is_said_before_anything_is_written(client: LanguageClient,
                                                              tmp_path: Path) -> None:
    editor = Editor(client, choice=None)  # the user dismisses the question
    await start(client, tmp_path, searchBudget=1,
                scriptedModel=str(script(tmp_path, SAXPY_ANSWER)))  # useGpu: default true
    uri = open_doc(client, tmp_path / "saxpy.c", SAXPY)
    result = await client.workspace_execute_command_async(command(uri))
    assert result["status"] == "compiled-not-run" and result["applied"] is False
    assert len(editor.asked) == 1
    assert "correctness and speed were NOT measured" in editor.asked[0].message
    assert editor.edits == []


async def test_replace_mode_replaces_the_function_of_a_cu_file(client: LanguageClient,
                                                               tmp_path: Path) -> None:
    editor = Editor(client)
    await start(client, tmp_path, useGpu=False, searchBudget=1, outputMode="replace",
                scriptedModel=str(script(tmp_path, SAXPY_ANSWER)))
    uri = open_doc(client, tmp_path / "saxpy.cu", SAXPY, version=7, language="cuda")
    result = await client.workspace_execute_command_async(command(uri))
    assert result["applied"] is True, result
    changes = editor.edits[0].edit.document_changes or []
    replace = changes[0]
    assert isinstance(replace, types.TextDocumentEdit)
    assert replace.text_document.uri == uri and replace.text_document.version == 7
    edit = replace.edits[0]
    assert (edit.range.start.line, edit.range.start.character) == (2, 0)
    assert (edit.range.end.line, edit.range.end.character) == (6, 1)
    assert "__global__ void saxpy_kernel" in edit.new_text
    assert (tmp_path / "saxpy.report.json").as_uri() in {
        c.uri for c in changes if isinstance(c, types.CreateFile)}
