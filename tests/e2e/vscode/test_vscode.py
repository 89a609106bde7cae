"""The VS Code extension in a real editor (run-e2e.sh, editor.e2e.test.mjs): code-server with the
packaged .vsix and this checkout's server, driven by Playwright in headless Chromium. Skipped,
with the reason, where Chromium or npm is missing (scripts/setup.sh installs them); the first run
installs Node 24 and code-server into ~/.cache/regrapht/editor (~2 min), later runs ~40 s."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]

pytestmark = [
    pytest.mark.editor,
    pytest.mark.nvcc,
    pytest.mark.skipif(shutil.which("chromium") is None,
                       reason="Chromium is not installed (apt-get install chromium libkrb5-dev)"),
    pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed"),
]


def test_vscode_parallelize_preview_apply_and_hover(tmp_path: Path) -> None:
    # (its scratch directory stays under /tmp: code-server's sockets need short paths)
    env = {**os.environ, "PYTHON": sys.executable, "SHOTS": str(tmp_path / "shots")}
    proc = subprocess.run(["bash", str(HERE / "run-e2e.sh")], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=900)
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output[-6000:]
    assert "✔ Parallelize to CUDA in VS Code" in output, output[-6000:]
    print(output[-3000:])
