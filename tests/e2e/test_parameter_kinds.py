"""One task per construct family of real C++ interfaces (docs/parameter-kinds.md): an STL
call, a vector of structs, complex numbers, a string, a vector of strings, a push_back output,
recursion in the reference, std::array, std::vector<bool> and a returned struct. Each folder
under tests/e2e/kinds/ is a benchmark task whose sequential code is written as people write
it; its reference CUDA solution goes through the same harness as a model's answer: the
sequential code builds and runs on generated inputs, the answer assembles with the generated
drop-in wrapper and compiles (here), and on a GPU it is checked against the sequential code
and timed (tests/gpu)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.e2e.cli_runner import regrapht

KINDS = Path(__file__).parent / "kinds"
FAMILIES = sorted(p.name for p in KINDS.iterdir() if (p / "task.toml").is_file())


def run_kinds(tmp_path: Path, repo: Path, *extra: str) -> dict[str, dict]:
    out = tmp_path / "out"
    proc = regrapht("bench", str(KINDS), "--methods", "none", "--verify-references",
                    "--no-plots", "--out", str(out), "--jobs", "2", *extra, cwd=repo,
                    timeout=1800)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    rows = [json.loads(line) for line in (out / "raw.jsonl").read_text().splitlines()]
    return {r["task"]: r for r in rows}


@pytest.mark.nvcc
def test_every_family_builds_and_compiles(tmp_path: Path, repo: Path) -> None:
    rows = run_kinds(tmp_path, repo, "--no-gpu")
    assert sorted(rows) == FAMILIES
    bad = {name: r.get("error") or r.get("reason") for name, r in rows.items()
           if r["status"] != "compiled-not-run"}
    assert not bad, bad


@pytest.mark.gpu
def test_every_family_verifies_on_the_gpu(tmp_path: Path, repo: Path) -> None:
    rows = run_kinds(tmp_path, repo)
    bad = {name: r.get("error") or r.get("reason") for name, r in rows.items()
           if r["status"] != "verified"}
    assert not bad, bad
