"""A second, unrelated LSP client: headless Neovim (Debian's 0.7) drives `regrapht lsp` with
lsp_test.lua: hover, the code action list, and the action's command with the edit applied by
Neovim. Skipped where nvim is not installed (`apt-get install neovim`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.lsp.conftest import BUILD_DIR, SAXPY, SAXPY_ANSWER, script

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

pytestmark = [
    pytest.mark.lsp,
    pytest.mark.nvcc,
    pytest.mark.skipif(shutil.which("nvim") is None,
                       reason="Neovim is not installed (apt-get install neovim)"),
]


def test_neovim_hover_code_action_and_command(tmp_path: Path) -> None:
    source = tmp_path / "saxpy.c"
    source.write_text(SAXPY)
    env = {**os.environ, "PYTHON": sys.executable, "SOURCE": str(source),
           "SCRIPTED": str(script(tmp_path, SAXPY_ANSWER)), "BUILD_DIR": str(BUILD_DIR),
           "SERVER_PYTHONPATH": os.pathsep.join(
               [str(REPO / "server"), *filter(None, [os.environ.get("PYTHONPATH")])]),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_STATE_HOME": str(tmp_path / "state")}
    proc = subprocess.run(
        ["nvim", "--headless", "--clean", "-u", "NONE", "-c", f"luafile {HERE / 'lsp_test.lua'}"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    assert "3 passed" in output, output
    print(output)
