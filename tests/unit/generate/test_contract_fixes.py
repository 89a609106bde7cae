"""Mechanical fixes before a model call is spent again (issue 19 item 2), as table rows:
the launcher written as a `__global__`, a launcher under another name, the user's local
constants and same-file helpers used undefined, and identifiers copied from a worked example.
Each row: answer code -> what the assembled code contains / does not contain, and the note.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from regrapht.generate.assemble import assemble
from regrapht.generate.contract_fixes import canonical_type
from regrapht.generate.fixups import example_names_note, local_constants
from regrapht.generate.prompting import KernelInterface, first_messages, repair_messages
from regrapht.generate.search_prompts import step_messages
from regrapht.graph.schema import Example
from regrapht.parse import CodeSite, find_site
from regrapht.validate.nvcc import compile_candidate, find_nvcc

SOURCES = {
    "saxpy": (".c", """\
void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
"""),
    "adam": (".c", """\
#include <math.h>
static float clampf(float v, float lo, float hi) { return v < lo ? lo : (v > hi ? hi : v); }
void adam(int n, float lr, const float *g, float *m, float *p) {
    const float b1 = 0.9f;
    const float eps = 1e-6f, half = 0.5f * b1;
    const float scale = lr / (float)n;
    float inv = 1.0f / (1.0f - powf(b1, (float)n));
    for (int i = 0; i < n; i++) {
        m[i] = b1 * m[i] + (1.0f - b1) * g[i] * inv;
        p[i] -= clampf(scale * m[i] + eps + half, -1.0f, 1.0f);
    }
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
}

KERNEL = "__global__ void {name}({params}) {{\n    {body}\n}}\n"
SAXPY_BODY = "int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) y[i] = a * x[i] + y[i];"
SAXPY_KERNEL = KERNEL.format(name="saxpy_k", params="int n, float a, const float *x, float *y",
                             body=SAXPY_BODY)
ADAM_BODY = ("int i = blockIdx.x * blockDim.x + threadIdx.x; if (i < n) { m[i] = b1 * m[i] + "
             "(1.0f - b1) * g[i] * inv; p[i] -= clampf(scale * m[i] + eps + half, -1.0f, 1.0f); }")
ADAM_PARAMS = "int n, float lr, const float *g, float *m, float *p"
ADAM_LAUNCH = ("void adam_device(int n, float lr, const float *g, float *m, float *p) "
               "{ adam_k<<<(n + 255) / 256, 256>>>(n, lr, g, m, p); }\n")


def parse(tmp_path: Path, name: str) -> CodeSite:
    suffix, source = SOURCES[name]
    path = tmp_path / f"{name}{suffix}"
    path.write_text(source)
    return find_site(str(path), name)


def answer_part(shipped: str) -> str:
    """The model's code as fixed (between the check macro and the drop-in wrapper)."""
    return shipped[shipped.index("#endif"):shipped.index("// Drop-in replacement")]


# (id, function, answer, in the fixed code, not in it, note ("" = no fix))
ROWS = [
    ("global_named_like_the_launcher", "saxpy",
     KERNEL.format(name="saxpy_device", params="int n, float a, const float *x, float *y",
                   body=SAXPY_BODY),
     ["__global__ void saxpy_kernel_main(int n", "void saxpy_device(int n, float a, "
      "const float *x, float *y) {", "saxpy_kernel_main<<<(unsigned)regrapht_blocks_, 256>>>"
      "(n, a, x, y);", "regrapht_blocks_ = (regrapht_n_ + 255) / 256"],
     ["__global__ void saxpy_device"],
     "renamed the __global__ `saxpy_device` to `saxpy_kernel_main` and generated its launcher"),
    ("global_launcher_other_names_and_qualifiers", "saxpy",
     KERNEL.format(name="saxpy_device",
                   params="int count, float alpha, float *__restrict__ in, float *out",
                   body="int i = threadIdx.x; if (i < count) out[i] += alpha * in[i];"),
     ["(float *__restrict__)x", "void saxpy_device(int n, float a, const float *x, float *y)"],
     [], "generated its launcher `saxpy_device`"),
    ("global_launcher_signature_differs_is_left", "saxpy",
     KERNEL.format(name="saxpy_device", params="int n, const float *x, float *y",
                   body="y[0] = x[0];"),
     ["__global__ void saxpy_device(int n, const float *x, float *y)"], ["kernel_main"], ""),
    ("global_launcher_of_a_returning_function_is_left", "total",
     KERNEL.format(name="total_device", params="const float *v, size_t v_size", body=""),
     ["__global__ void total_device("], ["kernel_main"], ""),
    ("global_launcher_that_launches_kernels", "saxpy",
     SAXPY_KERNEL + "__global__ void saxpy_device(int n, float a, const float *x, float *y) "
     "{ saxpy_k<<<(n + 255) / 256, 256>>>(n, a, x, y); }\n",
     ["\nvoid saxpy_device(int n, float a, const float *x, float *y) { saxpy_k<<<"],
     ["__global__ void saxpy_device", "kernel_main"],
     "removed `__global__` from `saxpy_device`: it launches kernels"),
    ("unbalanced_answer_left", "saxpy",
     KERNEL.format(name="saxpy_device", params="int n, float a, const float *x, float *y",
                   body=SAXPY_BODY) + "void helper(int n) { if (n) {\n",
     ["__global__ void saxpy_device("], ["kernel_main"], ""),
    ("an_examples_launcher_not_renamed", "saxpy",
     SAXPY_KERNEL + "void softmax_rows_device(int n, float a, const float *x, float *y) "
     "{ saxpy_k<<<1, 1>>>(n, a, x, y); }\n", ["void softmax_rows_device("],
     ["void saxpy_device"], ""),
    ("misspelt_launcher_renamed", "saxpy",
     SAXPY_KERNEL + "void saxpi_device(int n, float a, const float *x, float *y) "
     "{ saxpy_k<<<(n + 255) / 256, 256>>>(n, a, x, y); }\n",
     ["void saxpy_device(int n"], ["saxpi"], "renamed the launcher `saxpi_device`"),
    ("launcher_under_another_name", "saxpy",
     SAXPY_KERNEL + "void launch_saxpy(int n, float a, const float *x, float *y) "
     "{ saxpy_k<<<(n + 255) / 256, 256>>>(n, a, x, y); }\n",
     ["void saxpy_device(int n, float a, const float *x, float *y) { saxpy_k<<<"],
     ["launch_saxpy"], "renamed the launcher `launch_saxpy` to `saxpy_device`"),
    ("launcher_named_like_the_function", "saxpy",
     SAXPY_KERNEL + "void saxpy(int n, float a, const float *x, float *y) "
     "{ saxpy_k<<<(n + 255) / 256, 256>>>(n, a, x, y); }\n",
     ["void saxpy_device(int n, float a, const float *x, float *y) { saxpy_k<<<"], [],
     "renamed the launcher `saxpy` to `saxpy_device`"),
    ("launcher_with_other_parameter_names_kept", "saxpy",
     SAXPY_KERNEL + "void saxpy_device(int len, float alpha, const float *__restrict__ in, "
     "float *out) { saxpy_k<<<(len + 255) / 256, 256>>>(len, alpha, in, out); }\n",
     ["void saxpy_device(int len, float alpha"], [], ""),
    ("launcher_of_other_types_not_renamed", "saxpy",
     SAXPY_KERNEL + "void launch_saxpy(int n, const float *x, float *y) "
     "{ saxpy_k<<<1, 1>>>(n, 1.0f, x, y); }\n", ["void launch_saxpy("], [], ""),
    ("two_candidate_launchers_not_renamed", "saxpy",
     SAXPY_KERNEL + "".join(f"void {n}(int n, float a, const float *x, float *y) "
                            "{ saxpy_k<<<1, 1>>>(n, a, x, y); }\n" for n in ("l1", "l2")),
     ["void l1(", "void l2("], ["void saxpy_device"], ""),
    ("local_constants_and_helper", "adam",
     KERNEL.format(name="adam_k", params=ADAM_PARAMS, body=ADAM_BODY) + ADAM_LAUNCH,
     ["__host__ __device__ static float clampf(", "{ const float b1 = 0.9f; const float "
      "eps = 1e-6f; const float half = 0.5f * b1; const float scale = lr / (float)n; "
      "float inv = 1.0f / (1.0f - powf(b1, (float)n));\n"],
     [], "`b1` is a local constant of `adam` that `adam_k` used without defining"),
    ("constant_defined_by_the_answer_is_left", "adam",
     "#define eps 1e-6f\n" + KERNEL.format(
         name="adam_k", params=ADAM_PARAMS,
         body="const float b1 = 0.9f, half = 0.45f, scale = 1.0f, inv = 1; " + ADAM_BODY)
     + ADAM_LAUNCH + "__device__ float clampf(float v, float lo, float hi) { return v; }\n",
     [], ["const float eps", "__host__ __device__ static float clampf"], ""),
    ("constant_whose_value_needs_a_missing_parameter_is_left", "adam",
     KERNEL.format(name="adam_k", params="int n, const float *g, float *m, float *p",
                   body="m[0] = scale * g[0]; p[0] = 0;")
     + "void adam_device(int n, float lr, const float *g, float *m, float *p) "
       "{ adam_k<<<1, 1>>>(n, g, m, p); }\n",
     [], ["const float scale"], ""),
]


@pytest.mark.parametrize(("name", "code", "present", "absent", "note"),
                         [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_fix_rows(tmp_path, name, code, present, absent, note):
    site = parse(tmp_path, name)
    unit = assemble(site, code, site.arrays, ())
    fixed = answer_part(unit.shipped)
    for text in present:
        assert text in fixed
    for text in absent:
        assert text not in fixed
    if note:
        assert any(note in f for f in unit.fixes), unit.fixes
        assert f"// Fixed by regrapht: {unit.fixes[0]}" in unit.shipped
    else:
        assert unit.fixes == ()


def test_fixed_interface_mode_gets_no_contract_fix(tmp_path):
    site = parse(tmp_path, "saxpy")
    interface = KernelInterface("__global__ void saxpy_k(int n, float a, const float *x, "
                                "float *y)", "(n + 255) / 256", "256")
    unit = assemble(site, SAXPY_KERNEL + "void launch_saxpy(int n, float a, const float *x, "
                    "float *y) {}\n", site.arrays, (), interface=interface)
    assert "void launch_saxpy(" in unit.shipped and unit.fixes == ()


TYPES = [
    ("const float *__restrict__", "float*"), ("float []", "float*"), ("unsigned", "unsigned int"),
    ("unsigned int", "unsigned int"), ("uint32_t", "unsigned int"), ("size_t", "unsigned long"),
    ("unsigned long int", "unsigned long"), ("long long", "long long"), ("int", "int"),
    ("signed", "int"), ("const double", "double"), ("std::size_t", "unsigned long"),
]


@pytest.mark.parametrize(("written", "canonical"), TYPES, ids=[t[0] for t in TYPES])
def test_canonical_type(written, canonical):
    assert canonical_type(written) == canonical


EXAMPLE_PROMPT = ("Rewrite this sequential C function as CUDA.\n\n```c\nvoid f(int n, float *y) "
                  "{ for (int i = 0; i < n; i++) y[i] = 0; }\n```\n...\nA worked example of this "
                  "step, from the kernel `radix_sort_u32`:\nAfter:\n```cuda\n#define TILE 256\n"
                  "__global__ void k(int n) { block_exclusive_scan(n); int y = TILE; }\n```\n")
CURRENT = ("\nThe current CUDA version (correct) is below; start from it:\n\n```cuda\n"
           "#define BLOCK 128\n__global__ void g() {}\n```\n")
ERR = 'line 3 of your code: error: identifier "{}" is undefined\n'

# (id, errors, prompt, names said to come from the example)
NOTES = [
    ("macro_from_example", ERR.format("TILE"), EXAMPLE_PROMPT, ["TILE"]),
    ("function_from_example", ERR.format("block_exclusive_scan"), EXAMPLE_PROMPT,
     ["block_exclusive_scan"]),
    ("name_also_in_the_users_code", ERR.format("n"), EXAMPLE_PROMPT, []),
    ("name_in_no_example", ERR.format("eps"), EXAMPLE_PROMPT, []),
    ("name_of_the_previous_steps_code", ERR.format("BLOCK"), EXAMPLE_PROMPT + CURRENT, []),
    ("no_undefined_identifier", "error: expected a \";\"", EXAMPLE_PROMPT, []),
    ("two_names_once_each", ERR.format("TILE") * 2 + ERR.format("block_exclusive_scan"),
     EXAMPLE_PROMPT, ["TILE", "block_exclusive_scan"]),
]


@pytest.mark.parametrize(("errors", "prompt", "names"), [r[1:] for r in NOTES],
                         ids=[r[0] for r in NOTES])
def test_example_names_note(errors, prompt, names):
    note = example_names_note(errors, [{"role": "system", "content": "```cuda\nint eps;\n```"},
                                       {"role": "user", "content": prompt}])
    assert note.count("comes from the worked example") == len(names)
    for name in names:
        assert f"`{name}` comes from the worked example and is not defined in your code: " \
               "define it or use your own value." in note


def test_repair_prompt_carries_the_example_note():
    history = [{"role": "user", "content": EXAMPLE_PROMPT}]
    messages = repair_messages(history, "```cuda\n...\n```", errors=ERR.format("TILE"),
                               contract="the launcher signature `void f_device(int n, float *y)`")
    assert "`TILE` comes from the worked example" in messages[-1]["content"]


needs_nvcc = pytest.mark.skipif(find_nvcc() is None, reason="nvcc not found")
COMPILED = ["global_named_like_the_launcher", "global_launcher_other_names_and_qualifiers",
            "global_launcher_that_launches_kernels",
            "launcher_under_another_name", "launcher_named_like_the_function",
            "launcher_with_other_parameter_names_kept", "local_constants_and_helper"]


@pytest.mark.nvcc
@needs_nvcc
@pytest.mark.parametrize("row", COMPILED)
def test_fixed_answer_compiles(tmp_path, row):
    _, name, code, *_ = next(r for r in ROWS if r[0] == row)
    site = parse(tmp_path, name)
    unit = assemble(site, code, site.arrays, ())
    result = compile_candidate(unit.test_unit, tmp_path / "nvcc", arch="sm_90")
    assert result.ok, result.errors


RADIX = Example("radix_sort_u32", "sort", "why", "how", "void radix_sort_u32(...) {}",
                "#define TILE 256\n__global__ void k(int n) { block_exclusive_scan(n); }",
                2.0, 1.5, "H100")


@pytest.mark.parametrize(("current", "names"), [("", ["TILE", "block_exclusive_scan"]),
                                                ("#define TILE 64\n__global__ void g() {}",
                                                 ["block_exclusive_scan"])],
                         ids=["first_step", "tile_in_the_previous_steps_code"])
def test_example_names_note_on_real_step_prompts(tmp_path, current, names):
    site = parse(tmp_path, "saxpy")
    step = step_messages(first_messages(site), "shared memory tiling", "tile it", RADIX,
                         current_code=current, standing="correct" if current else "")
    errors = ERR.format("TILE") + ERR.format("block_exclusive_scan") + ERR.format("n")
    note = example_names_note(errors, step)
    assert [n for n in ("TILE", "block_exclusive_scan", "n")
            if f"`{n}` comes from the worked example" in note] == names


LOCALS = [
    ("void f(int n, float *y) { const float a = 1.0f, b = a * 2.0f; constexpr int k = 3; "
     "static const double d = 0.5; float v = 2.0f; v += 1.0f; int u = 0; u++; float q = 1; "
     "float *pq = &q; float e = 1.0f / n; const float w[2] = {1, 2}; const float c(4.0f); "
     "for (int i = 0; i < n; i++) { const float z = 1; y[i] = z * e; } }",
     ["const float a = 1.0f;", "const float b = a * 2.0f;", "constexpr int k = 3;",
      "const double d = 0.5;", "float e = 1.0f / n;"]),
]


@pytest.mark.parametrize(("source", "declarations"), LOCALS, ids=["kinds_of_locals"])
def test_local_constants(source, declarations):
    # top-level const/constexpr scalars and scalars never written again (`e`): not `v`, `u`
    # (written), `q` (its address taken), `pq`, `w` (pointer, array), `c(4.0f)`, `z` (nested)
    assert [c.declaration for c in local_constants(source, "c")] == declarations
