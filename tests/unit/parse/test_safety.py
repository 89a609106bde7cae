"""Table-driven safety checks (parse/safety.py): what the sequential function may do inside its
body (the system compiler builds it as written) and what is refused, with the construct, the
line, why and what to write instead.
"""

from __future__ import annotations

import pytest

from regrapht.parse import UnsupportedCode, find_site

STD = "#include <vector>\n#include <algorithm>\n#include <numeric>\n#include <limits>\n"

# (id, source, function, first words of each helper's text, in order)
ACCEPTED = [
    (
        "only_loop_is_a_range_algorithm",
        STD + """
void scale(const std::vector<float> &x, std::vector<float> &y, float a) {
    std::transform(x.begin(), x.end(), y.begin(), [a](float v) { return a * v; });
}""",
        "scale",
        [],
    ),
    (
        "std_transform_and_lambda",
        STD + """
void scale(const std::vector<float> &x, std::vector<float> &y, float a) {
    std::transform(x.begin(), x.end(), y.begin(), [a](float v) { return a * v; });
    for (size_t i = 0; i < y.size(); i++) y[i] += 1;
}""",
        "scale",
        [],
    ),
    (
        "std_reduce_accumulate_inclusive_scan",
        STD + """
float f(const std::vector<float> &x, std::vector<float> &y) {
    std::inclusive_scan(x.begin(), x.end(), y.begin());
    float t = std::reduce(x.begin(), x.end()) + std::accumulate(y.begin(), y.end(), 0.0f);
    for (size_t i = 0; i < y.size(); i++) y[i] -= t;
    return t;
}""",
        "f",
        [],
    ),
    (
        "std_sort_find_iota_count_if_min_element",
        STD + """
int f(std::vector<int> &v, std::vector<int> &idx) {
    std::iota(idx.begin(), idx.end(), 0);
    std::sort(v.begin(), v.end());
    auto it = std::find(v.begin(), v.end(), 3);
    int c = std::count_if(v.begin(), it, [](int e) { return e > 0; });
    for (size_t i = 0; i < idx.size(); i++) idx[i] += c + *std::min_element(v.begin(), v.end());
    return c;
}""",
        "f",
        [],
    ),
    (
        "numeric_limits_max_and_lowest",
        STD + """
float range(int n, const float *x) {
    float lo = std::numeric_limits<float>::max(), hi = std::numeric_limits<float>::lowest();
    for (int i = 0; i < n; i++) { lo = std::min(lo, x[i]); hi = std::max(hi, x[i]); }
    return hi - lo;
}""",
        "range",
        [],
    ),
    (
        "vector_methods_on_locals_and_outputs",
        STD + """
void evens(const std::vector<int> &x, std::vector<int> &out) {
    std::vector<int> tmp;
    tmp.reserve(x.size());
    for (size_t i = 0; i < x.size(); i++) if (x[i] % 2 == 0) tmp.push_back(x[i]);
    out.clear();
    out.insert(out.end(), tmp.begin(), tmp.end());
    if (!out.empty()) out.back() += 1;
}""",
        "evens",
        [],
    ),
    (
        "queue_unordered_map_pair_locals",
        STD + """
#include <queue>
#include <unordered_map>
int reach(const std::vector<int> &next, int start) {
    std::queue<int> q;
    std::unordered_map<int, int> seen;
    std::pair<int, int> span{0, 0};
    q.push(start);
    while (!q.empty()) {
        int u = q.front(); q.pop();
        if (seen.count(u)) continue;
        seen[u] = 1;
        q.push(next[u % next.size()]);
        span.second++;
    }
    return span.second;
}""",
        "reach",
        [],
    ),
    (
        "recursion_in_a_helper",
        """
long fact(long k) { if (k < 2) return 1; return k * fact(k - 1); }
void facts(int n, long *out) {
    for (int i = 0; i < n; i++) out[i] = fact(i);
}""",
        "facts",
        ["long fact("],
    ),
    (
        "recursion_in_the_function",
        """
void halve(int n, float *y) {
    for (int i = 0; i < n; i++) y[i] *= 0.5f;
    if (n > 1) halve(n / 2, y);
}""",
        "halve",
        [],
    ),
    (
        "mutual_recursion_gets_a_forward_declaration",
        """
int is_odd(int k);
int is_even(int k) { return k == 0 ? 1 : is_odd(k - 1); }
int is_odd(int k) { return k == 0 ? 0 : is_even(k - 1); }
void parity(int n, int *out) {
    for (int i = 0; i < n; i++) out[i] = is_even(i);
}""",
        "parity",
        ["int is_even(int k);", "int is_odd(", "int is_even("],
    ),
    (
        "forward_declaration_drops_default_arguments",
        """
int odd(int k, int d);
int even(int k, int d = 1) { return k == 0 ? d : odd(k - 1, d); }
int odd(int k, int d) { return k == 0 ? 0 : even(k - 1, d); }
void f(int n, int *y) {
    for (int i = 0; i < n; i++) y[i] = even(i);
}""",
        "f",
        ["int even(int k, int d);", "int odd(", "int even(int k, int d = 1)"],
    ),
    (
        "template_helper_keeps_its_header",
        """
template <typename T> T sq(T v) { return v * v; }
void f(int n, float *y) {
    for (int i = 0; i < n; i++) y[i] = sq<float>(y[i]) + sq(y[i]);
}""",
        "f",
        ["template <typename T> T sq("],
    ),
    (
        "helper_passed_as_a_value",
        STD + """
float twice(float v) { return 2 * v; }
void f(int n, const float *x, float *y) {
    std::transform(x, x + n, y, twice);
    for (int i = 0; i < n; i++) y[i] += 1;
}""",
        "f",
        ["float twice("],
    ),
    (
        "using_namespace_std_unqualified_calls",
        STD + """
using namespace std;
void f(vector<float> &y) {
    sort(y.begin(), y.end());
    for (size_t i = 0; i < y.size(); i++) y[i] = max(y[i], 0.0f);
}""",
        "f",
        [],
    ),
    (
        "c_library_and_math",
        """
#include <math.h>
#include <string.h>
#include <stdlib.h>
#include <stdint.h>
void f(int n, float *y, const char *s) {
    memset(y, 0, n * sizeof(float));
    for (int i = 0; i < n; i++)
        y[i] = sqrtf(fabsf((float)i)) + strlen(s) + abs(-i) + FLT_EPSILON + (UINT64_C(1) << 3);
}""",
        "f",
        [],
    ),
    (
        "const_global_table_and_constexpr",
        """
static const float kWeights[5] = {0.1f, 0.2f, 0.4f, 0.2f, 0.1f};
constexpr double kG = 9.81;
void blur(int n, const float *x, float *y) {
    for (int i = 2; i < n - 2; i++) {
        float s = 0;
        for (int k = 0; k < 5; k++) s += kWeights[k] * x[i + k - 2];
        y[i] = s * kG;
    }
}""",
        "blur",
        [],
    ),
    (
        "macros_struct_local_structured_binding",
        """
#define SQ(x) ((x) * (x))
struct Acc { float sum; int count; };
void f(int n, const float *x, float *y) {
    Acc a{0, 0};
    for (int i = 0; i < n; i++) {
        a.sum += SQ(x[i]); a.count++;
        auto [s, c] = a;
        y[i] = s / c;
    }
}""",
        "f",
        [],
    ),
    (
        "static_const_local_and_if_init",
        STD + """
void f(int n, float *y) {
    static const float kHalf = 0.5f;
    for (int i = 0; i < n; i++)
        if (auto v = y[i] * kHalf; v > 0) y[i] = v;
}""",
        "f",
        [],
    ),
    (
        "anonymous_namespace_constant",
        """
namespace { constexpr int kRadius = 2; }
void f(int n, float *y) {
    for (int i = 0; i < n; i++) y[i] = kRadius;
}""",
        "f",
        [],
    ),
]


@pytest.mark.parametrize(("source", "function", "helpers"), [row[1:] for row in ACCEPTED],
                         ids=[row[0] for row in ACCEPTED])
def test_accepted(source, function, helpers):
    site = find_site("a.cpp", function, source=source)
    assert len(site.helpers) == len(helpers)
    for text, start in zip(site.helpers, helpers, strict=True):
        assert text.startswith(start)


# (id, file name, source, function, words the message must contain, line of the offence)
REFUSED = [
    (
        "printf_names_the_call_and_line",
        "a.c",
        """
#include <stdio.h>
void show(int n, float *a) {
    for (int i = 0; i < n; i++) {
        a[i] = 0;
        printf("%d", i);
    }
}""",
        "show",
        ["I/O", "printf", "move the I/O out"],
        6,
    ),
    (
        "std_cout_after_using_namespace",
        "a.cpp",
        """
#include <iostream>
using namespace std;
void show(int n, float *a) {
    for (int i = 0; i < n; i++) { a[i] = 1; cout << a[i]; }
}""",
        "show",
        ["I/O", "cout"],
        5,
    ),
    (
        "ofstream_local",
        "a.cpp",
        """
#include <fstream>
void dump(int n, float *a) {
    std::ofstream out("x.txt");
    for (int i = 0; i < n; i++) a[i] = 0;
}""",
        "dump",
        ["I/O", "ofstream"],
        4,
    ),
    (
        "rand_is_nondeterministic",
        "a.c",
        """
#include <stdlib.h>
void noise(int n, float *a) {
    for (int i = 0; i < n; i++)
        a[i] = rand();
}""",
        "noise",
        ["rand", "cannot be compared", "pass them in as an input array"],
        5,
    ),
    (
        "random_device_is_nondeterministic",
        "a.cpp",
        """
#include <random>
void noise(int n, float *a) {
    std::random_device rd;
    for (int i = 0; i < n; i++) a[i] = rd();
}""",
        "noise",
        ["random_device", "input array"],
        4,
    ),
    (
        "clock_now",
        "a.cpp",
        """
#include <chrono>
void stamp(int n, double *a) {
    auto t = std::chrono::steady_clock::now();
    for (int i = 0; i < n; i++) a[i] = 1;
}""",
        "stamp",
        ["clock", "now", "parameter"],
        4,
    ),
    (
        "exit_controls_the_process",
        "a.c",
        """
#include <stdlib.h>
void f(int n, float *a) {
    if (n < 0) exit(1);
    for (int i = 0; i < n; i++) a[i] = 1;
}""",
        "f",
        ["exit", "return early"],
        4,
    ),
    (
        "unknown_function",
        "a.cpp",
        """
void apply(int n, float *a) {
    for (int i = 0; i < n; i++)
        a[i] = frobnicate(a[i]);
}""",
        "apply",
        ["calls 'frobnicate'", "not defined in this file", "put its definition in the same file"],
        4,
    ),
    (
        "prototype_shadowing_a_std_name",
        "a.c",
        """
float transform(float v);
void apply(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] = transform(a[i]);
}""",
        "apply",
        ["calls 'transform'", "declared but not defined"],
        4,
    ),
    (
        "function_in_a_namespace_of_the_file",
        "a.cpp",
        """
namespace detail { float g(float v) { return v; } }
void f(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] = detail::g(a[i]);
}""",
        "f",
        ["detail::g", "namespace 'detail'", "move it out of the namespace"],
        4,
    ),
    (
        "function_of_another_library",
        "a.cpp",
        """
void f(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] = boost::math::erf(a[i]);
}""",
        "f",
        ["boost::math::erf", "neither this file nor the standard library", "define the function"],
        3,
    ),
    (
        "mutable_global",
        "a.c",
        """
float scale_factor = 2.0f;
void scale(int n, float *a) {
    for (int i = 0; i < n; i++)
        a[i] *= scale_factor;
}""",
        "scale",
        ["mutable global variable 'scale_factor'", "line 2", "pass it as a parameter",
         "const"],
        5,
    ),
    (
        "mutable_global_table",
        "a.c",
        """
float weights[3] = {1, 2, 3};
void scale(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] *= weights[i % 3];
}""",
        "scale",
        ["mutable global variable 'weights'", "const"],
        4,
    ),
    (
        "pointer_to_const_is_a_mutable_global",
        "a.c",
        """
const float *table = 0;
void scale(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] *= table[i];
}""",
        "scale",
        ["mutable global variable 'table'"],
        4,
    ),
    (
        "extern_constant",
        "a.c",
        """
extern const int K;
void scale(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] *= K;
}""",
        "scale",
        ["'K'", "extern", "define it in this file"],
        4,
    ),
    (
        "undeclared_macro",
        "a.c",
        """
void scale(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] *= SOME_MACRO;
}""",
        "scale",
        ["'SOME_MACRO'", "#define"],
        3,
    ),
    (
        "constant_in_a_namespace_of_the_file",
        "a.cpp",
        """
namespace cfg { constexpr int kRadius = 2; }
void f(int n, float *y) {
    for (int i = 0; i < n; i++) y[i] = cfg::kRadius;
}""",
        "f",
        ["cfg::kRadius", "move it out of the namespace"],
        4,
    ),
    (
        "static_local_keeps_state",
        "a.c",
        """
void f(int n, float *y) {
    static int calls = 0;
    calls++;
    for (int i = 0; i < n; i++) y[i] = calls;
}""",
        "f",
        ["static local 'calls'", "ordinary local"],
        3,
    ),
    (
        "io_in_a_recursive_helper",
        "a.c",
        """
#include <stdio.h>
int down(int k) { if (k > 0) { puts("x"); return down(k - 1); } return 0; }
void f(int n, int *y) {
    for (int i = 0; i < n; i++) y[i] = down(i);
}""",
        "f",
        ["I/O", "puts"],
        3,
    ),
]


@pytest.mark.parametrize(
    ("filename", "source", "function", "words", "line"),
    [row[1:] for row in REFUSED],
    ids=[row[0] for row in REFUSED],
)
def test_refused(filename, source, function, words, line):
    with pytest.raises(UnsupportedCode) as caught:
        find_site(filename, function, source=source)
    error = caught.value
    for word in words:
        assert word in error.reason
    assert error.line == line
    assert str(error).startswith(f"{filename}:{line}:")


# Inputs that stress the parser: each must either parse or be refused, never raise anything
# else (a traceback in the editor is worse than any refusal).
ODD_INPUTS = [
    "void f(int n, float *y) { for (int i = 0; i < n; i++) y[i] = [](){ return 1; }(); }",
    "void f(int n, float *y) { for (int i = 0; i < n; i++) y[i] = (float)i; goto x; x:; }",
    "struct S { void m(int n, float *y) { for (int i = 0; i < n; i++) y[i] = 0; } };",
    "template <int N> void f(float *y) { for (int i = 0; i < N; i++) y[i] = N; }",
    "void f(int n, float *y) { for (int i = 0; i < n; i++) y[i] = ::sqrtf(y[i]); }",
    "#define F(x) g(x)\nvoid f(int n, float *y) { for (int i = 0; i < n; i++) y[i] = F(i); }",
    "void f(int n, float *y) { for (int i = 0; i < n; i++) asm(\"nop\"); }",
    "void f(int n, float *y) { auto g = [k = 2](int i) { return i * k; };"
    " for (int i = 0; i < n; i++) y[i] = g(i); }",
    "enum { A, B }; void f(int n, int *y) { for (int i = 0; i < n; i++) y[i] = A; }",
    "void f(int n, float *y) { for (int i = 0; i < n; i++) { enum { Z }; y[i] = Z; } }",
]


@pytest.mark.parametrize("source", ODD_INPUTS)
def test_odd_inputs_parse_or_are_refused(source):
    try:
        last = source.splitlines()[-1]
        site = find_site("a.cpp", line=source.count("\n") + 1, column=len(last) - 2,
                         source=source)
    except UnsupportedCode as error:
        assert error.line >= 0 and error.reason
    else:
        assert site.loops
