"""The VS Code extension's manifest (package.json) and client (extension/) agree with the server:
every server setting is offered with the server's choices and defaults, and the client passes
exactly the server's keys. Read as data; no Node needed."""

from __future__ import annotations

import json
import re
from pathlib import Path

from regrapht.lsp.actions import COMMAND, LANGUAGE_IDS
from regrapht.lsp.options import _KEYS, OUTPUT_MODES
from regrapht.search import DEFAULT_BUDGET, DEFAULT_METHOD, METHODS

REPO = Path(__file__).resolve().parents[3]
MANIFEST = json.loads((REPO / "package.json").read_text())
SETTINGS = MANIFEST["contributes"]["configuration"]["properties"]
CLIENT_ONLY = {"interpreter"}  # the client's own setting
SERVER_ONLY = {"previewEdits"}  # sent by the client itself, not a user setting


def _ts_list(path: str, name: str) -> list[str]:
    text = (REPO / path).read_text()
    match = re.search(rf"{name} = \[(.*?)\]", text, re.S)
    assert match, f"{name} not found in {path}"
    return re.findall(r"'([^']+)'", match.group(1))


def test_every_server_setting_is_offered_and_described() -> None:
    offered = {key.removeprefix("regrapht.") for key in SETTINGS}
    assert offered - CLIENT_ONLY == set(_KEYS) - SERVER_ONLY
    for key, schema in SETTINGS.items():
        assert schema.get("markdownDescription") or schema.get("description"), key


def test_the_client_passes_exactly_the_server_keys() -> None:
    assert set(_ts_list("extension/common/settings.ts", "SERVER_KEYS")) == \
        set(_KEYS) - SERVER_ONLY


def test_choices_and_defaults_are_the_servers() -> None:
    assert SETTINGS["regrapht.method"]["enum"] == list(METHODS)
    assert SETTINGS["regrapht.method"]["default"] == DEFAULT_METHOD
    assert SETTINGS["regrapht.searchBudget"]["default"] == DEFAULT_BUDGET
    assert tuple(SETTINGS["regrapht.outputMode"]["enum"]) == OUTPUT_MODES


def test_commands_menus_and_languages() -> None:
    commands = {c["command"] for c in MANIFEST["contributes"]["commands"]}
    assert set(_ts_list("extension/common/constants.ts", "LANGUAGES")) == set(LANGUAGE_IDS)
    assert {f"onLanguage:{x}" for x in LANGUAGE_IDS} == set(MANIFEST["activationEvents"])
    assert COMMAND in commands
    constants = (REPO / "extension/common/constants.ts").read_text()
    assert commands == set(re.findall(r"'(regrapht\.[a-zA-Z]+)'", constants))
    [menu] = MANIFEST["contributes"]["menus"]["editor/context"]
    assert menu["command"] == COMMAND
    assert all(f"editorLangId == {x}" in menu["when"] for x in LANGUAGE_IDS)
