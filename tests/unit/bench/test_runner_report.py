"""The result folder: resumable raw.jsonl, settings checked on resume, and the report built
from raw.jsonl alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from regrapht.bench.report import build_results, summary_markdown, write_report
from regrapht.bench.runner import BenchError, BenchSettings, open_output, read_raw

SETTINGS = BenchSettings(methods=("standard",), budget=3, model_id="m:1")


def _row(task: str, method: str, sample: int, status: str, sk: float | None = None,
         tier: str = "easy", **kw: object) -> dict[str, object]:
    return {"task": task, "tier": tier, "kernel_class": "element-wise", "method": method,
            "sample": sample, "status": status, "speedup_kernel": sk,
            "speedup_end_to_end": sk / 4 if sk else None, "suspicious": False, **kw}


def test_resume_skips_done_and_ignores_a_cut_line(tmp_path: Path) -> None:
    log = open_output(tmp_path, SETTINGS, resume=False)
    log.append(_row("a", "standard", 0, "verified", 2.0))
    with log.path.open("a") as f:
        f.write('{"task": "b", "meth')  # killed mid-line
    again = open_output(tmp_path, SETTINGS, resume=True)
    assert again.done == {"a/standard/0"}
    assert [r["task"] for r in read_raw(again.path)] == ["a"]


@pytest.mark.parametrize(("changed", "message"), [
    ({"budget": 5}, "budget"),
    ({"model_id": "other:2"}, "model_id"),
    ({"same_calls": True}, "same_calls"),
])
def test_resume_with_other_settings_is_refused(tmp_path: Path, changed: dict[str, object],
                                               message: str) -> None:
    open_output(tmp_path, SETTINGS, resume=False)
    other = BenchSettings(**{**SETTINGS.__dict__, **changed})
    with pytest.raises(BenchError, match=message):
        open_output(tmp_path, other, resume=True)


def test_more_methods_and_samples_may_be_added_on_resume(tmp_path: Path) -> None:
    open_output(tmp_path, SETTINGS, resume=False)
    more = BenchSettings(**{**SETTINGS.__dict__, "methods": ("standard", "cot"), "samples": 3})
    open_output(tmp_path, more, resume=True)


def test_existing_folder_needs_resume(tmp_path: Path) -> None:
    open_output(tmp_path, SETTINGS, resume=False)
    with pytest.raises(BenchError, match="--resume"):
        open_output(tmp_path, SETTINGS, resume=False)


def test_report_from_raw_alone(tmp_path: Path) -> None:
    log = open_output(tmp_path, SETTINGS, resume=False)
    for row in (_row("a", "standard", 0, "verified", 8.0, device="H100"),
                _row("b", "standard", 0, "wrong", tier="hard"),
                _row("a", "reference", 0, "verified", 16.0, bandwidth_fraction=0.5),
                _row("b", "reference", 0, "verified", 4.0, tier="hard",
                     bandwidth_fraction=0.25)):
        log.append(row)
    (tmp_path / "sessions.jsonl").write_text('{"wall_seconds": 60}\n{"wall_seconds": 120}\n')
    results = build_results(tmp_path, k=1)
    assert results["total_wall_seconds"] == 180 and results["sessions"] == 2
    overall = next(m for m in results["metrics"] if m["tier"] == "all")
    assert overall["pass_at_1"] == 0.5 and overall["kernel_at_1"]["mean_as_zero"] == 4.0
    refs = {r["tier"]: r for r in results["reference_summary"]}
    assert refs["all"]["kernel_geomean"] == pytest.approx(8.0)
    assert refs["all"]["bandwidth_fraction_median"] == pytest.approx(0.375)
    task_a = next(t for t in results["tasks"] if t["task"] == "a")
    assert task_a["methods"]["standard"]["reach"] == pytest.approx(0.5)
    text = summary_markdown(results, "unit")
    assert "| standard | 2 | 50.0% | 4.00x / 8.00x / 8.00x |" in text
    assert "3.0 min over 2 call(s)" in text
    assert "| a | easy | element-wise | 16.00x | 8.00x (50%) |" in text
    notes = write_report(tmp_path, 1, plots=False)
    assert notes == [] and json.loads((tmp_path / "results.json").read_text())["runs"] == 2


def test_report_takes_k_from_the_runs_samples(tmp_path: Path) -> None:
    """`regrapht bench report OUT` of a 2-sample run shows pass@2 without being told k, and
    says that per-task costs add up its samples."""
    log = open_output(tmp_path, BenchSettings(**{**SETTINGS.__dict__, "samples": 2}),
                      resume=False)
    for row in (_row("a", "standard", 0, "wrong", model_calls=1, tokens=10),
                _row("a", "standard", 1, "verified", 8.0, model_calls=1, tokens=30)):
        log.append(row)
    results = build_results(tmp_path)
    overall = next(m for m in results["metrics"] if m["tier"] == "all")
    assert (results["k"], overall["pass_at_1"], overall["pass_at_k"]) == (2, 0.5, 1.0)
    text = summary_markdown(results, "unit")
    assert "| method | tasks | pass@1 | pass@2 |" in text
    assert "totals over the task's 2 samples (a run's budget is 3 calls)" in text
    assert build_results(tmp_path, k=1)["k"] == 1


@pytest.mark.parametrize(("codes", "note"), [
    (("v1", "v1"), None),
    ((None, None), None),  # rows from before versions were recorded
    (("v1", "v2"), "made by 2 versions of the code** (bench/provenance.py; rows each): v1 1, v2 1"),
    (("v1", None), "made by 2 versions of the code** (bench/provenance.py; rows each): v1 1, "
                   "unrecorded 1"),
])
def test_report_says_when_runs_mix_code_versions(tmp_path: Path, codes: tuple[str | None, ...],
                                                 note: str | None) -> None:
    log = open_output(tmp_path, SETTINGS, resume=False)
    for task, code in zip(("a", "b"), codes, strict=True):
        log.append(_row(task, "standard", 0, "verified", 8.0, code=code))
    text = summary_markdown(build_results(tmp_path), "unit")
    if note is None:
        assert "versions of the code" not in text
    else:
        assert note in text


def test_missing_matplotlib_is_a_note_not_a_failure(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import fails as if not installed
    log = open_output(tmp_path, SETTINGS, resume=False)
    log.append(_row("a", "standard", 0, "verified", 8.0))
    notes = write_report(tmp_path, 1, plots=True)
    assert len(notes) == 1 and "matplotlib is not installed" in notes[0]
    assert (tmp_path / "summary.md").is_file()


def test_a_run_cut_by_the_benchmarks_stop_is_not_recorded(monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """Its last candidate was cancelled, not judged: logged, it would count as a failed run and
    --resume would not run it again."""
    from types import SimpleNamespace

    from regrapht.bench import runner
    from regrapht.bench.tasks import load_tasks
    from regrapht.generate.llm import GenerationCancelled

    task = load_tasks(Path(__file__).parents[3] / "bench" / "tasks", ("gelu_tanh_f32",))[0]
    prep = SimpleNamespace(task=task, error=None, site=object(), overrides=object(),
                           profile=object())

    def stopped_mid_run(*_args: object, cancel: object, **_kw: object) -> object:
        assert hasattr(cancel, "set")
        cancel.set()  # type: ignore[attr-defined]
        return SimpleNamespace()

    monkeypatch.setattr(runner, "run", stopped_mid_run)
    import threading
    with pytest.raises(GenerationCancelled):
        runner.run_one(prep, "standard", 0, model=object(), settings=SETTINGS,  # type: ignore[arg-type]
                       out=Path("/nonexistent"), cancel=threading.Event())
