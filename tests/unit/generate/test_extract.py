"""Code extraction from realistic small-model answers, and removal of forbidden definitions."""

from __future__ import annotations

import pytest

from regrapht.generate.extract import extract_code, matching_brace, remove_definitions

KERNEL = """\
#include <cuda_runtime.h>
__global__ void saxpy_kernel(int n, float a, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
}
void saxpy_device(int n, float a, const float *x, float *y) {
    saxpy_kernel<<<(n + 255) / 256, 256>>>(n, a, x, y);
}"""

NO_INCLUDE = KERNEL.split("\n", 1)[1]

HOST_ONLY = """\
void saxpy_cpu(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}"""

ANSWERS = [
    # id                    answer                                                   expected
    ("fence-cuda",          f"```cuda\n{KERNEL}\n```",                               KERNEL),
    ("fence-cpp",           f"```cpp\n{KERNEL}\n```",                                KERNEL),
    ("fence-c++",           f"```c++\n{KERNEL}\n```",                                KERNEL),
    ("fence-CUDA-spaces",   f"``` CUDA \n{KERNEL}\n```",                             KERNEL),
    ("fence-bare",          f"```\n{KERNEL}\n```",                                   KERNEL),
    ("unterminated",        f"```cuda\n{KERNEL}\n",                                  KERNEL),
    ("prose-around",        f"Here is the CUDA version:\n\n```cuda\n{KERNEL}\n```\n\n"
                            "Each thread handles one element.",                     KERNEL),
    ("two-blocks-kernel-2nd", f"Sequential:\n```c\n{HOST_ONLY}\n```\nCUDA:\n"
                            f"```cuda\n{KERNEL}\n```",                               KERNEL),
    ("two-blocks-kernel-1st", f"```cuda\n{KERNEL}\n```\nCompile with:\n"
                            "```bash\nnvcc -O3 saxpy.cu -o saxpy && ./saxpy\n```",   KERNEL),
    ("no-fence-include",    KERNEL,                                                  KERNEL),
    ("no-fence-prose-first", f"Sure! The code is:\n{KERNEL}",                        KERNEL),
    ("no-fence-global",     NO_INCLUDE,                                              NO_INCLUDE),
    ("empty",               "",                                                      ""),
    ("whitespace",          "  \n\n ",                                               ""),
    ("prose-only",          "I cannot help with that.",                              ""),
]


@pytest.mark.parametrize(
    ("answer", "expected"), [a[1:] for a in ANSWERS], ids=[a[0] for a in ANSWERS]
)
def test_extract_code(answer, expected):
    code = extract_code(answer)
    if expected:
        assert code == expected.strip() + "\n"
    else:
        assert code == ""


def test_empty_fence_is_no_code():
    """An answer that is only an empty code block holds no code."""
    assert extract_code("```cuda\n```") == ""


MAIN = """\
int main(int argc, char **argv) {
    int n = 1 << 20;
    printf("done {\\n");
    /* } */
    return 0;
}"""

HOST_SAXPY = """\
void saxpy(int n, float a, const float *x, float *y)
{
    for (int i = 0; i < n; i++) { y[i] = a * x[i] + y[i]; }  // '}'
}"""

EXTERN_SAXPY = """\
extern "C" void saxpy(int n, float a, const float *x, float *y) {
    saxpy_device(n, a, x, y);
}"""

DECLARATION = "void saxpy(int n, float a, const float *x, float *y);"
CALL = "void run(float *x, float *y) { saxpy(4, 1.0f, x, y); }"

NAMES = ("main", "saxpy")  # what assemble removes: main and the original function's name

REMOVALS = [
    # id                code                                   removed            kept
    ("main",            f"{KERNEL}\n{MAIN}\n",                 ["main"],          [KERNEL]),
    ("host-original",   f"{KERNEL}\n{HOST_SAXPY}\n",           ["saxpy"],         [KERNEL]),
    ("extern-original", f"{KERNEL}\n{EXTERN_SAXPY}\n",         ["saxpy"],         [KERNEL]),
    ("both",            f"{HOST_SAXPY}\n{KERNEL}\n{MAIN}\n",   ["main", "saxpy"], [KERNEL]),
    ("declaration",     f"{DECLARATION}\n{KERNEL}\n",          [],          [DECLARATION, KERNEL]),
    ("call",            f"{KERNEL}\n{CALL}\n",                 [],          [CALL, KERNEL]),
    ("similar-names",   f"{HOST_ONLY}\n{KERNEL}\n",            [],          [HOST_ONLY, KERNEL]),
    ("nothing",         KERNEL,                                [],                [KERNEL]),
]


@pytest.mark.parametrize(
    ("code", "removed", "kept"), [r[1:] for r in REMOVALS], ids=[r[0] for r in REMOVALS]
)
def test_remove_definitions(code, removed, kept):
    out, dropped = remove_definitions(code, NAMES)
    assert sorted(dropped) == sorted(removed)
    for piece in kept:
        assert piece in out
    assert "int main(" not in out or "main" not in removed
    assert out.count("{") == out.count("}")


BRACES = [
    # text                                   open   close
    ("{ }",                                  0,     2),
    ("{ { } }",                              0,     6),
    ('{ "}" }',                              0,     6),
    ("{ '}' }",                              0,     6),
    ("{ // }\n}",                            0,     7),
    ("{ /* } */ }",                          0,     10),
    ('{ "\\"}" }',                           0,     8),
    ("{ {",                                  0,     -1),
]


@pytest.mark.parametrize(("text", "open_index", "close"), BRACES, ids=[b[0] for b in BRACES])
def test_matching_brace(text, open_index, close):
    assert matching_brace(text, open_index) == close
