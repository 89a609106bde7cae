"""nvcc's errors retold in the model's own coordinates (nvcc.answer_terms): rows of (errors as
nvcc printed them for the assembled unit, the answer's lines) -> what the repair prompt says.
The error strings are copied from bench/results/2026-11-26-llama-cuda-rerun."""

from __future__ import annotations

import pytest

from regrapht.generate.assemble import assemble
from regrapht.parse import find_site
from regrapht.validate.nvcc import answer_terms, compile_candidate, find_nvcc

CONTRACT = "the launcher signature `void adam_step_f32_device(int n, float *p, ...)`"

# adam_step_f32 regrapht-mcgs #1: inside the answer (which starts at unit line 18).
INSIDE = """\
candidate.cu(31): error: identifier "eps" is undefined
          p[i] -= lr * mh / (sqrtf(vh) + eps);
                                         ^
1 error detected in the compilation of "candidate.cu"."""

# collatz_steps_u32 rag #0: the generated wrapper calls a launcher written as a __global__.
WRAPPER = """\
candidate.cu(60): error: a __global__ function call must be configured
      collatz_steps_u32_device(n, d_start_, d_steps_);
                                                     ^
1 error detected in the compilation of "candidate.cu"."""

# lj_forces_cutoff_f32 regrapht #0: the launcher's signature differs from the contract.
FEW_ARGS = """\
candidate.cu(70): error: too few arguments in function call
      lj_forces_cutoff_f32_device(n, m, d_p_, d_q_, d_f_);
                                                        ^
candidate.cu(70): error: too few arguments in function call
      lj_forces_cutoff_f32_device(n, m, d_p_, d_q_, d_f_);
                                                        ^
2 errors detected in the compilation of "candidate.cu"."""

PTXAS = "ptxas error   : Entry function '_Z4gemmv' uses too much shared data (0x40000 bytes)"

ROWS = [
    # id          errors    answer lines  must contain                              must not
    ("inside",    INSIDE,   (18, 40),     ['line 14 of your code: error: identifier "eps"',
                                           "p[i] -= lr * mh"], ["candidate.cu"]),
    ("wrapper",   WRAPPER,  (18, 40),     ["a __global__ function call must be configured",
                                           "generates after yours", CONTRACT],       ["d_start_"]),
    ("deduped",   FEW_ARGS, (18, 40),     ["too few arguments in function call"],   ["d_p_"]),
    ("ptxas",     PTXAS,    (18, 40),     ["uses too much shared data"],             []),
    ("unknown",   INSIDE,   (0, 0),       ["candidate.cu(31)"],                      []),
]


@pytest.mark.parametrize(("errors", "lines", "wanted", "unwanted"), [r[1:] for r in ROWS],
                         ids=[r[0] for r in ROWS])
def test_answer_terms(errors, lines, wanted, unwanted):
    told = answer_terms(errors, lines, CONTRACT)
    for text in wanted:
        assert text in told
    for text in unwanted:
        assert text not in told


def test_a_repeated_wrapper_error_is_said_once():
    told = answer_terms(FEW_ARGS, (18, 40), CONTRACT)
    assert told.count("too few arguments") == 1


def test_errors_after_the_answer_suggest_an_unclosed_brace():
    errors = 'candidate.cu(55): error: expected an expression\n      extern "C" void f(int n) {\n'
    told = answer_terms(errors, (18, 40), CONTRACT)
    assert "never closed" in told and 'extern "C"' not in told


SAXPY = "void saxpy(int n, float a, const float *x, float *y) {\n" \
        "    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];\n}\n"


@pytest.mark.nvcc
@pytest.mark.skipif(find_nvcc() is None, reason="nvcc not found")
def test_real_nvcc_errors_in_the_answers_coordinates(tmp_path):
    path = tmp_path / "saxpy.c"
    path.write_text(SAXPY)
    site = find_site(str(path), "saxpy")
    code = ("__global__ void saxpy_kernel(int n, float a, const float *x, float *y) {\n"
            "    int i = blockIdx.x * blockDim.x + threadIdx.x;\n"
            "    if (i < n) y[i] = a * x[i] + y[idx];\n"
            "}\n"
            "void saxpy_device(int n, const float *x, float *y) {}\n")
    unit = assemble(site, code, site.arrays, ())
    result = compile_candidate(unit.test_unit, tmp_path / "nvcc", arch="sm_90")
    assert not result.ok
    told = answer_terms(result.errors, unit.answer_lines, "the launcher `saxpy_device`",
                        unit=unit.test_unit, original=code)
    assert 'line 3 of your code: error: identifier "idx" is undefined' in told
    assert "(in the code regrapht generates after yours)" in told
    assert "the launcher `saxpy_device`" in told
    assert "d_x_" not in told and "candidate.cu" not in told


def test_lines_count_the_models_own_code_when_fixes_added_lines():
    original = "__global__ void k(int n, float *y) {\n    int i = threadIdx.x;\n" \
               "    y[i] = eps;\n}\n"
    fixed = "__global__ void k(int n, float *y) {\n    const float c = 2.0f;\n" \
            "    int i = threadIdx.x;\n    y[i] = eps;\n}\n"
    unit = "// header\n#include <cstdio>\n" + fixed + "// wrapper\n"
    errors = ('candidate.cu(6): error: identifier "eps" is undefined\n      y[i] = eps;\n'
              'candidate.cu(4): error: something in the added line\n')
    told = answer_terms(errors, (3, 7), CONTRACT, unit=unit, original=original)
    assert 'line 3 of your code: error: identifier "eps" is undefined' in told
    assert "in a line regrapht added to your code (see its fixes): error: something" in told
