"""A resumed benchmark run gets back the verdicts of candidates it already validated
(validate/remembered.py): the same candidate for the same function and reference is not
compiled, checked and timed again; anything that decides a verdict makes a new one."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import regrapht.validate as validate_module
from regrapht.harness.profile import ReferenceProfile
from regrapht.parse import CodeSite, Overrides, find_site
from regrapht.validate import Status, remember_verdicts, validate
from regrapht.validate.nvcc import CompileResult

SOURCE = "void scale(int n, float *x) {\n    for (int i = 0; i < n; i++) x[i] *= 2.0f;\n}\n"
PROFILE = ReferenceProfile(Path("/build/a/ref.so"), ("nvcc",), (), ((("n", 7),),), (("n", 99),),
                           (1e-3, 1.1e-3), ())


@pytest.fixture
def site(tmp_path: Path) -> CodeSite:
    (tmp_path / "scale.c").write_text(SOURCE)
    return find_site(str(tmp_path / "scale.c"), "scale")


@pytest.fixture
def compiles(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every compile the validator starts (nvcc itself is not needed: it always fails)."""
    seen: list[str] = []

    def fake(test_unit: str, build_dir: Path, arch: str | None) -> CompileResult:
        seen.append(test_unit)
        return CompileResult(False, None, f"error in {test_unit}", "", (), (), 0.1, False)

    monkeypatch.setattr(validate_module, "compile_candidate", fake)
    yield seen
    remember_verdicts(None)


def check(site: CodeSite, tmp_path: Path, **changes: Any) -> Status:
    args: dict[str, Any] = {"test_unit": "unit A", "build_dir": tmp_path / "b1",
                            "profile": PROFILE, "arch": None}
    args.update(changes)
    return validate(site, Overrides(), args.pop("profile"), args.pop("test_unit"),
                    args.pop("build_dir"), use_gpu=False, **args).status


# (second call's changes, validated again?)
CASES = [
    ({}, False),                                          # the same candidate: kept
    ({"build_dir": Path("/elsewhere")}, False),           # another build folder: kept
    ({"test_unit": "unit B"}, True),                      # another candidate
    ({"arch": "sm_80"}, True),                            # another target
    ({"profile": dataclasses.replace(PROFILE, samples=(2e-3,))}, True),  # another reference
    ({"timeout_s": 5.0}, True),                           # another validator setting
]


@pytest.mark.parametrize(("changes", "again"), CASES)
def test_a_kept_verdict_comes_back(site: CodeSite, tmp_path: Path, compiles: list[str],
                                   changes: dict[str, Any], again: bool) -> None:
    remember_verdicts(tmp_path / "verdicts")
    first = check(site, tmp_path)
    second = check(site, tmp_path, **changes)
    assert first is second is Status.COMPILE_FAILED
    assert len(compiles) == (2 if again else 1)


def test_nothing_is_kept_without_a_store(site: CodeSite, tmp_path: Path,
                                         compiles: list[str]) -> None:
    check(site, tmp_path)
    check(site, tmp_path)
    assert len(compiles) == 2


def test_a_verdict_reached_while_cancelling_is_not_kept(site: CodeSite, tmp_path: Path,
                                                        compiles: list[str]) -> None:
    remember_verdicts(tmp_path / "verdicts")
    cancel = threading.Event()
    cancel.set()
    check(site, tmp_path, cancel=cancel)
    check(site, tmp_path)
    assert len(compiles) == 2 and len(list((tmp_path / "verdicts").iterdir())) == 1


def test_an_unreadable_verdict_is_validated_again(site: CodeSite, tmp_path: Path,
                                                  compiles: list[str]) -> None:
    remember_verdicts(tmp_path / "verdicts")
    check(site, tmp_path)
    for kept in (tmp_path / "verdicts").iterdir():
        kept.write_bytes(b"not a pickle")
    assert check(site, tmp_path) is Status.COMPILE_FAILED and len(compiles) == 2
