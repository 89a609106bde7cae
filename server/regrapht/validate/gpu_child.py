"""Child process on a GPU machine: check a candidate against the reference, then time both paths.

The only module that imports CuPy. It runs in its own process (isolation.py) so that a crash,
an illegal address or a hang in generated code cannot take the caller with it. It returns raw
timing samples; the parent does the arithmetic.

Correctness, for every size set and seed, with fresh random inputs each time:
- device path: outputs poisoned (NaN / sentinel) on the GPU before the launcher runs, so an
  element the candidate does not write cannot pass; every array sits between two guard zones
  of sentinel bytes, so a write past either end is seen even where it does not fault; an
  output left as passed in, or constant, where the reference's is not, is rejected even when
  it is within the tolerance;
- host path: the shipped drop-in function on host arrays, exactly as the user will call it.
Timing, with inputs the candidate has not seen: kernel-only (CuPy events around the launcher,
whole-device synchronize, L2 flushed before each run) and end-to-end (the drop-in function,
timed around the call after a device synchronize); then the device's copy bandwidth, for the
roofline check the parent makes (roofline.py). Timing (and the bandwidth) hold an exclusive
file lock when the caller names one (`exclusive_timing`): candidates checked side by side are
still timed one at a time.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import time
from collections.abc import Iterator
from typing import Any

import numpy as np

from regrapht.harness import inputs
from regrapht.harness.isolation import child_main
from regrapht.harness.layout import element, same
from regrapht.harness.native_call import NativeEntry
from regrapht.parse import CodeSite, Overrides, ParamKind
from regrapht.validate.launch import GeometryError
from regrapht.validate.rawkernel import DeviceRoundTrip, NvrtcError, RawKernelEntry
from regrapht.validate.tolerance import POISON_BITS, Tolerance, compare_values

L2_FLUSH_BYTES = 256 << 20
BOOL_POISON = 0x5A  # a byte that is neither false (0) nor true (1)
GUARD_ELEMENTS = 1024  # sentinel elements before and after every device array
GUARD_BYTE = 0x7B
BANDWIDTH_BYTES = 512 << 20


def _poison(array: np.ndarray) -> None:
    """Fill a host array with values no candidate writes by accident (in place)."""
    if array.dtype.names is not None:  # a struct: every field
        for name in array.dtype.names:
            field = array[name]
            _poison(field)
        return
    if array.dtype.kind == "c":
        _poison(array.view(np.float32 if array.dtype == np.complex64 else np.float64))
    elif array.dtype in POISON_BITS:  # a NaN with a payload of its own: see tolerance.py
        uint, bits = POISON_BITS[array.dtype]
        array.view(uint).fill(bits)
    elif array.dtype.kind == "f":
        array.fill(float("nan"))
    elif array.dtype.kind == "b":  # True or False would pass wherever the reference agrees
        array.view(np.uint8).fill(BOOL_POISON)
    else:
        array.fill(np.iinfo(array.dtype).max // 3 + 7)


def _bytes(host: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(host).reshape(-1).view(np.uint8)


def _guarded(cp: Any, host: np.ndarray) -> tuple[Any, Any]:
    """A device copy of `host` inside a buffer with GUARD_ELEMENTS sentinel elements on each
    side: (the view the candidate gets, the whole buffer). One cudaMalloc per array means a
    write a little past the end never faults; the guard zone sees it. Structs travel as bytes
    (CuPy has no structured dtypes); `_to_host` gives them their dtype back."""
    item = host.dtype.itemsize
    raw = _bytes(host)
    buf = cp.empty(raw.size + 2 * GUARD_ELEMENTS * item, dtype=cp.uint8)
    buf.fill(GUARD_BYTE)
    view = buf[GUARD_ELEMENTS * item:GUARD_ELEMENTS * item + raw.size]
    view.set(raw)
    return (view if host.dtype.names is not None else view.view(host.dtype)), buf


def _upload(cp: Any, host: np.ndarray) -> Any:
    """A plain device copy (timing: no guard zones)."""
    dev = cp.asarray(_bytes(host))
    return dev if host.dtype.names is not None else dev.view(host.dtype)


def _to_host(cp: Any, device: Any, like: np.ndarray) -> np.ndarray:
    host = cp.asnumpy(device)
    return host.view(like.dtype) if like.dtype.names is not None else host


def _on_device(site: CodeSite, values: dict[str, Any]) -> set[str]:
    """The entries that go to the GPU: every array but the scalars passed by pointer (complex
    and struct values, which the device entry reads on the host)."""
    scalars = {p.name for p in site.params if p.kind is ParamKind.SCALAR}
    return {k for k, v in values.items() if isinstance(v, np.ndarray) and k not in scalars}


def _reset_counts(arrays: tuple[Any, ...], values: dict[str, Any]) -> None:
    """Grown outputs start empty on every call (timing repeats a call on the same buffers)."""
    for a in arrays:
        if a.grows:
            values[inputs.count_key(a.name)].fill(0)


def _guard_problem(cp: Any, name: str, buf: Any, count: int) -> str:
    """'' when both guard zones of `name` still hold the sentinel, else where it was written."""
    raw = cp.asnumpy(buf.view(cp.uint8))
    size = raw.size // (count + 2 * GUARD_ELEMENTS)
    zone = GUARD_ELEMENTS * size
    after = np.flatnonzero(raw[zone + count * size:] != GUARD_BYTE)
    before = np.flatnonzero(raw[:zone] != GUARD_BYTE)
    if after.size:
        last = count + int(after[-1]) // size
        return (f"wrote past the end of '{name}' (element {last} of an array of {count}): an "
                "out-of-bounds write; is a bounds check missing?")
    if before.size:
        first = int(before[0]) // size - GUARD_ELEMENTS
        return f"wrote before the start of '{name}' (element {first}): an out-of-bounds write"
    return ""


def _lazy_output(arrays, initial: dict[str, Any], ref_vals: dict[str, Any],
                 cand_vals: dict[str, Any]) -> str:
    """Outputs that pass the tolerance but cannot be right: left exactly as passed in while the
    reference changes them, or constant while the reference's are not."""
    for a in arrays:
        if not a.written or a.grows:  # a grown output's count is compared instead
            continue
        init, ref = np.asarray(initial[a.name]), np.asarray(ref_vals[a.name])
        cand = np.asarray(cand_vals[a.name])
        if not same(ref, init) and same(cand, init):
            return (f"output '{a.name}' is left exactly as it was passed in, although the "
                    "reference changes it")
        flat_ref, flat_cand = _records(ref), _records(cand)
        if (flat_cand.shape[0] >= 2 and (flat_cand == flat_cand[0]).all()
                and not (flat_ref == flat_ref[0]).all()):
            return (f"output '{a.name}' is constant (every element {flat_cand[0]!r}) although "
                    "the reference's is not")
    return ""


def _records(values: np.ndarray) -> np.ndarray:
    """One row of bytes per element for structs (comparable), the flat values otherwise."""
    flat = values.reshape(-1)
    if flat.dtype.names is None:
        return flat
    return np.ascontiguousarray(flat).view(np.uint8).reshape(flat.size, flat.dtype.itemsize)


def measure_bandwidth(cp: Any, nbytes: int = BANDWIDTH_BYTES) -> float:
    """Device-memory copy bandwidth in bytes/s (bytes read + written), median of 7 copies."""
    src = cp.empty(nbytes, dtype=cp.uint8)
    dst = cp.empty(nbytes, dtype=cp.uint8)
    src.fill(1)
    start, end = cp.cuda.Event(), cp.cuda.Event()
    seconds = []
    for _ in range(8):
        start.record()
        cp.copyto(dst, src)
        end.record()
        end.synchronize()
        seconds.append(cp.cuda.get_elapsed_time(start, end) / 1e3)
    del src, dst
    return 2 * nbytes / float(np.median(seconds[1:]))


def _synchronize(cp: Any) -> str:
    """Wait for all work on the device; '' or the error a kernel left (illegal address...)."""
    try:
        cp.cuda.runtime.deviceSynchronize()
    except cp.cuda.runtime.CUDARuntimeError as exc:
        return str(exc)
    return ""


def _error_text(cp: Any, status: int) -> str:
    """'cudaErrorX: message' (CuPy's runtime module has no getErrorString)."""
    return str(cp.cuda.runtime.CUDARuntimeError(status))


def _rows_cols(length: str | None, sizes: dict[str, int]) -> tuple[int, int] | None:
    """(rows, cols) when an array's length is `rows * cols` of two size variables."""
    match = re.fullmatch(r"\s*(\w+)\s*\*\s*(\w+)\s*", length or "")
    if match and match[1] in sizes and match[2] in sizes:
        return sizes[match[1]], sizes[match[2]]
    return None


def _mismatch(site, arrays, ref_vals, ref_ret, cand_vals, cand_ret, largest: int,
              sizes: dict[str, int], tolerance: Tolerance | None = None,
              extra_unordered: tuple[str, ...] = ()) -> str:
    unordered = set(extra_unordered)
    for a in arrays:
        if a.written:
            cand, ref = np.asarray(cand_vals[a.name]), ref_vals[a.name]
            if a.grows and cand.size != ref.size:
                return (f"output '{a.name}' has {cand.size} elements (the count the launcher "
                        f"left), the reference {ref.size}")
            problem = compare_values(cand, ref, largest, _rows_cols(a.length, sizes), tolerance,
                                     unordered=a.name in unordered)
            if problem:
                return f"output '{a.name}' {problem}"
    if site.return_type != "void":  # ctypes hands back a Python float: compare in the C type
        dtype = element(site, site.return_type).dtype
        problem = compare_values(np.asarray(cand_ret, dtype).reshape(1),
                                 np.asarray(ref_ret, dtype).reshape(1), largest,
                                 tolerance=tolerance)
        if problem:
            return f"return value {problem}"
    return ""


def check(job: dict[str, Any], cp: Any, ref: NativeEntry, dev: Any, host: Any) -> dict[str, Any]:
    """Every size set and seed: the device path (`dev.call_device`) on guarded, poisoned
    buffers, then the drop-in path (`host.call_host`) on host arrays."""
    site: CodeSite = job["site"]
    ov: Overrides = job["overrides"]
    arrays = inputs.effective_arrays(site, ov)
    keeps = set(job["keeps_initial"])
    trials = 0
    for index, sizes in enumerate(job["correctness_sizes"]):
        for seed in job["seeds"]:
            shape = inputs.shape_for(site, ov, dict(sizes))
            largest = max((n for _, n in shape.lengths), default=1)
            values: dict[str, Any] = inputs.make_inputs(
                site, ov, shape, np.random.default_rng([seed, 31, index])
            )
            ref_vals = inputs.copy_values(values)
            ref_ret, _ = ref.call_host(ref_vals)
            where = f"at sizes {dict(sizes)} (seed {seed})"
            problem = inputs.bound_problem(site, ov, ref_vals, sizes)
            if problem:
                return {"correct": False, "trials": trials, "failure": problem}
            inputs.apply_counts(site, arrays, ref_vals)
            poisoned = {a.name for a in arrays if a.written and not a.read and a.name not in keeps}
            device: dict[str, Any] = dict(values)
            buffers: dict[str, Any] = {}
            for k in _on_device(site, values):
                data = values[k].copy() if k in poisoned else values[k]
                if k in poisoned:
                    _poison(data)
                device[k], buffers[k] = _guarded(cp, data)
            print(f"device trial {where}", flush=True)
            dev_ret, status = dev.call_device(device, lambda arr: arr.data.ptr)
            failed = _synchronize(cp)
            if failed:
                return {"correct": False, "trials": trials,
                        "failure": f"the kernels failed with CUDA error {failed} {where}"}
            if status != 0:
                return {"correct": False, "trials": trials,
                        "failure": f"the launcher left CUDA error {status} "
                                   f"({_error_text(cp, status)}) {where}"}
            for name, buf in buffers.items():
                problem = _guard_problem(cp, name, buf, int(values[name].size))
                if problem:
                    return {"correct": False, "trials": trials, "failure": f"{problem} {where}"}
            dev_vals = {k: (_to_host(cp, v, values[k]) if k in buffers else v)
                        for k, v in device.items()}
            unordered = tuple(ov.unordered)
            problem = (inputs.apply_counts(site, arrays, dev_vals)
                       or _mismatch(site, arrays, ref_vals, ref_ret, dev_vals, dev_ret, largest,
                                    dict(sizes), job.get("tolerance"), unordered)
                       or _lazy_output(arrays, values, ref_vals, dev_vals))
            if problem:
                return {"correct": False, "trials": trials, "failure": f"{problem} {where}"}
            host_vals = inputs.copy_values(values)
            print(f"host trial {where}", flush=True)
            host_ret, _ = host.call_host(host_vals)
            problem = (inputs.apply_counts(site, arrays, host_vals)
                       or _mismatch(site, arrays, ref_vals, ref_ret, host_vals, host_ret, largest,
                                    dict(sizes), job.get("tolerance"), unordered)
                       or _lazy_output(arrays, values, ref_vals, host_vals))
            if problem:
                return {"correct": False, "trials": trials,
                        "failure": f"drop-in function: {problem} {where}"}
            trials += 1
    return {"correct": True, "trials": trials, "failure": ""}


def _enough(samples: list[float], job: dict[str, Any], elapsed: float,
            min_repeats: int | None = None) -> bool:
    """Whether a timing loop can stop: `min_repeats` samples over at least `min_seconds`, or,
    for a candidate so slow that those would take longer than `max_seconds`, whatever samples
    that time gave (at least one). A correct candidate taking seconds a launch would otherwise
    run up to the child's time limit and be reported as a hang (bench/results/
    2026-11-26-llama-cuda/: 4 of 12 "crashed" verdicts timed out while timing)."""
    wanted = job["min_repeats"] if min_repeats is None else min_repeats
    if len(samples) >= wanted and elapsed > job["min_seconds"]:
        return True
    return bool(samples) and elapsed > job.get("max_seconds", float("inf"))


def time_candidate(job: dict[str, Any], cp: Any, dev: Any, host: Any) -> dict[str, Any]:
    site: CodeSite = job["site"]
    ov: Overrides = job["overrides"]
    shape = inputs.shape_for(site, ov, dict(job["timing_sizes"]))
    values = inputs.make_inputs(site, ov, shape, np.random.default_rng([job["seeds"][0], 977]))
    print(f"timing kernel-only at sizes {dict(job['timing_sizes'])}", flush=True)
    flush = cp.empty(L2_FLUSH_BYTES, dtype=cp.uint8)
    arrays = inputs.effective_arrays(site, ov)
    device = dict(values)
    for k in _on_device(site, values):
        device[k] = _upload(cp, np.asarray(values[k]))
    start, end = cp.cuda.Event(), cp.cuda.Event()
    kernel: list[float] = []
    started = time.perf_counter()
    for attempt in range(job["max_repeats"] + 2):
        _reset_counts(arrays, device)
        flush.fill(attempt & 0xFF)
        cp.cuda.runtime.deviceSynchronize()
        start.record()
        _, status = dev.call_device(device, lambda arr: arr.data.ptr)
        failed = _synchronize(cp)
        if failed:
            return {"timed": False, "failure": f"the kernels failed with CUDA error {failed} "
                                               "while timing"}
        end.record()
        end.synchronize()
        if status != 0:
            return {"timed": False, "failure": f"CUDA error {status} while timing"}
        if attempt >= 2:  # two warm-up runs
            kernel.append(cp.cuda.get_elapsed_time(start, end) / 1e3)
        if _enough(kernel, job, time.perf_counter() - started):
            break
    del device
    print(f"timing end-to-end at sizes {dict(job['timing_sizes'])}", flush=True)
    # The same host arrays for every call: results are not checked here, and a fresh copy of
    # up to 256 MiB per call would cost more host time than the call being measured. One
    # warm-up; fewer repeats than kernel-only, as each call moves all the data.
    end_to_end: list[float] = []
    started = time.perf_counter()
    for attempt in range(job["max_repeats"] + 1):
        _reset_counts(arrays, values)
        cp.cuda.runtime.deviceSynchronize()
        _, seconds = host.call_host(values)
        if attempt >= 1:
            end_to_end.append(seconds)
        if _enough(end_to_end, job, time.perf_counter() - started,
                   job.get("e2e_min_repeats", job["min_repeats"])):
            break
    return {"timed": True, "kernel_samples": kernel, "e2e_samples": end_to_end}


def _entries(job: dict[str, Any], cp: Any) -> tuple[Any, Any]:
    """(what runs on device buffers, what runs the drop-in on host arrays). Fixed-interface
    candidates run their kernel through NVRTC; the drop-in is nvcc's library where nvcc built
    one, else the same copy-in / launch / copy-out done from Python."""
    site: CodeSite = job["site"]
    launch = job.get("launch")
    if launch is None:
        native = NativeEntry(job["candidate"], site)
        return native, native
    raw = RawKernelEntry(cp, launch, site)
    if job.get("candidate"):
        return raw, NativeEntry(job["candidate"], site)
    written = tuple(a.name for a in inputs.effective_arrays(site, job["overrides"]) if a.written)
    return raw, DeviceRoundTrip(cp, raw, written)


TIMING_LOCK_ENV = "REGRAPHT_TIMING_LOCK"


@contextlib.contextmanager
def exclusive_timing() -> Iterator[float]:
    """While active, no other validator child that names the same lock file (environment
    variable REGRAPHT_TIMING_LOCK, set by the benchmark runner when it validates several
    candidates at once) is timing: checks run side by side, timings one at a time, so that one
    candidate's kernels never run inside another's timed region. Yields the seconds waited."""
    path = os.environ.get(TIMING_LOCK_ENV)
    if not path:
        yield 0.0
        return
    started = time.perf_counter()
    with open(path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield time.perf_counter() - started
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def handle(job: dict[str, Any]) -> dict[str, Any]:
    try:
        import cupy as cp
    except Exception as exc:  # e.g. a CuPy wheel built for another CUDA version
        return {"gpu": False, "reason": f"CuPy cannot be imported ({type(exc).__name__}: {exc})"}
    try:
        count = cp.cuda.runtime.getDeviceCount()
    except cp.cuda.runtime.CUDARuntimeError as exc:
        return {"gpu": False, "reason": f"no usable CUDA device ({exc})"}
    if count == 0:
        return {"gpu": False, "reason": "CuPy sees no CUDA device"}
    props = cp.cuda.runtime.getDeviceProperties(0)
    result: dict[str, Any] = {"gpu": True, "device": props["name"].decode(),
                              "l2_bytes": int(props.get("l2CacheSize", 0))}
    ref = NativeEntry(job["reference"], job["site"])
    phases: dict[str, float] = {}
    try:
        dev, host = _entries(job, cp)
    except NvrtcError as exc:
        return {**result, "nvrtc_error": str(exc), "phase_seconds": phases}
    if isinstance(dev, RawKernelEntry):
        phases["nvrtc compile"] = dev.compile_seconds
    mark = time.perf_counter()
    try:
        result["check"] = check(job, cp, ref, dev, host)
    except (GeometryError, cp.cuda.driver.CUDADriverError) as exc:
        result["check"] = {"correct": False, "trials": 0,
                           "failure": f"the kernel could not be launched: {exc}"}
    phases["check"], mark = time.perf_counter() - mark, time.perf_counter()
    if result["check"]["correct"] and job.get("time", True):
        with exclusive_timing() as waited:
            if waited:
                phases["timing lock wait"] = waited
            mark = time.perf_counter()
            try:
                result["timing"] = time_candidate(job, cp, dev, host)
            except (GeometryError, cp.cuda.driver.CUDADriverError) as exc:
                result["timing"] = {"timed": False, "failure": f"the kernel could not be "
                                                               f"launched while timing: {exc}"}
            phases["timing"], mark = time.perf_counter() - mark, time.perf_counter()
            result["bandwidth"] = measure_bandwidth(cp, job.get("bandwidth_bytes",
                                                                BANDWIDTH_BYTES))
            phases["bandwidth"] = time.perf_counter() - mark
    result["phase_seconds"] = phases
    return result


if __name__ == "__main__":
    child_main(handle)
