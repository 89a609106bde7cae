"""Test inputs from a CodeSite: length expressions, shapes, values by role, size sets.

Sites come from real parsing of small C/C++ sources written to tmp_path, so these tests also
pin down what the parser hands the harness (lengths, roles, size parameters).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from regrapht.harness import inputs
from regrapht.parse import CodeSite, Overrides, find_site

SAXPY = """\
void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
"""

SPMV = """\
// regrapht: length x=n
void spmv(int n, const int *row_ptr, const int *col, const float *val, const float *x,
          float *y) {
    for (int i = 0; i < n; i++) {
        float s = 0.0f;
        for (int j = row_ptr[i]; j < row_ptr[i + 1]; j++) s += val[j] * x[col[j]];
        y[i] = s;
    }
}
"""

# nbins is a size parameter because a loop runs to it.
HISTOGRAM_LOOP = """\
void histogram(int n, int nbins, const int *data, int *hist) {
    for (int b = 0; b < nbins; b++) hist[b] = 0;
    for (int i = 0; i < n; i++) hist[data[i]]++;
}
"""

# nbins only appears in the annotation: the annotation alone must make it a size.
HISTOGRAM_ANNOTATED = """\
// regrapht: length hist=nbins
void histogram(int n, int nbins, const int *data, int *hist) {
    for (int i = 0; i < n; i++) hist[data[i]]++;
}
"""

VECTOR_SUM = """\
#include <vector>
float total(const std::vector<float> &v) {
    float s = 0.0f;
    for (size_t i = 0; i < v.size(); i++) s += v[i];
    return s;
}
"""

VECTOR_PAIRS = """\
#include <vector>
float pairs(const std::vector<float> &v) {
    float s = 0.0f;
    for (size_t i = 0; i + 1 < v.size(); i++) s += v[i] * v[i + 1];
    return s;
}
"""

STENCIL = """\
void stencil(int n, int m, const float *in, float *out) {
    for (int i = 1; i < n + 1; i++)
        for (int j = 1; j < m + 1; j++)
            out[i * (m + 2) + j] = in[(i - 1) * (m + 2) + j] + in[(i + 1) * (m + 2) + j];
}
"""


def parse(tmp_path: Path, source: str, name: str, suffix: str = ".c") -> CodeSite:
    path = tmp_path / f"{name}{suffix}"
    path.write_text(source)
    return find_site(str(path), name)


# ---- eval_length ---------------------------------------------------------------------------

LENGTHS = [
    # expression             sizes                       expected
    ("n",                    {"n": 10},                  10),
    ("n * m",                {"n": 3, "m": 7},           21),
    ("n + 1",                {"n": 10},                  11),
    ("n - 1",                {"n": 10},                  9),
    ("v.size()",             {"v.size()": 12},           12),
    ("v.size() + 1",         {"v.size()": 12},           13),
    ("(n + 2) * (m + 2)",    {"n": 3, "m": 4},           30),
    ("n / 2",                {"n": 7},                   3),   # C integer division
    ("n % 4",                {"n": 7},                   3),
    ("  nnz  ",              {"nnz": 5},                 5),
    ("64",                   {},                         64),
]


@pytest.mark.parametrize(("expr", "sizes", "expected"), LENGTHS, ids=[r[0] for r in LENGTHS])
def test_eval_length(expr, sizes, expected):
    assert inputs.eval_length(expr, sizes) == expected


BAD_LENGTHS = [
    # expression    sizes       error
    ("n ** 2",      {"n": 3},   ValueError),   # no power in C
    ("f(n)",        {"n": 3},   ValueError),   # no calls
    ("n * 1.5",     {"n": 3},   ValueError),   # sizes are integers
    ("n << 1",      {"n": 3},   ValueError),
    ("k",           {"n": 3},   KeyError),     # names must have a size value
    ("n +",         {"n": 3},   SyntaxError),
]


@pytest.mark.parametrize(("expr", "sizes", "error"), BAD_LENGTHS, ids=[r[0] for r in BAD_LENGTHS])
def test_eval_length_rejects(expr, sizes, error):
    with pytest.raises(error):
        inputs.eval_length(expr, sizes)


def test_unknown_name_is_named():
    with pytest.raises(KeyError, match="'k'"):
        inputs.eval_length("n * k", {"n": 2})


# ---- shape_for / make_inputs -----------------------------------------------------------------

SHAPES = [
    # source       name         suffix  sizes                 expected lengths
    (SAXPY,        "saxpy",     ".c",   {"n": 10},            {"x": 10, "y": 10}),
    (STENCIL,      "stencil",   ".c",   {"n": 3, "m": 5},     {"in": 35, "out": 35}),
    (VECTOR_SUM,   "total",     ".cpp", {"v.size()": 9},      {"v": 9}),
    (VECTOR_PAIRS, "pairs",     ".cpp", {"v.size()": 9},      {"v": 9}),  # no length bound
    (HISTOGRAM_LOOP, "histogram", ".c", {"n": 50, "nbins": 8}, {"data": 50, "hist": 8}),
]


@pytest.mark.parametrize(
    ("source", "name", "suffix", "sizes", "expected"), SHAPES, ids=[r[1] for r in SHAPES]
)
def test_shape_lengths(tmp_path, source, name, suffix, sizes, expected):
    site = parse(tmp_path, source, name, suffix)
    shape = inputs.shape_for(site, site.annotations, sizes)
    assert dict(shape.lengths) == expected
    assert shape.assumptions == ()


SIZE_VARIABLES = [
    # source               name         suffix   size variables
    (SAXPY,                "saxpy",     ".c",    ("n",)),
    (STENCIL,              "stencil",   ".c",    ("n", "m")),
    (VECTOR_SUM,           "total",     ".cpp",  ("v.size()",)),
    (VECTOR_PAIRS,         "pairs",     ".cpp",  ("v.size()",)),
    (HISTOGRAM_LOOP,       "histogram", ".c",    ("n", "nbins")),
    (HISTOGRAM_ANNOTATED,  "histogram", ".c",    ("n", "nbins")),
]


@pytest.mark.parametrize(
    ("source", "name", "suffix", "expected"),
    SIZE_VARIABLES,
    ids=["saxpy", "stencil", "vector", "vector-pairs", "histogram-loop", "histogram-annotated"],
)
def test_size_variables(tmp_path, source, name, suffix, expected):
    site = parse(tmp_path, source, name, suffix)
    assert inputs.size_variables(site, site.annotations) == expected


def test_saxpy_inputs(tmp_path):
    site = parse(tmp_path, SAXPY, "saxpy")
    shape = inputs.shape_for(site, site.annotations, {"n": 100})
    values = inputs.make_inputs(site, site.annotations, shape, np.random.default_rng(0))
    assert values["n"] == 100
    assert isinstance(values["a"], float)
    for name in ("x", "y"):
        assert values[name].dtype == np.float32
        assert values[name].shape == (100,)
        assert values[name].min() >= -1.0 and values[name].max() <= 1.0


@pytest.mark.parametrize("n", [1, 7, 33, 517])
def test_csr_spmv_inputs_are_consistent(tmp_path, n):
    site = parse(tmp_path, SPMV, "spmv")
    shape = inputs.shape_for(site, site.annotations, {"n": n})
    lengths = dict(shape.lengths)
    assert lengths["row_ptr"] == n + 1
    assert lengths["x"] == n  # from the annotation
    assert lengths["y"] == n
    assert lengths["col"] == lengths["val"]  # both delimited by the offsets

    values = inputs.make_inputs(site, site.annotations, shape, np.random.default_rng(n))
    row_ptr, col, val, x = values["row_ptr"], values["col"], values["val"], values["x"]
    assert len(col) == len(val) == lengths["col"]
    assert row_ptr[0] == 0
    assert row_ptr[-1] == len(col)  # the offsets' total is the nonzero count
    assert np.all(np.diff(row_ptr) >= 0)
    assert col.min(initial=0) >= 0 and col.max(initial=0) < len(x)


@pytest.mark.parametrize(
    ("source", "sizes"),
    [(HISTOGRAM_LOOP, {"n": 1000, "nbins": 8}), (HISTOGRAM_ANNOTATED, {"n": 1000, "nbins": 8})],
    ids=["loop", "annotated"],
)
def test_histogram_bins_are_in_range(tmp_path, source, sizes):
    site = parse(tmp_path, source, "histogram")
    shape = inputs.shape_for(site, site.annotations, sizes)
    values = inputs.make_inputs(site, site.annotations, shape, np.random.default_rng(1))
    assert values["nbins"] == 8
    assert len(values["hist"]) == 8
    data = values["data"]
    assert data.min() >= 0 and data.max() < 8
    assert len(np.unique(data)) == 8  # 1000 draws over 8 bins hit every bin


RANGES = [
    # override                  parameter   lo     hi
    ("range x=5:6",             "x",        5.0,   6.0),
    ("range y=-1000:-999",      "y",        -1000, -999),
    ("range a=2:2",             "a",        2.0,   2.0),
]


@pytest.mark.parametrize(("text", "name", "lo", "hi"), RANGES, ids=[r[0] for r in RANGES])
def test_range_overrides_are_respected(tmp_path, text, name, lo, hi):
    from regrapht.parse import parse_overrides

    site = parse(tmp_path, SAXPY, "saxpy")
    overrides = site.annotations.merged_with(parse_overrides(text))
    shape = inputs.shape_for(site, overrides, {"n": 500})
    values = inputs.make_inputs(site, overrides, shape, np.random.default_rng(2))
    drawn = np.atleast_1d(values[name])
    assert drawn.min() >= lo and drawn.max() <= hi


def test_unknown_length_is_assumed_and_reported(tmp_path):
    site = parse(tmp_path, HISTOGRAM_ANNOTATED, "histogram")
    shape = inputs.shape_for(site, Overrides(), {"n": 20})  # without the annotation
    assert shape.length("hist") == 20
    assert len(shape.assumptions) == 1
    assert "regrapht: length hist=" in shape.assumptions[0]


def test_annotation_naming_a_non_array_is_refused(tmp_path):
    site = parse(tmp_path, SAXPY, "saxpy")
    with pytest.raises(ValueError, match="not an array parameter"):
        inputs.effective_arrays(site, Overrides(outputs=("n",)))


# ---- correctness_sizes / scaled_sizes ------------------------------------------------------

CORRECTNESS = [
    # names             fixed           expected size sets
    (("n",),            {},             [{"n": 1}, {"n": 7}, {"n": 33}, {"n": 96}, {"n": 100_003}]),
    (("n", "m"),        {},             [{"n": 1, "m": 1}, {"n": 7, "m": 7}, {"n": 33, "m": 33},
                                         {"n": 33, "m": 7}, {"n": 96, "m": 96},
                                         {"n": 517, "m": 259}]),
    (("n", "m", "k"),   {},             [{"n": 1, "m": 1, "k": 1}, {"n": 7, "m": 7, "k": 7},
                                         {"n": 33, "m": 33, "k": 33}, {"n": 33, "m": 7, "k": 1},
                                         {"n": 96, "m": 96, "k": 96},
                                         {"n": 131, "m": 67, "k": 97}]),
    (("n", "m"),        {"m": 4},       [{"n": 1, "m": 4}, {"n": 7, "m": 4}, {"n": 33, "m": 4},
                                         {"n": 96, "m": 4}, {"n": 517, "m": 4}]),
    (("n",),            {"n": 64},      [{"n": 64}]),
    ((),                {},             [{}]),
    (("a", "b", "c", "d"), {},          [{"a": 1, "b": 1, "c": 1, "d": 1},
                                         {"a": 7, "b": 7, "c": 7, "d": 7},
                                         {"a": 33, "b": 33, "c": 33, "d": 33},
                                         {"a": 33, "b": 7, "c": 1, "d": 33},
                                         {"a": 32, "b": 32, "c": 32, "d": 32}]),
]


@pytest.mark.parametrize(
    ("names", "fixed", "expected"),
    CORRECTNESS,
    ids=["one", "two", "three", "two-one-fixed", "all-fixed", "none", "four"],
)
def test_correctness_sizes(names, fixed, expected):
    assert inputs.correctness_sizes(names, fixed) == expected



SHRUNK = [
    # names        fixed       largest array (elements)     expected medium set
    (("n",),       {},         lambda s: s["n"] * s["n"],   {"n": 781}),
    (("n",),       {},         lambda s: s["n"],            {"n": 100_003}),
    (("n", "m"),   {},         lambda s: s["n"] * s["m"] * 64, {"n": 129, "m": 65}),
    (("n", "m"),   {"m": 4096}, lambda s: s["n"] * s["m"],  {"n": 129, "m": 4096}),
    (("n",),       {},         lambda s: 10**9,             {"n": 33}),
]


@pytest.mark.parametrize(("names", "fixed", "largest", "expected"), SHRUNK,
                         ids=["n-squared", "linear", "wide", "one-fixed", "never-fits"])
def test_medium_size_shrinks_to_a_bounded_array(names, fixed, largest, expected):
    sets = inputs.correctness_sizes(names, fixed, largest)
    assert expected in sets[-2:]  # last, unless the same as a tiny set
    assert all(v % 32 for k, v in expected.items() if k not in fixed)
    aligned = [s for s in sets if all(v % 4 == 0 for k, v in s.items() if k not in fixed)]
    assert len(aligned) == 1  # halved to fit as well, and still a multiple of 4
    assert largest(aligned[0]) <= inputs.MEDIUM_MAX_ELEMENTS or set(aligned[0].values()) <= {4}

SCALED = [
    # names          base                  factor   expected
    (("n",),         {"n": 100},           4.0,     {"n": 400}),
    (("n", "m"),     {"n": 100, "m": 10},  4.0,     {"n": 200, "m": 20}),
    (("n", "m", "k"), {"n": 2, "m": 2, "k": 2}, 8.0, {"n": 4, "m": 4, "k": 4}),
    (("n",),         {"n": 1},             0.1,     {"n": 1}),  # never below 1
    (("n",),         {"n": 100, "m": 5},   2.0,     {"n": 200}),  # only the names given
]


@pytest.mark.parametrize(("names", "base", "factor", "expected"), SCALED)
def test_scaled_sizes(names, base, factor, expected):
    assert inputs.scaled_sizes(names, base, factor) == expected
