"""The previewEdits setting (the VS Code extension's): a finished run goes to the client as a
`regrapht/preview` request, and nothing is written unless the client answers "apply"; the
document-version rule still holds after "apply". Also `regrapht/status`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.e2e.lsp.conftest import (
    SAXPY,
    SAXPY_ANSWER,
    Editor,
    command,
    open_doc,
    script,
    start,
)

pytestmark = [pytest.mark.asyncio(loop_scope="function"), pytest.mark.lsp]


def as_dict(value: Any) -> dict[str, Any]:
    """pygls hands custom messages over as namedtuples."""
    return value._asdict() if hasattr(value, "_asdict") else dict(value)


class Previewer:
    """A client with a preview UI: records each regrapht/preview and answers `action`; with
    `edit_first`, the user edits the document while the preview is open."""

    def __init__(self, client: LanguageClient, action: str,
                 edit_first: tuple[str, str] | None = None) -> None:
        self.shown: list[dict[str, Any]] = []

        @client.feature("regrapht/preview")
        def preview(params: Any) -> dict[str, str]:
            self.shown.append(as_dict(params))
            if edit_first is not None:
                uri, text = edit_first
                client.text_document_did_change(types.DidChangeTextDocumentParams(
                    types.VersionedTextDocumentIdentifier(uri=uri, version=2),
                    [types.TextDocumentContentChangeWholeDocument(text=text)]))
            return {"action": action}


async def _run(client: LanguageClient, tmp_path: Path, action: str,
               edit: bool = False) -> tuple[dict[str, Any], Editor, Previewer, str]:
    editor = Editor(client, choice="Write anyway")
    uri = (tmp_path / "saxpy.c").as_uri()
    previewer = Previewer(client, action, (uri, SAXPY + "\n// edited\n") if edit else None)
    await start(client, tmp_path, scriptedModel=str(script(tmp_path, SAXPY_ANSWER)),
                useGpu=False, previewEdits=True, method="repair", searchBudget=1)
    open_doc(client, tmp_path / "saxpy.c", SAXPY)
    result = await client.workspace_execute_command_async(command(uri))
    return result, editor, previewer, uri


@pytest.mark.nvcc
async def test_preview_then_apply_writes_the_previewed_text(
        client: LanguageClient, tmp_path: Path) -> None:
    result, editor, previewer, uri = await _run(client, tmp_path, "apply")
    assert result["applied"] is True and result["status"] == "compiled-not-run", result
    assert editor.asked == []  # the preview replaces the "Write anyway?" question
    [shown] = previewer.shown
    cuda = (tmp_path / "saxpy.cu").as_uri()
    assert shown["sourceUri"] == uri and shown["targetUri"] == cuda and shown["version"] == 1
    assert shown["mode"] == "file" and shown["function"] == "saxpy"
    assert shown["status"] == "compiled-not-run" and shown["verified"] is False
    assert "NOT run" in shown["message"] and "anyway" not in shown["message"]
    assert "measured path for `saxpy`: **compiled-not-run**" in shown["summary"]
    assert "search: repair" in shown["summary"] and "**Not verified**" in shown["summary"]
    assert "__global__ void saxpy_kernel" in shown["proposed"]
    files = editor.files()
    assert files[cuda] == shown["proposed"]  # exactly what was shown is written
    assert (tmp_path / "saxpy.report.json").as_uri() in files


@pytest.mark.nvcc
async def test_preview_then_discard_writes_nothing(
        client: LanguageClient, tmp_path: Path) -> None:
    result, editor, previewer, _ = await _run(client, tmp_path, "discard")
    assert len(previewer.shown) == 1
    assert result["applied"] is False and result.get("reason") == "discarded", result
    assert editor.edits == [] and editor.asked == []
    assert any("discarded; nothing was written" in m.message for m in client.messages)


@pytest.mark.nvcc
async def test_document_changed_during_the_preview_writes_nothing_on_apply(
        client: LanguageClient, tmp_path: Path) -> None:
    result, editor, previewer, _ = await _run(client, tmp_path, "apply", edit=True)
    assert len(previewer.shown) == 1
    assert result["applied"] is False and result.get("reason") == "document changed", result
    assert editor.edits == []
    assert any("changed while regrapht was working" in m.message for m in client.messages)


async def test_status_names_the_model_and_the_gpu(client: LanguageClient,
                                                  tmp_path: Path) -> None:
    answers = script(tmp_path, SAXPY_ANSWER)
    await start(client, tmp_path, scriptedModel=str(answers), useGpu=False, gpuLayers=0)
    status = as_dict(await client.protocol.send_request_async("regrapht/status", None))
    assert status["model"] == "scripted: answers.jsonl" and status["modelReady"] is True
    assert status["gpu"] is False and status["gpuProblem"] == "the useGpu setting is off"
    assert status["gpuLayers"] == 0 and status["busy"] is False


async def test_status_says_how_to_get_a_missing_model(client: LanguageClient,
                                                      tmp_path: Path) -> None:
    await start(client, tmp_path, modelPath=str(tmp_path / "missing.gguf"))
    status = as_dict(await client.protocol.send_request_async("regrapht/status", None))
    assert status["modelReady"] is False and status["model"] == "missing"
    assert "regrapht model fetch" in status["modelProblem"]
