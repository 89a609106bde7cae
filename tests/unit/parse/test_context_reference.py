"""The carried context makes the reference compile as the file does: macros, a constant table,
a struct local, the standard library and recursion, built by the system compiler and called
through the C ABI shim (no GPU needed).
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from regrapht.harness import inputs
from regrapht.harness.native_call import NativeEntry
from regrapht.harness.reference import build_reference, reference_source
from regrapht.parse import CodeSite, find_site

pytestmark = pytest.mark.skipif(
    shutil.which("cc") is None or shutil.which("c++") is None, reason="needs cc and c++"
)

CONTEXT_SOURCE = """\
#include <algorithm>
#include <vector>
#define WIDTH 3
#define CLAMP(v, lo, hi) ((v) < (lo) ? (lo) : (v) > (hi) ? (hi) : (v))
static const float kWeights[WIDTH] = {0.25f, 0.5f, 0.25f};
typedef float real;
struct Window { real lo, hi; };

// regrapht: range x=-4:4
void smooth_clamped(int n, const float *x, float *y) {
    std::vector<float> copy(x, x + n);
    std::sort(copy.begin(), copy.end());
    Window w{copy[n / 4], copy[(3 * n) / 4]};
    for (int i = 0; i < n; i++) {
        real s = 0;
        for (int k = 0; k < WIDTH; k++) {
            int j = i + k - 1;
            s += kWeights[k] * x[j < 0 ? 0 : (j >= n ? n - 1 : j)];
        }
        y[i] = CLAMP(s, w.lo, w.hi);
    }
}
"""

RECURSIVE_SOURCE = """\
long fib(int k) { return k < 2 ? k : fib(k - 1) + fib(k - 2); }
int is_odd(int k);
int is_even(int k) { return k == 0 ? 1 : is_odd(k - 1); }
int is_odd(int k) { return k == 0 ? 0 : is_even(k - 1); }

void recursive(int n, long *out) {
    for (int i = 0; i < n; i++) out[i] = fib(i % 16) * 2 + is_even(i % 9);
    if (n > 1) recursive(n / 2, out);
}
"""


def _numpy_smooth_clamped(x: np.ndarray) -> np.ndarray:
    n = len(x)
    ordered = np.sort(x)
    lo, hi = ordered[n // 4], ordered[(3 * n) // 4]
    padded = np.concatenate([x[:1], x, x[-1:]]).astype(np.float32)
    s = (np.float32(0.25) * padded[:-2] + np.float32(0.5) * padded[1:-1]
         + np.float32(0.25) * padded[2:])
    return np.clip(s, lo, hi)


def _fib(k: int) -> int:
    a, b = 0, 1
    for _ in range(k):
        a, b = b, a + b
    return a


def _numpy_recursive(n: int) -> np.ndarray:
    out = np.zeros(n, dtype=np.int64)
    while True:
        for i in range(n):
            out[i] = _fib(i % 16) * 2 + (1 if (i % 9) % 2 == 0 else 0)
        if n <= 1:
            return out
        n //= 2


def _call(site: CodeSite, tmp_path, sizes: dict[str, int]) -> dict[str, object]:
    built = build_reference(site, tmp_path / "build")
    shape = inputs.shape_for(site, site.annotations, sizes)
    values = inputs.make_inputs(site, site.annotations, shape, np.random.default_rng(0))
    NativeEntry(built.path, site).call_host(values)
    return values


def test_macro_table_struct_and_sort_compile_and_run(tmp_path):
    path = tmp_path / "smooth.cpp"
    path.write_text(CONTEXT_SOURCE)
    site = find_site(str(path), "smooth_clamped")
    assert [(c.kind, c.name) for c in site.context] == [
        ("macro", "WIDTH"), ("macro", "CLAMP"), ("constant", "kWeights"), ("type", "real"),
        ("type", "Window"),
    ]
    unit = reference_source(site)
    assert unit.index("#define WIDTH 3") < unit.index("kWeights[WIDTH]") < unit.index(
        "void smooth_clamped")
    values = _call(site, tmp_path, {"n": 101})
    x = np.asarray(values["x"])
    np.testing.assert_allclose(values["y"], _numpy_smooth_clamped(x), rtol=1e-6)


def test_recursion_compiles_and_runs(tmp_path):
    path = tmp_path / "recursive.c"
    path.write_text(RECURSIVE_SOURCE)
    site = find_site(str(path), "recursive")
    assert site.helpers[0] == "int is_even(int k);"  # is_odd is emitted first and calls it
    values = _call(site, tmp_path, {"n": 40})
    np.testing.assert_array_equal(values["out"], _numpy_recursive(40))


def test_forward_declaration_with_default_arguments_compiles(tmp_path):
    path = tmp_path / "defaults.cpp"
    path.write_text("""\
int odd(int k, int d);
int even(int k, int d = 1) { return k == 0 ? d : odd(k - 1, d); }
int odd(int k, int d) { return k == 0 ? 0 : even(k - 1, d); }
void parity(int n, int *y) {
    for (int i = 0; i < n; i++) y[i] = even(i % 50);
}
""")
    site = find_site(str(path), "parity")
    values = _call(site, tmp_path, {"n": 60})
    np.testing.assert_array_equal(values["y"], [1 - (i % 50) % 2 for i in range(60)])
