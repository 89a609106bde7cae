"""`regrapht graph stats|show` on the bundled graph and on a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest

from regrapht.cli import main


def test_stats_of_the_bundled_graph(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", "stats"]) == 0
    out = capsys.readouterr().out
    assert "techniques: " in out and "kernels by class:" in out and "stencil" in out


def test_show_writes_a_self_contained_page(tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    assert main(["graph", "show", "--out", str(out)]) == 0
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page and "shared memory tiling" in page
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "")


def test_bad_graph_file_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "g.json"
    bad.write_text('{"format": "regrapht-reasoning-graph", "version": 9}')
    assert main(["graph", "stats", "--graph", str(bad)]) == 2
    assert "upgrade regrapht" in capsys.readouterr().err
