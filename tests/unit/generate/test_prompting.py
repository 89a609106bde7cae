"""Prompts built from parsed sites: signature, parameter table, repair turns, package templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from regrapht.generate import prompting
from regrapht.generate.prompting import (
    KernelInterface,
    contract,
    first_messages,
    param_table,
    repair_messages,
    template,
)
from regrapht.parse import CodeSite, find_site

SOURCES = {
    "saxpy": (".c", """\
void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
"""),
    "dot": (".c", """\
double dot(int n, const double *x, const double *y) {
    double s = 0.0;
    for (int i = 0; i < n; i++) s += x[i] * y[i];
    return s;
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
    "spmv": (".c", """\
// regrapht: length x=n
void spmv(int n, const int *row_ptr, const int *col, const float *val, const float *x,
          float *y) {
    for (int i = 0; i < n; i++) {
        float s = 0.0f;
        for (int j = row_ptr[i]; j < row_ptr[i + 1]; j++) s += val[j] * x[col[j]];
        y[i] = s;
    }
}
"""),
    "positive": (".c", """\
void positive(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++)
        if (x[i] > 0) y[i] = x[i];
}
"""),
    "matmul": (".c", """\
void matmul(int n, int m, int k, const float *A, const float *B, float *C) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            float acc = 0.0f;
            for (int p = 0; p < k; p++) acc += A[i * k + p] * B[p * m + j];
            C[i * m + j] = acc;
        }
}
"""),
    "interior": (".c", """\
void interior(int n, int m, const double *u, double *v) {
    for (int r = 1; r < n - 1; r++)
        for (int c = 1; c < m - 1; c++) v[r * m + c] = u[r * m + c];
}
"""),
    "lower": (".c", """\
void lower(int n, const float *a, float *b) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j <= i; j++) b[i * n + j] = a[i * n + j];
}
"""),
}


def parse(tmp_path: Path, name: str) -> CodeSite:
    suffix, source = SOURCES[name]
    path = tmp_path / f"{name}{suffix}"
    path.write_text(source)
    return find_site(str(path), name)


# Each row: function, keeps_initial, lines the user prompt must contain.
FIRST = [
    ("saxpy", (), [
        "void saxpy_device(int n, float a, const float *x, float *y);",
        "- `n` (int): scalar size, passed by value",
        "- `a` (float): scalar value, passed by value",
        "- `x` (const float *): read, length n",
        "- `y` (float *): read and written, length n",
        "leaves the results in the output arrays",
        "```c\nvoid saxpy(",
        "function named `saxpy`",
    ]),
    ("dot", (), [
        "double dot_device(int n, const double *x, const double *y);",
        "- return value (double): the launcher must return it too",
        "returns the same value as the sequential function",
    ]),
    ("total", (), [
        "float total_device(const float *v, size_t v_size);",
        "- `v` (const std::vector<float> &): read, length v.size(); in the launcher it is a "
        "device pointer `v` plus `size_t v_size`",
        "- return value (float): the launcher must return it too",
        "Rewrite this sequential C++ function as CUDA.",
        "```cpp\n",
    ]),
    ("spmv", (), [
        "- `row_ptr` (const int *): read, length n + 1; its values are monotone offsets "
        "delimiting ranges of `col`",
        "its values are indices into `x`",
        "- `y` (float *): written, length n",
        "- `x` (const float *): read, length n",  # from `// regrapht: length x=n`
    ]),
    ("positive", ("y",), [
        "- `y` (float *): written, length n; elements the code does not write must keep their "
        "values",
    ]),
]


@pytest.mark.parametrize(("name", "keeps", "expected"), FIRST, ids=[f[0] for f in FIRST])
def test_first_messages(tmp_path, name, keeps, expected):
    site = parse(tmp_path, name)
    messages = first_messages(site, keeps)
    assert [m["role"] for m in messages] == ["system", "user"]
    assert messages[0]["content"] == template("system.txt").strip()
    user = messages[1]["content"]
    for line in expected:
        assert line in user
    assert "$" not in user  # every placeholder was filled


def test_void_function_has_no_return_line(tmp_path):
    assert "return value" not in param_table(parse(tmp_path, "saxpy"))


def test_fixed_interface_prompt(tmp_path):
    site = parse(tmp_path, "saxpy")
    interface = KernelInterface(
        "__global__ void saxpy_kernel(int n, float a, const float *x, float *y)",
        "(n + 255) / 256", "256",
    )
    user = first_messages(site, (), interface)[1]["content"]
    assert "__global__ void saxpy_kernel(int n, float a, const float *x, float *y);" in user
    assert "<<<(n + 255) / 256, 256>>>" in user
    assert "_device(" not in user
    assert interface.kernel_name == "saxpy_kernel"
    expected = f"the kernel signature `{interface.signature}` and no host code"
    assert contract(site, interface) == expected
    assert contract(site, None) == (
        "the launcher signature `void saxpy_device(int n, float a, const float *x, float *y)`"
    )


# Each row: function, lines its 2D mapping note must hold ([] = no note). The note counts the
# (outer, inner) pairs along x in a grid-stride loop, so no shape can exceed a grid limit.
LAYOUTS = [
    ("matmul", ["`long long total = (long long)(n) * (m);`",
                "t < total; t += (long long)gridDim.x * blockDim.x) {`",
                "`    int i = (int)(t / (m));`",
                "`    int j = (int)(t % (m));`",
                "at most 65535 blocks"]),
    ("interior", ["`long long total = (long long)((n - 1) - (1)) * ((m - 1) - (1));`",
                  "`    int r = 1 + (int)(t / ((m - 1) - (1)));`",
                  "`    int c = 1 + (int)(t % ((m - 1) - (1)));`",
                  "only when both counts are positive"]),
    ("lower", []),   # triangular: the inner bound depends on i
    ("spmv", []),    # ragged CSR rows
    ("saxpy", []),   # one loop
    ("dot", []),     # a reduction
]


@pytest.mark.parametrize(("name", "lines"), LAYOUTS, ids=[row[0] for row in LAYOUTS])
def test_layout_note_maps_rectangular_nests_to_pairs_on_x(tmp_path, name, lines):
    site = parse(tmp_path, name)
    note = prompting.layout_note(site)
    user = first_messages(site)[1]["content"]
    assert ("long long total" in user) == bool(lines)
    assert "blockIdx.y" not in note and "gridDim.y" not in note  # no grid.y above 65,535
    for line in lines:
        assert line in note


# Each row: kind, keyword arguments, text the new user turn must contain, text it must not.
REPAIRS = [
    ("compile", {"errors": "candidate.cu(3): error: identifier \"idx\" is undefined"},
     ["nvcc rejected that code", 'identifier "idx" is undefined', "the launcher signature"],
     "it is wrong"),
    ("wrong", {"failure": "y differs from the reference at 3 of 7 elements (n=7)"},
     ["it is wrong: y differs from the reference at 3 of 7 elements (n=7)",
      "the launcher signature"],
     "nvcc rejected"),
]


@pytest.mark.parametrize(
    ("kind", "feedback", "contains", "lacks"), REPAIRS, ids=["compile", "wrong"]
)
def test_repair_messages(tmp_path, kind, feedback, contains, lacks):
    site = parse(tmp_path, "saxpy")
    first = first_messages(site)
    answer = "```cuda\n__global__ void k() {}\n```"
    messages = repair_messages(first, answer, contract=contract(site, None), **feedback)
    assert messages[:2] == first  # history untouched, not mutated
    assert len(first) == 2
    assert messages[2] == {"role": "assistant", "content": answer}
    assert messages[3]["role"] == "user"
    for text in contains:
        assert text in messages[3]["content"]
    assert lacks not in messages[3]["content"]


TEMPLATES = [
    # file                   placeholders it must use
    ("system.txt",           []),
    ("parallelize.txt",      ["$source", "$param_table", "$device_signature", "$result_duty"]),
    ("kernel_interface.txt", ["$source", "$param_table", "$kernel_signature", "$grid", "$block"]),
    ("repair_compile.txt",   ["$errors", "$contract"]),
    ("repair_wrong.txt",     ["$failure", "$contract"]),
    ("repair_assembly.txt",  ["$problem", "$contract"]),
    ("layout_2d.txt",        ["$outer", "$inner", "$outer_count", "$inner_count"]),
    ("answer_launcher.txt",  ["$device_signature"]),
    ("answer_kernel.txt",    ["$kernel_signature"]),
    ("step.txt",             ["$technique", "$answer"]),
    ("step_answer.txt",      []),
    ("code_block.gbnf",      []),
]


@pytest.mark.parametrize(("name", "placeholders"), TEMPLATES, ids=[t[0] for t in TEMPLATES])
def test_templates_load_from_package_data(name, placeholders):
    text = template(name)
    assert text.strip()
    for placeholder in placeholders:
        assert placeholder in text


def test_grammar_is_one_cuda_block():
    assert prompting.code_block_grammar().count('"```cuda\\n"') == 1


def test_caller_arrays_win_over_the_parse(tmp_path):
    """CLI flags reach the prompt when the caller passes the effective arrays."""
    from regrapht.harness.inputs import effective_arrays
    from regrapht.parse import Overrides

    site = parse(tmp_path, "saxpy")
    arrays = effective_arrays(site, Overrides(outputs=("x",), lengths=(("y", "n + 1"),)))
    user = first_messages(site, (), arrays=arrays)[1]["content"]
    assert "- `x` (const float *): read and written, length n" in user
    assert "- `y` (float *): read and written, length n + 1" in user
