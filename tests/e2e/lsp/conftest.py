"""The real `regrapht lsp` process driven by pytest-lsp's client over stdio.

`start(client, **settings)` initializes a session with the given settings (camelCase, as an
editor sends them); `open_doc` opens a file in the session. Runs use the scripted model (a
setting, generate/scripted.py) so that they take seconds, and one shared build directory so
that the reference and nvcc builds of the same code are cached between tests. The server is
started with this checkout's `server/` first on PYTHONPATH.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, make_test_lsp_client

REPO = Path(__file__).resolve().parents[3]
BUILD_DIR = Path(os.environ.get("REGRAPHT_LSP_TEST_BUILD", "/tmp/regrapht-lsp-test-build"))

SAXPY = """#include <stddef.h>

void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        y[i] = a * x[i] + y[i];
    }
}

int no_loop(int a) { return a + 1; }
"""

SAXPY_ANSWER = """```cuda
__global__ void saxpy_kernel(int n, float a, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}

void saxpy_device(int n, float a, const float *x, float *y) {
    saxpy_kernel<<<(n + 255) / 256, 256>>>(n, a, x, y);
}
```"""

BROKEN_ANSWER = """```cuda
__global__ void saxpy_kernel(int n, float a, const float *x, float *y) {
    y[idx] = a * x[idx] + y[idx];
}

void saxpy_device(int n, float a, const float *x, float *y) {
    saxpy_kernel<<<(n + 255) / 256, 256>>>(n, a, x, y);
}
```"""

SERVER_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(
    [str(REPO / "server"), *filter(None, [os.environ.get("PYTHONPATH")])])}


def make_client() -> LanguageClient:
    """pytest-lsp's client, reading a code action list right: its converter takes every item
    of `(Command | CodeAction)[]` for a Command (it is a Command when `command` is a string)."""
    client = make_test_lsp_client()
    converter = client.protocol._converter

    def command_or_action(obj: Any, _: Any) -> types.Command | types.CodeAction:
        kind = types.Command if isinstance(obj.get("command"), str) else types.CodeAction
        return converter.structure(obj, kind)  # type: ignore[no-any-return]

    converter.register_structure_hook(types.Command | types.CodeAction, command_or_action)
    return client


CONFIG = ClientServerConfig(server_command=[sys.executable, "-m", "regrapht", "lsp"],
                            server_env=SERVER_ENV, client_factory=make_client)

CAPABILITIES = types.ClientCapabilities(
    window=types.WindowClientCapabilities(work_done_progress=True),
    workspace=types.WorkspaceClientCapabilities(
        configuration=True, apply_edit=True,
        workspace_edit=types.WorkspaceEditClientCapabilities(
            document_changes=True, resource_operations=[types.ResourceOperationKind.Create])),
)


@pytest_lsp.fixture(config=CONFIG)
async def client(lsp_client: LanguageClient) -> AsyncIterator[None]:
    yield
    await lsp_client.shutdown_session()


def script(tmp_path: Path, *answers: str, seconds_per_token: float = 0.0) -> Path:
    path = tmp_path / "answers.jsonl"
    path.write_text("".join(json.dumps({"answer": a, "seconds_per_token": seconds_per_token})
                            + "\n" for a in answers))
    return path


async def start(client: LanguageClient, root: Path, **settings: Any) -> types.InitializeResult:
    """Initialize with `settings` as initialization options (buildDir defaults to the shared
    test build directory, the method to `repair` with 3 model calls, unless given)."""
    settings.setdefault("buildDir", str(BUILD_DIR))
    settings.setdefault("method", "repair")
    settings.setdefault("searchBudget", 3)
    return await client.initialize_session(types.InitializeParams(
        capabilities=CAPABILITIES, root_uri=root.as_uri(),
        initialization_options={"regrapht": settings}))


def open_doc(client: LanguageClient, path: Path, text: str, version: int = 1,
             language: str = "c") -> str:
    path.write_text(text)
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))
    return uri


def action_request(uri: str, line: int, character: int = 4) -> types.CodeActionParams:
    here = types.Position(line, character)
    return types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=types.Range(here, here),
        context=types.CodeActionContext(diagnostics=[]))


def hover_request(uri: str, line: int, character: int = 4) -> types.HoverParams:
    return types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(line, character))


class Editor:
    """What an editor does around a run: answers showMessageRequest with `choice` (None:
    dismissed) and applies workspace edits (recording them); records what it was asked."""

    def __init__(self, client: LanguageClient, choice: str | None = "Write anyway") -> None:
        self.choice = choice
        self.asked: list[types.ShowMessageRequestParams] = []
        self.edits: list[types.ApplyWorkspaceEditParams] = []

        @client.feature(types.WINDOW_SHOW_MESSAGE_REQUEST)
        def ask(params: types.ShowMessageRequestParams) -> types.MessageActionItem | None:
            self.asked.append(params)
            return types.MessageActionItem(self.choice) if self.choice else None

        @client.feature(types.WORKSPACE_APPLY_EDIT)
        def apply(params: types.ApplyWorkspaceEditParams) -> types.ApplyWorkspaceEditResult:
            self.edits.append(params)
            return types.ApplyWorkspaceEditResult(applied=True)

    def files(self) -> dict[str, str]:
        """uri -> text of every file the applied edits create."""
        created: dict[str, str] = {}
        for params in self.edits:
            for change in params.edit.document_changes or []:
                if isinstance(change, types.TextDocumentEdit):
                    created[change.text_document.uri] = "".join(
                        e.new_text for e in change.edits)
        return created


def command(uri: str, line: int = 4, character: int = 8) -> types.ExecuteCommandParams:
    return types.ExecuteCommandParams(command="regrapht.parallelize", arguments=[
        {"uri": uri, "line": line, "character": character}])


def progress_messages(client: LanguageClient) -> list[str]:
    return [getattr(v, "message", None) or getattr(v, "title", "")
            for values in client.progress_reports.values() for v in values]


def network_sockets(pid: int) -> list[str]:
    """The process's open sockets that are TCP or UDP (IPv4 or IPv6) endpoints; its stdio pipes
    and asyncio's own Unix socket pair are not network connections."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    found = []
    for table in ("tcp", "tcp6", "udp", "udp6"):
        path = Path(f"/proc/{pid}/net/{table}")
        for row in path.read_text().splitlines()[1:] if path.exists() else []:
            fields = row.split()
            if len(fields) > 9 and fields[9] in inodes:
                found.append(f"{table}: {row.strip()}")
    return found
