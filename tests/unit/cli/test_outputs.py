"""The CUDA file and the report are written together or not at all (issue 21)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from regrapht.cli.outputs import OutputError, write_together


def _failing_second_rename():
    calls = []

    def rename(source: str, target: Path) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied", source)
        os.replace(source, target)

    return rename


def test_both_files_are_written(tmp_path: Path) -> None:
    out, report = tmp_path / "new" / "k.cu", tmp_path / "k.report.json"
    write_together([(out, "// cuda\n"), (report, "{}\n")])
    assert out.read_text() == "// cuda\n" and report.read_text() == "{}\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["k.cu", "k.report.json", "new"]


def test_failed_second_rename_leaves_neither_file(tmp_path: Path) -> None:
    out, report = tmp_path / "new" / "k.cu", tmp_path / "k.report.json"
    with pytest.raises(OutputError, match="k.report.json.*nothing was written"):
        write_together([(out, "// cuda\n"), (report, "{}\n")], rename=_failing_second_rename())
    assert list(tmp_path.iterdir()) == []  # no file, no temp file, no folder made for it


def test_failed_second_rename_restores_the_old_files(tmp_path: Path) -> None:
    """With --force the old pair is replaced; a failure halfway brings the old .cu back."""
    out, report = tmp_path / "k.cu", tmp_path / "k.report.json"
    out.write_text("old cuda\n")
    report.write_text("old report\n")
    with pytest.raises(OutputError):
        write_together([(out, "new cuda\n"), (report, "new report\n")],
                       rename=_failing_second_rename())
    assert out.read_text() == "old cuda\n" and report.read_text() == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.cu", "k.report.json"]


def test_failed_write_leaves_nothing(tmp_path: Path) -> None:
    """A folder that cannot hold the report: the .cu is not written either."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="file/k.report.json"):
        write_together([(tmp_path / "k.cu", "// cuda\n"), (blocker / "k.report.json", "{}\n")])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]
