"""Validate a candidate: compile with nvcc, then (on a GPU) check and time it in a child process.

Public API: `validate`, `gpu_available`, `Verdict`, `Status`, `Stats`.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypedDict, TypeVar

from regrapht.harness.isolation import run_child
from regrapht.harness.profile import ReferenceProfile
from regrapht.parse import CodeSite, Overrides
from regrapht.validate.launch import KernelLaunch
from regrapht.validate.nvcc import CompileResult, KernelResources, compile_candidate, find_nvcc
from regrapht.validate.remembered import remember_verdicts, remembered
from regrapht.validate.roofline import roofline
from regrapht.validate.tolerance import Tolerance
from regrapht.validate.verdict import Stats, Status, Verdict

P = ParamSpec("P")
R = TypeVar("R")
CHILD_TIMEOUT_S = 120
SEEDS = (11, 23)
TIMING = {"min_repeats": 10, "e2e_min_repeats": 5, "max_repeats": 200, "min_seconds": 0.3,
          "max_seconds": 8.0}

__all__ = ["validate", "limit_concurrency", "remember_verdicts", "gpu_available",
           "KernelLaunch", "Tolerance", "Verdict", "Status", "Stats"]


class _Common(TypedDict):
    """The Verdict fields every outcome after compiling shares."""

    compiler_log: str
    kernels: tuple[KernelResources, ...]
    compile_seconds: float
    reference: Stats


def gpu_available() -> tuple[bool, str]:
    """Whether a GPU run is possible here, without importing CuPy in this process."""
    if importlib.util.find_spec("cupy") is None:
        return False, "CuPy is not installed (`pip install regrapht[gpu]` on a GPU machine)"
    if shutil.which("nvidia-smi") is None:
        return False, "no NVIDIA driver found (nvidia-smi is missing)"
    return True, ""


def _last_error_line(output: str) -> str:
    """The last line of the child's output that reports an error (a CUDA error message from
    the generated wrapper, the last line of a Python traceback), '' when there is none."""
    for line in reversed(output.splitlines()):
        line = line.strip()
        if re.search(r"error|Error|Exception|abort|Assertion", line):
            return line[:300]
    return ""


_slots: threading.BoundedSemaphore | None = None


def limit_concurrency(count: int | None) -> None:
    """At most `count` validations at a time in this process (None: no limit). The benchmark
    runs a hundred searches at once in threads; their compiles and GPU children would otherwise
    all start together (nvcc's memory, one CUDA context per child)."""
    global _slots
    _slots = threading.BoundedSemaphore(count) if count else None


def _bounded(fn: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(fn)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        slots = _slots
        if slots is None:
            return fn(*args, **kwargs)
        cancel = kwargs.get("cancel")
        while not slots.acquire(timeout=0.1):
            if isinstance(cancel, threading.Event) and cancel.is_set():
                return fn(*args, **kwargs)  # answers "cancelled" at once
        try:
            return fn(*args, **kwargs)
        finally:
            slots.release()

    return run


def _decides(site: CodeSite, overrides: Overrides, profile: ReferenceProfile, test_unit: str,
             build_dir: Path, *, arch: str | None = None, cancel: threading.Event | None = None,
             use_gpu: bool = True, timeout_s: float = CHILD_TIMEOUT_S,
             memory_limit: int | None = None, launch: KernelLaunch | None = None,
             tolerance: Tolerance | None = None) -> dict[str, object]:
    """What decides `validate`'s verdict (remembered.py): not the build folder, not `cancel`."""
    return {"test_unit": test_unit, "function": (site.name, site.source), "overrides": overrides,
            "reference": (profile.correctness_sizes, profile.timing_sizes, profile.samples,
                          profile.keeps_initial),
            "arch": arch, "use_gpu": use_gpu, "timeout_s": timeout_s,
            "memory_limit": memory_limit, "launch": launch, "tolerance": tolerance,
            "seeds": SEEDS, "timing": sorted(TIMING.items())}


@remembered(_decides)  # outside the slots: a kept verdict does not wait for one
@_bounded
def validate(
    site: CodeSite,
    overrides: Overrides,
    profile: ReferenceProfile,
    test_unit: str,
    build_dir: Path,
    *,
    arch: str | None = None,
    cancel: threading.Event | None = None,
    use_gpu: bool = True,
    timeout_s: float = CHILD_TIMEOUT_S,
    memory_limit: int | None = None,
    launch: KernelLaunch | None = None,
    tolerance: Tolerance | None = None,
) -> Verdict:
    """Compile, check and time one candidate. With `launch` (fixed-interface mode) the kernel
    the checks and kernel-only timings run is compiled by NVRTC in the GPU child; nvcc still
    builds the shipped drop-in file where it is installed, and where it is not, the drop-in's
    copy-in / launch / copy-out is done from Python with the NVRTC kernel. `tolerance`
    overrides the float comparison (a benchmark task's own tolerance)."""
    started = time.perf_counter()
    has_gpu, why_not = gpu_available() if use_gpu else (False, "GPU checks were turned off")
    if launch is not None and find_nvcc() is None and has_gpu:
        compiled = CompileResult(True, None, "", "nvcc not found: the kernel is compiled by "
                                 "NVRTC; the drop-in file was not compiled", (), (), 0.0, False)
    else:
        compiled = compile_candidate(test_unit, build_dir, arch)
    compile_wall = time.perf_counter() - started
    base: _Common = {
        "compiler_log": compiled.log,
        "kernels": compiled.kernels,
        "compile_seconds": compiled.seconds,
        "reference": Stats.of(profile.samples),
    }
    if not compiled.ok:
        return Verdict(Status.COMPILE_FAILED, "nvcc rejected the code",
                       compiler_errors=compiled.errors, **base)
    if not has_gpu:
        return Verdict(Status.COMPILED_NOT_RUN,
                       f"compiled only; correctness and speed were NOT measured: {why_not}", **base)
    job = {
        "site": site, "overrides": overrides, "reference": profile.library,
        "candidate": compiled.library, "keeps_initial": profile.keeps_initial,
        "correctness_sizes": profile.correctness_sizes, "timing_sizes": profile.timing_sizes,
        "seeds": SEEDS, "launch": launch, "tolerance": tolerance, **TIMING,
    }
    child = run_child("regrapht.validate.gpu_child", job, timeout_s=timeout_s, cancel=cancel,
                      memory_limit=memory_limit)
    if not child.ok:
        trial = [ln for ln in child.output.splitlines()
                 if ln.startswith(("device trial", "host trial", "timing"))]
        where = f" during the {trial[-1]}" if trial else ""
        said = _last_error_line(child.output)
        return Verdict(Status.CRASHED, f"the candidate {child.reason}{where}"
                       + (f"; it said: {said}" if said else ""),
                       child_output=child.output, **base)
    r = child.result
    if not r.get("gpu"):
        return Verdict(Status.COMPILED_NOT_RUN,
                       f"compiled only; correctness and speed were NOT measured: {r.get('reason')}",
                       **base)
    if "nvrtc_error" in r:
        base["compiler_log"] = (base["compiler_log"] + "\n" + r["nvrtc_error"]).strip()
        return Verdict(Status.COMPILE_FAILED, "NVRTC rejected the kernel",
                       compiler_errors=r["nvrtc_error"], device=r["device"], **base)
    check = r["check"]
    if not check["correct"]:
        return Verdict(Status.WRONG, check["failure"], correctness_trials=check["trials"],
                       device=r["device"], child_output=child.output, **base)
    timing = r.get("timing", {})
    if not timing.get("timed"):
        return Verdict(Status.CRASHED, timing.get("failure", "timing did not finish"),
                       correctness_trials=check["trials"], device=r["device"], **base)
    kernel = Stats.of(timing["kernel_samples"])
    measured = dict(r.get("phase_seconds", {}))
    phases = (("compile", compile_wall),
              ("child start", max(child.seconds - sum(measured.values()), 0.0)),
              *measured.items())
    roof = roofline(site, overrides, dict(profile.timing_sizes), bandwidth=r.get("bandwidth", 0.0),
                    l2_bytes=r.get("l2_bytes", 0), kernel_seconds=kernel.median)
    return Verdict(
        Status.VERIFIED, "", correctness_trials=check["trials"], device=r["device"],
        kernel=kernel, end_to_end=Stats.of(timing["e2e_samples"]), roofline=roof,
        phases=phases, **base,
    )
