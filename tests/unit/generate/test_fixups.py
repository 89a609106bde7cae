"""Pre-compile checks and fixes of model code: host code reading kernel built-ins, `continue`."""

from __future__ import annotations

import pytest

from regrapht.generate.fixups import host_builtin_problem, kernel_continue_fix

LAUNCH = "void k_device(int n, float *y) {{ {body} }}\n"
KERNEL = "__global__ void k(int n, float *y) {{ {body} }}\n"

# (id, code, expected substring of the problem; "" = none)
HOST_BUILTINS = [
    ("block_dim_in_launcher", LAUNCH.format(body="int g = (n + blockDim.x - 1) / blockDim.x;"),
     "the host function `k_device` reads `blockDim`"),
    ("two_builtins", LAUNCH.format(body="int a = gridDim.x + threadIdx.x;"),
     "reads `gridDim`, `threadIdx`"),
    ("builtin_in_kernel_is_fine", KERNEL.format(body="int i = blockIdx.x * blockDim.x;"), ""),
    ("builtin_in_device_function", "__device__ int idx() { return threadIdx.x; }\n", ""),
    ("plain_launcher", LAUNCH.format(body="int b = 256; (void)b;"), ""),
    ("host_qualified", "__host__ void h() { int b = blockDim.x; }\n", "`h` reads `blockDim`"),
    ("word_inside_a_name", LAUNCH.format(body="int myblockDim = 3;"), ""),
    ("local_variables_named_like_builtins",
     LAUNCH.format(body="int gridDim = (n + 127) / 128; int blockDim = 128; (void)gridDim;"), ""),
    ("one_declared_one_not",
     LAUNCH.format(body="int blockDim = 128; int g = (n + blockDim - 1) / gridDim.x;"),
     "reads `gridDim`,"),
    ("parameter_named_block_dim", "void k_device(int n, int blockDim) { int b = blockDim; }\n",
     ""),
]


@pytest.mark.parametrize(("code", "expected"), [r[1:] for r in HOST_BUILTINS],
                         ids=[r[0] for r in HOST_BUILTINS])
def test_host_builtin_problem(code, expected):
    problem = host_builtin_problem(code)
    assert (expected in problem) if expected else problem == ""


# (id, code, expected code, number of notes)
CONTINUES = [
    ("top_level_continue",
     KERNEL.format(body="if (y[0] > 0) { y[0] = 1; continue; } y[1] = 2;"),
     KERNEL.format(body="if (y[0] > 0) { y[0] = 1; return; } y[1] = 2;"), 1),
    ("continue_in_kernel_loop_kept",
     KERNEL.format(body="for (int q = 0; q < n; q++) { if (q) continue; y[q] = 0; }"),
     KERNEL.format(body="for (int q = 0; q < n; q++) { if (q) continue; y[q] = 0; }"), 0),
    ("continue_in_while_kept",
     KERNEL.format(body="int q = 0; while (q < n) { q++; continue; }"),
     KERNEL.format(body="int q = 0; while (q < n) { q++; continue; }"), 0),
    ("host_function_untouched",
     "void h(int n) { if (n) { continue; } }\n", "void h(int n) { if (n) { continue; } }\n", 0),
    ("two_in_one_kernel",
     KERNEL.format(body="if (n == 1) continue; if (n == 2) { continue; }"),
     KERNEL.format(body="if (n == 1) return; if (n == 2) { return; }"), 2),
]


@pytest.mark.parametrize(("code", "expected", "notes"), [r[1:] for r in CONTINUES],
                         ids=[r[0] for r in CONTINUES])
def test_kernel_continue_fix(code, expected, notes):
    fixed = kernel_continue_fix(code)
    assert fixed.code == expected
    assert len(fixed.notes) == notes
    assert all("became `return`" in n for n in fixed.notes)


# nvcc accepts a loop spelled through a macro; tree-sitter cannot follow it.
MACRO_LOOP = """#define FOR(i, n) for (int i = 0; i < (n); i++)
__global__ void k(int n, float *y) { if (n == 9) continue; FOR(i, n) y[i] += i; }
void k_device(int n, float *y) { int b = blockDim.x; k<<<1, b>>>(n, y); }
"""


def test_code_the_parser_cannot_follow_is_left_to_nvcc():
    # No exception, no verdict, no edit: the compiler decides.
    assert host_builtin_problem(MACRO_LOOP) == ""
    fixed = kernel_continue_fix(MACRO_LOOP)
    assert fixed.code == MACRO_LOOP and fixed.notes == ()


PRAGMA_BETWEEN_LOOPS = """__global__ void k(int n, float *y) {
    for (int i = 0; i < n; i++)
#pragma unroll
        for (int j = 0; j < 4; j++) { if (j == 9) continue; y[i] += j; }
    continue;
}
void k_device(int n, float *y) { int b = blockDim.x; k<<<1, b>>>(n, y); }
"""


def test_pragma_between_loop_and_body_is_followed():
    assert "reads `blockDim`" in host_builtin_problem(PRAGMA_BETWEEN_LOOPS)
    fixed = kernel_continue_fix(PRAGMA_BETWEEN_LOOPS)
    assert len(fixed.notes) == 1  # the top-level continue; the one in the loop stays
    assert "#pragma unroll" in fixed.code and fixed.code.count("continue;") == 1
