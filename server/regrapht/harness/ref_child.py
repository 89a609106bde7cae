"""Child process: run the sequential reference to learn what a rewrite must reproduce.

Three tasks, all on the CPU:
- probe: does each output keep values the function did not write? (Run twice from different
  initial contents; if the results differ, the drop-in wrapper must copy that array in.)
  Also shows that generated inputs do not crash the user's own code.
- calibrate: grow the size variables until one reference call takes `target_seconds`, within
  `max_bytes` of arrays, so that timings measure real work.
- time: the reference at the timing size, warmed up and repeated; raw samples go back.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from regrapht.harness import inputs
from regrapht.harness.isolation import child_main
from regrapht.harness.layout import param_element, same
from regrapht.harness.native_call import NativeEntry
from regrapht.parse import CodeSite, Overrides

MAX_CALIBRATION_STEPS = 24


def _array_bytes(site: CodeSite, shape: inputs.Shape) -> int:
    return sum(count * param_element(site, name).dtype.itemsize for name, count in shape.lengths)


class BoundExceeded(Exception):
    """A grown output did not fit its bound: the message says which annotation is needed."""


def probe(
    ref: NativeEntry, site: CodeSite, ov: Overrides, size_sets: list[dict], seed: int
) -> dict:
    """Which written arrays keep unwritten initial values (so they must be copied in)."""
    arrays = inputs.effective_arrays(site, ov)
    write_only = [a.name for a in arrays if a.written and not a.read and not a.grows]
    keeps_initial: set[str] = set()
    for index, sizes in enumerate(size_sets):
        shape = inputs.shape_for(site, ov, sizes)
        first: dict[str, Any] = inputs.make_inputs(
            site, ov, shape, np.random.default_rng([seed, index])
        )
        second = inputs.copy_values(first)
        other = inputs.make_inputs(site, ov, shape, np.random.default_rng([seed, index, 1]))
        for name in write_only:
            second[name] = other[name]
        print(f"probe sizes={sizes}", flush=True)
        ref.call_host(first)
        problem = inputs.bound_problem(site, ov, first, sizes)
        if problem:
            raise BoundExceeded(problem)
        ref.call_host(second)
        for name in write_only:
            if not same(first[name], second[name]):
                keeps_initial.add(name)
    return {"keeps_initial": sorted(keeps_initial)}


def calibrate(
    ref: NativeEntry, site: CodeSite, ov: Overrides, start: dict[str, int], fixed: dict[str, int],
    target_seconds: float, max_bytes: int, seed: int,
) -> dict:
    names = inputs.size_variables(site, ov)
    free = tuple(n for n in names if n not in fixed)
    sizes = dict(start)
    best = dict(sizes)
    seconds = 0.0
    fitted = False
    for step in range(MAX_CALIBRATION_STEPS):
        shape = inputs.shape_for(site, ov, sizes)
        if _array_bytes(site, shape) > max_bytes:
            # One last step that fills the byte budget instead of overshooting it.
            room = max_bytes / max(_array_bytes(site, inputs.shape_for(site, ov, best)), 1)
            if fitted or step == 0 or room < 1.2 or not free:
                break
            fitted = True
            sizes = {**best, **inputs.scaled_sizes(free, best, 0.9 * room)}
            continue
        values = inputs.make_inputs(site, ov, shape, np.random.default_rng([seed, 99, step]))
        print(f"calibrate sizes={sizes}", flush=True)
        _, seconds = ref.call_host(values)
        best = dict(sizes)
        if seconds >= target_seconds or not free:
            break
        factor = min(16.0, max(2.0, target_seconds / max(seconds, 1e-7)))
        grown = inputs.scaled_sizes(free, sizes, factor)
        sizes = {**sizes, **grown}
    return {"sizes": best, "seconds": seconds}


def time_reference(
    ref: NativeEntry, site: CodeSite, ov: Overrides, sizes: dict[str, int], seed: int,
    min_repeats: int, min_total_seconds: float, max_repeats: int,
) -> dict:
    shape = inputs.shape_for(site, ov, sizes)
    pristine = inputs.make_inputs(site, ov, shape, np.random.default_rng([seed, 7]))
    samples: list[float] = []
    started = time.perf_counter()
    for attempt in range(max_repeats + 1):
        values = inputs.copy_values(pristine)
        _, seconds = ref.call_host(values)
        if attempt == 0:
            continue  # warm-up: page faults, caches, lazy binding
        samples.append(seconds)
        if len(samples) >= min_repeats and time.perf_counter() - started >= min_total_seconds:
            break
    return {"samples": samples, "sizes": sizes, "assumptions": list(shape.assumptions)}


def handle(job: dict[str, Any]) -> dict[str, Any]:
    site: CodeSite = job["site"]
    ov: Overrides = job["overrides"]
    ref = NativeEntry(job["library"], site)
    result: dict[str, Any] = {}
    names = inputs.size_variables(site, ov)
    fixed = {k: v for k, v in ov.sizes if k in names}
    try:
        size_sets = inputs.correctness_sizes(
            names, fixed,
            lambda sizes: max(dict(inputs.shape_for(site, ov, sizes).lengths).values(), default=0),
        )
    except (KeyError, ValueError) as exc:  # a length or capacity that the sizes cannot give
        reason = exc.args[0] if exc.args else str(exc)
        return {"refused": f"the test inputs of {site.name} cannot be built: {reason}; state "
                           "the lengths with `// regrapht: length NAME=EXPR` (and `size` for the "
                           "integers they use)"}
    result["correctness_sizes"] = size_sets
    if "probe" in job["tasks"]:
        try:
            result["probe"] = probe(ref, site, ov, size_sets, job["seed"])
        except BoundExceeded as exc:
            return {**result, "refused": str(exc)}
    if "calibrate" in job["tasks"]:
        start = size_sets[-1]
        result["calibrate"] = calibrate(
            ref, site, ov, start, fixed, job["target_seconds"], job["max_bytes"], job["seed"]
        )
    if "time" in job["tasks"]:
        sizes = result.get("calibrate", {}).get("sizes") or job["timing_sizes"]
        result["time"] = time_reference(
            ref, site, ov, sizes, job["seed"], job.get("min_repeats", 5),
            job.get("min_total_seconds", 1.0), job.get("max_repeats", 30),
        )
    return result


if __name__ == "__main__":
    child_main(handle)
