"""The graph's seed corpus stays usable: every trajectory parses, builds its reference and every
step assembles and compiles with nvcc (`regrapht graph build --compile-only`). Correctness and
speed are checked on a GPU (`regrapht graph build`), not here."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli_runner import regrapht

pytestmark = pytest.mark.nvcc


def test_whole_corpus_compiles(tmp_path: Path, repo: Path) -> None:
    corpus = repo / "shared_graph" / "corpus"
    count = sum(1 for p in corpus.iterdir() if p.is_dir())
    proc = regrapht("graph", "build", "--compile-only", "--build-dir", str(tmp_path), cwd=repo,
                    timeout=3600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert f"{count} trajectories" in proc.stdout and "0 rejected" in proc.stdout
    assert count >= 60
