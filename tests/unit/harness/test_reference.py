"""The sequential reference: built with the system compiler, called through the C ABI shim,
profiled in a child process (keeps_initial probe, correctness sizes, timing samples).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pytest

from regrapht.harness import inputs, profile
from regrapht.harness.native_call import NativeEntry
from regrapht.harness.profile import ReferenceError, profile_reference
from regrapht.harness.reference import BuildError, build_reference
from regrapht.parse import CodeSite, find_site

pytestmark = pytest.mark.skipif(
    shutil.which("cc") is None or shutil.which("c++") is None, reason="needs cc and c++"
)

C_SOURCE = """\
void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}

double dot(int n, const double *x, const double *y) {
    double s = 0.0;
    for (int i = 0; i < n; i++) s += x[i] * y[i];
    return s;
}

void positive(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++)
        if (x[i] > 0) y[i] = x[i];
}

void twice(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = 2.0f * x[i];
}
"""

CPP_SOURCE = """\
#include <vector>

float total(const std::vector<float> &v) {
    float s = 0.0f;
    for (size_t i = 0; i < v.size(); i++) s += v[i];
    return s;
}

void scale(std::vector<float> &v, float a) {
    for (size_t i = 0; i < v.size(); i++) v[i] *= a;
}
"""


def parse(tmp_path: Path, name: str) -> CodeSite:
    c = tmp_path / "kernels.c"
    cpp = tmp_path / "kernels.cpp"
    c.write_text(C_SOURCE)
    cpp.write_text(CPP_SOURCE)
    path = c if f" {name}(" in C_SOURCE else cpp
    return find_site(str(path), name)


def values_for(site: CodeSite, sizes: dict[str, int], seed: int = 0) -> dict[str, object]:
    shape = inputs.shape_for(site, site.annotations, sizes)
    return inputs.make_inputs(site, site.annotations, shape, np.random.default_rng(seed))


def copy(values: dict[str, object]) -> dict[str, object]:
    return {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in values.items()}


# Each row: function, sizes, what NumPy says (returned value, {array: expected contents}).
CALLS = [
    ("saxpy", {"n": 1000},
     lambda v: (None, {"y": np.float32(v["a"]) * v["x"] + v["y"]})),
    ("dot", {"n": 1000},
     lambda v: (float(np.dot(v["x"], v["y"])), {})),
    ("twice", {"n": 33},
     lambda v: (None, {"y": 2.0 * v["x"]})),
    ("total", {"v.size()": 777},
     lambda v: (float(np.sum(v["v"], dtype=np.float64)), {})),
    ("scale", {"v.size()": 100},
     lambda v: (None, {"v": v["v"] * np.float32(v["a"])})),
]


@pytest.mark.parametrize(("name", "sizes", "numpy_says"), CALLS, ids=[c[0] for c in CALLS])
def test_reference_matches_numpy(tmp_path, name, sizes, numpy_says):
    site = parse(tmp_path, name)
    built = build_reference(site, tmp_path / "build")
    assert built.path.is_file()
    values = values_for(site, sizes)
    expected_ret, expected_arrays = numpy_says(copy(values))
    ret, seconds = NativeEntry(built.path, site).call_host(values)
    assert seconds >= 0.0
    if expected_ret is None:
        assert ret is None
    else:
        assert ret == pytest.approx(expected_ret, rel=1e-4, abs=1e-4)
    for array, expected in expected_arrays.items():
        np.testing.assert_allclose(values[array], expected, rtol=1e-5, atol=1e-6)


def test_reference_is_reused_by_content(tmp_path):
    site = parse(tmp_path, "saxpy")
    first = build_reference(site, tmp_path / "build")
    second = build_reference(site, tmp_path / "build")
    assert first.path == second.path
    assert second.compiler_output == ""  # came from the cache
    assert "-O3" in first.command and "-shared" in first.command


def test_compile_error_raises_build_error_with_the_message(tmp_path):
    site = parse(tmp_path, "saxpy")
    broken = dataclasses.replace(
        site, source=site.source.replace("y[i] = a * x[i] + y[i]", "y[i] = a * x[i] + not_declared")
    )
    with pytest.raises(BuildError) as caught:
        build_reference(broken, tmp_path / "build")
    assert "not_declared" in str(caught.value)
    assert "error" in caught.value.output
    assert "sequential reference" in str(caught.value)


@pytest.fixture
def quick_profile(monkeypatch):
    """Calibrate to a short target so a profile takes about a second."""
    monkeypatch.setattr(profile, "TARGET_SECONDS", 0.01)


# Each row: function, the written arrays whose unwritten elements the drop-in must keep.
KEEPS_INITIAL = [
    ("saxpy", ()),  # y is read: copied in anyway, not a write-only output
    ("twice", ()),  # y is written everywhere
    ("positive", ("y",)),  # y is written only where x > 0
]


@pytest.mark.parametrize(("name", "keeps"), KEEPS_INITIAL, ids=[k[0] for k in KEEPS_INITIAL])
def test_profile_keeps_initial(tmp_path, quick_profile, name, keeps):
    site = parse(tmp_path, name)
    result = profile_reference(site, site.annotations, tmp_path / "build")
    assert result.keeps_initial == keeps


def test_profile_saxpy(tmp_path, quick_profile):
    site = parse(tmp_path, "saxpy")
    result = profile_reference(site, site.annotations, tmp_path / "build")
    assert result.library.is_file()
    assert len(result.samples) >= 5
    assert all(s > 0 for s in result.samples)
    assert result.median_seconds > 0
    assert result.correctness_sizes == ((("n", 1),), (("n", 7),), (("n", 33),), (("n", 96),),
                                        (("n", 100_003),))
    assert dict(result.timing_sizes)["n"] >= 100_003
    assert result.assumptions == ()


def test_crashing_reference_names_the_stage(tmp_path, quick_profile):
    site = parse(tmp_path, "saxpy")
    crashing = dataclasses.replace(
        site, source=site.source.replace("y[i] = a * x[i] + y[i]", "y[i] = *(volatile float *)0")
    )
    with pytest.raises(ReferenceError) as caught:
        profile_reference(crashing, site.annotations, tmp_path / "build")
    message = str(caught.value)
    assert "failed on generated inputs while running probe sizes=" in message
    assert "killed by SIG" in message
    assert "regrapht: length" in message  # tells the user what to do
