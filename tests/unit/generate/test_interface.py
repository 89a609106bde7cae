"""Fixed-interface mode (generate/interface.py): an existing driver's kernel bound to the
function's parameters by expression (`--bind N=x.size()`), a return value written through a
bound pointer, array parameters in the signature, kernels whose names are taken; and (with nvcc)
that the launchers compile."""

from __future__ import annotations

from pathlib import Path

import pytest

from regrapht.generate.assemble import assemble
from regrapht.generate.interface import (
    InterfaceError,
    check_interface,
    kernel_signature_params,
    launch_plan,
)
from regrapht.generate.prompting import KernelInterface, first_messages
from regrapht.harness.inputs import effective_arrays
from regrapht.parse import CodeSite, find_site
from regrapht.validate.nvcc import compile_candidate, find_nvcc

SOURCES = {
    "axpy": (".cpp", """\
#include <vector>
void axpy(float a, const std::vector<float> &x, std::vector<float> &y) {
    for (size_t i = 0; i < x.size(); i++) y[i] += a * x[i];
}
"""),
    "sum": (".cpp", """\
#include <vector>
double sum(const std::vector<double> &x) {
    double s = 0.0;
    for (size_t i = 0; i < x.size(); i++) s += x[i];
    return s;
}
"""),
    "saxpy": (".c", """\
void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
"""),
    "histogram": (".c", """\
#include <stddef.h>
// regrapht: length histogram=16
void histogram(const int *x, size_t n, int *histogram) {
    for (size_t i = 0; i < n; i++) histogram[x[i] & 15] += 1;
}
"""),
    "first": (".c", """\
int first(int n, const int *x) {
    for (int i = 0; i < n; i++) if (x[i] > 0) return i;
    return n;
}
"""),
}


def arrays(site: CodeSite) -> tuple:
    return effective_arrays(site, site.annotations)


def parse(tmp_path: Path, name: str) -> CodeSite:
    suffix, source = SOURCES[name]
    path = tmp_path / f"{name}{suffix}"
    path.write_text(source)
    return find_site(str(path), name)


SIGNATURES = [
    # kernel signature                                        (name, C type, pointer, element)
    ("__global__ void k(size_t bins[256], const float w[], float *__restrict__ y, int n)",
     [("bins", "size_t [256]", True, "size_t"), ("w", "const float []", True, "float"),
      ("y", "float *__restrict__", True, "float"), ("n", "int", False, "int")]),
    ("__global__ void k(void)", []),
    ("__global__ void __launch_bounds__(256, 2) k(int n)", [("n", "int", False, "int")]),
    ("__global__ void k(unsigned long long *count, const double*x)",
     [("count", "unsigned long long *", True, "unsigned long long"),
      ("x", "const double*", True, "double")]),
]


@pytest.mark.parametrize(("signature", "params"), SIGNATURES,
                         ids=["arrays", "void", "launch-bounds", "spacing"])
def test_kernel_signature_params(signature: str, params: list[tuple]) -> None:
    assert [(p.name, p.c_type, p.is_pointer, p.element_type)
            for p in kernel_signature_params(signature)] == params
    assert KernelInterface(signature, "1", "1").kernel_name == "k"


LAUNCHES = [
    # function, kernel signature, grid, bindings, the launcher's launch line
    ("axpy", "__global__ void axpy(float a, const float *x, float *y, size_t N)",
     "(x.size()+255)/256", (("N", "x.size()"),),
     "axpy_kernel<<<(unsigned)((x_size+255)/256), (unsigned)(256)>>>(a, x, y, x_size);"),
    ("saxpy", "__global__ void k(int count, float a, const float *in, float *out)",
     "(n + 255) / 256", (("count", "n"), ("in", "x"), ("out", "y")),
     "k<<<(unsigned)((n + 255) / 256), (unsigned)(256)>>>(n, a, x, y);"),
    ("saxpy", "__global__ void k(int half, float a, const float *x, float *y)",
     "(n / 2 + 255) / 256", (("half", "n / 2"),),
     "k<<<(unsigned)((n / 2 + 255) / 256), (unsigned)(256)>>>(n / 2, a, x, y);"),
    ("histogram", "__global__ void histogram(const int *x, size_t n, int *histogram)",
     "(n + 255) / 256", (),
     "histogram_kernel<<<(unsigned)((n + 255) / 256), (unsigned)(256)>>>(x, n, histogram);"),
    ("histogram", "__global__ void h(const int *x, size_t n, int bins[16])",
     "(n + 255) / 256", (("bins", "histogram"),),
     "h<<<(unsigned)((n + 255) / 256), (unsigned)(256)>>>(x, n, histogram);"),
    ("sum", "__global__ void sumKernel(const double *x, size_t N, double *sum)",
     "(x.size() + 255) / 256", (("N", "x.size()"), ("sum", "return")),
     "sumKernel<<<(unsigned)((x_size + 255) / 256), (unsigned)(256)>>>"
     "(x, x_size, regrapht_result_);"),
]


@pytest.mark.parametrize(("name", "signature", "grid", "bindings", "launch"), LAUNCHES,
                         ids=["vector-size-bound", "renamed-parameters", "expression",
                              "parameter-named-like-kernel", "array-parameter", "return-value"])
def test_bound_launcher(tmp_path: Path, name: str, signature: str, grid: str,
                        bindings: tuple, launch: str) -> None:
    site = parse(tmp_path, name)
    interface = KernelInterface(signature, grid, "256", bindings)
    unit = assemble(site, signature + " {}\n", arrays(site), (), interface=interface)
    assert launch in unit.shipped
    assert unit.kernel_args == tuple(launch.split(">>>(")[1].rstrip(");").split(", "))


def test_return_value_round_trip(tmp_path: Path) -> None:
    """One device element of the return type: allocated, initialised, copied back, freed."""
    site = parse(tmp_path, "first")
    interface = KernelInterface("__global__ void k(int n, const int *x, int *idx)",
                                "(n + 255) / 256", "256", (("idx", "return = n"),))
    unit = assemble(site, interface.signature + " {}\n", arrays(site), (), interface=interface)
    launcher = unit.shipped[unit.shipped.index("int first_device("):]
    for line in ["int *regrapht_result_ = NULL;",
                 "cudaMalloc((void **)&regrapht_result_, sizeof(int))",
                 "const int regrapht_initial_ = (int)(n);",
                 "cudaMemcpy(regrapht_result_, &regrapht_initial_, sizeof(int), "
                 "cudaMemcpyHostToDevice)",
                 "cudaMemcpy(&regrapht_value_, regrapht_result_, sizeof(int), "
                 "cudaMemcpyDeviceToHost)",
                 "cudaFree(regrapht_result_)", "return (int)regrapht_value_;"]:
        assert line in launcher
    plan = launch_plan(site, interface)
    assert (plan.result, plan.result_type, plan.initial) == (2, "int", "n")
    assert plan.types == ("int", "", "")


REFUSALS = [
    # function, kernel signature, bindings, words the message holds
    ("saxpy", "__global__ void k(int n, float a, const float *x, float *y)", (("zz", "n"),),
     ["binding zz=n", "has no parameter 'zz'"]),
    ("axpy", "__global__ void k(float a, const float *x, float *y, size_t N)",
     (("N", "z.size()"),), ["binding N=z.size()", "'z.size()' is not a parameter of axpy"]),
    ("saxpy", "__global__ void k(int count, float a, const float *x, float *y)",
     (("count", "m + 1"),), ["'m' is not a parameter of saxpy"]),
    ("saxpy", "__global__ void k(int count, float a, const float *x, float *y)", (),
     ["count match no parameter of saxpy", "--bind"]),
    ("saxpy", "__global__ void k(int n, float a, const float *x, float *y)",
     (("n", "n"), ("n", "n")), ["bound twice"]),
    ("saxpy", "__global__ void k(int n, float a, const float *x, float *out)",
     (("out", "y + 1"),), ["'out' is a pointer", "by name (x, y)"]),
    ("saxpy", "__global__ void k(int n, float a, const float *x, float *y)",
     (("n", "x"),), ["'n' is a scalar, but 'x' is an array"]),
    ("saxpy", "__global__ void k(int n, float a, const float *x, float *y)",
     (("y", "return"),), ["saxpy returns nothing"]),
    ("sum", "__global__ void k(const double *x, size_t N, double *s)", (("N", "x.size()"),),
     ["sum returns a value (double)", "--bind NAME=return"]),
    ("sum", "__global__ void k(const double *x, size_t N, double s)",
     (("N", "x.size()"), ("s", "return")), ["must be a pointer to non-const"]),
    ("sum", "__global__ void k(const double *x, size_t N, const double *s)",
     (("N", "x.size()"), ("s", "return")), ["must be a pointer to non-const"]),
    ("sum", "__global__ void k(const double *x, size_t N, double *s, double *t)",
     (("N", "x.size()"), ("s", "return"), ("t", "return")), ["only one kernel parameter"]),
    ("sum", "__global__ void k(const double *x, size_t N, double *s)",
     (("N", "x.size()"), ("s", "return =")), ["write `return` or `return = EXPR`"]),
    ("sum", "__global__ void k(const double *x, size_t N, double *s)",
     (("N", "x.size()"), ("s", "return = m")), ["'m' is not a parameter of sum"]),
]


@pytest.mark.parametrize(("name", "signature", "bindings", "words"), REFUSALS,
                         ids=["unknown-kernel-parameter", "unknown-vector", "unknown-name",
                              "unbound-unmatched", "bound-twice", "pointer-arithmetic",
                              "scalar-gets-array", "void-return", "return-unbound",
                              "return-not-pointer", "return-const-pointer", "two-returns",
                              "return-equals-nothing", "return-initial-unknown"])
def test_bad_interfaces_are_refused(tmp_path: Path, name: str, signature: str,
                                    bindings: tuple, words: list[str]) -> None:
    site = parse(tmp_path, name)
    with pytest.raises(InterfaceError) as info:
        check_interface(site, KernelInterface(signature, "1", "1", bindings))
    for word in words:
        assert word in str(info.value)
    assert isinstance(info.value, ValueError)  # the command line's bad usage (exit 2)


RENAMES = [
    # function, the answer's code, what the renamed code holds, what it no longer holds
    ("axpy", "__global__ void axpy(float a, const float *x, float *y, size_t N) {\n"
             "    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;\n"
             "    if (i < N) y[i] += a * x[i];\n}\n",
     ["__global__ void axpy_kernel(float a,"], ["void axpy(float"]),
    ("histogram", "__global__ void __launch_bounds__(256) histogram(const int *x, size_t n, "
                  "int *histogram) {\n    size_t i = blockIdx.x * (size_t)blockDim.x + "
                  "threadIdx.x;\n    if (i < n) atomicAdd(&histogram[x[i] & 15], 1);\n}\n",
     ["__launch_bounds__(256) histogram_kernel(const int *x, size_t n, int *histogram)",
      "atomicAdd(&histogram[x[i] & 15], 1)"], []),
]


@pytest.mark.parametrize(("name", "code", "holds", "gone"), RENAMES,
                         ids=["named-like-function", "named-like-its-parameter"])
def test_colliding_kernel_is_renamed_and_reported(tmp_path: Path, name: str, code: str,
                                                  holds: list[str], gone: list[str]) -> None:
    site = parse(tmp_path, name)
    signature = code[code.index("__global__"):code.index("{")].replace(
        "__launch_bounds__(256) ", "").strip()
    bindings = (("N", "x.size()"),) if name == "axpy" else ()
    interface = KernelInterface(signature, "(n + 255) / 256" if name == "histogram"
                                else "(x.size() + 255) / 256", "256", bindings)
    unit = assemble(site, code, arrays(site), (), interface=interface)
    for text in holds:
        assert text in unit.device_code
    for text in gone:
        assert text not in unit.device_code
    assert len(unit.fixes) == 1 and f"kernel `{name}` renamed `{name}_kernel`" in unit.fixes[0]
    assert f"// Fixed by regrapht: kernel `{name}` renamed" in unit.shipped
    # the drop-in replacement keeps the user's name
    assert f"void {name}(" in unit.shipped[unit.shipped.index("// Drop-in replacement"):]


PROMPT_LINES = [
    # function, kernel signature, bindings, lines the prompt holds
    ("axpy", "__global__ void axpy(float a, const float *x, float *y, size_t N)",
     (("N", "x.size()"),), ["Its parameters carry these values:", "- `N` is x.size()"]),
    ("sum", "__global__ void sumKernel(const double *x, size_t N, double *sum)",
     (("N", "x.size()"), ("sum", "return")),
     ["- `sum` is where the kernel writes the function's return value (double); it holds 0 "
      "before the launch"]),
    ("first", "__global__ void k(int n, const int *x, int *idx)", (("idx", "return = n"),),
     ["- `idx` is where the kernel writes the function's return value (int); it holds n "
      "before the launch"]),
]


@pytest.mark.parametrize(("name", "signature", "bindings", "lines"), PROMPT_LINES,
                         ids=["size", "return", "return-initial"])
def test_prompt_says_what_bound_parameters_carry(tmp_path: Path, name: str, signature: str,
                                                 bindings: tuple, lines: list[str]) -> None:
    site = parse(tmp_path, name)
    user = first_messages(site, (), KernelInterface(signature, "1", "1", bindings))[1]["content"]
    for line in lines:
        assert line in user
    unbound = first_messages(site, (), KernelInterface(signature, "1", "1"))[1]["content"]
    assert "carry these values" not in unbound


AXPY_KERNEL = """\
__global__ void axpy(float a, const float *x, float *y, size_t N) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < N) y[i] += a * x[i];
}
"""
SUM_KERNEL = """\
__global__ void sumKernel(const double *x, size_t N, double *sum) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < N) atomicAdd(sum, x[i]);
}
"""
COMPILES = [
    # function, the answer, grid, bindings, the kernel nvcc reports
    ("axpy", AXPY_KERNEL, "(x.size()+255)/256", (("N", "x.size()"),), "axpy_kernel"),
    ("sum", SUM_KERNEL, "(x.size() + 255) / 256", (("N", "x.size()"), ("sum", "return")),
     "sumKernel"),
]


@pytest.mark.nvcc
@pytest.mark.skipif(find_nvcc() is None, reason="nvcc not found")
@pytest.mark.parametrize(("name", "code", "grid", "bindings", "kernel"), COMPILES,
                         ids=["axpy-bound", "sum-returned"])
def test_bound_interface_compiles(tmp_path: Path, name: str, code: str, grid: str,
                                  bindings: tuple, kernel: str) -> None:
    site = parse(tmp_path, name)
    signature = code[code.index("__global__"):code.index("{")].strip()
    interface = KernelInterface(signature, grid, "256", bindings)
    unit = assemble(site, code, arrays(site), (), interface=interface)
    result = compile_candidate(unit.test_unit, tmp_path / "nvcc", arch="sm_90")
    assert result.ok, result.errors
    assert [k.name.split("(")[0] for k in result.kernels] == [kernel]
