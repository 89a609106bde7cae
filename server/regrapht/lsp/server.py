"""The regrapht language server (pygls, stdio): registration and state; handlers stay thin.

Features, one handler each:
- initialize / initialized / workspace/didChangeConfiguration: settings (options.py) from
  initialization options, then workspace configuration; invalid entries are shown as warnings.
- textDocument/codeAction: "Parallelize to CUDA" (refactor.rewrite) in a function with a loop;
  tree-sitter only, a few milliseconds.
- workspace/executeCommand `regrapht.parallelize`: the run, with progress and cancellation
  (parallelize.py; the heavy work in runner.py, in a worker thread).
- textDocument/hover: the predicted path from the reasoning graph before a run, the measured
  one after (hover.py).
- regrapht/preview (server -> client, with the previewEdits setting): a finished run shown by
  the client before anything is written; its "apply" or "discard" decides (preview.py).
- regrapht/status: model, GPU, settings in effect and busy/idle, for a status bar (status.py).
- $/cancelRequest: besides pygls's own handling, sets the cancel event of a running command.

Only this module and lsp_types.py import lsprotocol. The server opens no network connection.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol

from regrapht import __version__
from regrapht.graph import ExampleIndex, GraphFormatError, load_graph
from regrapht.lsp import hover, lsp_types, parallelize, preview
from regrapht.lsp.actions import COMMAND, function_with_loop_at, language_of
from regrapht.lsp.options import SECTION, LspOptions, parse_options
from regrapht.lsp.runner import ModelCache
from regrapht.lsp.status import STATUS_REQUEST, server_status
from regrapht.parse import UnsupportedCode, find_site, parallel_loops
from regrapht.pipeline import RunResult
from regrapht.report import overall_status, summary_line

log = logging.getLogger(__name__)


class RegraphtProtocol(LanguageServerProtocol):
    """pygls's protocol, plus: $/cancelRequest also stops a command that is already running
    (pygls alone can only cancel a request that has not started)."""

    def _handle_cancel_notification(self, msg_id: Any) -> None:
        server = self._server
        if isinstance(server, RegraphtServer):
            server.cancel_request(msg_id)
        super()._handle_cancel_notification(msg_id)


class RegraphtServer(LanguageServer):
    """State: settings, the reasoning graph (loaded once), the loaded model, finished runs."""

    def __init__(self) -> None:
        super().__init__("regrapht", __version__, protocol_cls=RegraphtProtocol)
        self.init_options = LspOptions()
        self.options = LspOptions()
        self.pending_warnings: list[str] = []
        self.models = ModelCache()
        self.busy = asyncio.Lock()
        self.results: dict[tuple[str, str], RunResult] = {}
        self._running: dict[Any, threading.Event] = {}
        self._graph: tuple[Path | None, nx.DiGraph, ExampleIndex, str] | None = None
        self._graph_lock = threading.Lock()

    # -- settings -------------------------------------------------------------------------

    def show(self, kind: str, text: str) -> None:
        self.window_show_message(lsp_types.lsp_message(kind, text))

    def set_options(self, raw: Any, origin: str, base: LspOptions | None = None) -> None:
        self.options, warnings = parse_options(raw, base or self.init_options, origin)
        for warning in warnings:
            self.show("warning", f"regrapht: {warning}")

    async def pull_configuration(self) -> None:
        caps = self.client_capabilities.workspace
        if not (caps and caps.configuration):
            return
        try:
            values = await self.workspace_configuration_async(
                lsp_types.lsp_configuration_request(SECTION))
        except Exception as exc:  # a client that fails here keeps the initialization options
            log.warning("workspace/configuration failed: %s", exc)
            return
        if values and values[0] is not None:
            self.set_options(values[0], "workspace configuration")

    def supports_progress(self) -> bool:
        window = self.client_capabilities.window
        return bool(window and window.work_done_progress)

    # -- runs -------------------------------------------------------------------------------

    def register_cancel(self, cancel: threading.Event) -> Callable[[], None]:
        msg_id = self.protocol.msg_id
        self._running[msg_id] = cancel

        def unregister() -> None:
            self._running.pop(msg_id, None)

        return unregister

    def cancel_request(self, msg_id: Any) -> None:
        event = self._running.get(msg_id)
        if event is not None:
            event.set()

    async def ask_preview(self, params: dict[str, Any]) -> str:
        """Hand a finished run to the client (regrapht/preview) and wait for its answer;
        a client that fails to answer discards."""
        try:
            answer = await self.protocol.send_request_async(preview.PREVIEW_REQUEST, params)
        except Exception as exc:
            log.warning("regrapht/preview failed: %s", exc)
            self.show("error", f"regrapht: the preview failed ({exc}); nothing was written.")
            return preview.DISCARD
        return preview.read_answer(answer)

    def remember(self, uri: str, result: RunResult) -> None:
        self.results[(uri, result.site.name)] = result

    # -- graph ------------------------------------------------------------------------------

    def graph(self) -> tuple[nx.DiGraph, ExampleIndex, str]:
        """The reasoning graph and its example index, loaded once per graph path; a graph that
        cannot be read gives an empty one and the reason."""
        wanted = self.options.graph_path
        with self._graph_lock:
            if self._graph is None or self._graph[0] != wanted:
                problem = ""
                try:
                    graph = load_graph(wanted)
                except GraphFormatError as exc:
                    graph, problem = nx.DiGraph(), str(exc)
                self._graph = (wanted, graph, ExampleIndex(graph), problem)
            return self._graph[1], self._graph[2], self._graph[3]


server = RegraphtServer()


@server.feature(types.INITIALIZE)
def initialize(ls: RegraphtServer, params: types.InitializeParams) -> None:
    ls.init_options, ls.pending_warnings = parse_options(
        params.initialization_options, origin="initialization options")
    ls.options = ls.init_options


@server.feature(types.INITIALIZED)
async def initialized(ls: RegraphtServer, params: types.InitializedParams) -> None:
    for warning in ls.pending_warnings:
        ls.show("warning", f"regrapht: {warning}")
    await ls.pull_configuration()
    await asyncio.to_thread(ls.graph)  # load it now: the first hover must be fast too


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: RegraphtServer,
                                   params: types.DidChangeConfigurationParams) -> None:
    if params.settings:
        ls.set_options(params.settings, "configuration")
    else:
        await ls.pull_configuration()


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION, lsp_types.lsp_code_action_options())
def code_action(ls: RegraphtServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    language = language_of(doc.path, doc.language_id)
    only = params.context.only
    if language is None or (only and not any(
            types.CodeActionKind.RefactorRewrite.value.startswith(k) for k in only)):
        return []
    start = params.range.start
    function = function_with_loop_at(doc.source, language, start.line, start.character)
    if function is None:
        return []
    return [lsp_types.lsp_code_action(doc.uri, function, start.line, start.character,
                                      doc.version)]


@server.command(COMMAND)
async def parallelize_command(ls: RegraphtServer, *arguments: Any) -> dict[str, Any]:
    return await parallelize.run_command(ls, arguments, ls.register_cancel)


@server.feature(STATUS_REQUEST)
async def status_request(ls: RegraphtServer, params: Any = None) -> dict[str, Any]:
    return await asyncio.to_thread(server_status, ls.options, ls.models, ls.busy.locked())


@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover_(ls: RegraphtServer, params: types.HoverParams) -> types.Hover | None:
    doc = ls.workspace.get_text_document(params.text_document.uri)
    language = language_of(doc.path, doc.language_id)
    at = params.position
    if language is None:
        return None
    function = function_with_loop_at(doc.source, language, at.line, at.character)
    if function is None:
        return None
    done = ls.results.get((doc.uri, function.name))
    if done is not None:
        text = hover.markdown_measured(function.name, overall_status(done), summary_line(done),
                                       hover.measured_steps(done.outcome))
    else:
        try:
            site = find_site(doc.path, line=at.line + 1, column=at.character + 1,
                             source=doc.source, language=language)
        except UnsupportedCode as exc:
            text = hover.markdown_refusal(exc.reason)
        else:
            graph, index, problem = ls.graph()
            text = hover.markdown_prediction(site, hover.predict_path(
                graph, index, site.source, parallel_loops(site)))
            if problem:
                text += f"\n\n_The reasoning graph could not be loaded: {problem}_"
    return lsp_types.lsp_markdown_hover(text, function.start_line, function.end_line)


def main() -> None:
    """`regrapht lsp`: serve on stdin/stdout until the client says exit."""
    server.start_io()
