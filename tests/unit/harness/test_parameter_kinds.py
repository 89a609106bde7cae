"""Parameter kinds of real C++ interfaces (docs/parameter-kinds.md), one table per layer:
what the parser makes of a declaration, what inputs the harness draws for it, how it travels
through the C ABI shim into the user's own compiled code and back (a grown output's length
learnt from the call), and how outputs of each element type are compared."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from regrapht.harness import inputs
from regrapht.harness.layout import struct_dtype
from regrapht.harness.native_call import NativeEntry
from regrapht.harness.reference import build_reference
from regrapht.harness.shim import device_signature
from regrapht.parse import CodeSite, ParamKind, UnsupportedCode, find_site
from regrapht.validate.tolerance import compare_values

STRUCTS = """\
#include <array>
#include <complex>
#include <string>
#include <vector>
struct Particle { float x, y, z; float vx, vy, vz; float mass; };
struct Cell { double pos[3]; int id; bool alive; };
struct Wave { std::complex<float> amp; double freq; };
struct Box { float lo, hi; };
"""


def site_of(tmp_path: Path, body: str, name: str) -> CodeSite:
    path = tmp_path / "code.cpp"
    path.write_text(STRUCTS + body)
    return find_site(str(path), name)


# Each row: a declaration, and (kind, element type, extent, const, by value) of its parameter x.
DECLARATIONS = [
    ("const std::vector<Particle>& x", (ParamKind.VECTOR, "Particle", None, True, False)),
    ("std::vector<Cell> &x", (ParamKind.VECTOR, "Cell", None, False, False)),
    ("std::vector<std::complex<double>> x", (ParamKind.VECTOR, "complex<double>", None, False,
                                            True)),
    ("std::complex<float> x", (ParamKind.SCALAR, "complex<float>", None, False, False)),
    ("Particle x", (ParamKind.SCALAR, "Particle", None, False, False)),
    ("const std::array<double, 9>& x", (ParamKind.STD_ARRAY, "double", "9", True, False)),
    ("std::array<int, 4> x", (ParamKind.STD_ARRAY, "int", "4", False, True)),
    ("const float x[8]", (ParamKind.ARRAY, "float", "8", True, False)),
    ("const std::vector<bool>& x", (ParamKind.VECTOR, "bool", None, True, False)),
    ("const std::string& x", (ParamKind.STRING, "char", None, True, False)),
    ("std::string x", (ParamKind.STRING, "char", None, False, True)),
    ("std::vector<std::string> const& x", (ParamKind.STRINGS, "char", None, True, False)),
    ("Wave *x", (ParamKind.POINTER, "Wave", None, False, False)),
]


@pytest.mark.parametrize(("decl", "expected"), DECLARATIONS, ids=[d for d, _ in DECLARATIONS])
def test_declaration_kinds(tmp_path, decl, expected):
    site = site_of(tmp_path, f"float f({decl}, int n) {{ float s = 0; for (int i = 0; i < n; "
                             f"i++) s += 1; return s; }}\n", "f")
    p = site.param("x")
    assert (p.kind, p.elem_type, p.extent, p.is_const, p.by_value) == expected


# Each row: a declaration regrapht cannot marshal, and words its refusal must contain.
REFUSED = [
    ("std::vector<std::vector<float>>& x", ["parameter 'x'", "element type", "supported:",
                                            "nearest supported spelling is a flat std::vector"]),
    ("std::map<int, float>& x", ["parameter 'x'", "std::map<int, float>", "two std::vectors"]),
    ("std::vector<Particle*>& x", ["parameter 'x'", "element type", "values themselves"]),
    ("const std::pair<int, float>& x", ["parameter 'x'", "a struct of the fields"]),
    ("std::list<double>& x", ["parameter 'x'", "a std::vector of the elements"]),
    ("float **x", ["parameter 'x'", "pointers to pointers"]),
    ("std::vector<float> *x", ["parameter 'x'", "not through a pointer"]),
]


@pytest.mark.parametrize(("decl", "words"), REFUSED, ids=[d for d, _ in REFUSED])
def test_unsupported_declarations_are_refused_by_name(tmp_path, decl, words):
    with pytest.raises(UnsupportedCode) as caught:
        site_of(tmp_path, f"void f({decl}, int n, float *y) {{ for (int i = 0; i < n; i++) "
                          "y[i] = 0; }\n", "f")
    for word in words:
        assert word in caught.value.reason


def test_struct_layout_is_c_layout(tmp_path):
    site = site_of(tmp_path, "void f(std::vector<Cell>& c) { for (auto& e : c) e.id = 1; }\n",
                   "f")
    dtype = struct_dtype(site, "Cell")
    # double pos[3] at 0, int id at 24, bool alive at 28, padded to 32 (as g++ lays it out)
    assert (dtype.itemsize, dtype.fields["id"][1], dtype.fields["alive"][1]) == (32, 24, 28)


# Each row: function source, name, sizes, and a check of the drawn inputs.
GENERATED = [
    ("// regrapht: range Particle.mass=0.5:2\nvoid f(std::vector<Particle>& p, float dt) "
     "{ for (auto& q : p) q.x += q.vx * dt; }", "f", {"p.size()": 500},
     lambda v: (v["p"].dtype.names[0] == "x" and v["p"].shape == (500,)
                and v["p"]["mass"].min() >= 0.5 and v["p"]["mass"].max() <= 2.0
                and v["p"]["vx"].min() >= -1 and v["p"]["vx"].max() <= 1)),
    ("void f(const std::vector<std::complex<double>>& z, std::vector<double>& m) "
     "{ for (size_t i = 0; i < z.size(); ++i) m[i] = std::abs(z[i]); }", "f",
     {"z.size()": 64}, lambda v: v["z"].dtype == np.complex128 and np.abs(v["z"].imag).max() > 0),
    ("int f(const std::string& s) { int c = 0; for (char ch : s) c += ch == 'a'; return c; }",
     "f", {"s.size()": 4000},
     lambda v: v["s"].dtype == np.uint8 and set(np.unique(v["s"])) <= set(b" abcdefghijklmnopqrstu"
                                                                        b"vwxyz")),
    ("size_t f(const std::vector<std::string>& w) { size_t t = 0; for (const auto& s : w) "
     "t += s.size(); return t; }", "f", {"w.size()": 50},
     lambda v: (v["w.offsets"].shape == (51,) and v["w.offsets"][0] == 0
                and (np.diff(v["w.offsets"].astype(np.int64)) >= 1).all()
                and v["w"].size == v["w.offsets"][-1])),
    ("void f(const std::vector<float>& x, std::vector<int>& out) { for (size_t i = 0; i < "
     "x.size(); ++i) if (x[i] > 0) out.push_back((int)i); }", "f", {"x.size()": 300},
     lambda v: v["out"].shape == (300,) and v["out.count"].tolist() == [0]),
    ("// regrapht: capacity out=x.size() * x.size()\nvoid f(const std::vector<float>& x, "
     "std::vector<int>& out) { for (size_t i = 0; i < x.size(); ++i) for (size_t j = 0; j < "
     "x.size(); ++j) if (x[i] < x[j]) out.push_back((int)i); }", "f", {"x.size()": 30},
     lambda v: v["out"].shape == (900,)),
    ("void f(const std::vector<float>& x, std::vector<float>& y) { for (float v : x) (void)v; "
     "std::transform(x.begin(), x.end(), y.begin(), [](float v) { return 2 * v; }); }", "f",
     {"x.size()": 77}, lambda v: v["x"].shape == (77,) and v["y"].shape == (77,)),
    ("float f(const std::array<float, 5>& taps, const float w[3], int n, float *y) "
     "{ for (int i = 0; i < n; i++) y[i] = taps[i % 5] * w[i % 3]; return 0; }", "f", {"n": 9},
     lambda v: v["taps"].shape == (5,) and v["w"].shape == (3,) and v["y"].shape == (9,)),
]


@pytest.mark.parametrize(("source", "name", "sizes", "check"), GENERATED,
                         ids=[f"generated-{i}" for i in range(len(GENERATED))])
def test_generated_inputs(tmp_path, source, name, sizes, check):
    site = site_of(tmp_path, source + "\n", name)
    shape = inputs.shape_for(site, site.annotations, sizes)
    values = inputs.make_inputs(site, site.annotations, shape, np.random.default_rng(3))
    assert check(values)


needs_compiler = pytest.mark.skipif(shutil.which("c++") is None, reason="needs c++")

# Each row: function source, name, sizes, and what NumPy says about the call: (returned value
# or None, {output: expected values}). The call goes through the shim into the compiled code.
ROUND_TRIPS = [
    ("void drift(std::vector<Particle>& ps, float dt) { for (auto& p : ps) { p.x += p.vx * dt; "
     "p.mass *= 2; } }", "drift", {"ps.size()": 40},
     lambda v: (None, {"ps": _with(v["ps"], x=v["ps"]["x"] + v["ps"]["vx"] * np.float32(v["dt"]),
                                   mass=v["ps"]["mass"] * 2)})),
    ("std::complex<double> cdot(const std::vector<std::complex<double>>& a, "
     "const std::vector<std::complex<double>>& b) { std::complex<double> s = 0; "
     "for (size_t i = 0; i < a.size(); ++i) s += std::conj(a[i]) * b[i]; return s; }",
     "cdot", {"a.size()": 20, "b.size()": 20},
     lambda v: (np.vdot(v["a"], v["b"]), {})),
    ("// regrapht: unordered out\nvoid above(const std::vector<float>& x, float t, "
     "std::vector<int>& out) { for (size_t i = 0; i < x.size(); ++i) if (x[i] > t) "
     "out.push_back((int)i); }", "above", {"x.size()": 200},
     lambda v: (None, {"out": np.flatnonzero(v["x"] > np.float32(v["t"])).astype(np.int32)})),
    ("void lens(const std::vector<std::string>& w, std::vector<int>& n) { for (size_t i = 0; "
     "i < w.size(); ++i) n[i] = (int)w[i].size(); }", "lens", {"w.size()": 30},
     lambda v: (None, {"n": np.diff(v["w.offsets"].astype(np.int64)).astype(np.int32)})),
    ("void upper(const std::string& s, std::string& out) { out.clear(); for (char c : s) "
     "out.push_back(c >= 'a' && c <= 'z' ? char(c - 32) : c); }", "upper", {"s.size()": 100},
     lambda v: (None, {"out": np.where((v["s"] >= 97) & (v["s"] <= 122), v["s"] - 32,
                                       v["s"]).astype(np.uint8)})),
    ("void rotate(const std::array<double, 4>& m, std::vector<double>& xy) { for (size_t i = 0; "
     "i + 1 < xy.size(); i += 2) { double a = xy[i], b = xy[i + 1]; xy[i] = m[0] * a + m[1] * b; "
     "xy[i + 1] = m[2] * a + m[3] * b; } }", "rotate", {"xy.size()": 10},
     lambda v: (None, {"xy": (v["xy"].reshape(5, 2) @ v["m"].reshape(2, 2).T).reshape(-1)})),
    ("void mark(const std::vector<float>& x, std::vector<bool>& f) { for (size_t i = 0; "
     "i < x.size(); ++i) f[i] = x[i] > 0; }", "mark", {"x.size()": 25, "f.size()": 25},
     lambda v: (None, {"f": v["x"] > 0})),
    ("Box span(const std::vector<float>& x) { Box b{1e30f, -1e30f}; for (float v : x) "
     "{ b.lo = v < b.lo ? v : b.lo; b.hi = v > b.hi ? v : b.hi; } return b; }", "span",
     {"x.size()": 60},
     lambda v: (np.array([(v["x"].min(), v["x"].max())], dtype=[("lo", "f4"), ("hi", "f4")]),
                {})),
]


def _with(records: np.ndarray, **fields: np.ndarray) -> np.ndarray:
    out = records.copy()
    for name, value in fields.items():
        out[name] = value
    return out


@needs_compiler
@pytest.mark.parametrize(("source", "name", "sizes", "numpy_says"), ROUND_TRIPS,
                         ids=[r[1] for r in ROUND_TRIPS])
def test_round_trip_through_the_shim(tmp_path, source, name, sizes, numpy_says):
    site = site_of(tmp_path, source + "\n", name)
    ov = site.annotations
    built = build_reference(site, tmp_path / "build")
    shape = inputs.shape_for(site, ov, sizes)
    values = inputs.make_inputs(site, ov, shape, np.random.default_rng(5))
    expected_ret, expected = numpy_says(inputs.copy_values(values))
    ret, _ = NativeEntry(built.path, site).call_host(values)
    arrays = inputs.effective_arrays(site, ov)
    assert inputs.bound_problem(site, ov, values, sizes) == ""
    assert inputs.apply_counts(site, arrays, values) == ""
    if expected_ret is None:
        assert ret is None
    else:
        assert compare_values(np.asarray(ret).reshape(1), np.asarray(expected_ret).reshape(1),
                              64, tolerance=None) == ""
    for output, want in expected.items():
        unordered = output in ov.unordered
        assert compare_values(values[output], want, 256, unordered=unordered) == "", output


@needs_compiler
def test_a_grown_output_beyond_its_bound_names_the_annotation(tmp_path):
    site = site_of(tmp_path, "void pairs(const std::vector<float>& x, std::vector<int>& out) { "
                             "for (size_t i = 0; i < x.size(); ++i) for (size_t j = 0; j < "
                             "x.size(); ++j) out.push_back((int)(i * 7 + j)); }\n", "pairs")
    built = build_reference(site, tmp_path / "build")
    sizes = {"x.size()": 9}
    values = inputs.make_inputs(site, site.annotations,
                                inputs.shape_for(site, site.annotations, sizes),
                                np.random.default_rng(0))
    NativeEntry(built.path, site).call_host(values)
    problem = inputs.bound_problem(site, site.annotations, values, sizes)
    assert "grows 'out' to 81 elements" in problem and "capacity out=" in problem


# Each row: candidate, reference, unordered, words of the verdict ('' for equal).
POINT = np.dtype([("x", "f4"), ("id", "i4")])
COMPARISONS = [
    (np.array([(1.0, 2)], POINT), np.array([(1.0, 2)], POINT), False, ""),
    (np.array([(1.0, 3)], POINT), np.array([(1.0, 2)], POINT), False, "field 'id'"),
    (np.array([(1.0001, 2)], POINT), np.array([(1.0, 2)], POINT), False, ""),
    (np.array([1 + 2j], np.complex64), np.array([1 + 2.5j], np.complex64), False,
     "real and imaginary"),
    (np.array([3, 1, 2], np.int32), np.array([1, 2, 3], np.int32), True, ""),
    (np.array([3, 1, 2], np.int32), np.array([1, 2, 3], np.int32), False, "differ"),
    (np.array([(2.0, 1), (1.0, 0)], POINT), np.array([(1.0, 0), (2.0, 1)], POINT), True, ""),
    (np.array([1, 2], np.int32), np.array([1, 2, 3], np.int32), True, "has 2 elements"),
]


@pytest.mark.parametrize(("cand", "ref", "unordered", "words"), COMPARISONS,
                         ids=[f"compare-{i}" for i in range(len(COMPARISONS))])
def test_comparisons(cand, ref, unordered, words):
    verdict = compare_values(cand, ref, 16, unordered=unordered)
    assert (verdict == "") if not words else (words in verdict)


# Each row: function source, name, and the launcher signature the model is asked for.
LAUNCHERS = [
    ("void f(const std::vector<std::complex<float>>& z, std::vector<float>& m) "
     "{ for (size_t i = 0; i < z.size(); ++i) m[i] = std::abs(z[i]); }", "f",
     "void f_device(const cuFloatComplex *z, size_t z_size, float *m, size_t m_size)"),
    ("void f(const std::vector<float>& x, std::vector<int>& out) { for (size_t i = 0; i < "
     "x.size(); ++i) if (x[i] > 0) out.push_back((int)i); }", "f",
     "void f_device(const float *x, size_t x_size, int *out, size_t out_capacity, "
     "unsigned long long *out_count)"),
    ("int f(const std::vector<std::string>& w) { int t = 0; for (const auto& s : w) t += "
     "(int)s.size(); return t; }", "f",
     "int f_device(const char *w_chars, const size_t *w_offsets, size_t w_size)"),
    ("Box f(const std::vector<Particle>& p, const std::array<float, 3>& c) { Box b{0, 0}; "
     "for (const auto& q : p) b.hi += q.x * c[0]; return b; }", "f",
     "Box f_device(const Particle *p, size_t p_size, const float *c)"),
]


@pytest.mark.parametrize(("source", "name", "signature"), LAUNCHERS,
                         ids=[f"launcher-{i}" for i in range(len(LAUNCHERS))])
def test_launcher_signatures(tmp_path, source, name, signature):
    assert device_signature(site_of(tmp_path, source + "\n", name)) == signature


@needs_compiler
def test_inputs_that_cannot_be_built_are_a_message_not_a_traceback(tmp_path):
    from regrapht.harness.profile import ReferenceError, profile_reference

    source = ("// regrapht: length y=k\nvoid f(float k, const std::vector<float>& x, float *y) "
              "{ for (size_t i = 0; i < x.size(); ++i) y[i] = k * x[i]; }\n")
    site = site_of(tmp_path, source, "f")
    with pytest.raises(ReferenceError) as caught:
        profile_reference(site, site.annotations, tmp_path / "build")
    message = str(caught.value)
    assert "cannot be built" in message and "'k'" in message and "Traceback" not in message
