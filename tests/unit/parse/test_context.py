"""Table-driven: the file-scope declarations carried with a function (CodeSite.context), in
source order, and the prompt that shows them (parse/context.py, generate/prompting.py).
"""

from __future__ import annotations

import pytest

from regrapht.generate.prompting import first_messages
from regrapht.parse import find_site

# (id, source, function, expected (kind, name) in order, fragments the texts must hold)
CONTEXTS = [
    (
        "object_and_function_like_macros_transitively",
        """
#define N 4
#define SQ(x) ((x) * (x))
#define TWO_N (2 * N)
#define UNUSED 7
void f(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = SQ(x[i]) + TWO_N;
}""",
        "f",
        [("macro", "N"), ("macro", "SQ"), ("macro", "TWO_N")],
        ["#define SQ(x) ((x) * (x))"],
    ),
    (
        "const_table_and_constexpr",
        """
static const float kWeights[5] = {0.1f, 0.2f, 0.4f, 0.2f, 0.1f};
constexpr double kG = 9.81;
const int kUnused = 3;
void blur(int n, const float *x, float *y) {
    for (int i = 2; i < n - 2; i++) {
        float s = 0;
        for (int k = 0; k < 5; k++) s += kWeights[k] * x[i + k - 2];
        y[i] = s * kG;
    }
}""",
        "blur",
        [("constant", "kWeights"), ("constant", "kG")],
        ["static const float kWeights[5] = {0.1f, 0.2f, 0.4f, 0.2f, 0.1f};"],
    ),
    (
        "constant_using_constant_and_macro",
        """
#define BASE 3
constexpr int kA = BASE + 1;
constexpr int kB = kA * 2;
void f(int n, int *y) {
    for (int i = 0; i < n; i++) y[i] = kB;
}""",
        "f",
        [("macro", "BASE"), ("constant", "kA"), ("constant", "kB")],
        [],
    ),
    (
        "struct_local_with_typedef_field",
        """
typedef double real;
struct Acc { real sum; int count; };
struct Unused { int z; };
void f(int n, const float *x, float *y) {
    Acc a{0, 0};
    for (int i = 0; i < n; i++) { a.sum += x[i]; a.count++; y[i] = a.sum / a.count; }
}""",
        "f",
        [("type", "real"), ("type", "Acc")],
        ["struct Acc { real sum; int count; };"],
    ),
    (
        "using_alias_and_directive",
        """
#include <vector>
using namespace std;
using Vec = vector<float>;
void f(int n, float *y) {
    Vec t(n);
    for (int i = 0; i < n; i++) y[i] = t[i];
}""",
        "f",
        [("type", ""), ("type", "Vec")],
        ["using namespace std;"],
    ),
    (
        "enum_by_its_enumerator",
        """
enum Mode { ADD, MUL };
void f(int n, float *y, int m) {
    for (int i = 0; i < n; i++) y[i] = m == ADD ? y[i] + 1 : y[i] * 2;
}""",
        "f",
        [("type", "Mode")],
        ["enum Mode { ADD, MUL };"],
    ),
    (
        "ifdef_blocks_carried_whole",
        """
#ifndef BLOCK
#define BLOCK 64
#endif
#ifdef USE_DOUBLE
typedef double real;
#else
typedef float real;
#endif
void f(int n, float *y) {
    for (int i = 0; i < n; i++) y[i] = (real)BLOCK;
}""",
        "f",
        [("macro", "BLOCK"), ("type", "real")],
        ["#ifndef BLOCK\n#define BLOCK 64\n#endif", "#else\ntypedef float real;"],
    ),
    (
        "helpers_uses_count_too",
        """
#define SCALE 2.0f
static inline float scaled(float v) { return SCALE * v; }
void f(int n, float *y) {
    for (int i = 0; i < n; i++) y[i] = scaled(y[i]);
}""",
        "f",
        [("macro", "SCALE")],
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
        [("constant", "kRadius")],
        ["constexpr int kRadius = 2;"],
    ),
    (
        "c_typedef_struct_enum_and_table",
        """
#define N 3
typedef struct { float x, y; } vec2;
struct acc { double s; };
static const float k[N] = {1, 2, 3};
enum { RED, GREEN };
void f(int n, const float *x, float *y) {
    struct acc a = {0};
    vec2 v = {1, 2};
    for (int i = 0; i < n; i++) { a.s += x[i] * k[i % N]; y[i] = (float)a.s + v.x + GREEN; }
}""",
        "f",
        [("macro", "N"), ("type", "vec2"), ("type", "acc"), ("constant", "k"), ("type", "RED")],
        ["typedef struct { float x, y; } vec2;", "struct acc { double s; };"],
    ),
    (
        "the_type_of_a_mutable_global_without_the_global",
        """
struct Stats { int n; } g_stats;
void f(int n, int *y) {
    for (int i = 0; i < n; i++) { Stats s{1}; y[i] = s.n; }
}""",
        "f",
        [("type", "Stats")],
        ["struct Stats { int n; };"],
    ),
    (
        "extern_c_block_contents",
        """
extern "C" {
#define M 2
static const int kT[2] = {1, 2};
}
void f(int n, int *y) {
    for (int i = 0; i < n; i++) y[i] = kT[i % M];
}""",
        "f",
        [("macro", "M"), ("constant", "kT")],
        [],
    ),
    (
        "nothing_to_carry",
        """
#define UNUSED 1
void f(int n, float *y) {
    for (int i = 0; i < n; i++) y[i] = 0;
}""",
        "f",
        [],
        [],
    ),
]


@pytest.mark.parametrize(("source", "function", "expected", "fragments"),
                         [row[1:] for row in CONTEXTS], ids=[row[0] for row in CONTEXTS])
def test_context(source, function, expected, fragments):
    site = find_site("a.cpp", function, source=source)
    assert [(item.kind, item.name) for item in site.context] == expected
    texts = "\n".join(item.text for item in site.context)
    for fragment in fragments:
        assert fragment in texts


def test_pragmas_inside_a_carried_block_stay_verbatim():
    source = ("#ifdef FAST\n#pragma message(\"fast\")\n#define K 2\n#else\n#define K 1\n#endif\n"
              "void f(int n, int *y) { for (int i = 0; i < n; i++) y[i] = K; }\n")
    site = find_site("a.c", "f", source=source)
    assert [item.name for item in site.context] == ["K"]
    assert '#pragma message("fast")' in site.context[0].text


def test_prompt_lists_the_context_and_says_not_to_redefine_it():
    source = """
#define SQ(x) ((x) * (x))
static const float kW[3] = {1, 2, 3};
struct P { float x; };
void f(int n, float *y) {
    for (int i = 0; i < n; i++) { P p{y[i]}; y[i] = SQ(p.x) * kW[i % 3]; }
}"""
    site = find_site("a.cpp", "f", source=source)
    user = first_messages(site)[1]["content"]
    for item in site.context:
        assert item.text in user
    assert "do not redefine them" in user
    assert "device constants" in user


def test_prompt_without_context_has_no_context_block():
    site = find_site("a.c", "f", source="void f(int n, float *y) {\n"
                                         "    for (int i = 0; i < n; i++) y[i] = 0;\n}\n")
    assert site.context == ()
    assert "declarations from its file" not in first_messages(site)[1]["content"]
