"""gpu_child.handle() end to end, without a GPU: a fake `cupy` and a candidate built with g++.

The fake CuPy (fake_cupy.py) keeps "device arrays" in host memory and hands native code their
host addresses. The candidate library is the product's own test unit (assemble()), compiled
with g++ against a fake CUDA runtime header (cudaMalloc -> malloc, cudaMemcpy -> memcpy), so
the model's `<name>_device` is ordinary host C++. The reference is built by the product
(build_reference). What is exercised for real: assembly of the test unit, the C-ABI shims,
ctypes calls (host and device entry points), input generation, poisoning of write-only
outputs, comparison and tolerance, the timing loops, JSON-ability of the result and the
child-process isolation. Not exercised: anything CUDA actually does.

Each row of CASES: id, file name, C/C++ source, function, the model's code, and the expected
check outcome: "" for correct, else a substring of the failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from regrapht.generate.assemble import assemble
from regrapht.harness import inputs
from regrapht.harness.isolation import run_child
from regrapht.harness.reference import build_reference
from regrapht.parse import CodeSite, Overrides, find_site
from regrapht.validate.tolerance import compare
from tests.unit.validate import fake_cupy

pytestmark = pytest.mark.skipif(shutil.which("g++") is None, reason="needs g++")

SERVER = Path(__file__).resolve().parents[3] / "server"

FAKE_CUDA_H = r"""#pragma once
/* Just enough of the CUDA runtime for a test unit whose device code is host C++. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
typedef enum cudaError {
    cudaSuccess = 0, cudaErrorInvalidValue = 1, cudaErrorMemoryAllocation = 2,
    cudaErrorInvalidConfiguration = 9
} cudaError_t;
enum cudaMemcpyKind {
    cudaMemcpyHostToHost = 0, cudaMemcpyHostToDevice = 1, cudaMemcpyDeviceToHost = 2,
    cudaMemcpyDeviceToDevice = 3, cudaMemcpyDefault = 4
};
/* A launcher may set this to pretend a launch failed (cudaGetLastError returns and clears). */
static int fake_cuda_pending_error = 0;
static inline cudaError_t cudaMalloc(void **p, size_t n) {
    *p = malloc(n);
    return *p ? cudaSuccess : cudaErrorMemoryAllocation;
}
static inline cudaError_t cudaFree(void *p) { free(p); return cudaSuccess; }
static inline cudaError_t cudaMemset(void *p, int value, size_t n) {
    memset(p, value, n);
    return cudaSuccess;
}
static inline cudaError_t cudaMemcpy(void *d, const void *s, size_t n, enum cudaMemcpyKind k) {
    (void)k;
    memcpy(d, s, n);
    return cudaSuccess;
}
static inline cudaError_t cudaGetLastError(void) {
    cudaError_t e = (cudaError_t)fake_cuda_pending_error;
    fake_cuda_pending_error = 0;
    return e;
}
static inline const char *cudaGetErrorString(cudaError_t e) {
    return e == cudaSuccess ? "no error" : "fake CUDA error";
}
static inline cudaError_t cudaDeviceSynchronize(void) { return cudaSuccess; }
"""

SAXPY_C = """
void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
"""
TWICE_C = """
void twice(int n, const float *x, float *out) {
    for (int i = 0; i < n; i++) out[i] = 2.0f * x[i];
}
"""
CLAMP_C = """
void clamp_int(int n, const int *x, int *y) {
    for (int i = 0; i < n; i++) y[i] = x[i] < 0 ? 0 : x[i];
}
"""
SUM_C = """
float sum(const float *x, int n) {
    float s = 0.0f;
    for (int i = 0; i < n; i++) s += x[i];
    return s;
}
"""
SCALE_CPP = """
#include <vector>
void scale(std::vector<float> &v, float a) {
    for (size_t i = 0; i < v.size(); ++i) v[i] *= a;
}
"""
TOTAL_CPP = """
void total(const float *x, int n, float &out) {
    out = 0.0f;
    for (int i = 0; i < n; i++) out += x[i];
}
"""
BLOW_UP_C = """
void blow_up(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = x[i] * 1e38f * 100.0f;
}
"""
POSITIVE_CPP = """
void positive(int n, const float *x, bool *flag) {
    for (int i = 0; i < n; i++) flag[i] = x[i] > 0.0f;
}
"""

SAXPY_OK = """
void saxpy_device(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; ++i) y[i] = a * x[i] + y[i];
}
"""
# The order in which a GPU reduction adds: four partial sums, then a tree.
SUM_PARTIAL = """
float sum_device(const float *x, int n) {
    float p[4] = {0.0f, 0.0f, 0.0f, 0.0f};
    for (int i = 0; i < n; ++i) p[i % 4] += x[i];
    return (p[0] + p[1]) + (p[2] + p[3]);
}
"""

NUDGE_C = """void nudge(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = y[i] + 1e-6f * x[i];
}
"""
NEAR_ONE_C = """void near_one(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = 1.0f + 1e-5f * x[i];
}
"""

# Real C++ interfaces (docs/parameter-kinds.md): a vector of structs updated in place, an
# output grown with push_back, a vector of strings, a returned struct.
DRIFT_CPP = """
#include <vector>
struct Particle { float x, y; float vx, vy; };
void drift(std::vector<Particle>& ps, float dt) {
    for (auto& p : ps) { p.x += p.vx * dt; p.y += p.vy * dt; }
}
"""
ABOVE_CPP = """
#include <vector>
void above(const std::vector<float>& x, std::vector<int>& out) {
    for (size_t i = 0; i < x.size(); ++i)
        if (x[i] > 0.5f) out.push_back((int)i);
}
"""
LENS_CPP = """
#include <string>
#include <vector>
void lens(const std::vector<std::string>& w, std::vector<int>& n) {
    for (size_t i = 0; i < w.size(); ++i) n[i] = (int)w[i].size();
}
"""
SPAN_CPP = """
#include <vector>
struct Span { float lo, hi; };
Span span(const std::vector<float>& x) {
    Span s{1e30f, -1e30f};
    for (float v : x) { if (v < s.lo) s.lo = v; if (v > s.hi) s.hi = v; }
    return s;
}
"""

KIND_CASES = [
    ("struct_vector_correct", "drift.cpp", DRIFT_CPP, "drift", """
void drift_device(Particle *ps, size_t ps_size, float dt) {
    for (size_t i = 0; i < ps_size; ++i) { ps[i].x += ps[i].vx * dt; ps[i].y += ps[i].vy * dt; }
}""", ""),
    ("struct_vector_skips_a_field", "drift.cpp", DRIFT_CPP, "drift", """
void drift_device(Particle *ps, size_t ps_size, float dt) {
    for (size_t i = 0; i < ps_size; ++i) ps[i].x += ps[i].vx * dt;
}""", "output 'ps' field 'y'"),
    ("push_back_correct", "above.cpp", ABOVE_CPP, "above", """
void above_device(const float *x, size_t x_size, int *out, size_t out_capacity,
                  unsigned long long *out_count) {
    for (size_t i = 0; i < x_size; ++i) if (x[i] > 0.5f) out[(*out_count)++] = (int)i;
}""", ""),
    ("push_back_count_never_set", "above.cpp", ABOVE_CPP, "above", """
void above_device(const float *x, size_t x_size, int *out, size_t out_capacity,
                  unsigned long long *out_count) {
    size_t k = 0;
    for (size_t i = 0; i < x_size; ++i) if (x[i] > 0.5f) out[k++] = (int)i;
}""", "elements (the count the launcher left), the reference"),
    ("push_back_claims_more_than_its_buffer", "above.cpp", ABOVE_CPP, "above", """
void above_device(const float *x, size_t x_size, int *out, size_t out_capacity,
                  unsigned long long *out_count) {
    *out_count = out_capacity + 5;
}""", "claims"),
    ("strings_correct", "lens.cpp", LENS_CPP, "lens", """
void lens_device(const char *w_chars, const size_t *w_offsets, size_t w_size, int *n,
                 size_t n_size) {
    for (size_t i = 0; i < w_size; ++i) n[i] = (int)(w_offsets[i + 1] - w_offsets[i]);
}""", ""),
    ("strings_off_by_one", "lens.cpp", LENS_CPP, "lens", """
void lens_device(const char *w_chars, const size_t *w_offsets, size_t w_size, int *n,
                 size_t n_size) {
    for (size_t i = 0; i < w_size; ++i) n[i] = (int)(w_offsets[i + 1] - w_offsets[i]) + 1;
}""", "output 'n'"),
    ("struct_return_correct", "span.cpp", SPAN_CPP, "span", """
Span span_device(const float *x, size_t x_size) {
    Span s{1e30f, -1e30f};
    for (size_t i = 0; i < x_size; ++i) {
        if (x[i] < s.lo) s.lo = x[i];
        if (x[i] > s.hi) s.hi = x[i];
    }
    return s;
}""", ""),
    ("struct_return_wrong_field", "span.cpp", SPAN_CPP, "span", """
Span span_device(const float *x, size_t x_size) {
    Span s{1e30f, -1e30f};
    for (size_t i = 0; i < x_size; ++i) if (x[i] < s.lo) s.lo = x[i];
    return s;
}""", "return value field 'hi'"),
]

# (id, file name, source, function, model code, expected failure substring; "" = correct)
CASES = [*KIND_CASES,
    ("writes_one_past_the_end", "saxpy.c", SAXPY_C, "saxpy", """
void saxpy_device(int n, float a, const float *x, float *y) {
    for (int i = 0; i <= n; ++i) y[i] = i < n ? a * x[i] + y[i] : 0.0f;
}""", "wrote past the end of 'y' (element 1 of an array of 1)"),
    ("writes_before_the_start", "saxpy.c", SAXPY_C, "saxpy", """
void saxpy_device(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; ++i) y[i] = a * x[i] + y[i];
    y[-3] = 0.0f;
}""", "wrote before the start of 'y' (element -3)"),
    ("in_place_left_unchanged_within_tolerance", "nudge.c", NUDGE_C, "nudge", """
void nudge_device(int n, const float *x, float *y) { }""",
     "output 'y' is left exactly as it was passed in, although the reference changes it"),
    ("constant_within_tolerance", "near_one.c", NEAR_ONE_C, "near_one", """
void near_one_device(int n, const float *x, float *y) {
    for (int i = 0; i < n; ++i) y[i] = 1.0f;
}""", "output 'y' is constant (every element np.float32(1.0)) although the reference's is not"),
    ("near_one_correct", "near_one.c", NEAR_ONE_C, "near_one", """
void near_one_device(int n, const float *x, float *y) {
    for (int i = 0; i < n; ++i) y[i] = 1.0f + 1e-5f * x[i];
}""", ""),
    ("saxpy_correct", "saxpy.c", SAXPY_C, "saxpy", SAXPY_OK, ""),
    ("saxpy_first_half_only", "saxpy.c", SAXPY_C, "saxpy", """
void saxpy_device(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n / 2; ++i) y[i] = a * x[i] + y[i];
}""", "output 'y'"),
    ("write_only_output_skips_element_0", "twice.c", TWICE_C, "twice", """
void twice_device(int n, const float *x, float *out) {
    for (int i = 1; i < n; ++i) out[i] = 2.0f * x[i];
}""", "output 'out' 1 of 1 elements differ; first at index 0: got np.float32(nan)"),
    ("unrolled_by_4_without_tail", "saxpy.c", SAXPY_C, "saxpy", """
void saxpy_device(int n, float a, const float *x, float *y) {
    for (int i = 0; i + 3 < n; i += 4)
        for (int k = 0; k < 4; ++k) y[i + k] = a * x[i + k] + y[i + k];
}""", "output 'y' 1 of 1 elements differ; first at index 0"),
    ("int_write_only_skips_last", "clamp.c", CLAMP_C, "clamp_int", """
void clamp_int_device(int n, const int *x, int *y) {
    for (int i = 0; i + 1 < n; ++i) y[i] = x[i] < 0 ? 0 : x[i];
}""", "output 'y' 1 of 1 elements differ; first at index 0: got np.int32(715827889)"),
    ("sum_same_order", "sum.c", SUM_C, "sum", """
float sum_device(const float *x, int n) {
    float s = 0.0f;
    for (int i = 0; i < n; ++i) s += x[i];
    return s;
}""", ""),
    ("sum_gpu_order_within_float32_tolerance", "sum.c", SUM_C, "sum", SUM_PARTIAL, ""),
    ("sum_wrong_value", "sum.c", SUM_C, "sum", """
float sum_device(const float *x, int n) {
    float s = 1.0f;
    for (int i = 0; i < n; ++i) s += x[i];
    return s;
}""", "return value"),
    ("vector_in_place", "scale.cpp", SCALE_CPP, "scale", """
void scale_device(float *v, size_t v_size, float a) {
    for (size_t i = 0; i < v_size; ++i) v[i] *= a;
}""", ""),
    ("vector_in_place_misses_last", "scale.cpp", SCALE_CPP, "scale", """
void scale_device(float *v, size_t v_size, float a) {
    for (size_t i = 0; i + 1 < v_size; ++i) v[i] *= a;
}""", "output 'v'"),
    ("scalar_reference_output", "total.cpp", TOTAL_CPP, "total", """
void total_device(const float *x, int n, float *out) {
    float s = 0.0f;
    for (int i = 0; i < n; ++i) s += x[i];
    *out = s;
}""", ""),
    ("bool_output_correct", "positive.cpp", POSITIVE_CPP, "positive", """
void positive_device(int n, const float *x, bool *flag) {
    for (int i = 0; i < n; ++i) flag[i] = x[i] > 0.0f;
}""", ""),
    # Writes only the false elements: an unwritten element must not pass as True.
    ("bool_output_writes_only_false", "positive.cpp", POSITIVE_CPP, "positive", """
void positive_device(int n, const float *x, bool *flag) {
    for (int i = 0; i < n; ++i) if (!(x[i] > 0.0f)) flag[i] = false;
}""", "got byte 0x5a (not a bool: never written), expected np.True_"),
    # Most elements overflow to +-inf in the reference and the candidate alike.
    ("infinities_that_match", "blow_up.c", BLOW_UP_C, "blow_up", """
void blow_up_device(int n, const float *x, float *y) {
    for (int i = 0; i < n; ++i) y[i] = x[i] * 1e38f * 100.0f;
}""", ""),
    ("launcher_leaves_cuda_error", "saxpy.c", SAXPY_C, "saxpy", """
void saxpy_device(int n, float a, const float *x, float *y) {
    fake_cuda_pending_error = cudaErrorInvalidConfiguration;
}""", "the launcher left CUDA error 9 (cudaErrorInvalidConfiguration: "
       "invalid configuration argument) at sizes {'n': 1}"),
]

TIMING = {"min_repeats": 3, "max_repeats": 5, "min_seconds": 0.0, "bandwidth_bytes": 1 << 20}
TIMING_SIZE = 1000


def build_candidate(site: CodeSite, code: str, keeps: tuple[str, ...], work: Path) -> Path:
    """The product's test unit for `code`, compiled with g++ against the fake CUDA header."""
    include = work / "fake_cuda_include"
    include.mkdir(exist_ok=True)
    (include / "fake_cuda.h").write_text(FAKE_CUDA_H)
    (include / "cuda_runtime.h").write_text('#include "fake_cuda.h"\n')
    arrays = inputs.effective_arrays(site, Overrides())
    unit = assemble(site, code, arrays, keeps).test_unit
    src = work / f"cand-{site.name}.cpp"
    src.write_text(unit)
    lib = work / f"cand-{site.name}.so"
    proc = subprocess.run(
        ["g++", "-std=c++17", "-x", "c++", "-shared", "-fPIC", "-O1", "-I", str(include),
         "-include", str(include / "fake_cuda.h"), "-o", str(lib), str(src)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 0, f"g++ failed:\n{proc.stderr}\n--- unit ---\n{unit}"
    return lib


def make_job(work: Path, file_name: str, source: str, function: str, code: str) -> dict[str, Any]:
    """The job validate() would send, with the product's size sets and a small timing size."""
    path = work / file_name
    path.write_text(source)
    site = find_site(str(path), function)
    ov = Overrides()
    keeps: tuple[str, ...] = ()  # every write-only output here is written in full
    names = inputs.size_variables(site, ov)
    sizes = inputs.correctness_sizes(names, {})
    return {
        "site": site, "overrides": ov,
        "reference": build_reference(site, work / "ref").path,
        "candidate": build_candidate(site, code, keeps, work),
        "keeps_initial": keeps,
        "correctness_sizes": tuple(tuple(sorted(s.items())) for s in sizes),
        "timing_sizes": tuple((n, TIMING_SIZE) for n in names),
        "seeds": (11, 23), **TIMING,
    }


@pytest.fixture
def cupy(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setitem(sys.modules, "cupy", fake_cupy)
    monkeypatch.setattr(fake_cupy, "DEVICE_COUNT", 1)
    monkeypatch.setattr(fake_cupy, "NO_DRIVER", False)
    return fake_cupy


def run_in_process(job: dict[str, Any]) -> dict[str, Any]:
    from regrapht.validate import gpu_child

    result = gpu_child.handle(job)
    return json.loads(json.dumps(result))  # the child writes it as JSON


@pytest.mark.parametrize(
    "file_name, source, function, code, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_check_against_reference(
    cupy: Any, tmp_path: Path, file_name: str, source: str, function: str, code: str, expected: str
) -> None:
    result = run_in_process(make_job(tmp_path, file_name, source, function, code))
    assert result["gpu"] is True
    assert result["device"] == fake_cupy.DEVICE_NAME.decode()
    check = result["check"]
    if not expected:
        assert check == {"correct": True, "trials": 2 * 5, "failure": ""}
        timing = result["timing"]
        assert timing["timed"] is True
        assert len(timing["kernel_samples"]) >= TIMING["min_repeats"]
        assert len(timing["e2e_samples"]) >= TIMING["min_repeats"]
        assert all(s >= 0 for s in timing["kernel_samples"] + timing["e2e_samples"])
    else:
        assert check["correct"] is False
        assert expected in check["failure"]
        # every wrong candidate here must be caught on the device path, before the drop-in
        assert not check["failure"].startswith("drop-in function:")
        assert "timing" not in result


POISON = np.uint32(0x7FC5A5A5).view(np.float32)  # what the validator fills outputs with

# (id, candidate, reference, largest input, expected substring; "" = equal)
COMPARISONS = [
    ("float32_within_rtol", np.float32([1.0005]), np.float32([1.0]), 1, ""),
    ("float32_beyond_rtol", np.float32([1.01]), np.float32([1.0]), 1, "1 of 1 elements differ"),
    ("nan_where_finite", np.float32([np.nan]), np.float32([1.0]), 1, "got np.float32(nan)"),
    ("nan_where_nan", np.float32([np.nan]), np.float32([np.nan]), 1, ""),
    ("same_infinities", np.float32([np.inf, -np.inf]), np.float32([np.inf, -np.inf]), 1, ""),
    ("opposite_infinity", np.float32([-np.inf]), np.float32([np.inf]), 1, "got np.float32(-inf)"),
    ("finite_where_inf", np.float32([0.0]), np.float32([np.inf]), 1, "got np.float32(0.0)"),
    ("inf_where_finite", np.float64([np.inf]), np.float64([1e300]), 1, "got np.float64(inf)"),
    ("int_exact", np.int32([3, 4]), np.int32([3, 5]), 2, "first at index 1"),
    ("bool_equal", np.bool_([True, False]), np.bool_([True, False]), 2, ""),
    ("bool_poison_byte", np.uint8([0x5A, 0]).view(np.bool_), np.bool_([True, False]), 2,
     "got byte 0x5a"),
    ("length", np.float32([1.0]), np.float32([1.0, 2.0]), 2, "has 1 elements, expected 2"),
    ("unwritten_column", np.where(np.arange(49) % 7 == 0, np.float32(1.0), POISON),
     np.ones(49, np.float32), 49, "only every 7th element was written (indices 0, 7, 14, 21, ...)"),
    ("unwritten_all", np.full(5, POISON, np.float32), np.ones(5, np.float32), 5,
     "no thread wrote this output"),
    ("written_nan_is_not_unwritten", np.float32([1, np.nan]), np.ones(2, np.float32), 2,
     "got np.float32(nan), expected np.float32(1.0)"),
    ("unwritten_tail", np.array([1, 1, POISON, POISON], np.float32), np.ones(4, np.float32), 4,
     "2 elements were never written (still the NaN poison); "
     "written were only 2 elements (indices 0, 1)"),
]


@pytest.mark.parametrize(
    "candidate, reference, largest, expected", [c[1:] for c in COMPARISONS],
    ids=[c[0] for c in COMPARISONS],
)
def test_compare(candidate: Any, reference: Any, largest: int, expected: str) -> None:
    problem = compare(candidate, reference, largest)
    assert (expected in problem) if expected else problem == ""


def test_no_device_and_no_driver(cupy: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from regrapht.validate import gpu_child

    monkeypatch.setattr(fake_cupy, "DEVICE_COUNT", 0)
    assert gpu_child.handle({}) == {"gpu": False, "reason": "CuPy sees no CUDA device"}
    monkeypatch.setattr(fake_cupy, "NO_DRIVER", True)
    result = gpu_child.handle({})
    assert result["gpu"] is False
    assert "cudaErrorInsufficientDriver" in result["reason"]


def test_time_false_skips_timing(cupy: Any, tmp_path: Path) -> None:
    job = make_job(tmp_path, "saxpy.c", SAXPY_C, "saxpy", SAXPY_OK)
    result = run_in_process({**job, "time": False})
    assert result["check"]["correct"] is True
    assert "timing" not in result


def _child_env(tmp_path: Path) -> dict[str, str]:
    package = tmp_path / "fake_site" / "cupy"
    package.mkdir(parents=True)
    shutil.copy(Path(fake_cupy.__file__), package / "__init__.py")
    return {"PYTHONPATH": os.pathsep.join([str(package.parent), str(SERVER)])}


def test_child_process_matches_in_process(cupy: Any, tmp_path: Path) -> None:
    job = make_job(tmp_path, "saxpy.c", SAXPY_C, "saxpy", SAXPY_OK)
    here = run_in_process(job)
    child = run_child("regrapht.validate.gpu_child", job, timeout_s=120, env=_child_env(tmp_path))
    assert child.ok, f"{child.reason}\n{child.output}"
    assert child.result["gpu"] is True
    assert child.result["device"] == here["device"]
    assert child.result["check"] == here["check"]
    assert child.result["timing"]["timed"] is True
    assert set(child.result["timing"]) == set(here["timing"])
    assert "device trial at sizes {'n': 1} (seed 11)" in child.output


def test_child_process_wrong_candidate(tmp_path: Path) -> None:
    job = make_job(tmp_path, "twice.c", TWICE_C, "twice", """
void twice_device(int n, const float *x, float *out) {
    for (int i = 1; i < n; ++i) out[i] = 2.0f * x[i];
}""")
    child = run_child("regrapht.validate.gpu_child", job, timeout_s=120, env=_child_env(tmp_path))
    assert child.ok, f"{child.reason}\n{child.output}"
    assert child.result["check"]["correct"] is False
    assert "output 'out'" in child.result["check"]["failure"]


def test_child_process_segfaulting_candidate(tmp_path: Path) -> None:
    job = make_job(tmp_path, "saxpy.c", SAXPY_C, "saxpy", """
void saxpy_device(int n, float a, const float *x, float *y) {
    *(volatile int *)0 = 1;
}""")
    child = run_child("regrapht.validate.gpu_child", job, timeout_s=120, env=_child_env(tmp_path))
    assert child.ok is False
    assert "SIGSEGV" in child.reason
    assert "device trial at sizes {'n': 1} (seed 11)" in child.output


def test_child_process_without_cupy(tmp_path: Path) -> None:
    """No CuPy in the child: a 'no GPU' answer, not a crash blamed on the candidate."""
    job = make_job(tmp_path, "saxpy.c", SAXPY_C, "saxpy", SAXPY_OK)
    blocker = tmp_path / "no_cupy" / "cupy"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('libcudart.so.12: not found')\n")
    env = {"PYTHONPATH": os.pathsep.join([str(blocker.parent), str(SERVER)])}
    child = run_child("regrapht.validate.gpu_child", job, timeout_s=120, env=env)
    assert child.ok, f"{child.reason}\n{child.output}"
    assert child.result["gpu"] is False
    assert "libcudart.so.12" in child.result["reason"]


def _matrix(rows: int, cols: int, written_rows: int, written_cols: int) -> np.ndarray:
    out = np.full((rows, cols), POISON, np.float32)
    out[:written_rows, :written_cols] = 1.0
    return out.reshape(-1)


# (id, candidate, rows x cols, expected substring)
MATRIX_COMPARISONS = [
    ("rows_not_covered", _matrix(33, 7, 16, 7), (33, 7),
     "written were only rows 0..15 of 0..32 and columns 0..6 of 0..6 of this 33 x 7"),
    ("first_column_only", _matrix(7, 7, 7, 1), (7, 7),
     "first at index 1 (row 0, column 1)"),
    ("nothing", _matrix(2, 3, 0, 0), (2, 3), "no thread wrote this output"),
]


@pytest.mark.parametrize(("candidate", "rows_cols", "expected"),
                         [c[1:] for c in MATRIX_COMPARISONS],
                         ids=[c[0] for c in MATRIX_COMPARISONS])
def test_compare_tells_matrix_coordinates(candidate: Any, rows_cols: Any, expected: str) -> None:
    reference = np.ones(candidate.size, np.float32)
    assert expected in compare(candidate, reference, candidate.size, rows_cols)


JOB_LIMITS = {"min_repeats": 10, "min_seconds": 0.3, "max_seconds": 8.0}


@pytest.mark.parametrize("samples, elapsed, min_repeats, stops", [
    (10, 0.31, None, True),    # enough samples over enough time
    (10, 0.2, None, False),    # enough samples, too little time
    (9, 0.31, None, False),    # enough time, too few samples
    (5, 0.31, 5, True),        # the end-to-end loop asks for fewer
    (3, 8.5, None, True),      # a slow candidate: what the time limit gave
    (0, 8.5, None, False),     # ...but at least one sample
    (3, 7.9, None, False),     # within the limit it goes on
], ids=lambda v: str(v))
def test_timing_loop_stops(samples: int, elapsed: float, min_repeats: int | None,
                           stops: bool) -> None:
    from regrapht.validate.gpu_child import _enough

    assert _enough([0.01] * samples, JOB_LIMITS, elapsed, min_repeats) is stops
