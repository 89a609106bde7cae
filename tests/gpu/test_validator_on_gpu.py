"""On a GPU: hand-written candidates, good and bad, classified by the real validator.

Each row is (function source, candidate kernels + launcher, expected status, words expected
in the reason). Runs only where CuPy and an NVIDIA GPU are present.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regrapht.generate.assemble import assemble
from regrapht.harness.inputs import effective_arrays
from regrapht.harness.profile import profile_reference
from regrapht.parse import find_site
from regrapht.validate import Status, validate

pytestmark = pytest.mark.gpu

SAXPY = """void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
"""
SCALE = """void scale(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = 2.0f * x[i];
}
"""
SUM = """float sum(const float *x, int n) {
    float s = 0.0f;
    for (int i = 0; i < n; i++) s += x[i];
    return s;
}
"""

GOOD_SAXPY = """
__global__ void k(int n, float a, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}
void saxpy_device(int n, float a, const float *x, float *y) {
    k<<<(n + 255) / 256, 256>>>(n, a, x, y);
}
"""
GOOD_SUM = """
__global__ void k(const float *x, int n, float *out) {
    __shared__ float part[256];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    part[threadIdx.x] = i < n ? x[i] : 0.0f;
    __syncthreads();
    for (int s = 128; s > 0; s >>= 1) {
        if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
        __syncthreads();
    }
    if (threadIdx.x == 0) atomicAdd(out, part[0]);
}
float sum_device(const float *x, int n) {
    float *d; float h = 0.0f;
    cudaMalloc(&d, sizeof(float)); cudaMemset(d, 0, sizeof(float));
    k<<<(n + 255) / 256, 256>>>(x, n, d);
    cudaMemcpy(&h, d, sizeof(float), cudaMemcpyDeviceToHost); cudaFree(d);
    return h;
}
"""

CASES = [
    ("good saxpy", SAXPY, "saxpy", GOOD_SAXPY, Status.VERIFIED, []),
    ("good reduction", SUM, "sum", GOOD_SUM, Status.VERIFIED, []),
    ("no bounds check", SAXPY, "saxpy", GOOD_SAXPY.replace("if (i < n) ", ""),
     Status.WRONG, []),  # writes past the end of y: caught as wrong or crashed
    ("hard-coded size", SAXPY, "saxpy", GOOD_SAXPY.replace("(n + 255) / 256", "4"),
     Status.WRONG, ["'y'"]),
    ("all zero output", SCALE, "scale", """
__global__ void k(int n, float *y) { int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = 0.0f; }
void scale_device(int n, const float *x, float *y) { k<<<(n + 255) / 256, 256>>>(n, y); }
""", Status.WRONG, ["'y'"]),
    ("skips an element", SCALE, "scale", """
__global__ void k(int n, const float *x, float *y) { int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i > 0 && i < n) y[i] = 2.0f * x[i]; }
void scale_device(int n, const float *x, float *y) { k<<<(n + 255) / 256, 256>>>(n, x, y); }
""", Status.WRONG, ["'y'"]),
    ("illegal address", SCALE, "scale", """
__global__ void k(int n, float *y) { ((float *)0x10)[threadIdx.x] = 1.0f; }
void scale_device(int n, const float *x, float *y) { k<<<1, 32>>>(n, y); }
""", Status.WRONG, []),
    ("infinite loop", SCALE, "scale", """
__global__ void k(int n, float *y) { for (;;) { if (clock64() < 0) y[0] = 1.0f; } }
void scale_device(int n, const float *x, float *y) { k<<<1, 1>>>(n, y); }
""", Status.CRASHED, ["timeout"]),
    ("host segfault", SCALE, "scale", """
__global__ void k(int n, float *y) { }
void scale_device(int n, const float *x, float *y) { *(volatile int *)0 = 1; }
""", Status.CRASHED, ["SIGSEGV"]),
    ("wrong reduction", SUM, "sum", GOOD_SUM.replace("atomicAdd(out, part[0])",
                                                     "*out = part[0]"),
     Status.WRONG, ["return value"]),
]


@pytest.mark.parametrize(("label", "source", "name", "code", "status", "words"), CASES,
                         ids=[c[0] for c in CASES])
def test_candidate_is_classified(tmp_path: Path, label: str, source: str, name: str, code: str,
                                 status: Status, words: list[str]) -> None:
    path = tmp_path / f"{name}.c"
    path.write_text(source)
    site = find_site(str(path), name)
    ov = site.annotations
    profile = profile_reference(site, ov, tmp_path / "ref")
    unit = assemble(site, code, effective_arrays(site, ov), profile.keeps_initial)
    verdict = validate(site, ov, profile, unit.test_unit, tmp_path / "cand", timeout_s=30)
    print(label, verdict.status, verdict.reason, verdict.speedup_kernel,
          verdict.speedup_end_to_end)
    if label in ("no bounds check", "illegal address"):  # caught either way
        assert verdict.status in (Status.WRONG, Status.CRASHED), verdict.reason
    else:
        assert verdict.status is status, (verdict.reason, verdict.child_output[-2000:])
    for word in words:
        assert word in verdict.reason
    if status is Status.VERIFIED:
        assert verdict.kernel and verdict.end_to_end and verdict.speedup_kernel
