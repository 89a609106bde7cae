"""On a GPU: fixed-interface candidates compiled by NVRTC (CuPy RawModule) and launched from
Python with the task's geometry, with nvcc building the drop-in file and without nvcc at all.

A row is (label, function, kernel, grid, block, expected status, words in the reason).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regrapht.generate.assemble import assemble
from regrapht.generate.prompting import KernelInterface
from regrapht.harness.inputs import effective_arrays
from regrapht.harness.profile import profile_reference
from regrapht.parse import find_site
from regrapht.validate import KernelLaunch, Status, validate
from regrapht.validate.launch import nvrtc_source
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


def _validate(tmp_path: Path, name: str, code: str, grid: str, block: str):
    suffix, source = FUNCTIONS[name]
    path = tmp_path / f"{name}{suffix}"
    path.write_text(source)
    site = find_site(str(path), name)
    ov = site.annotations
    profile = profile_reference(site, ov, tmp_path / "ref")
    signature = code[code.index("__global__"):code.index(")") + 1]
    interface = KernelInterface(signature, grid, block)
    unit = assemble(site, code, effective_arrays(site, ov), profile.keeps_initial,
                    interface=interface)
    launch = KernelLaunch(nvrtc_source(unit.device_code), interface.kernel_name,
                          unit.kernel_args, grid, block)
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
