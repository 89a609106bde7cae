"""On a GPU: fixed-interface candidates compiled by NVRTC (CuPy RawModule) and launched from
Python with the task's geometry, with nvcc building the drop-in file and without nvcc at all.

A row is (label, function, kernel, grid, block, expected status, words in the reason); bound
rows are an existing driver's kernels (`--bind N=x.size()`, `--bind sum=return`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regrapht.generate.assemble import assemble
from regrapht.generate.prompting import KernelInterface
from regrapht.harness.inputs import effective_arrays
from regrapht.harness.profile import profile_reference
from regrapht.parse import find_site
from regrapht.pipeline import nvrtc_launch
from regrapht.validate import Status, validate
from tests.gpu.test_validator_on_gpu import FUNCTIONS

pytestmark = pytest.mark.gpu

SAXPY = "__global__ void saxpy_kernel(int n, float a, const float *x, float *y)"
MATMUL = ("__global__ void matmul_kernel(int n, int m, int k, const float *A, const float *B, "
          "float *C)")
MATMUL_BODY = """ {
    int j = blockIdx.x * blockDim.x + threadIdx.x, i = blockIdx.y * blockDim.y + threadIdx.y;
    if (i >= n || j >= m) return;
    float acc = 0.0f;
    for (int p = 0; p < k; p++) acc += A[i * k + p] * B[p * m + j];
    C[i * m + j] = acc;
}
"""

CASES = [
    ("good 1D", "saxpy", "#include <cstdio>\n" + SAXPY + """ {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}
""", "(n + 255) / 256", "256", Status.VERIFIED, []),
    ("good extern C", "saxpy", 'extern "C" ' + SAXPY + """ {
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
        y[i] = a * x[i] + y[i];
}
""", "min((n + 127) / 128, 1024)", "128", Status.VERIFIED, []),
    ("good 2D dim3", "matmul", MATMUL + MATMUL_BODY,
     "dim3((m + 15) / 16, (n + 15) / 16)", "dim3(16, 16)", Status.VERIFIED, []),
    ("no bounds check", "saxpy", SAXPY + """ {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    y[i] = a * x[i] + y[i];
}
""", "(n + 255) / 256", "256", Status.WRONG, ["out-of-bounds"]),
    ("NVRTC compile error", "saxpy", SAXPY + """ {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + undefined_name;
}
""", "(n + 255) / 256", "256", Status.COMPILE_FAILED, ["rejected", "undefined_name"]),
    ("block too large", "saxpy", SAXPY + """ {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}
""", "(n + 4095) / 4096", "4096", Status.WRONG, ["could not be launched"]),
]


def _validate(tmp_path: Path, name: str, code: str, grid: str, block: str,
              bindings: tuple[tuple[str, str], ...] = ()):
    suffix, source = {**FUNCTIONS, **BOUND_FUNCTIONS}[name]
    path = tmp_path / f"{name}{suffix}"
    path.write_text(source)
    site = find_site(str(path), name)
    ov = site.annotations
    profile = profile_reference(site, ov, tmp_path / "ref")
    signature = code[code.index("__global__"):code.index(")") + 1]
    interface = KernelInterface(signature, grid, block, bindings)
    unit = assemble(site, code, effective_arrays(site, ov), profile.keeps_initial,
                    interface=interface)
    launch = nvrtc_launch(site, interface, unit.device_code)
    return validate(site, ov, profile, unit.test_unit, tmp_path / "cand", timeout_s=60,
                    memory_limit=12 << 30, launch=launch)


@pytest.mark.parametrize(("label", "name", "code", "grid", "block", "status", "words"), CASES,
                         ids=[c[0] for c in CASES])
@pytest.mark.parametrize("nvcc", ["with nvcc", "without nvcc"])
def test_fixed_interface_through_nvrtc(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       label: str, name: str, code: str, grid: str, block: str,
                                       status: Status, words: list[str], nvcc: str) -> None:
    if nvcc == "without nvcc":  # as on a machine with a driver and CuPy but no CUDA toolkit
        monkeypatch.setattr("regrapht.validate.find_nvcc", lambda: None)
    verdict = _validate(tmp_path, name, code, grid, block)
    phases = dict(verdict.phases)
    print(f"NVRTC | {label} | {nvcc} | {verdict.status.value} | {verdict.reason} | "
          f"kernel {verdict.speedup_kernel} | e2e {verdict.speedup_end_to_end} | "
          f"nvrtc compile {phases.get('nvrtc compile')}")
    assert verdict.status is status, (verdict.reason, verdict.compiler_errors,
                                      verdict.child_output[-2000:])
    for word in words:
        assert word in verdict.reason + verdict.compiler_errors
    if status is Status.VERIFIED:
        assert "nvrtc compile" in phases
        assert verdict.kernel and verdict.end_to_end and not verdict.suspicious
        assert ("not found" in verdict.compiler_log) == (nvcc == "without nvcc")


BOUND_FUNCTIONS = {
    "axpy": (".cpp", """\
#include <vector>
void axpy(float a, const std::vector<float> &x, std::vector<float> &y) {
    for (size_t i = 0; i < x.size(); i++) y[i] += a * x[i];
}
"""),
    "sum": (".cpp", """\
#include <vector>
double sum(const std::vector<double> &x) {
    double s = 0.0;
    for (size_t i = 0; i < x.size(); i++) s += x[i];
    return s;
}
"""),
}

BOUND = [
    # label, function, kernel, grid, bindings, expected status
    ("axpy bound, named like the function", "axpy", """\
__global__ void axpy(float a, const float *x, float *y, size_t N) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < N) y[i] += a * x[i];
}
""", "(x.size() + 255) / 256", (("N", "x.size()"),), Status.VERIFIED),
    ("sum returned", "sum", """\
__global__ void sumKernel(const double *x, size_t N, double *sum) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < N) atomicAdd(sum, x[i]);
}
""", "(x.size() + 255) / 256", (("N", "x.size()"), ("sum", "return")), Status.VERIFIED),
    ("sum returned, wrong initial value", "sum", """\
__global__ void sumKernel(const double *x, size_t N, double *sum) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < N) atomicAdd(sum, x[i]);
}
""", "(x.size() + 255) / 256", (("N", "x.size()"), ("sum", "return = 1")), Status.WRONG),
]


@pytest.mark.parametrize(("label", "name", "code", "grid", "bindings", "status"), BOUND,
                         ids=[c[0] for c in BOUND])
@pytest.mark.parametrize("nvcc", ["with nvcc", "without nvcc"])
def test_bound_interface_on_gpu(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, label: str,
                                name: str, code: str, grid: str, bindings: tuple,
                                status: Status, nvcc: str) -> None:
    if nvcc == "without nvcc":
        monkeypatch.setattr("regrapht.validate.find_nvcc", lambda: None)
    verdict = _validate(tmp_path, name, code, grid, "256", bindings)
    print(f"NVRTC bound | {label} | {nvcc} | {verdict.status.value} | {verdict.reason}")
    assert verdict.status is status, (verdict.reason, verdict.compiler_errors,
                                      verdict.child_output[-2000:])
    if status is Status.WRONG:
        assert "return value" in verdict.reason
