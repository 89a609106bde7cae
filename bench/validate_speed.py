"""How long validating one easy candidate takes: compile (warm cache) + check + time.

Usage (on a GPU machine, repo root): PYTHONPATH=server python3 bench/validate_speed.py OUT_DIR
The candidate is a correct saxpy kernel; the reference profile is built once (it is per
function, not per candidate). The first validation fills the compile cache and is reported
apart; the next REPEATS are the warm-cache measurement. Writes validate_speed.json and .md.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from regrapht.generate.assemble import assemble
from regrapht.harness.inputs import effective_arrays
from regrapht.harness.profile import profile_reference
from regrapht.parse import find_site
from regrapht.validate import Status, validate

REPEATS = 10
SAXPY = """void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
"""
CANDIDATE = """
__global__ void k(int n, float a, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}
void saxpy_device(int n, float a, const float *x, float *y) {
    k<<<(n + 255) / 256, 256>>>(n, a, x, y);
}
"""


def main(out: Path) -> None:
    work = Path(tempfile.mkdtemp(prefix="regrapht-speed-"))
    path = work / "saxpy.c"
    path.write_text(SAXPY)
    site = find_site(str(path), "saxpy")
    started = time.perf_counter()
    profile = profile_reference(site, site.annotations, work / "ref")
    profile_seconds = time.perf_counter() - started
    unit = assemble(site, CANDIDATE, effective_arrays(site, site.annotations), ())
    runs = []
    for _ in range(REPEATS + 1):
        started = time.perf_counter()
        verdict = validate(site, site.annotations, profile, unit.test_unit, work / "cand")
        seconds = time.perf_counter() - started
        assert verdict.status is Status.VERIFIED, verdict.reason
        runs.append({"seconds": seconds, "compile_seconds": verdict.compile_seconds,
                     "trials": verdict.correctness_trials,
                     "kernel_repeats": verdict.kernel.count if verdict.kernel else 0,
                     "e2e_repeats": verdict.end_to_end.count if verdict.end_to_end else 0,
                     "phases": dict(verdict.phases)})
    cold, warm = runs[0], runs[1:]
    times = sorted(r["seconds"] for r in warm)
    q = statistics.quantiles(times, n=4)
    result = {
        "device": verdict.device, "timing_sizes": dict(profile.timing_sizes),
        "reference_profile_seconds": profile_seconds, "cold_compile_run": cold,
        "warm_runs": warm, "warm_median_seconds": statistics.median(times),
        "warm_p25_seconds": q[0], "warm_p75_seconds": q[2], "warm_min_seconds": times[0],
        "warm_max_seconds": times[-1],
    }
    out.mkdir(parents=True, exist_ok=True)
    (out / "validate_speed.json").write_text(json.dumps(result, indent=2) + "\n")
    phase_names = list(warm[0]["phases"])
    phase_medians = {p: statistics.median(r["phases"][p] for r in warm) for p in phase_names}
    result["warm_phase_medians"] = phase_medians
    breakdown = ", ".join(f"{p} {t:.2f} s" for p, t in phase_medians.items())
    (out / "validate_speed.json").write_text(json.dumps(result, indent=2) + "\n")
    (out / "validate_speed.md").write_text(
        f"# Validating one easy candidate (saxpy) on {verdict.device}\n\n"
        f"Warm compile cache, {len(warm)} runs: median {result['warm_median_seconds']:.2f} s "
        f"[p25 {q[0]:.2f}, p75 {q[2]:.2f}; min {times[0]:.2f}, max {times[-1]:.2f}] for "
        f"compile (cached) + {warm[0]['trials']} correctness trials + kernel and end-to-end "
        f"timing at n={dict(profile.timing_sizes)['n']}.\n"
        f"First run (cold compile): {cold['seconds']:.2f} s, of which nvcc "
        f"{cold['compile_seconds']:.2f} s. Reference profile (once per function): "
        f"{profile_seconds:.2f} s.\n\nWarm-run medians by phase: {breakdown}.\n")
    print((out / "validate_speed.md").read_text())


if __name__ == "__main__":
    main(Path(sys.argv[1]))
