"""Assembly of the shipped .cu file: the generated drop-in wrapper, fixed-interface launchers,
and (with nvcc) that the result really compiles and reports its kernel's registers.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from regrapht.generate.assemble import AssemblyError, assemble
from regrapht.generate.prompting import KernelInterface
from regrapht.harness.inputs import effective_arrays
from regrapht.parse import CodeSite, Overrides, find_site
from regrapht.validate.nvcc import compile_candidate, find_nvcc

SOURCES = {
    "saxpy": (".c", """\
void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
"""),
    "twice": (".c", """\
void twice(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = 2.0f * x[i];
}
"""),
    "dot": (".c", """\
double dot(int n, const double *x, const double *y) {
    double s = 0.0;
    for (int i = 0; i < n; i++) s += x[i] * y[i];
    return s;
}
"""),
    "scale": (".cpp", """\
#include <vector>
void scale(std::vector<float> &v, float a) {
    for (size_t i = 0; i < v.size(); i++) v[i] *= a;
}
"""),
    "total": (".cpp", """\
#include <vector>
float total(const std::vector<float> &v) {
    float s = 0.0f;
    for (size_t i = 0; i < v.size(); i++) s += v[i];
    return s;
}
"""),
    "stencil": (".c", """\
void stencil(int n, int m, const float *in, float *out) {
    for (int i = 1; i < n + 1; i++)
        for (int j = 1; j < m + 1; j++)
            out[i * (m + 2) + j] = in[(i - 1) * (m + 2) + j] + in[(i + 1) * (m + 2) + j];
}
"""),
    "histogram": (".c", """\
void histogram(int n, int nbins, const int *data, int *hist) {
    for (int i = 0; i < n; i++) hist[data[i]]++;
}
"""),
}

SAXPY_CODE = """\
#include <cuda_runtime.h>

__global__ void saxpy_kernel(int n, float a, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}

void saxpy_device(int n, float a, const float *x, float *y) {
    saxpy_kernel<<<(n + 255) / 256, 256>>>(n, a, x, y);
}
"""

SAXPY_KERNEL_ONLY = SAXPY_CODE.split("void saxpy_device")[0]


def parse(tmp_path: Path, name: str) -> CodeSite:
    suffix, source = SOURCES[name]
    path = tmp_path / f"{name}{suffix}"
    path.write_text(source)
    return find_site(str(path), name)


def wrapper(shipped: str, name: str) -> str:
    """The generated drop-in function (from its comment to the end of the file)."""
    return shipped[shipped.index("// Drop-in replacement"):]


def copies_in(text: str) -> set[str]:
    return set(re.findall(r"cudaMemcpy\(d_(\w+?)_, .*?cudaMemcpyHostToDevice", text))


def copies_out(text: str) -> set[str]:
    pattern = r"cudaMemcpy\(([\w.()&]+?)(?:\.data\(\))?, d_\w+_, .*?DeviceToHost"
    return set(re.findall(pattern, text))


def frees(text: str) -> set[str]:
    return set(re.findall(r"cudaFree\(d_(\w+?)_\)", text))


# Each row: function, keeps_initial, arrays copied in, arrays copied back, arrays freed.
WRAPPERS = [
    ("saxpy",   (),        {"x", "y"},   {"y"},  {"x", "y"}),
    ("twice",   (),        {"x"},        {"y"},  {"x", "y"}),    # write-only y: no copy in
    ("twice",   ("y",),    {"x", "y"},   {"y"},  {"x", "y"}),    # ...unless it keeps values
    ("dot",     (),        {"x", "y"},   set(),  {"x", "y"}),
    ("stencil", (),        {"in"},       {"out"}, {"in", "out"}),
    ("stencil", ("out",),  {"in", "out"}, {"out"}, {"in", "out"}),
]


@pytest.mark.parametrize(
    ("name", "keeps", "copied_in", "copied_out", "freed"),
    WRAPPERS,
    ids=[f"{w[0]}-keeps-{'-'.join(w[1]) or 'none'}" for w in WRAPPERS],
)
def test_drop_in_copies(tmp_path, name, keeps, copied_in, copied_out, freed):
    site = parse(tmp_path, name)
    launcher = site.signature.replace(name + "(", name + "_device(")
    code = f"__global__ void k() {{}}\n{launcher} {{}}\n"
    text = wrapper(assemble(site, code, site.arrays, keeps).shipped, name)
    assert copies_in(text) == copied_in
    assert copies_out(text) == copied_out
    assert frees(text) == freed


def test_saxpy_shipped_file(tmp_path):
    site = parse(tmp_path, "saxpy")
    unit = assemble(site, SAXPY_CODE, site.arrays, ())
    shipped = unit.shipped
    assert 'extern "C" void saxpy(int n, float a, const float *x, float *y) {' in shipped
    assert "saxpy_device(n, a, d_x_, d_y_);" in shipped
    assert "REGRAPHT_CHECK(cudaGetLastError());" in shipped
    assert "const size_t x_len_ = ((size_t)(n));" in shipped
    assert SAXPY_CODE.strip() in shipped
    assert unit.removed == ()
    # the validator's unit is the shipped file plus the C-ABI entry points
    assert unit.test_unit.startswith(shipped)
    assert "regrapht_host_entry" in unit.test_unit and "regrapht_device_entry" in unit.test_unit
    assert "regrapht_host_entry" not in shipped


def test_model_main_and_host_original_are_dropped(tmp_path):
    site = parse(tmp_path, "saxpy")
    extra = (
        "void saxpy(int n, float a, const float *x, float *y) { for (;;) {} }\n"
        "int main() { return 0; }\n"
    )
    unit = assemble(site, SAXPY_CODE + extra, site.arrays, ())
    assert sorted(unit.removed) == ["main", "saxpy"]
    assert "int main()" not in unit.shipped
    assert unit.shipped.count("void saxpy(") == 1  # only the generated wrapper


VECTOR_ROWS = [
    # function  call in the wrapper                        copies back   returns
    ("scale",   "scale_device(d_v_, v.size(), a);",        True,         False),
    ("total",   "const float result_ = total_device(d_v_, v.size());", False, True),
]


@pytest.mark.parametrize(("name", "call", "back", "returns"), VECTOR_ROWS, ids=["scale", "total"])
def test_vector_wrapper(tmp_path, name, call, back, returns):
    site = parse(tmp_path, name)
    shipped = assemble(site, "__global__ void k() {}\n", site.arrays, ()).shipped
    text = wrapper(shipped, name)
    assert "#include <vector>" in shipped
    assert 'extern "C"' not in text  # C++ linkage for a C++ signature
    assert "const size_t v_len_ = v.size();" in text
    assert "cudaMemcpy(d_v_, v.data()," in text
    assert call in text
    assert ("cudaMemcpy(v.data(), d_v_," in text) is back
    assert ("return result_;" in text) is returns


def test_unknown_length_names_the_annotation(tmp_path):
    site = parse(tmp_path, "histogram")  # hist's length cannot be derived
    with pytest.raises(AssemblyError, match=r"regrapht: length hist=n"):
        assemble(site, "__global__ void k() {}\n", site.arrays, ())


def test_length_annotation_resolves_unknown_length(tmp_path):
    site = parse(tmp_path, "histogram")
    arrays = effective_arrays(site, Overrides(lengths=(("hist", "nbins"),)))
    text = wrapper(assemble(site, "__global__ void k() {}\n", arrays, ()).shipped, "histogram")
    assert "const size_t hist_len_ = ((size_t)(nbins));" in text


INTERFACES = [
    # function  kernel signature, grid expression, launch line expected in the launcher
    ("saxpy",   "__global__ void saxpy_kernel(int n, float a, const float *x, float *y)",
                "(n + 255) / 256", "saxpy_kernel<<<(unsigned)((n + 255) / 256), (unsigned)(256)>>>"
                                   "(n, a, x, y);"),
    ("saxpy",   "__global__ void k(float *y, const float *__restrict__ x, float a, int n)",
                "(n + 255) / 256", "k<<<(unsigned)((n + 255) / 256), (unsigned)(256)>>>"
                                   "(y, x, a, n);"),
    ("scale",   "__global__ void scale_kernel(float *v, size_t v_size, float a)",
                "(v.size() + 255) / 256", "scale_kernel<<<(unsigned)((v_size + 255) / 256), "
                                          "(unsigned)(256)>>>(v, v_size, a);"),
    ("saxpy",   "__global__ void k2(int n, float a, const float *x, float *y)",
                "dim3((n + 255) / 256, 1)", "k2<<<dim3((n + 255) / 256, 1), (unsigned)(256)>>>"
                                            "(n, a, x, y);"),
]


@pytest.mark.parametrize(
    ("name", "signature", "grid", "launch"), INTERFACES,
    ids=["saxpy", "saxpy-reordered", "vector", "dim3-grid"],
)
def test_fixed_interface_launcher(tmp_path, name, signature, grid, launch):
    site = parse(tmp_path, name)
    interface = KernelInterface(signature, grid, "256")
    kernel = signature + " {}\n"
    unit = assemble(site, kernel, site.arrays, (), interface=interface)
    assert f"void {name}_device(" in unit.shipped
    assert launch in unit.shipped
    # what an NVRTC launch of the same kernel needs (validate/launch.py)
    assert unit.device_code.strip() == kernel.strip()
    assert unit.kernel_args == tuple(launch.split(">>>(")[1].rstrip(");").split(", "))


def test_no_launch_description_outside_fixed_interface_mode(tmp_path):
    site = parse(tmp_path, "saxpy")
    unit = assemble(site, SAXPY_KERNEL_ONLY, site.arrays, ())
    assert (unit.device_code, unit.kernel_args) == ("", ())


def test_fixed_interface_unmatched_parameter(tmp_path):
    site = parse(tmp_path, "saxpy")
    interface = KernelInterface(
        "__global__ void saxpy_kernel(int count, float a, const float *x, float *y)",
        "(n + 255) / 256", "256",
    )
    with pytest.raises(AssemblyError, match="count"):
        assemble(site, SAXPY_KERNEL_ONLY, site.arrays, (), interface=interface)


needs_nvcc = pytest.mark.skipif(find_nvcc() is None, reason="nvcc not found")


@pytest.mark.nvcc
@needs_nvcc
@pytest.mark.parametrize("mode", ["launcher", "interface"])
def test_assembled_saxpy_compiles(tmp_path, mode):
    site = parse(tmp_path, "saxpy")
    if mode == "launcher":
        unit = assemble(site, SAXPY_CODE, site.arrays, ())
    else:
        interface = KernelInterface(
            "__global__ void saxpy_kernel(int n, float a, const float *x, float *y)",
            "(n + 255) / 256", "256",
        )
        unit = assemble(site, SAXPY_KERNEL_ONLY, site.arrays, (), interface=interface)
    result = compile_candidate(unit.test_unit, tmp_path / "nvcc", arch="sm_90")
    assert result.ok, result.errors
    assert result.library is not None and result.library.is_file()
    names = [k.name for k in result.kernels]
    assert len(names) == 1 and names[0].startswith("saxpy_kernel")
    assert 0 < result.kernels[0].registers <= 255
    assert result.kernels[0].spill_stores == 0


@pytest.mark.nvcc
@needs_nvcc
def test_assembled_vector_function_compiles(tmp_path):
    site = parse(tmp_path, "total")
    code = """\
__global__ void total_kernel(const float *v, size_t n, float *out) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < n) atomicAdd(out, v[i]);
}
float total_device(const float *v, size_t v_size) {
    float *d_out = nullptr, out = 0.0f;
    cudaMalloc(&d_out, sizeof(float));
    cudaMemset(d_out, 0, sizeof(float));
    total_kernel<<<(unsigned)((v_size + 255) / 256), 256>>>(v, v_size, d_out);
    cudaMemcpy(&out, d_out, sizeof(float), cudaMemcpyDeviceToHost);
    cudaFree(d_out);
    return out;
}
"""
    unit = assemble(site, code, site.arrays, ())
    result = compile_candidate(unit.test_unit, tmp_path / "nvcc", arch="sm_90")
    assert result.ok, result.errors
    assert [k.name.split("(")[0] for k in result.kernels] == ["total_kernel"]


def test_fixed_interface_return_value_needs_a_binding(tmp_path):
    """A lone kernel hands back `dot`'s return value only through a pointer bound to `return`
    (test_interface.py); without one the launcher would return garbage."""
    site = parse(tmp_path, "dot")
    interface = KernelInterface(
        "__global__ void dot_kernel(int n, const double *x, const double *y)", "1", "1"
    )
    with pytest.raises(AssemblyError, match="--bind NAME=return"):
        assemble(site, interface.signature + " {}\n", site.arrays, (), interface=interface)


def test_launcher_reading_block_dim_is_refused(tmp_path):
    site = parse(tmp_path, "saxpy")
    code = SAXPY_CODE.replace("saxpy_device(int n, float a, const float *x, float *y) {",
                              "saxpy_device(int n, float a, const float *x, float *y) {\n"
                              "    int unused = blockDim.x;")
    assert "blockDim.x" in code
    with pytest.raises(AssemblyError, match="reads `blockDim`"):
        assemble(site, code, site.arrays, ())


def test_kernel_continue_becomes_return_and_is_noted(tmp_path):
    site = parse(tmp_path, "saxpy")
    code = SAXPY_CODE.replace("if (i < n)", "if (i >= n) continue;\n    if (i < n)")
    assert "continue;" in code
    unit = assemble(site, code, site.arrays, ())
    assert "continue;" not in unit.shipped and "if (i >= n) return;" in unit.shipped
    assert len(unit.fixes) == 1
    assert "// Fixed by regrapht: line" in unit.shipped


@pytest.mark.parametrize("provenance", ["", "Model: m.\nMethod: repair."])
def test_answer_lines_hold_the_answers_code(tmp_path, provenance):
    site = parse(tmp_path, "saxpy")
    unit = assemble(site, SAXPY_CODE, site.arrays, (), provenance=provenance)
    first, last = unit.answer_lines
    lines = unit.test_unit.splitlines()
    assert lines[first - 1:last] == SAXPY_CODE.strip().splitlines()
    assert unit.shipped.splitlines()[first - 1:last] == SAXPY_CODE.strip().splitlines()
