"""Loading the model leaves the process's stdout alone (llm._load): llama-cpp-python's
verbose=False points fd 1 at /dev/null while it loads, and in the language server fd 1 is the
protocol (a progress report sent meanwhile was lost). The load runs verbose, its log quieted on
stderr, and the model is quiet afterwards."""

from __future__ import annotations

import os
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from regrapht.generate import llm as llm_module
from regrapht.generate.llm import ModelSettings


class FakeLlama:
    """Records how it was made and whether fd 1 was still the process's stdout meanwhile."""

    made: list[dict[str, Any]] = []

    def __init__(self, **options: Any) -> None:
        self.verbose = options["verbose"]
        FakeLlama.made.append({**options, "stdout": os.fstat(1).st_ino})


@pytest.fixture
def fake_llama_cpp(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    levels: list[bool] = []
    logger = types.ModuleType("llama_cpp._logger")
    logger.set_verbose = levels.append  # type: ignore[attr-defined]
    package = types.ModuleType("llama_cpp")
    package.Llama = FakeLlama  # type: ignore[attr-defined]
    package._logger = logger  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "llama_cpp", package)
    monkeypatch.setitem(sys.modules, "llama_cpp._logger", logger)
    monkeypatch.delenv("REGRAPHT_LLAMA_VERBOSE", raising=False)
    FakeLlama.made.clear()
    return levels


def test_the_load_leaves_stdout_alone_and_the_model_is_quiet_after(
        fake_llama_cpp: list[bool], tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF")
    stdout = os.fstat(1).st_ino
    loaded = llm_module._load(ModelSettings(path=model))
    made = FakeLlama.made[0]
    assert made["verbose"] is True and made["stdout"] == stdout  # no fd 1 redirection
    assert loaded.verbose is False  # no timing lines after each answer
    assert fake_llama_cpp == [False]  # llama.cpp's own log: errors only
