"""Child-process isolation: results, crashes, hangs and runaway memory, all reported,
none raised."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from regrapht.harness.isolation import default_memory_limit, resident_bytes, run_child

CHILD = '''
import sys, time, os
from regrapht.harness.isolation import child_main

def handle(job):
    kind = job["kind"]
    if kind == "ok":
        return {"answer": 42}
    if kind == "exit":
        sys.exit(3)
    if kind == "segfault":
        import ctypes
        ctypes.string_at(0)
    if kind == "hang":
        time.sleep(60)
    if kind == "memory":
        hog = bytearray(job["bytes"])
        for i in range(0, len(hog), 4096):
            hog[i] = 1
        time.sleep(60)
    raise ValueError("unknown kind")

child_main(handle)
'''

# (kind, ok, words in the reason, limit bytes)
CASES = [
    ("ok",       True,  "",                                None),
    ("exit",     False, "exited with status 3",            None),
    ("segfault", False, "killed by SIGSEGV",               None),
    ("hang",     False, "timeout after 2 s",               None),
    ("memory",   False, "exceeded the memory limit",       300 << 20),
]


@pytest.fixture
def module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "isolation_probe_child.py").write_text(CHILD)
    server = str(Path(__file__).resolve().parents[3] / "server")
    monkeypatch.setenv("PYTHONPATH", f"{tmp_path}:{server}")
    return "isolation_probe_child"


@pytest.mark.parametrize(("kind", "ok", "words", "limit"), CASES, ids=[c[0] for c in CASES])
def test_child_outcomes(module: str, kind: str, ok: bool, words: str, limit: int | None) -> None:
    job = {"kind": kind, "bytes": 1 << 30}
    child = run_child(module, job, timeout_s=2 if kind == "hang" else 30, memory_limit=limit)
    assert child.ok is ok, child.output
    assert words in child.reason
    if ok:
        assert child.result == {"answer": 42}


def test_memory_helpers() -> None:
    assert default_memory_limit() >= 2 << 30
    mine = resident_bytes(__import__("os").getpid())
    assert mine is None or mine > 1 << 20
    assert sys.platform != "linux" or mine is not None
