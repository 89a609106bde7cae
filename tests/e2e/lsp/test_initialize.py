"""initialize: the server starts from `regrapht lsp`, says what it offers, reports bad settings."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsprotocol import types
from pytest_lsp import LanguageClient

from tests.e2e.lsp.conftest import start

pytestmark = [pytest.mark.asyncio(loop_scope="function"), pytest.mark.lsp]


async def test_capabilities(client: LanguageClient, tmp_path: Path) -> None:
    result = await start(client, tmp_path)
    caps = result.capabilities
    assert result.server_info is not None and result.server_info.name == "regrapht"
    assert caps.hover_provider
    assert isinstance(caps.code_action_provider, types.CodeActionOptions)
    assert list(caps.code_action_provider.code_action_kinds or []) == ["refactor.rewrite"]
    assert caps.execute_command_provider is not None
    assert list(caps.execute_command_provider.commands) == ["regrapht.parallelize"]


async def test_invalid_settings_are_reported_and_replaced(client: LanguageClient,
                                                          tmp_path: Path) -> None:
    await start(client, tmp_path, searchBudget=0, outputMode="inline", threads="four",
                colour="blue", gpuLayers=-1)
    await client.wait_for_notification(types.WINDOW_SHOW_MESSAGE)
    while len(client.messages) < 4:
        await client.wait_for_notification(types.WINDOW_SHOW_MESSAGE)
    texts = "\n".join(m.message for m in client.messages)
    assert all(m.type == types.MessageType.Warning for m in client.messages)
    assert ("regrapht.searchBudget = 0 must be a whole number from 1 to 100; using the default "
            "(12)") in texts
    assert "regrapht.outputMode = 'inline'" in texts and "'file'" in texts
    assert "regrapht.threads = 'four'" in texts
    assert "unknown setting regrapht.colour" in texts
    assert "gpuLayers" not in texts  # a valid setting is not reported


async def test_workspace_configuration_overrides_initialization_options(
        client: LanguageClient, tmp_path: Path) -> None:
    client.set_configuration({"regrapht": {"outputMode": "sideways"}})
    await start(client, tmp_path)
    await client.wait_for_notification(types.WINDOW_SHOW_MESSAGE)
    assert "workspace configuration: regrapht.outputMode = 'sideways'" in \
        client.messages[0].message
