"""`regrapht bench`: every (task, method, sample) through the pipeline, results as JSON lines.

Phases, each resumable (a key already in OUT/raw.jsonl is skipped):
1. prepare: parse each task and measure its sequential reference, one task at a time (nothing
   else runs meanwhile, so the CPU timings are clean); stored in OUT/references/ (profiles.py).
2. references (`verify_references`): each task's reference CUDA solution through the validator;
   its speedups are the ceiling the methods are compared with.
3. runs: `pipeline.run` per (task, method, sample), `jobs` at a time in threads. Compiling and
   checking happen in child processes and overlap; GPU timings take a file lock
   (validate.gpu_child.exclusive_timing), one at a time; model calls go through the one model
   passed in (cache.CachingModel serializes them; batch.BatchingModel batches them).
Each finished run appends one line to OUT/raw.jsonl at once (flushed), and its full report
(report.build_report) to OUT/runs/<task>/<method>-<sample>.json.gz.
"""

from __future__ import annotations

import gzip
import json
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from regrapht.bench.profiles import Prepared, prepare, task_job
from regrapht.bench.provenance import code_version
from regrapht.bench.tasks import Task
from regrapht.generate.assemble import AssemblyError, assemble
from regrapht.generate.llm import ChatModel, GenerationCancelled, ModelError
from regrapht.harness.inputs import effective_arrays
from regrapht.pipeline import nvrtc_launch, run
from regrapht.report import build_report, overall_status
from regrapht.search import DEFAULT_BUDGET
from regrapht.validate import (
    Verdict,
    limit_concurrency,
    remember_verdicts,
    validate,
)
from regrapht.validate.gpu_child import TIMING_LOCK_ENV

RAW = "raw.jsonl"
MANIFEST = "bench.json"
REFERENCE_METHOD = "reference"
Notify = Callable[[str], None]


class BenchError(Exception):
    """The benchmark cannot start or go on (bad output folder, settings that differ from the
    run being resumed); the message says what to do."""


@dataclass(frozen=True)
class BenchSettings:
    methods: tuple[str, ...] = ()
    budget: int = DEFAULT_BUDGET
    samples: int = 1
    same_calls: bool = False
    seed: int = 0
    temperature: float | None = None  # first answers sampled at this (None: greedy)
    use_gpu: bool = True
    arch: str | None = None
    jobs: int = 1
    validations: int | None = None  # at most this many validations at once (None: one a core)
    verdicts: Path | None = None  # keep verdicts here, reuse them on resume (validate/remembered)
    time_limit: float | None = None
    max_repairs: int = 2
    step_repairs: int = 1
    build_dir: Path = Path(".regrapht-build")
    model_id: str = ""  # what identifies the model (file name and size)
    model_path: Path = Path("")
    verify_references: bool = False
    write_reports: bool = True

    def identity(self) -> dict[str, Any]:
        """What a resumed run must share with the run it continues (methods, samples and
        tasks may grow)."""
        return {"budget": self.budget, "same_calls": self.same_calls, "seed": self.seed,
                "temperature": self.temperature, "use_gpu": self.use_gpu, "arch": self.arch,
                "time_limit": self.time_limit, "max_repairs": self.max_repairs,
                "step_repairs": self.step_repairs, "model_id": self.model_id}


def run_key(task: str, method: str, sample: int) -> str:
    return f"{task}/{method}/{sample}"


@dataclass
class ResultLog:
    """OUT/raw.jsonl: read what is done, append as runs finish (thread-safe, flushed)."""

    path: Path
    done: set[str] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def load(self) -> list[dict[str, Any]]:
        rows = read_raw(self.path)
        self.done = {run_key(r["task"], r["method"], int(r["sample"])) for r in rows}
        return rows

    def append(self, row: dict[str, Any]) -> None:
        line = json.dumps(row, sort_keys=True) + "\n"
        with self._lock:
            with self.path.open("a") as out:
                out.write(line)
                out.flush()
                os.fsync(out.fileno())
            self.done.add(run_key(row["task"], row["method"], int(row["sample"])))


def read_raw(path: Path) -> list[dict[str, Any]]:
    """The records of a raw.jsonl; a line cut short by a killed run is ignored."""
    if not path.exists():
        return []
    rows = []
    for line in path.read_text().splitlines():
        try:
            row = json.loads(line)
        except ValueError:
            continue
        if isinstance(row, dict) and {"task", "method", "sample"} <= set(row):
            rows.append(row)
    return rows


def open_output(out: Path, settings: BenchSettings, resume: bool) -> ResultLog:
    """Create OUT (or check that it continues the same benchmark) and return its log."""
    manifest = out / MANIFEST
    log = ResultLog(out / RAW)
    if manifest.exists() or log.path.exists():
        if not resume:
            raise BenchError(f"{out} holds a benchmark already; pass --resume to continue it "
                             "or choose another --out")
        try:
            before = json.loads(manifest.read_text())["identity"]
        except (OSError, ValueError, KeyError) as exc:
            raise BenchError(f"{manifest} cannot be read ({exc}); cannot resume") from None
        now = json.loads(json.dumps(settings.identity()))
        differ = sorted(k for k in set(before) | set(now) if before.get(k) != now.get(k))
        if differ:
            raise BenchError(f"{out} was run with other settings ({', '.join(differ)}: "
                             f"{ {k: before.get(k) for k in differ} }); resume with the same "
                             "ones or choose another --out")
    out.mkdir(parents=True, exist_ok=True)
    record = {"identity": settings.identity(), "methods": list(settings.methods),
              "samples": settings.samples, "jobs": settings.jobs,
              "verify_references": settings.verify_references}
    manifest.write_text(json.dumps(record, indent=1) + "\n")
    log.load()
    return log


def _base(task: Task, method: str, sample: int) -> dict[str, Any]:
    return {"task": task.name, "tier": task.tier, "kernel_class": task.kernel_class,
            "method": method, "sample": sample, "expert_steps": len(task.expert_steps),
            "code": code_version()}


def _verdict_fields(v: Verdict | None) -> dict[str, Any]:
    if v is None:
        return {"correct": None, "speedup_kernel": None, "speedup_end_to_end": None,
                "suspicious": False, "bandwidth_fraction": None, "device": "", "reason": ""}
    fraction = v.roofline.bandwidth_fraction if v.roofline and v.roofline.judged else None
    return {"correct": v.correct, "speedup_kernel": v.speedup_kernel,
            "speedup_end_to_end": v.speedup_end_to_end, "suspicious": bool(v.suspicious),
            "bandwidth_fraction": fraction, "device": v.device,
            "reason": v.reason or v.suspicious,
            "reference_seconds": v.reference.median if v.reference else None}


def verify_reference(prep: Prepared, settings: BenchSettings) -> dict[str, Any]:
    """The task's reference solution through the validator, as a record of method
    "reference" (sample 0)."""
    task = prep.task
    row = _base(task, REFERENCE_METHOD, 0)
    started = time.perf_counter()
    if prep.error or prep.site is None or prep.profile is None or prep.overrides is None:
        return {**row, **_verdict_fields(None), "status": "error", "error": prep.error}
    site, overrides, profile = prep.site, prep.overrides, prep.profile
    if task.reference is None:  # load_tasks(require_references=True) refuses such a task
        return {**row, **_verdict_fields(None), "status": "error",
                "error": f"task {task.name} has no reference solution"}
    try:
        unit = assemble(site, task.reference.read_text(), effective_arrays(site, overrides),
                        profile.keeps_initial, interface=task.interface,
                        provenance=f"Reference solution of benchmark task {task.name}.",
                        overrides=overrides)
    except AssemblyError as exc:
        return {**row, **_verdict_fields(None), "status": "error",
                "error": f"the reference cannot be assembled: {exc}"}
    launch = None
    if task.interface is not None:
        launch = nvrtc_launch(site, task.interface, unit.device_code)
    v = validate(site, overrides, profile, unit.test_unit,
                 settings.build_dir / task.name / "reference-cuda", arch=settings.arch,
                 use_gpu=settings.use_gpu, launch=launch, tolerance=task.tolerance)
    return {**row, **_verdict_fields(v), "status": v.status.value,
            "error": v.compiler_errors[-2000:] if not v.compiled else "",
            "registers": [[k.name, k.registers, k.spill_stores] for k in v.kernels],
            "wall_seconds": time.perf_counter() - started}


def run_one(prep: Prepared, method: str, sample: int, model: ChatModel, settings: BenchSettings,
            out: Path, cancel: threading.Event | None = None) -> dict[str, Any]:
    """One search of one method on one task, as a record (and its report written)."""
    task = prep.task
    row = _base(task, method, sample)
    if prep.error or prep.site is None or prep.overrides is None or prep.profile is None:
        return {**row, **_verdict_fields(None), "status": "error", "error": prep.error}
    job = task_job(task, method=method, budget=settings.budget, same_calls=settings.same_calls,
                   seed=settings.seed + sample, temperature=settings.temperature,
                   use_gpu=settings.use_gpu, arch=settings.arch,
                   time_limit=settings.time_limit, max_repairs=settings.max_repairs,
                   step_repairs=settings.step_repairs,
                   build_dir=settings.build_dir / task.name / f"{method}-{sample}")
    started = time.perf_counter()
    result = run(job, lambda: model, cancel=cancel, located=(prep.site, prep.overrides),
                 profiled=prep.profile)
    wall = time.perf_counter() - started
    if cancel is not None and cancel.is_set():
        # cut short by the benchmark's own stop (time limit, Ctrl-C): its last candidate was
        # "cancelled", not judged; recorded, it would count as a failed run and --resume would
        # not run it again
        raise GenerationCancelled()
    o = result.outcome
    best = result.best_verdict
    status = overall_status(result)
    if settings.write_reports:
        report = build_report(job, result, output=None, model_path=settings.model_path,
                              settings={"bench_sample": sample}, wall_seconds=wall)
        path = out / "runs" / task.name / f"{method}-{sample}.json.gz"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(gzip.compress(json.dumps(report).encode()))
    return {
        **row, **_verdict_fields(best), "status": status, "error": "",
        "model": result.model_name, "model_calls": o.model_calls, "tokens": o.tokens,
        "prompt_tokens": sum(a.prompt_tokens for a in o.attempts),
        "completion_tokens": sum(a.completion_tokens for a in o.attempts),
        "model_seconds": sum(a.model_seconds for a in o.attempts),
        "validate_seconds": sum(a.validate_seconds for a in o.attempts),
        "search_overhead_seconds": o.search_overhead_seconds, "wall_seconds": wall,
        "stop": o.trace.stop, "path": [n.technique for n in o.trace.steps()],
        "statuses": [a.verdict.status.value for a in o.attempts],
        "cut_answers": sum(a.cut for a in o.attempts),  # stopped at the token limit
    }


def _guarded(fn: Callable[[], dict[str, Any]], row: dict[str, Any]) -> dict[str, Any]:
    """A run that fails in an unforeseen way becomes an "error" record; the model failing or a
    cancel stops the benchmark."""
    try:
        return fn()
    except (ModelError, GenerationCancelled, KeyboardInterrupt):
        raise
    except Exception as exc:  # one task's bug must not end a 25-minute benchmark
        tail = traceback.format_exc(limit=4)[-1500:]
        return {**row, **_verdict_fields(None), "status": "error",
                "error": f"{type(exc).__name__}: {exc}\n{tail}"}


def _parallel(items: Iterable[Any], work: Callable[[Any], None], jobs: int,
              cancel: threading.Event) -> None:
    if jobs <= 1:
        for item in items:
            if cancel.is_set():
                return
            work(item)
        return
    def unless_cancelled(item: Any) -> None:
        if not cancel.is_set():
            work(item)

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(unless_cancelled, item) for item in items]
        try:
            for f in futures:
                f.result()
        except BaseException:
            cancel.set()
            for f in futures:
                f.cancel()
            raise


def run_bench(tasks: tuple[Task, ...], settings: BenchSettings, out: Path, model: ChatModel,
              *, resume: bool = False, notify: Notify = lambda _m: None,
              cancel: threading.Event | None = None, command: str = ""
              ) -> list[dict[str, Any]]:
    """Run what is missing from OUT; returns every record of OUT/raw.jsonl afterwards. Each
    call adds a line to OUT/sessions.jsonl (its wall time), also when cut short."""
    cancel = cancel or threading.Event()
    log = open_output(out, settings, resume)
    started = time.perf_counter()
    try:
        _run_missing(tasks, settings, out, model, log, notify, cancel)
    finally:
        row = {"finished": time.strftime("%Y-%m-%dT%H:%M:%S"), "command": command,
               "wall_seconds": round(time.perf_counter() - started, 1)}
        with (out / "sessions.jsonl").open("a") as f:
            f.write(json.dumps(row) + "\n")
    return log.load()


def _run_missing(tasks: tuple[Task, ...], settings: BenchSettings, out: Path, model: ChatModel,
                 log: ResultLog, notify: Notify, cancel: threading.Event) -> None:
    if settings.jobs > 1:  # validator children time one at a time (gpu_child)
        os.environ[TIMING_LOCK_ENV] = str((out / ".timing.lock").resolve())
        limit_concurrency(settings.validations or os.cpu_count() or 1)
    remember_verdicts(settings.verdicts)
    runs = [(t, m, s) for s in range(settings.samples) for t in tasks for m in settings.methods
            if run_key(t.name, m, s) not in log.done]
    refs = [t for t in tasks if settings.verify_references
            and run_key(t.name, REFERENCE_METHOD, 0) not in log.done]
    needed = {t.name for t in refs} | {t.name for t, _, _ in runs}
    prepared: dict[str, Prepared] = {}
    for t in tasks:  # one at a time: clean CPU timings of the references
        if t.name in needed and not cancel.is_set():
            notify(f"reference {t.name}: measuring the sequential code")
            prepared[t.name] = prepare(t, out / "references", settings.build_dir, cancel=cancel)
            if prepared[t.name].error:
                notify(f"reference {t.name}: ERROR {prepared[t.name].error.splitlines()[0]}")

    def reference(t: Task) -> None:
        row = _guarded(lambda: verify_reference(prepared[t.name], settings),
                       _base(t, REFERENCE_METHOD, 0))
        log.append(row)
        notify(f"reference {t.name}: {_line(row)}")

    def one(item: tuple[Task, str, int]) -> None:
        t, m, s = item
        row = _guarded(lambda: run_one(prepared[t.name], m, s, model, settings, out, cancel),
                       _base(t, m, s))
        log.append(row)
        notify(f"{t.name} {m} #{s}: {_line(row)}")

    try:
        _parallel(refs, reference, settings.jobs, cancel)
        _parallel(runs, one, settings.jobs, cancel)
    finally:
        remember_verdicts(None)  # this run's store only


def _line(row: dict[str, Any]) -> str:
    status = row["status"]
    if status == "verified":
        sk, se = row.get("speedup_kernel") or 0.0, row.get("speedup_end_to_end") or 0.0
        return f"verified {sk:.2f}x kernel, {se:.2f}x end-to-end" + (
            " (SUSPICIOUS)" if row.get("suspicious") else "")
    if status == "error":
        return "ERROR " + (row.get("error") or "").splitlines()[0][:200] if row.get("error") \
            else "ERROR"
    calls = row.get("model_calls")
    return f"{status}" + (f" after {calls} model call(s)" if calls is not None else "") + (
        f": {row['reason'][:160]}" if row.get("reason") else "")


def settings_dict(settings: BenchSettings) -> dict[str, Any]:
    d = asdict(settings)
    return {k: (str(v) if isinstance(v, Path) else v) for k, v in d.items()}
