"""workspace/executeCommand `regrapht.parallelize`: the run behind the code action, with
progress by stage, the result written only as the rules say, and cancellation."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.e2e.lsp.conftest import (
    SAXPY,
    SAXPY_ANSWER,
    Editor,
    command,
    hover_request,
    network_sockets,
    open_doc,
    progress_messages,
    script,
    start,
)

pytestmark = [pytest.mark.asyncio(loop_scope="function"), pytest.mark.lsp,
              pytest.mark.nvcc]


async def test_compiled_not_run_asks_before_writing_and_writes_on_yes(
        client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, choice="Write anyway")
    await start(client, tmp_path, scriptedModel=str(script(tmp_path, SAXPY_ANSWER)),
                useGpu=False)
    uri = open_doc(client, tmp_path / "saxpy.c", SAXPY)
    result = await client.workspace_execute_command_async(command(uri))
    assert result["status"] == "compiled-not-run" and result["applied"] is True, result
    # asked first, with the reason, before anything was written
    assert len(editor.asked) == 1
    assert "NOT run" in editor.asked[0].message and "GPU checks were turned off" in \
        editor.asked[0].message
    assert [a.title for a in editor.asked[0].actions or []] == ["Write anyway", "Don't write"]
    files = editor.files()
    cuda = (tmp_path / "saxpy.cu").as_uri()
    report = (tmp_path / "saxpy.report.json").as_uri()
    assert set(files) == {cuda, report}
    assert "__global__ void saxpy_kernel" in files[cuda] and 'extern "C" void saxpy(' in \
        files[cuda]
    assert '"status": "compiled-not-run"' in files[report]
    creates = [c for c in editor.edits[0].edit.document_changes or []
               if isinstance(c, types.CreateFile)]
    assert [c.uri for c in creates] == [cuda, report]
    # progress by stage, in order
    stages = progress_messages(client)
    joined = "\n".join(stages)
    for words in ("parsing saxpy.c", "reference", "loading the model",
                  "search step 1 of 3 (repair: one shot)", "compiling and validating"):
        assert words in joined, stages
    ends = [v for values in client.progress_reports.values() for v in values
            if isinstance(v, types.WorkDoneProgressEnd)]
    assert len(ends) == 1
    # after the run, the hover shows what was measured
    hover = await client.text_document_hover_async(hover_request(uri, 4))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "measured path for `saxpy`: **compiled-not-run**" in hover.contents.value
    assert "| 1 | one shot | compiled-not-run" in hover.contents.value
    # and through all of it, not one network connection
    assert client._server is not None
    assert network_sockets(client._server.pid) == []


async def test_compiled_not_run_writes_nothing_when_the_user_declines(
        client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, choice="Don't write")
    await start(client, tmp_path, scriptedModel=str(script(tmp_path, SAXPY_ANSWER)),
                useGpu=False)
    uri = open_doc(client, tmp_path / "saxpy.c", SAXPY)
    result = await client.workspace_execute_command_async(command(uri))
    assert result["applied"] is False and len(editor.asked) == 1
    assert editor.edits == []
    assert any("nothing was written" in m.message for m in client.messages)


async def test_document_changed_during_the_run_writes_nothing(
        client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client)
    await start(client, tmp_path, useGpu=False,
                scriptedModel=str(script(tmp_path, SAXPY_ANSWER, seconds_per_token=0.02)))
    path = tmp_path / "saxpy.c"
    uri = open_doc(client, path, SAXPY)
    run = asyncio.ensure_future(client.workspace_execute_command_async(command(uri)))
    await asyncio.sleep(0.5)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [types.TextDocumentContentChangeWholeDocument(text=SAXPY + "\n// edited\n")]))
    result = await run
    assert result["applied"] is False and result.get("reason") == "document changed", result
    assert editor.edits == []
    assert any("changed while regrapht was working" in m.message and "nothing was written"
               in m.message for m in client.messages)


async def _cancel_mid_answer(client: LanguageClient, tmp_path: Path, how: str) -> None:
    Editor(client)
    await start(client, tmp_path, useGpu=False,
                scriptedModel=str(script(tmp_path, SAXPY_ANSWER, seconds_per_token=0.5)))
    uri = open_doc(client, tmp_path / "saxpy.c", SAXPY)
    run = asyncio.ensure_future(client.protocol.send_request_async(
        types.WORKSPACE_EXECUTE_COMMAND, command(uri), msg_id="run-1"))
    deadline = time.monotonic() + 60
    while not any("the model writes" in m for m in progress_messages(client)):
        assert time.monotonic() < deadline, progress_messages(client)
        await asyncio.sleep(0.05)
    sent = time.monotonic()
    if how == "progress":
        token = next(iter(client.progress_reports))
        client.window_work_done_progress_cancel(types.WorkDoneProgressCancelParams(token))
        result = await run
        assert result["status"] == "cancelled", result
    else:
        client.protocol.notify(types.CANCEL_REQUEST, types.CancelParams(id="run-1"))
        with pytest.raises(Exception, match="cancel"):
            await run
    while not any(isinstance(v, types.WorkDoneProgressEnd)
                  for values in client.progress_reports.values() for v in values):
        assert time.monotonic() - sent < 5, "the run did not stop"
        await asyncio.sleep(0.02)
    assert time.monotonic() - sent < 2
    assert any("cancelled" in m.message for m in client.messages)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.jsonl", "saxpy.c"]
    # the server is still serving
    hover = await client.text_document_hover_async(hover_request(uri, 4))
    assert hover is not None


async def test_cancel_from_the_progress_stops_the_model_mid_answer(
        client: LanguageClient, tmp_path: Path) -> None:
    await _cancel_mid_answer(client, tmp_path, "progress")


async def test_cancel_request_stops_the_model_mid_answer(
        client: LanguageClient, tmp_path: Path) -> None:
    await _cancel_mid_answer(client, tmp_path, "request")


async def test_the_graph_search_reports_its_steps_and_the_hover_shows_its_path(
        client: LanguageClient, tmp_path: Path) -> None:
    """The default method (MCGS over the bundled graph) with a 3-call budget: progress names
    each step's technique and call number; the hover after the run shows the path to the
    result, with the worked example each step was shown."""
    Editor(client, choice="Write anyway")
    # three different answers: an answer already tried is redrawn, not compiled again
    answers = [SAXPY_ANSWER.replace("(n + 255) / 256, 256", f"(n + {b - 1}) / {b}, {b}")
               for b in (256, 128, 512)]
    await start(client, tmp_path, scriptedModel=str(script(tmp_path, *answers)),
                method="regrapht-mcgs", searchBudget=3, useGpu=False)
    uri = open_doc(client, tmp_path / "saxpy.c", SAXPY)
    result = await client.workspace_execute_command_async(command(uri))
    assert result["status"] == "compiled-not-run", result
    joined = "\n".join(progress_messages(client))
    # the first expansion is the start edge most like saxpy (search/mcgs.py tie-break)
    assert "search step 1 of 3 (regrapht-mcgs: thread mapping)" in joined, joined
    assert "search step 3 of 3 (regrapht-mcgs: " in joined, joined
    hover = await client.text_document_hover_async(hover_request(uri, 4))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "| 1 | thread mapping (example: " in hover.contents.value, hover.contents.value
