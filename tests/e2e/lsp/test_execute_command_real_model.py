"""workspace/executeCommand with the real model (Qwen2.5-Coder-1.5B on this machine's CPU): the
whole path through the language server, one model call, no GPU run (compile only)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.conftest import real_model_path
from tests.e2e.lsp.conftest import SAXPY, Editor, command, open_doc, progress_messages, start

pytestmark = [pytest.mark.asyncio(loop_scope="function"), pytest.mark.lsp, pytest.mark.nvcc,
              pytest.mark.model]


async def test_real_model_run_through_the_server(client: LanguageClient, tmp_path: Path) -> None:
    editor = Editor(client, choice="Write anyway")
    await start(client, tmp_path, modelPath=str(real_model_path()), searchBudget=1,
                useGpu=False)
    uri = open_doc(client, tmp_path / "saxpy.c", SAXPY)
    result = await client.workspace_execute_command_async(command(uri))
    stages = "\n".join(progress_messages(client))
    assert "loading the model" in stages and "the model writes (" in stages, stages
    assert result["status"] in ("compiled-not-run", "failed"), result
    if result["status"] == "compiled-not-run":
        assert result["applied"] is True and len(editor.asked) == 1
        cuda = editor.files()[(tmp_path / "saxpy.cu").as_uri()]
        assert "__global__" in cuda and 'extern "C" void saxpy(' in cuda
    else:  # the model's one answer did not compile: said, nothing written
        assert editor.edits == [] and any(
            m.type == types.MessageType.Error and "no usable CUDA version" in m.message
            for m in client.messages)
    report = [m for m in client.messages if "model" in m.message.lower()]
    assert not any("cannot be used" in m.message for m in report)
