"""Every form a prompt takes (one shot, chain of thought, retrieval, graph steps; launcher and
fixed-interface mode) says what runs where, with the exact signature to copy; the layout note
appears only where the nest allows it; no template holds a name a model could paste.

Table tests over the prompt texts of the 2026-11-26 failure analysis (sections 1d, 2 and 6):
the launcher written as a `__global__`, a launcher asked for in fixed-interface mode, the
fixed grid's elements per thread, grid.y above 65,535, a `break` loop called independent."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from regrapht.generate import prompting
from regrapht.generate.prompting import KernelInterface, answer_shape, first_messages
from regrapht.generate.search_prompts import cot_messages, rag_messages, step_messages
from regrapht.graph.retrieve import KernelMatch
from regrapht.graph.schema import Example
from regrapht.parse import CodeSite, find_site

SAXPY = """\
void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}
"""
SIGNATURE = "void saxpy_device(int n, float a, const float *x, float *y)"
KERNEL = "__global__ void saxpy_kernel(int n, float a, const float *x, float *y)"
INTERFACE = KernelInterface(KERNEL, "(n + 511) / 512", "256")

EXAMPLE = Example("histogram", "element-wise", "why", "how",
                  "__global__ void h1() {}", "__global__ void h2() {}\nvoid h_device() {}",
                  3.0, 1.0, "H100")


def site_of(tmp_path: Path, source: str, name: str, suffix: str = ".c") -> CodeSite:
    path = tmp_path / f"{name}{suffix}"
    path.write_text(source)
    return find_site(str(path), name)


def forms(site: CodeSite, interface: KernelInterface | None) -> dict[str, str]:
    """The last user message of every form of prompt, by name."""
    first = first_messages(site, (), interface)
    answer = answer_shape(site, interface)
    match = KernelMatch(1.0, "histogram", "for (...) h[d[i]]++;", EXAMPLE)
    steps = {
        "step at the root": step_messages(first, "thread mapping", "d", EXAMPLE, answer=answer),
        "deep step": step_messages(first, "loop unrolling", "d", EXAMPLE,
                                   current_code="__global__ void k() {}", standing="correct",
                                   answer=answer),
    }
    every = {"one shot": first, "chain of thought": cot_messages(first),
             "retrieval": rag_messages(first, [match]), **steps}
    return {name: messages[-1]["content"] for name, messages in every.items()}


FORMS = ["one shot", "chain of thought", "retrieval", "step at the root", "deep step"]


@pytest.mark.parametrize("form", FORMS)
def test_launcher_is_stated_as_a_host_function_with_its_exact_signature(tmp_path, form):
    user = forms(site_of(tmp_path, SAXPY, "saxpy"), None)[form]
    assert SIGNATURE + ";" in user
    assert "Host code (runs on the CPU)" in user and "ordinary C++ function" in user
    assert "never write `__global__` or `__device__` in front of it" in user
    assert "launches the kernels with `<<<grid, block>>>`" in user
    assert not re.search(r"__global__\s+void\s+saxpy_device", user)
    if "step" in form:  # the step restates the signature where the answer is asked for
        assert f"the launcher `{SIGNATURE}`, the host function" in user.rsplit("Apply", 1)[1]


@pytest.mark.parametrize("form", FORMS)
def test_fixed_interface_prompts_ask_for_one_kernel_and_its_elements_per_thread(tmp_path, form):
    user = forms(site_of(tmp_path, SAXPY, "saxpy"), INTERFACE)[form]
    assert KERNEL + ";" in user
    assert "Write exactly one `__global__` function" in user
    assert "no launcher, no second kernel, no `main`, no host code" in user
    assert "a thread owns every element at its index plus multiples of the grid's size" in user
    assert "i + gridDim.x * blockDim.x, i + 2 * gridDim.x * blockDim.x" in user
    assert "<<<(n + 511) / 512, 256>>>" in user
    for asked in ("all kernels and the launcher", "all your `__global__` kernels", "saxpy_device"):
        assert asked not in user
    if "step" in form:
        tail = user.rsplit("Apply", 1)[1]
        assert f"Answer with exactly one `__global__` function, `{KERNEL}`" in tail
        assert "no launcher" in tail


NESTS = {
    # name: (source, whether the note is given)
    "rectangle": ("""\
void scale2(int rows, int cols, const float *a, float *b) {
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols; c++) b[r * cols + c] = 2.0f * a[r * cols + c];
}
""", True),
    "long outer, three channels": ("""\
void premul(size_t n, const unsigned char *in, unsigned char *out) {
    for (size_t p = 0; p < n; p++) {
        for (int c = 0; c < 3; c++) out[4 * p + c] = in[4 * p + c] * in[4 * p + 3] / 255;
    }
}
""", True),
    "search with break": ("""\
void first_match(int nq, int m, const int *q, const int *keys, int *pos) {
    for (int i = 0; i < nq; i++)
        for (int j = 0; j < m; j++) {
            if (keys[j] == q[i]) { pos[i] = j; break; }
        }
}
""", False),
    "return inside": ("""\
void any_neg(int n, int m, const float *a, int *flag) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            if (a[i * m + j] < 0) { flag[0] = 1; return; }
}
""", False),
    "carried sum": ("""\
void row_sums(int n, int m, const float *a, float *s) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) s[i] += a[i * m + j];
}
""", False),
    "statement beside the inner loop": ("""\
void shift_rows(int n, int m, const float *a, float *b, float *t) {
    for (int i = 0; i < n; i++) {
        t[i] = a[i * m];
        for (int j = 0; j < m; j++) b[i * m + j] = a[i * m + j] - a[i * m];
    }
}
""", False),
    "inner loop under a condition": ("""\
void masked_copy(int n, int m, const int *mask, const float *a, float *b) {
    for (int i = 0; i < n; i++)
        if (mask[i])
            for (int j = 0; j < m; j++) b[i * m + j] = a[i * m + j];
}
""", False),
    "break of a deeper loop": ("""\
void first_zero(int n, int m, int k, const int *a, int *pos) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            int at = k;
            for (int p = 0; p < k; p++)
                if (a[(i * m + j) * k + p] == 0) { at = p; break; }
            pos[i * m + j] = at;
        }
}
""", True),
}


@pytest.mark.parametrize("name", list(NESTS))
def test_layout_note_only_for_a_perfect_independent_nest(tmp_path, name):
    source, noted = NESTS[name]
    function = re.search(r"void (\w+)\(", source)
    assert function
    site = site_of(tmp_path, source, function[1])
    note = prompting.layout_note(site)
    assert bool(note) == noted, note
    user = first_messages(site)[1]["content"]
    assert (note in user) if noted else ("long long total" not in user)
    if noted:  # the pairs along x, in a grid-stride loop: no grid.y, no limit to exceed
        assert "blockIdx.y" not in note and "gridDim.y" not in note
        assert "t += (long long)gridDim.x * blockDim.x" in note
        assert "at most 65535 blocks" in note


def test_layout_note_uses_the_loops_own_names_and_types(tmp_path):
    note = prompting.layout_note(site_of(tmp_path, NESTS["long outer, three channels"][0],
                                         "premul"))
    assert "`long long total = (long long)(n) * (3);`" in note
    assert "`    size_t p = (size_t)(t / (3));`" in note
    assert "`    int c = (int)(t % (3));`" in note


TEMPLATES = sorted(p.name for p in resources.files("regrapht.generate").joinpath(
    "prompts").iterdir() if p.name.endswith(".txt"))


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_template_holds_a_name_to_copy(name):
    """A template names only placeholders and the user's own code: an example function
    (`scale_kernel`, `scale_device`) was pasted into 30 answers."""
    text = prompting.template(name)
    assert not re.search(r"__global__\s+\w+\s+\w+\s*\(", text)  # no kernel to paste
    assert not re.search(r"(?<![\w${}])[A-Za-z]\w*_(kernel|device)\b", text)
    assert "```cuda\n__global__" not in text
