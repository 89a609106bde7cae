"""Each task's sequential reference, parsed and measured once per benchmark and kept in
OUT/references/<task>.json, so that every method and sample of a task (and a run resumed on
another machine) is compared with the same measurement. The library is rebuilt from the source
when it is not there (content-hashed, so it is the same code)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from regrapht.bench.tasks import Task
from regrapht.harness.profile import ReferenceProfile, profile_reference
from regrapht.harness.reference import DEFAULT_FLAGS, build_reference
from regrapht.parse import CodeSite, Overrides
from regrapht.pipeline import Job, locate


@dataclass(frozen=True)
class Prepared:
    """A task ready to run: its code site and measured reference, or why it cannot run."""

    task: Task
    site: CodeSite | None = None
    overrides: Overrides | None = None
    profile: ReferenceProfile | None = None
    error: str = ""


def task_job(task: Task, **settings: object) -> Job:
    """The pipeline job of a task; `settings` are further Job fields (method, budget, ...)."""
    return Job(path=task.source, function=task.function, overrides=task.overrides,
               interface=task.interface, tolerance=task.tolerance, **settings)  # type: ignore[arg-type]


def _key(site: CodeSite, overrides: Overrides, flags: tuple[str, ...]) -> str:
    text = json.dumps([site.source, site.name, dataclasses.asdict(overrides), list(flags)])
    return hashlib.sha256(text.encode()).hexdigest()


def _stored(path: Path, key: str, site: CodeSite, build_dir: Path,
            flags: tuple[str, ...]) -> ReferenceProfile | None:
    try:
        row = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    if row.get("key") != key:
        return None  # the task changed since: measure again
    built = build_reference(site, build_dir, flags)
    return ReferenceProfile(
        library=built.path, compile_command=built.command,
        keeps_initial=tuple(row["keeps_initial"]),
        correctness_sizes=tuple(tuple((k, int(v)) for k, v in s)
                                for s in row["correctness_sizes"]),
        timing_sizes=tuple((k, int(v)) for k, v in row["timing_sizes"]),
        samples=tuple(float(s) for s in row["samples"]),
        assumptions=tuple(row["assumptions"]),
    )


def _store(path: Path, key: str, profile: ReferenceProfile) -> None:
    row = {"key": key, "compile_command": list(profile.compile_command),
           "keeps_initial": list(profile.keeps_initial),
           "correctness_sizes": [list(map(list, s)) for s in profile.correctness_sizes],
           "timing_sizes": [list(s) for s in profile.timing_sizes],
           "samples": list(profile.samples), "assumptions": list(profile.assumptions)}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(row, indent=1) + "\n")
    os.replace(tmp, path)


def prepare(task: Task, store_dir: Path, build_dir: Path,
            flags: tuple[str, ...] = DEFAULT_FLAGS,
            cancel: threading.Event | None = None) -> Prepared:
    """Parse the task's function and measure its reference (or reuse the stored measurement).
    Never raises for a bad task: the error is in `Prepared.error`."""
    from regrapht.harness.profile import ReferenceError
    from regrapht.harness.reference import BuildError
    from regrapht.parse import UnsupportedCode

    try:
        site, overrides = locate(task_job(task))
    except (UnsupportedCode, ValueError, OSError) as exc:
        return Prepared(task, error=f"cannot parse {task.source.name}: {exc}")
    key = _key(site, overrides, flags)
    path = store_dir / f"{task.name}.json"
    try:
        profile = _stored(path, key, site, build_dir / task.name / "reference", flags)
        if profile is None:
            profile = profile_reference(site, overrides, build_dir / task.name / "reference",
                                        flags=flags, cancel=cancel)
            _store(path, key, profile)
    except (BuildError, ReferenceError) as exc:
        return Prepared(task, site, overrides, error=str(exc))
    return Prepared(task, site, overrides, profile)
