"""Fixtures for the model tests: an environment with no user config, cache or model set."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point config and cache into tmp_path and unset every regrapht variable; returns tmp_path."""
    for name in ("REGRAPHT_MODEL", "REGRAPHT_CONFIG", "REGRAPHT_CACHE_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path
