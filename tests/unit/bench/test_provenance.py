"""The code version a benchmark row records: it changes with what decides a run, and not with
the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from regrapht.bench import provenance


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "regrapht"
    for part in provenance.RUN_CODE:
        path = root / part
        if part.endswith(".py"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text("# pipeline\n")
        else:
            path.mkdir(parents=True)
            (path / "a.py").write_text(f"# {part}\n")
    (root / "bench").mkdir(exist_ok=True)
    (root / "bench" / "report.py").write_text("# report\n")
    graph = tmp_path / "graph.json"
    graph.write_text("{}")
    monkeypatch.setattr(provenance, "PACKAGE", root)
    monkeypatch.setenv("REGRAPHT_GRAPH", str(graph))
    provenance.code_version.cache_clear()
    yield root
    provenance.code_version.cache_clear()


def _version_after(edit: Path, text: str) -> str:
    provenance.code_version.cache_clear()
    before = provenance.code_version()
    edit.write_text(text)
    provenance.code_version.cache_clear()
    after = provenance.code_version()
    assert len(before) == len(after) == 12
    return "same" if after == before else "changed"


@pytest.mark.parametrize(("edited", "outcome"), [
    ("search/a.py", "changed"),
    ("generate/a.py", "changed"),
    ("validate/a.py", "changed"),
    ("pipeline.py", "changed"),
    ("bench/profiles.py", "changed"),  # how a task becomes a job
    ("generate/prompts.txt", "changed"),  # not Python, still decides the answers
    ("bench/report.py", "same"),  # redrawing a summary changes no run
])
def test_what_changes_the_version(package: Path, edited: str, outcome: str) -> None:
    assert _version_after(package / edited, "# edited\n") == outcome


def test_the_graph_counts(package: Path, tmp_path: Path) -> None:
    assert _version_after(tmp_path / "graph.json", '{"nodes": []}') == "changed"


def test_this_checkout_has_a_version() -> None:
    provenance.code_version.cache_clear()
    version = provenance.code_version()
    assert len(version) == 12 and int(version, 16) >= 0


def test_every_row_records_it() -> None:
    """A task that cannot even be prepared still records which code judged it so."""
    from types import SimpleNamespace

    from regrapht.bench.runner import BenchSettings, verify_reference
    from regrapht.bench.tasks import load_tasks

    task = load_tasks(Path(__file__).parents[3] / "bench" / "tasks", ("gelu_tanh_f32",))[0]
    prep = SimpleNamespace(task=task, error="cannot parse", site=None, overrides=None,
                           profile=None)
    row = verify_reference(prep, BenchSettings())  # type: ignore[arg-type]
    provenance.code_version.cache_clear()
    assert row["status"] == "error" and row["code"] == provenance.code_version()
