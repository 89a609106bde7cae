"""ptxas resource parsing, error trimming, and compile_candidate (errors and the cache)."""

from __future__ import annotations

import pytest

from regrapht.validate import nvcc
from regrapht.validate.nvcc import KernelResources, compile_candidate, parse_ptxas, trim_errors

# nvcc 13 (`-Xptxas -v`), one small kernel.
LOG_SIMPLE = """\
ptxas info    : 0 bytes gmem
ptxas info    : Compiling entry function '_Z12saxpy_kernelifPKfPf' for 'sm_90'
ptxas info    : Function properties for _Z12saxpy_kernelifPKfPf
    0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
ptxas info    : Used 10 registers, used 0 barriers
ptxas info    : Compile time = 17.009 ms
"""

# Register-capped tiled GEMM that spills, plus a reduction with static shared memory, plus a
# non-inlined device function (properties but no registers: not a kernel).
LOG_SPILLS_SMEM = """\
ptxas info    : 0 bytes gmem
ptxas info    : Function properties for _Z6helperPf
    16 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
ptxas info    : Compiling entry function '_Z11gemm_kerneliiiPKfS0_Pf' for 'sm_90'
ptxas info    : Function properties for _Z11gemm_kerneliiiPKfS0_Pf
    72 bytes stack frame, 68 bytes spill stores, 64 bytes spill loads
ptxas info    : Used 32 registers, used 1 barriers, 8192 bytes smem, 380 bytes cmem[0]
ptxas info    : Compile time = 120.5 ms
ptxas info    : Compiling entry function '_Z13reduce_kernelPKfPfi' for 'sm_90'
ptxas info    : Function properties for _Z13reduce_kernelPKfPfi
    0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
ptxas info    : Used 18 registers, used 1 barriers, 32 bytes cumulative stack size, 1024 bytes smem
ptxas info    : Compile time = 9.1 ms
"""

# Older ptxas (CUDA 11/12 on sm_80): "Used N registers, M bytes cmem[0]" and extern "C" names.
LOG_OLD = """\
ptxas info    : 0 bytes gmem
ptxas info    : Compiling entry function 'scale_kernel' for 'sm_80'
ptxas info    : Function properties for scale_kernel
    0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads
ptxas info    : Used 8 registers, 364 bytes cmem[0]
"""

PTXAS = [
    # id             log               expected kernels (raw name, regs, stores, loads, stack, smem)
    ("simple",       LOG_SIMPLE,       [("_Z12saxpy_kernelifPKfPf", 10, 0, 0, 0, 0)]),
    ("spills-smem",  LOG_SPILLS_SMEM,  [("_Z11gemm_kerneliiiPKfS0_Pf", 32, 68, 64, 72, 8192),
                                        ("_Z13reduce_kernelPKfPfi", 18, 0, 0, 0, 1024)]),
    ("old-format",   LOG_OLD,          [("scale_kernel", 8, 0, 0, 0, 0)]),
    ("empty",        "",               []),
    ("no-kernels",   "ptxas info    : 0 bytes gmem\n", []),
]


@pytest.mark.parametrize(("log", "expected"), [p[1:] for p in PTXAS], ids=[p[0] for p in PTXAS])
def test_parse_ptxas(monkeypatch, log, expected):
    monkeypatch.setattr(nvcc, "_demangle", lambda names: {n: n for n in names})
    assert parse_ptxas(log) == tuple(
        KernelResources(name, regs, stores, loads, stack, smem)
        for name, regs, stores, loads, stack, smem in expected
    )


def test_parse_ptxas_demangles_when_it_can():
    kernels = parse_ptxas(LOG_SPILLS_SMEM)
    names = [k.name for k in kernels]
    if names[0].startswith("_Z"):
        pytest.skip("no c++filt here")
    assert names == ["gemm_kernel(int, int, int, float const*, float const*, float*)",
                     "reduce_kernel(float const*, float*, int)"]


ERROR_LOG = """\
/tmp/build/cand-0123456789abcdef0123.cu(21): error: identifier "idx" is undefined
      if (idx < n) y[idx] = a * x[idx] + y[idx];
          ^

/tmp/build/cand-0123456789abcdef0123.cu(27): error: expected a ";"
      saxpy_kernel<<<blocks, 256>>>(n, a, x, y)
                                               ^

2 errors detected in the compilation of "/tmp/build/cand-0123456789abcdef0123.cu".
"""

TRIMS = [
    # id            log           must contain                       must not contain
    ("errors",           ERROR_LOG,
     ['candidate.cu(21): error: identifier "idx" is undefined',
      "      if (idx < n) y[idx] = a * x[idx] + y[idx];",
      'candidate.cu(27): error: expected a ";"',
      '2 errors detected in the compilation of "candidate.cu".'],
     ["/tmp/build", "\n\n"]),
    ("ptxas-noise",      LOG_SPILLS_SMEM + "ptxas fatal   : Unresolved extern function 'foo'\n",
     ["ptxas fatal   : Unresolved extern function 'foo'"],
     ["ptxas info", "bytes stack frame", "Function properties", "Used 32 registers"]),
]


@pytest.mark.parametrize(
    ("log", "contains", "lacks"), [t[1:] for t in TRIMS], ids=[t[0] for t in TRIMS]
)
def test_trim_errors(log, contains, lacks):
    trimmed = trim_errors(log, "/tmp/build/cand-0123456789abcdef0123.cu")
    for text in contains:
        assert text in trimmed
    for text in lacks:
        assert text not in trimmed


def test_trim_errors_caps_the_length():
    log = "\n".join(f"x.cu({i}): error: something" for i in range(500))
    assert len(trim_errors(log, "x.cu").splitlines()) == nvcc.MAX_ERROR_LINES


needs_nvcc = pytest.mark.skipif(nvcc.find_nvcc() is None, reason="nvcc not found")

GOOD = """\
__global__ void scale_kernel(int n, float a, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] *= a;
}
"""

SYNTAX_ERROR = """\
__global__ void scale_kernel(int n, float a, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x
    if (i < n) y[i] *= a;
}
"""


@pytest.mark.nvcc
@needs_nvcc
def test_syntax_error_is_reported(tmp_path):
    result = compile_candidate(SYNTAX_ERROR, tmp_path, arch="sm_90")
    assert not result.ok
    assert result.library is None
    assert result.kernels == ()
    assert "candidate.cu(3): error" in result.errors
    assert str(tmp_path) not in result.errors
    assert not result.cached
    # failures are not cached: a second try compiles again
    assert not compile_candidate(SYNTAX_ERROR, tmp_path, arch="sm_90").cached


@pytest.mark.nvcc
@needs_nvcc
def test_second_compile_is_cached(tmp_path):
    first = compile_candidate(GOOD, tmp_path, arch="sm_90")
    assert first.ok, first.errors
    assert not first.cached
    assert first.library is not None and first.library.is_file()
    assert [k.name.split("(")[0] for k in first.kernels] == ["scale_kernel"]
    second = compile_candidate(GOOD, tmp_path, arch="sm_90")
    assert second.cached
    assert second.library == first.library
    assert second.kernels == first.kernels
    other_arch = compile_candidate(GOOD, tmp_path, arch="sm_80")
    assert not other_arch.cached


def test_missing_nvcc_is_a_failed_compile(tmp_path, monkeypatch):
    monkeypatch.setattr(nvcc, "find_nvcc", lambda: None)
    result = compile_candidate(GOOD, tmp_path, arch="sm_90")
    assert not result.ok
    assert "nvcc was not found" in result.errors
