"""Table-driven: how a function uses its array-like parameters when it hands them to the
standard library or calls their methods (parse/accesses.py, parse/analysis.py).

Facts read as "<access> <length> [grows]": access is r, w, rw or '' (unused); length is the C
expression or '-' when the type or the reference must give it.
"""

from __future__ import annotations

import pytest

from regrapht.parse import CodeSite, find_site


def facts(site: CodeSite) -> dict[str, str]:
    got = {}
    for info in site.arrays:
        access = ("r" if info.read else "") + ("w" if info.written else "")
        got[info.name] = f"{access} {info.length or '-'}" + (" grows" if info.grows else "")
    return got


VECTOR = "#include <vector>\n#include <algorithm>\n#include <numeric>\n#include <string>\n"

# (id, source, function, expected facts)
USES = [
    (
        "transform_writes_its_destination",
        VECTOR + """
void scale(const std::vector<float> &x, std::vector<float> &y, float a) {
    std::transform(x.begin(), x.end(), y.begin(), [a](float v) { return a * v; });
    for (size_t i = 0; i < y.size(); i++) y[i] += 1;
}""",
        "scale",
        {"x": "r -", "y": "rw y.size()"},
    ),
    (
        "transform_is_the_only_write",
        VECTOR + """
void neg(const std::vector<float> &x, std::vector<float> &y, int reps) {
    for (int r = 0; r < reps; r++)
        std::transform(x.begin(), x.end(), y.begin(), [](float v) { return -v; });
}""",
        "neg",
        {"x": "r -", "y": "rw -"},
    ),
    (
        "sort_of_a_pointer_range_gives_its_length",
        VECTOR + """
void sorted(int n, float *x) {
    std::sort(x, x + n);
    for (int i = 0; i < n; i++) x[i] *= 2;
}""",
        "sorted",
        {"x": "rw n"},
    ),
    (
        "sort_of_a_vector",
        VECTOR + """
void sorted(std::vector<int> &v, int reps) {
    for (int r = 0; r < reps; r++) std::sort(v.begin(), v.end());
}""",
        "sorted",
        {"v": "rw -"},
    ),
    (
        "fill_writes_without_reading",
        VECTOR + """
void clear(int n, float *y, int reps) {
    for (int r = 0; r < reps; r++) std::fill(y, y + n, 0.0f);
}""",
        "clear",
        {"y": "w n"},
    ),
    (
        "iota_writes_without_reading",
        VECTOR + """
void ramp(std::vector<int> &idx, int reps) {
    for (int r = 0; r < reps; r++) std::iota(idx.begin(), idx.end(), r);
}""",
        "ramp",
        {"idx": "w -"},
    ),
    (
        "copy_writes_its_destination",
        VECTOR + """
void twice(const std::vector<float> &x, std::vector<float> &y) {
    std::copy(x.begin(), x.end(), y.begin());
    for (size_t i = 0; i < y.size(); i++) y[i] *= 2;
}""",
        "twice",
        {"x": "r -", "y": "rw y.size()"},
    ),
    (
        "accumulate_of_a_const_vector_reads_only",
        VECTOR + """
void total(const std::vector<float> &v, float &out, int reps) {
    for (int r = 0; r < reps; r++) out = std::accumulate(v.begin(), v.end(), 0.0f);
}""",
        "total",
        {"v": "r -", "out": "w 1"},
    ),
    (
        "accumulate_of_a_non_const_vector_reads_only",
        VECTOR + """
float total(std::vector<float> &v, int reps) {
    float s = 0;
    for (int r = 0; r < reps; r++) s += std::accumulate(v.begin(), v.end(), 0.0f);
    return s;
}""",
        "total",
        {"v": "r -"},
    ),
    (
        "push_back_grows_a_write_only_output",
        VECTOR + """
void positive(const std::vector<float> &x, std::vector<float> &out) {
    for (size_t i = 0; i < x.size(); i++)
        if (x[i] > 0) out.push_back(x[i]);
}""",
        "positive",
        {"x": "r x.size()", "out": "w - grows"},
    ),
    (
        "back_after_push_back_is_not_an_input",
        VECTOR + """
void runs(const std::vector<int> &x, std::vector<int> &out) {
    for (size_t i = 0; i < x.size(); i++)
        if (out.empty() || out.back() != x[i]) out.push_back(x[i]);
}""",
        "runs",
        {"x": "r x.size()", "out": "w - grows"},
    ),
    (
        "resize_then_subscript",
        VECTOR + """
void ramp(int n, std::vector<float> &out) {
    out.resize(n);
    for (int i = 0; i < n; i++) out[i] = i;
}""",
        "ramp",
        {"out": "w - grows"},
    ),
    (
        "string_plus_equals_grows",
        VECTOR + """
void squeeze(const std::string &in, std::string &out) {
    for (size_t i = 0; i < in.size(); i++)
        if (in[i] != ' ') out += in[i];
}""",
        "squeeze",
        {"in": "r in.size()", "out": "w - grows"},
    ),
    (
        "assign_method_grows",
        VECTOR + """
void doubled(const std::vector<int> &x, std::vector<int> &out) {
    out.assign(x.begin(), x.end());
    for (size_t i = 0; i < out.size(); i++) out[i] *= 2;
}""",
        "doubled",
        {"x": "r -", "out": "w - grows"},
    ),
    (
        "whole_assignment_grows",
        VECTOR + """
void squares(int n, std::vector<long> &out) {
    std::vector<long> t;
    for (int i = 0; i < n; i++) t.push_back((long)i * i);
    out = t;
}""",
        "squares",
        {"out": "w - grows"},
    ),
    (
        "erase_remove_reads_the_old_contents",
        VECTOR + """
void drop_negative(std::vector<int> &v) {
    v.erase(std::remove_if(v.begin(), v.end(), [](int x) { return x < 0; }), v.end());
    for (size_t i = 0; i < v.size(); i++) v[i] *= 2;
}""",
        "drop_negative",
        {"v": "rw - grows"},
    ),
    (
        "range_for_by_reference_writes",
        VECTOR + """
void twice(std::vector<float> &y) {
    for (auto &e : y) e *= 2;
}""",
        "twice",
        {"y": "rw -"},
    ),
    (
        "range_for_by_value_reads",
        VECTOR + """
float total(std::vector<float> &y) {
    float t = 0;
    for (float e : y) t += e;
    return t;
}""",
        "total",
        {"y": "r -"},
    ),
    (
        "at_as_an_lvalue_writes",
        VECTOR + """
void zero(std::vector<float> &y) {
    for (size_t i = 0; i < y.size(); i++) y.at(i) = 0;
}""",
        "zero",
        {"y": "w y.size()"},
    ),
    (
        "memcpy_through_an_element_address",
        """
#include <string.h>
void rows(int n, int m, const float *x, float *y) {
    for (int i = 0; i < n; i++) memcpy(&y[i * m], &x[i * m], m * sizeof(float));
}""",
        "rows",
        {"x": "r n * m", "y": "w n * m"},
    ),
    (
        "swap_of_a_reference",
        VECTOR + """
void order(int n, float &lo, float &hi) {
    for (int i = 0; i < n; i++) if (lo > hi) std::swap(lo, hi);
}""",
        "order",
        {"lo": "rw 1", "hi": "rw 1"},
    ),
    (
        "reference_to_an_element_writes_through_it",
        """
struct Cell { float pos[3]; float density; };
void densities(int n, Cell *cells, const float *w) {
    for (int i = 0; i < n; i++) {
        Cell &c = cells[i];
        const Cell &same = cells[i];
        c.density = w[i] * same.pos[0];
    }
}""",
        "densities",
        {"cells": "rw n", "w": "r n"},
    ),
    (
        "const_reference_to_an_element_reads",
        """
void firsts(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        const float &v = x[i];
        y[i] = v;
    }
}""",
        "firsts",
        {"x": "r n", "y": "w n"},
    ),
    (
        "copy_constructed_local_reads",
        VECTOR + """
void sorted_copy(int n, float *x, std::vector<float> &edges, float *y) {
    std::vector<float> a(x, x + n);
    std::vector<float> b(edges);
    std::vector<float> c(edges.begin(), edges.end());
    for (int i = 0; i < n; i++) y[i] = a[i] + b[0] + c[0];
}""",
        "sorted_copy",
        {"x": "r n", "edges": "r -", "y": "w n"},
    ),
    (
        "const_reference_handed_to_a_helper_stays_an_input",
        """
struct Box { float lo, hi; };
static bool inside(const Box &b, float v) { return v >= b.lo && v <= b.hi; }
void mark(int n, const Box &box, const float *x, int *flag) {
    for (int i = 0; i < n; i++) flag[i] = inside(box, x[i]);
}""",
        "mark",
        {"box": "r 1", "x": "r n", "flag": "w n"},
    ),
    (
        "constant_subscripts_do_not_fix_a_vectors_length",
        VECTOR + """
void levels(const std::vector<int> &next, std::vector<int> &level) {
    level[0] = 0;
    for (size_t j = 0; j < next.size(); j++) level[next[j]] = level[0] + 1;
}""",
        "levels",
        {"next": "r next.size()", "level": "rw -"},
    ),
    (
        "struct_field_of_an_element_is_a_write",
        """
struct P { float x, y; };
void shift(int n, P *p) {
    for (int i = 0; i < n; i++) p[i].x = 1;
}""",
        "shift",
        {"p": "w n"},
    ),
]


@pytest.mark.parametrize(("source", "function", "expected"), [row[1:] for row in USES],
                         ids=[row[0] for row in USES])
def test_array_uses(source, function, expected):
    site = find_site("a.cpp", function, source=source)
    assert facts(site) == expected
