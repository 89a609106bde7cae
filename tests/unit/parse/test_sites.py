"""Table-driven tests: realistic functions and the facts find_site must report about them.

Array facts read as "<access> <length> [<role>:<target>]": access is r, w or rw; length is
the C expression or '-' for unknown.
"""

from __future__ import annotations

import pytest

from regrapht.parse import ArrayRole, CodeSite, ParamKind, find_site


def check_arrays(site: CodeSite, expected: dict[str, str]) -> None:
    got = {}
    for info in site.arrays:
        access = ("r" if info.read else "") + ("w" if info.written else "")
        fact = f"{access} {info.length or '-'}"
        if info.role != ArrayRole.DATA:
            fact += f" {info.role.value}:{info.target}"
        got[info.name] = fact
    assert got == expected


# (id, file name, source, function, expected arrays, expected size_params, return type)
SITES = [
    (
        "pragma_between_loop_and_body_c",
        "p.c",
        """
void scale2(int n, int m, const float *x, float *y) {
    for (int i = 0; i < n; i++)
#pragma unroll 4
        for (int j = 0; j < m; j++)
            y[i * m + j] = 2.0f * x[i * m + j];
}""",
        "scale2",
        {"x": "r n * m", "y": "w n * m"},
        ("n", "m"),
        "void",
    ),
    (
        "saxpy_c",
        "a.c",
        """
void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}""",
        "saxpy",
        {"x": "r n", "y": "rw n"},
        ("n",),
        "void",
    ),
    (
        "relu_restrict_cu",
        "k.cu",
        """
void relu(size_t n, const float *__restrict__ in, float *__restrict__ out) {
    for (size_t i = 0; i < n; ++i) out[i] = in[i] > 0.0f ? in[i] : 0.0f;
}""",
        "relu",
        {"in": "r n", "out": "w n"},
        ("n",),
        "void",
    ),
    (
        "vector_add_arrays",
        "a.c",
        """
void vadd(int n, const double a[], const double b[], double c[]) {
    int i;
    for (i = 0; i < n; i++) c[i] = a[i] + b[i];
}""",
        "vadd",
        {"a": "r n", "b": "r n", "c": "w n"},
        ("n",),
        "void",
    ),
    (
        "vector_add_std_vector",
        "a.cpp",
        """
#include <vector>
void vadd(const std::vector<float> &a, const std::vector<float> &b, std::vector<float> &c) {
    for (size_t i = 0; i < c.size(); i++) c[i] = a[i] + b[i];
}""",
        "vadd",
        {"a": "r c.size()", "b": "r c.size()", "c": "w c.size()"},
        (),
        "void",
    ),
    (
        "sum_returns_value",
        "a.c",
        """
float sum(const float *a, int n) {
    float s = 0.0f;
    for (int i = 0; i < n; i++) s += a[i];
    return s;
}""",
        "sum",
        {"a": "r n"},
        ("n",),
        "float",
    ),
    (
        "dot_product",
        "a.cpp",
        """
double dot(int n, const double *x, const double *y) {
    double acc = 0;
    for (int i = 0; i < n; ++i) { acc += x[i] * y[i]; }
    return acc;
}""",
        "dot",
        {"x": "r n", "y": "r n"},
        ("n",),
        "double",
    ),
    (
        "max_value",
        "a.c",
        """
int maxval(const int *a, int n) {
    int m = a[0];
    for (int i = 1; i < n; i++) if (a[i] > m) m = a[i];
    return m;
}""",
        "maxval",
        {"a": "r n"},
        ("n",),
        "int",
    ),
    (
        "sum_into_out_pointer",
        "a.c",
        """
void total(const float *a, int n, float *out) {
    *out = 0;
    for (int i = 0; i < n; i++) out[0] += a[i];
}""",
        "total",
        {"a": "r n", "out": "rw 1"},
        ("n",),
        "void",
    ),
    (
        "sum_into_reference",
        "a.cpp",
        """
void total(const std::vector<double> &a, double &out) {
    out = 0;
    for (std::size_t i = 0; i < a.size(); i++) out += a[i];
}""",
        "total",
        {"a": "r a.size()", "out": "rw 1"},
        (),
        "void",
    ),
    (
        "prefix_sum",
        "a.c",
        """
void prefix(int n, const int *a, int *out) {
    out[0] = a[0];
    for (int i = 1; i < n; i++) out[i] = out[i - 1] + a[i];
}""",
        "prefix",
        {"a": "r n", "out": "rw n"},
        ("n",),
        "void",
    ),
    (
        "prefix_sum_in_place",
        "a.cpp",
        """
void scan(std::vector<long> &v) {
    for (size_t i = 1; i < v.size(); ++i) v[i] += v[i - 1];
}""",
        "scan",
        {"v": "rw v.size()"},
        (),
        "void",
    ),
    (
        "stencil_1d",
        "a.c",
        """
void smooth(int n, const float *u, float *v) {
    for (int i = 1; i < n - 1; i++) v[i] = (u[i - 1] + u[i] + u[i + 1]) / 3.0f;
}""",
        "smooth",
        {"u": "r n", "v": "w n"},
        ("n",),
        "void",
    ),
    (
        "jacobi_2d",
        "a.c",
        """
void jacobi(int n, int m, const double *u, double *unew) {
    for (int i = 1; i < n - 1; i++)
        for (int j = 1; j < m - 1; j++)
            unew[i * m + j] = 0.25 * (u[(i - 1) * m + j] + u[(i + 1) * m + j]
                                      + u[i * m + j - 1] + u[i * m + j + 1]);
}""",
        "jacobi",
        {"u": "r n * m", "unew": "w n * m"},
        ("n", "m"),
        "void",
    ),
    (
        "matmul",
        "a.cpp",
        """
void matmul(int n, int m, int k, const float *A, const float *B, float *C) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            float sum = 0.0f;
            for (int p = 0; p < k; p++) sum += A[i * k + p] * B[p * m + j];
            C[i * m + j] = sum;
        }
}""",
        "matmul",
        {"A": "r n * k", "B": "r m * k", "C": "w n * m"},
        ("n", "m", "k"),
        "void",
    ),
    (
        "matvec",
        "a.c",
        """
void matvec(int rows, int cols, const float *A, const float *x, float *y) {
    for (int r = 0; r < rows; r++) {
        float s = 0;
        for (int c = 0; c < cols; c++) s += A[r * cols + c] * x[c];
        y[r] = s;
    }
}""",
        "matvec",
        {"A": "r rows * cols", "x": "r cols", "y": "w rows"},
        ("rows", "cols"),
        "void",
    ),
    (
        "transpose",
        "a.c",
        """
void transpose(int n, int m, const float *in, float *out) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) out[j * n + i] = in[i * m + j];
}""",
        "transpose",
        {"in": "r n * m", "out": "w n * m"},
        ("n", "m"),
        "void",
    ),
    (
        "histogram",
        "a.c",
        """
void histogram(int n, const unsigned char *data, int nbins, int *hist) {
    for (int b = 0; b < nbins; b++) hist[b] = 0;
    for (int i = 0; i < n; i++) hist[data[i]]++;
}""",
        "histogram",
        {"data": "r n index:hist", "hist": "rw nbins"},
        ("n", "nbins"),
        "void",
    ),
    (
        "spmv_csr",
        "a.c",
        """
void spmv(int n, const int *row_ptr, const int *col, const double *val,
          const double *x, double *y) {
    for (int i = 0; i < n; i++) {
        double s = 0.0;
        for (int j = row_ptr[i]; j < row_ptr[i + 1]; j++) s += val[j] * x[col[j]];
        y[i] = s;
    }
}""",
        "spmv",
        {
            "row_ptr": "r n + 1 offsets:col",
            "col": "r - index:x",
            "val": "r -",
            "x": "r -",
            "y": "w n",
        },
        ("n",),
        "void",
    ),
    (
        "spmv_csr_locals",
        "a.cpp",
        """
void spmv(int n, const int row_ptr[], const int col[], const float val[], const float x[],
          float y[]) {
    for (int i = 0; i < n; ++i) {
        int begin = row_ptr[i], end = row_ptr[i + 1];
        float s = 0;
        for (int j = begin; j < end; ++j) { int c = col[j]; s += val[j] * x[c]; }
        y[i] = s;
    }
}""",
        "spmv",
        {
            "row_ptr": "r n + 1 offsets:col",
            "col": "r - index:x",
            "val": "r -",
            "x": "r -",
            "y": "w n",
        },
        ("n",),
        "void",
    ),
    (
        "linear_search",
        "a.c",
        """
int find(const int *a, int n, int key) {
    for (int i = 0; i < n; i++)
        if (a[i] == key) return i;
    return -1;
}""",
        "find",
        {"a": "r n"},
        ("n",),
        "int",
    ),
    (
        "count_matches",
        "a.cpp",
        """
#include <vector>
long count_if_equal(const std::vector<int> &v, int key) {
    long count = 0;
    for (size_t i = 0; i < v.size(); i++) if (v[i] == key) count++;
    return count;
}""",
        "count_if_equal",
        {"v": "r v.size()"},
        (),
        "long",
    ),
    (
        "math_calls_and_helper",
        "a.cpp",
        """
#include <cmath>
static inline float sq(float v) { return v * v; }
void norms(int n, const float *x, const float *y, float *r) {
    for (int i = 0; i < n; i++) r[i] = std::sqrt(sq(x[i]) + sq(y[i])) + fabsf(x[i]);
}""",
        "norms",
        {"x": "r n", "y": "r n", "r": "w n"},
        ("n",),
        "void",
    ),
    (
        "macro_constant",
        "a.c",
        """
#define N 1024
void scale(float *a, float f) {
    for (int i = 0; i < N; i++) a[i] *= f;
}""",
        "scale",
        {"a": "rw -"},
        (),
        "void",
    ),
    (
        "reverse_loop",
        "a.c",
        """
void reverse(int n, const int *a, int *b) {
    for (int i = n - 1; i >= 0; i--) b[n - 1 - i] = a[i];
}""",
        "reverse",
        {"a": "r n", "b": "w n"},
        ("n",),
        "void",
    ),
    (
        "while_loop_uint64",
        "a.c",
        """
#include <stdint.h>
void fill(uint64_t *a, int64_t n, uint64_t value) {
    int64_t i = 0;
    while (i < n) { a[i] = value; i++; }
}""",
        "fill",
        {"a": "w -"},
        ("n",),
        "void",
    ),
    (
        "kernel_file_cuda",
        "k.cu",
        """
__host__ void clamp(int n, float lo, float hi, float *x) {
    for (int i = 0; i < n; i += 1) x[i] = fminf(fmaxf(x[i], lo), hi);
}""",
        "clamp",
        {"x": "rw n"},
        ("n",),
        "void",
    ),
    (
        "inclusive_bound",
        "a.c",
        """
void fill(int n, double *a) {
    for (int i = 0; i <= n; i++) a[i] = 2.0 * i;
}""",
        "fill",
        {"a": "w n + 1"},
        ("n",),
        "void",
    ),
    (
        "memset_and_free",
        "a.c",
        """
#include <string.h>
#include <stdlib.h>
void zero(int n, float *a, float *tmp) {
    memset(a, 0, n * sizeof(float));
    for (int i = 0; i < n; i++) tmp[i] = a[i];
}""",
        "zero",
        {"a": "rw n", "tmp": "w n"},
        ("n",),
        "void",
    ),
    (
        "written_through_a_local_pointer",
        "a.c",
        """
void rows(int count, int s, const float *b, float *x) {
    for (int k = 0; k < count; k++) {
        float *out = x + (long)k * s;
        for (int i = 0; i < s; i++) out[i] = 2.0f * b[k];
    }
}""",
        "rows",
        {"b": "r count", "x": "rw -"},  # its length: say it with an annotation
        ("count", "s"),
        "void",
    ),
]


@pytest.mark.parametrize(
    ("filename", "source", "function", "arrays", "size_params", "return_type"),
    [row[1:] for row in SITES],
    ids=[row[0] for row in SITES],
)
def test_site_facts(filename, source, function, arrays, size_params, return_type):
    site = find_site(filename, function, source=source)
    assert site.name == function
    check_arrays(site, arrays)
    assert site.size_params == size_params
    assert site.return_type == return_type
    assert site.loops, "every accepted function has a loop"
    assert site.source.startswith(site.signature.split("(")[0].split()[0])


# (id, source, function, loops as "depth kind var start bound step carried")
LOOPS = [
    (
        "sum_carries_accumulator",
        """
float sum(const float *a, int n) {
    float s = 0;
    for (int i = 0; i < n; i++) s += a[i];
    return s;
}""",
        "sum",
        ["0 for i 0 n 1 s"],
    ),
    (
        "scan_carries_array",
        """
void prefix(int n, const int *a, int *out) {
    for (int i = 1; i < n; i++) out[i] = out[i - 1] + a[i];
}""",
        "prefix",
        ["0 for i 1 n 1 out"],
    ),
    (
        "map_carries_nothing",
        """
void relu(int n, float *x) {
    for (int i = 0; i < n; i++) { float t = x[i]; x[i] = t > 0 ? t : 0; }
}""",
        "relu",
        ["0 for i 0 n 1 -"],
    ),
    (
        "matmul_inner_carries_sum",
        """
void mm(int n, int m, int k, const float *A, const float *B, float *C) {
    for (int i = 0; i < n; i++) for (int j = 0; j < m; j++) {
        float sum = 0;
        for (int p = 0; p < k; p++) sum += A[i*k+p] * B[p*m+j];
        C[i*m+j] = sum;
    }
}""",
        "mm",
        ["0 for i 0 n 1 -", "1 for j 0 m 1 -", "2 for p 0 k 1 sum"],
    ),
    (
        "histogram_carries_bins",
        """
void hist(int n, const int *d, int *h) { for (int i = 0; i < n; i++) h[d[i]] += 1; }
""",
        "hist",
        ["0 for i 0 n 1 h"],
    ),
    (
        "stencil_bound_and_step",
        """
void every_other(int n, float *a) {
    for (int i = 0; i < n - 1; i += 2) a[i] = a[i + 1];
}""",
        "every_other",
        ["0 for i 0 n - 1 2 a"],
    ),
    (
        "while_and_do",
        """
void loops(int n, int *a) {
    int i = 0;
    while (i < n) { a[i] = i; i++; }
    do { n--; } while (n > 0);
}""",
        "loops",
        ["0 while - - - - i", "0 do - - - - n"],
    ),
]


@pytest.mark.parametrize(
    ("source", "function", "loops"), [r[1:] for r in LOOPS], ids=[r[0] for r in LOOPS]
)
def test_loops(source, function, loops):
    site = find_site("a.c", function, source=source)
    got = [
        " ".join(
            [
                str(lp.depth),
                lp.kind,
                lp.var or "-",
                lp.start or "-",
                lp.bound or "-",
                lp.step or "-",
                ",".join(lp.carried) or "-",
            ]
        )
        for lp in site.loops
    ]
    assert got == loops


def test_params_kinds_types_and_const():
    source = """
#include <vector>
#include <cstdint>
#include "mine.h"
void f(int n, const unsigned int u, const float *__restrict__ x, double y[],
       const std::vector<int64_t> &v, std::vector<bool> &w, float &s, unsigned char *c) {
    for (int i = 0; i < n; i++) { y[i] = x[i] + v[i] + u + c[i]; w[i] = true; s += 1; }
}"""
    site = find_site("f.cpp", "f", source=source)
    got = [(p.name, p.kind, p.elem_type, p.is_const) for p in site.params]
    assert got == [
        ("n", ParamKind.SCALAR, "int", False),
        ("u", ParamKind.SCALAR, "unsigned int", True),
        ("x", ParamKind.POINTER, "float", True),
        ("y", ParamKind.ARRAY, "double", False),
        ("v", ParamKind.VECTOR, "int64_t", True),
        ("w", ParamKind.VECTOR, "bool", False),
        ("s", ParamKind.SCALAR_REF, "float", False),
        ("c", ParamKind.POINTER, "unsigned char", False),
    ]
    assert site.param("x").c_type == "const float *__restrict__"
    assert site.includes == ("#include <vector>", "#include <cstdint>")
    assert site.signature.startswith("void f(int n,") and not site.signature.endswith("{")
    assert site.span.start_line == 5 and site.span.end_line == 8
    assert site.language == "cpp"


def test_helpers_callee_first_and_annotations():
    source = """
float sq(float v) { return v * v; }
float norm2(float a, float b) { return sq(a) + sq(b); }
/* not an annotation */
int unrelated(void) { return 0; }
// regrapht: size n=4096; range x=-1:1
// regrapht: output out
void lengths(int n, const float *x, const float *y, float *out) {
    for (int i = 0; i < n; i++) out[i] = norm2(x[i], y[i]);
}"""
    site = find_site("h.c", "lengths", source=source)
    assert [h.split("(")[0] for h in site.helpers] == ["float sq", "float norm2"]
    assert site.annotations.sizes == (("n", 4096),)
    assert site.annotations.ranges == (("x", -1.0, 1.0),)
    assert site.annotations.outputs == ("out",)
    assert (
        find_site(
            "h.c", "unrelated", source=source.replace("return 0;", "for(;;){} ")
        ).annotations.sizes
        == ()
    )


POSITION_SOURCE = """
void first(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] = 0;
}

void second(int n, int m, float *a) {
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
            a[i * m + j] = 1;
        }
    }
    a[0] = 2;
}
"""


@pytest.mark.parametrize(
    ("line", "column", "function", "focus"),
    [
        (3, 30, "first", 0),  # inside the loop body of first
        (2, 1, "first", None),  # on the signature: no loop
        (9, 13, "second", 1),  # innermost loop wins
        (7, 5, "second", 0),  # on the outer `for` keyword
        (12, 5, "second", None),  # after the loops
    ],
)
def test_find_by_position(line, column, function, focus):
    site = find_site("p.c", line=line, column=column, source=POSITION_SOURCE)
    assert site.name == function
    assert site.focus_loop == focus


def test_list_functions():
    from regrapht.parse import list_functions

    assert list_functions("p.c", source=POSITION_SOURCE) == [("first", 2), ("second", 6)]


def test_pragmas_stay_in_the_site_source(tmp_path):
    path = tmp_path / "p.c"
    path.write_text("void f(int n, float *y) {\n#pragma GCC ivdep\n"
                    "    for (int i = 0; i < n; i++) y[i] = 0.0f;\n}\n")
    site = find_site(str(path), "f")
    assert "#pragma GCC ivdep" in site.source and len(site.loops) == 1
