"""The `regrapht.parallelize` command from start to finish, as the server runs it.

Order of events: progress begins -> the pipeline runs in a worker thread (runner.py) while the
server keeps answering -> progress ends -> the outcome is judged (actions.decide): a verified
result is written, a compiled-but-not-run one only if the user says "Write anyway" to a
window/showMessageRequest, a failed one never (the user is told why) -> just before
workspace/applyEdit the document must still be at the version the command saw, else nothing
is written and the user is told. With the `previewEdits` setting (a client with a preview UI)
a result that may be written is first handed to the client (preview.py, `regrapht/preview`)
and written only on its "apply", after the same version check. Cancellation: the progress's
Cancel button (window/workDoneProgress/cancel) and $/cancelRequest both set the run's
threading.Event, which the model checks between tokens and the child processes poll.

Builds LSP objects only through lsp_types.py; returns a plain dict (status, applied, message,
output, report) as the command's result, which tests and scripts can read.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from regrapht.lsp import lsp_types, preview
from regrapht.lsp.actions import (
    DONT_WRITE,
    TITLE,
    WRITE_ANYWAY,
    StageTracker,
    decide,
    language_of,
    replaced_span,
)
from regrapht.lsp.runner import RunOutcome, RunRequest, run_request
from regrapht.report import overall_status, summary_line

if TYPE_CHECKING:
    from regrapht.lsp.server import RegraphtServer

TOKEN_REPORT_SECONDS = 0.5  # at most two token-count reports a second


@dataclass(frozen=True)
class Target:
    uri: str
    line: int  # 0-based
    character: int


def parse_arguments(arguments: tuple[Any, ...]) -> Target | None:
    if not arguments or not isinstance(arguments[0], dict):
        return None
    a = arguments[0]
    if not (isinstance(a.get("uri"), str) and isinstance(a.get("line"), int)
            and isinstance(a.get("character"), int)):
        return None
    return Target(a["uri"], a["line"], a["character"])


class Progress:
    """Work-done progress for one run, reported from the worker thread through the event loop
    (pygls writes to its transport from the loop only)."""

    def __init__(self, ls: RegraphtServer, loop: asyncio.AbstractEventLoop, steps: int,
                 method: str) -> None:
        self.ls, self.loop = ls, loop
        self.token: str | None = None
        self.tracker = StageTracker(steps, method)
        self._last_tokens = 0.0

    async def begin(self, cancel: threading.Event, first: str) -> None:
        if not self.ls.supports_progress():
            return
        token = f"regrapht-{uuid.uuid4()}"
        try:
            await self.ls.work_done_progress.create_async(token)
        except Exception:  # a client that refuses progress still gets the run
            return
        self.token = token
        self.ls.work_done_progress.begin(token, lsp_types.lsp_progress_begin(TITLE, first))
        future = self.ls.work_done_progress.tokens.get(token)
        if future is not None:  # the client's Cancel button cancels this future
            future.add_done_callback(lambda f: cancel.set() if f.cancelled() else None)

    def _report(self, message: str, percentage: int) -> None:
        if self.token is not None:
            self.ls.work_done_progress.report(
                self.token, lsp_types.lsp_progress_report(message, percentage))

    def notify(self, message: str) -> None:  # worker thread
        self.loop.call_soon_threadsafe(self._report, *self.tracker.on_notify(message))

    def on_token(self, count: int) -> None:  # worker thread
        now = time.monotonic()
        if now - self._last_tokens >= TOKEN_REPORT_SECONDS:
            self._last_tokens = now
            self.loop.call_soon_threadsafe(self._report, *self.tracker.on_tokens(count))

    def end(self, message: str) -> None:
        if self.token is not None:
            self.ls.work_done_progress.end(self.token, lsp_types.lsp_progress_end(message))
            self.ls.work_done_progress.tokens.pop(self.token, None)


def _answer(status: str, message: str, applied: bool = False, **more: Any) -> dict[str, Any]:
    return {"status": status, "applied": applied, "message": message, **more}


async def run_command(ls: RegraphtServer, arguments: tuple[Any, ...],
                      register_cancel: Callable[[threading.Event], Callable[[], None]]
                      ) -> dict[str, Any]:
    target = parse_arguments(arguments)
    if target is None:
        ls.show("error", "regrapht.parallelize needs {uri, line, character}")
        return _answer("refused", "bad arguments")
    doc = ls.workspace.get_text_document(target.uri)
    if language_of(doc.path, doc.language_id) is None:
        ls.show("error", f"regrapht works on C, C++ and CUDA files, not {Path(doc.path).name}")
        return _answer("refused", "not a C, C++ or CUDA file")
    if ls.busy.locked():
        ls.show("warning", "regrapht is already parallelizing a function; cancel it or wait")
        return _answer("busy", "a run is in progress")
    async with ls.busy:
        version_seen, text = doc.version, doc.source
        cancel = threading.Event()
        unregister = register_cancel(cancel)
        options = ls.options
        progress = Progress(ls, asyncio.get_running_loop(), options.search_budget,
                            options.method)
        try:
            await progress.begin(cancel, f"parsing {Path(doc.path).name}")
            request = RunRequest(Path(doc.path), text, target.line + 1, target.character + 1,
                                 options)
            outcome = await asyncio.to_thread(
                run_request, request, ls.models, notify=progress.notify,
                on_token=progress.on_token, cancel=cancel)
            if cancel.is_set() and outcome.kind == "done":
                outcome = RunOutcome("cancelled", "regrapht: cancelled; nothing was written.")
        finally:
            unregister()
        progress.end(outcome.message or (summary_line(outcome.result) if outcome.result
                                         else "done"))
        return await _conclude(ls, target.uri, version_seen, outcome,
                               text if options.preview_edits else None)


async def _conclude(ls: RegraphtServer, uri: str, version_seen: int | None,
                    outcome: RunOutcome, preview_of: str | None = None) -> dict[str, Any]:
    """Judge, ask, check the version, apply. `preview_of`: the source text the run saw, when
    the client previews results (previewEdits); None: ask only for unverified ones."""
    if outcome.kind == "cancelled":
        ls.show("info", outcome.message)
        return _answer("cancelled", outcome.message)
    if outcome.result is None or outcome.plan is None:
        ls.show("error", outcome.message)
        return _answer(outcome.kind, outcome.message)
    result, plan = outcome.result, outcome.plan
    ls.remember(uri, result)
    decision = decide(result, plan.cuda_path)
    status = overall_status(result)
    if decision.action == "refuse":
        ls.show("error", decision.message)
        return _answer(status, decision.message)
    if preview_of is not None:
        answer = await ls.ask_preview(preview.preview_params(
            uri, version_seen, preview_of, result, plan, decision))
        if answer != preview.APPLY:
            ls.show("info", f"regrapht: discarded; nothing was written ({status}).")
            return _answer(status, "discarded in the preview", reason="discarded")
    elif decision.action == "ask":
        choice = await ls.window_show_message_request_async(lsp_types.lsp_message_request(
            "warning", decision.message, [WRITE_ANYWAY, DONT_WRITE]))
        if choice is None or choice.title != WRITE_ANYWAY:
            ls.show("info", f"regrapht: nothing was written ({status}).")
            return _answer(status, decision.message)
    current = ls.workspace.get_text_document(uri).version
    if current != version_seen:
        message = (f"{Path(uri).name} changed while regrapht was working (version "
                   f"{version_seen} -> {current}); nothing was written. Run it again.")
        ls.show("warning", message)
        return _answer(status, message, reason="document changed")
    if plan.mode == "replace":
        changes: list[Any] = [lsp_types.lsp_replace_edit(uri, version_seen,
                                                         replaced_span(result.site.span),
                                                         result.shipped)]
    else:
        changes = lsp_types.lsp_new_file_edit(plan.cuda_path, result.shipped)
    changes += lsp_types.lsp_new_file_edit(plan.report_path, outcome.report_json)
    applied = await ls.workspace_apply_edit_async(lsp_types.lsp_apply_edit(TITLE, changes))
    if not applied.applied:
        message = f"the editor did not apply the edit ({applied.failure_reason or 'no reason'})"
        ls.show("error", f"regrapht: {message}")
        return _answer(status, message)
    ls.show("info" if decision.action == "apply" else "warning",
            decision.message if decision.action == "apply"
            else f"regrapht wrote {plan.cuda_path.name} ({status}: NOT verified).")
    return _answer(status, decision.message, True, output=plan.cuda_path.as_uri(),
                   report=plan.report_path.as_uri())
