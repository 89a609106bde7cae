"""Verify one trajectory step with the real validator, for `regrapht graph build|add`.

`real_verify` compiles the step, checks it against the trajectory's sequential code on every
randomized trial and times it; `cached` remembers verified steps in a JSON-lines file keyed by
the step's content and the device, so that a build cut short (a GPU lease ends) resumes where
it stopped and a rebuild of an unchanged corpus reproduces the same graph.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from regrapht.generate.assemble import AssemblyError, assemble
from regrapht.graph.build import StepCheck, Verify
from regrapht.harness.inputs import effective_arrays
from regrapht.harness.profile import ReferenceError, ReferenceProfile, profile_reference
from regrapht.parse import CodeSite, UnsupportedCode, find_site
from regrapht.validate import Status, validate


def real_verify(work: Path, compile_only: bool = False) -> Verify:
    """Verify a step with the validator: it must compile, match the sequential code on every
    trial and be timed (a GPU is needed; a speed beyond the roofline does not count). With
    `compile_only`, compiling is enough (for writing the corpus on a machine without a GPU)."""
    sites: dict[str, tuple[CodeSite, ReferenceProfile] | str] = {}

    def verify(record: dict, index: int, code: str) -> StepCheck:
        key = record["source"]
        if key not in sites:
            suffix = {"c": ".c", "cpp": ".cpp", "cuda": ".cu"}.get(record["language"], ".c")
            path = work / f"{key}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record["sequential"])
            try:
                site = find_site(str(path), record["function"])
                sites[key] = (site, profile_reference(site, site.annotations, work / "ref" / key))
            except (UnsupportedCode, ReferenceError) as exc:
                sites[key] = str(exc)
        entry = sites[key]
        if isinstance(entry, str):
            return StepCheck(False, f"the sequential code cannot be used: {entry}")
        site, profile = entry
        try:
            unit = assemble(site, code, effective_arrays(site, site.annotations),
                            profile.keeps_initial)
        except AssemblyError as exc:
            return StepCheck(False, f"cannot be assembled: {exc}")
        v = validate(site, site.annotations, profile, unit.test_unit, work / "candidates",
                     use_gpu=not compile_only)
        if compile_only and v.status is Status.COMPILED_NOT_RUN:
            return StepCheck(True, "", 1.0, 1.0, "compile only")
        if v.status is Status.VERIFIED and not v.suspicious:
            return StepCheck(True, "", v.speedup_kernel or 0.0, v.speedup_end_to_end or 0.0,
                             v.device)
        return StepCheck(False, f"{v.status.value}: {v.reason or v.suspicious}")

    return verify


def step_key(record: dict, code: str) -> str:
    """What a verdict depends on: the sequential code, its entry, its language and the step."""
    parts = (record["language"], record["function"], record["sequential"], code)
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def cached(verify: Verify, path: Path) -> Verify:
    """Reuse verified steps recorded in `path`; record new ones as soon as they pass (flushed,
    so a process killed mid-build keeps them). Rejections are not cached: a flaky failure
    must not stick, and a fixed step has new content anyway."""
    known: dict[str, StepCheck] = {}
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                known[row["key"]] = StepCheck(True, "", row["speedup_kernel"],
                                              row["speedup_end_to_end"], row["device"])
    path.parent.mkdir(parents=True, exist_ok=True)

    def verify_cached(record: dict, index: int, code: str) -> StepCheck:
        key = step_key(record, code)
        if key in known:
            return known[key]
        check = verify(record, index, code)
        if check.ok:
            known[key] = check
            row = {"key": key, "source": record["source"], "step": index + 1,
                   "speedup_kernel": check.speedup_kernel,
                   "speedup_end_to_end": check.speedup_end_to_end, "device": check.device}
            with path.open("a") as out:
                out.write(json.dumps(row) + "\n")
        return check

    return verify_cached


def logged(verify: Verify) -> Verify:
    """Print each step's verdict as it comes (a long build shows where it is)."""

    def verify_logged(record: dict, index: int, code: str) -> StepCheck:
        check = verify(record, index, code)
        technique = record["steps"][index]["technique"]
        outcome = (f"k={check.speedup_kernel:.2f} e2e={check.speedup_end_to_end:.2f}"
                   if check.ok else f"REJECTED {check.reason}")
        print(f"  {record['source']} step {index + 1} ({technique}): {outcome}", flush=True)
        return check

    return verify_logged
