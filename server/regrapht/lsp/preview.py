"""The `regrapht/preview` request: a finished run handed to a client that shows it before
anything is written (the `previewEdits` setting, which the VS Code extension turns on).

The server sends one request with everything the client needs to show a diff and a summary,
and waits for the answer: "apply" (then the server checks the document version and applies the
edit as it always does, so the version rule stays here) or "discard". An unverified result is
not asked about separately: the preview says so, and Apply is the consent.

Request params (camelCase, as JSON):

    sourceUri   the document the run started from
    version     its version then
    function    the function rewritten
    mode        "file" (a new CUDA file beside the source) or "replace" (the function in place)
    targetUri   the file the CUDA goes to (the source itself in replace mode)
    reportUri   the JSON report written beside it
    proposed    the whole text the target file would have
    status      "verified" or "compiled-not-run"
    verified    whether it was run on the GPU and matched the sequential code
    message     one line: what the result is (and, unverified, why)
    summary     Markdown: status, measured speedups, the optimization path taken

Answer: {"action": "apply" | "discard"} (a bare string works too; anything else: discard).
No lsprotocol and no I/O here.
"""

from __future__ import annotations

from typing import Any

from regrapht.lsp.actions import Decision, OutputPlan, replaced_span
from regrapht.lsp.hover import markdown_measured, measured_steps
from regrapht.pipeline import RunResult
from regrapht.report import overall_status, search_line, summary_line

PREVIEW_REQUEST = "regrapht/preview"
APPLY, DISCARD = "apply", "discard"


def replace_span(text: str, span: tuple[int, int, int, int], new: str) -> str:
    """`text` with the 0-based (start line, start char, end line, end char) range replaced."""
    lines = text.splitlines(keepends=True) or [""]
    start_line, start_char, end_line, end_char = span

    def offset(line: int, char: int) -> int:
        if line >= len(lines):
            return len(text)
        return sum(len(x) for x in lines[:line]) + char

    return text[:offset(start_line, start_char)] + new + text[offset(end_line, end_char):]


def proposed_text(source_text: str, result: RunResult, plan: OutputPlan) -> str:
    """The whole text the target file would have after Apply."""
    if plan.mode == "replace":
        return replace_span(source_text, replaced_span(result.site.span), result.shipped)
    return result.shipped


def markdown_summary(result: RunResult, plan: OutputPlan, decision: Decision) -> str:
    """The preview's summary: the measured path (as the hover shows it after the run), the
    search's path line, and, for an unverified result, why it was not verified."""
    status = overall_status(result)
    text = markdown_measured(result.site.name, status, summary_line(result),
                             measured_steps(result.outcome))
    text += f"\n\n{search_line(result)}"
    if decision.action != "apply":
        text += (f"\n\n**Not verified**: {decision.message.rsplit(' Write ', 1)[0]} "
                 f"Apply writes `{plan.cuda_path.name}` anyway.")
    return text


def preview_params(uri: str, version: int | None, source_text: str, result: RunResult,
                   plan: OutputPlan, decision: Decision) -> dict[str, Any]:
    verified = decision.action == "apply"
    message = summary_line(result) if verified else decision.message.rsplit(" Write ", 1)[0]
    return {
        "sourceUri": uri,
        "version": version,
        "function": result.site.name,
        "mode": plan.mode,
        "targetUri": plan.cuda_path.as_uri(),
        "reportUri": plan.report_path.as_uri(),
        "proposed": proposed_text(source_text, result, plan),
        "status": overall_status(result),
        "verified": verified,
        "message": message,
        "summary": markdown_summary(result, plan, decision),
    }


def read_answer(answer: Any) -> str:
    """APPLY only when the client clearly said so; anything else (None, an error) discards."""
    action = answer.get("action") if isinstance(answer, dict) else getattr(answer, "action",
                                                                             answer)
    return APPLY if action == APPLY else DISCARD
