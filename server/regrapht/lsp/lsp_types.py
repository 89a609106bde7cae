"""Builders of LSP objects: the one module besides server.py that imports lsprotocol.

Every function here is named `lsp_*` and turns a domain value (actions.py, hover.py,
runner.py) into the protocol type, so the boundary between regrapht and the protocol stays in
one place. Positions are 0-based LSP positions.
"""

from __future__ import annotations

from pathlib import Path

from lsprotocol import types

from regrapht.lsp.actions import COMMAND, TITLE, FunctionAt


def lsp_code_action(uri: str, function: FunctionAt, line: int, character: int,
                    version: int | None) -> types.CodeAction:
    """The "Parallelize to CUDA" action; picking it runs the `regrapht.parallelize` command,
    which carries the position and the document version the request saw."""
    argument = {"uri": uri, "line": line, "character": character, "version": version,
                "function": function.name}
    return types.CodeAction(
        title=TITLE,
        kind=types.CodeActionKind.RefactorRewrite,
        command=types.Command(title=TITLE, command=COMMAND, arguments=[argument]),
    )


def lsp_markdown_hover(markdown: str, start_line: int, end_line: int) -> types.Hover:
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=markdown),
        range=types.Range(types.Position(start_line, 0), types.Position(end_line + 1, 0)),
    )


def lsp_progress_begin(title: str, message: str) -> types.WorkDoneProgressBegin:
    return types.WorkDoneProgressBegin(title=title, cancellable=True, message=message,
                                       percentage=0)


def lsp_progress_report(message: str, percentage: int) -> types.WorkDoneProgressReport:
    return types.WorkDoneProgressReport(message=message, percentage=percentage,
                                        cancellable=True)


def lsp_progress_end(message: str) -> types.WorkDoneProgressEnd:
    return types.WorkDoneProgressEnd(message=message)


def lsp_new_file_edit(path: Path, text: str) -> list[types.CreateFile | types.TextDocumentEdit]:
    """Create (or overwrite) the file at `path` and fill it with `text`."""
    uri = path.as_uri()
    return [
        types.CreateFile(uri=uri, options=types.CreateFileOptions(overwrite=True)),
        types.TextDocumentEdit(
            text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None),
            edits=[types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 0)),
                                  text)],
        ),
    ]


def lsp_replace_edit(uri: str, version: int | None, span: tuple[int, int, int, int],
                     text: str) -> types.TextDocumentEdit:
    """Replace the range `span` (start line/char, end line/char) of the versioned document: a
    client must refuse it when the document has moved on."""
    start_line, start_char, end_line, end_char = span
    return types.TextDocumentEdit(
        text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
        edits=[types.TextEdit(types.Range(types.Position(start_line, start_char),
                                          types.Position(end_line, end_char)), text)],
    )


def lsp_workspace_edit(
    changes: list[types.CreateFile | types.TextDocumentEdit],
) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(document_changes=list(changes))


def lsp_apply_edit(label: str, changes: list[types.CreateFile | types.TextDocumentEdit]
                   ) -> types.ApplyWorkspaceEditParams:
    return types.ApplyWorkspaceEditParams(edit=lsp_workspace_edit(changes), label=label)


def lsp_message(kind: str, text: str) -> types.ShowMessageParams:
    """kind: "error" | "warning" | "info"."""
    return types.ShowMessageParams(type=_MESSAGE_TYPES[kind], message=text)


def lsp_message_request(kind: str, text: str, actions: list[str]
                        ) -> types.ShowMessageRequestParams:
    return types.ShowMessageRequestParams(
        type=_MESSAGE_TYPES[kind], message=text,
        actions=[types.MessageActionItem(title=a) for a in actions],
    )


def lsp_configuration_request(section: str, scope_uri: str | None = None
                              ) -> types.ConfigurationParams:
    return types.ConfigurationParams(items=[types.ConfigurationItem(scope_uri=scope_uri,
                                                                    section=section)])


def lsp_code_action_options() -> types.CodeActionOptions:
    return types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.RefactorRewrite],
                                   resolve_provider=False)


_MESSAGE_TYPES = {"error": types.MessageType.Error, "warning": types.MessageType.Warning,
                  "info": types.MessageType.Info}
