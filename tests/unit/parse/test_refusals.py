"""Table-driven refusals: each row's code must be refused with the reason and the line."""

from __future__ import annotations

import pytest

from regrapht.parse import UnsupportedCode, find_site

# (id, file name, source, function, words the message must contain, line of the offence)
REFUSALS = [
    (
        "writes_nothing",
        "a.c",
        """
void total(int n, const float *x) {
    float s = 0.0f;
    for (int i = 0; i < n; i++) s += x[i];
}""",
        "total",
        ["writes nothing", "output"],
        2,
    ),
    (
        "printf",
        "a.c",
        """
#include <stdio.h>
void show(int n, const float *a) {
    for (int i = 0; i < n; i++)
        printf("%f\\n", a[i]);
}""",
        "show",
        ["I/O", "printf"],
        5,
    ),
    (
        "fprintf",
        "a.c",
        """
#include <stdio.h>
void show(int n, const float *a) {
    for (int i = 0; i < n; i++) fprintf(stderr, "%f", a[i]);
}""",
        "show",
        ["I/O", "fprintf"],
        4,
    ),
    (
        "std_cout",
        "a.cpp",
        """
#include <iostream>
void show(int n, const float *a) {
    for (int i = 0; i < n; i++)
        std::cout << a[i];
}""",
        "show",
        ["I/O", "cout"],
        5,
    ),
    (
        "scanf",
        "a.c",
        """
void read_all(int n, float *a) {
    for (int i = 0; i < n; i++) scanf("%f", &a[i]);
}""",
        "read_all",
        ["I/O", "scanf"],
        3,
    ),
    (
        "fopen",
        "a.c",
        """
#include <stdio.h>
void dump(int n, const float *a) {
    for (int i = 0; i < n; i++) {
        FILE *f = fopen("x", "w");
    }
}""",
        "dump",
        ["I/O"],
        5,
    ),
    # Recursion (direct and mutual) is accepted now: see ACCEPTED in test_safety.py.
    (
        "unknown_function_declared_elsewhere",
        "a.c",
        """
float transform(float v);
void apply(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] = transform(a[i]);
}""",
        "apply",
        ["calls 'transform'", "declared but not defined"],
        4,
    ),
    (
        "unknown_function_not_in_file",
        "a.cpp",
        """
void apply(int n, float *a) {
    for (int i = 0; i < n; i++)
        a[i] = magic(a[i]);
}""",
        "apply",
        ["calls 'magic'", "not defined in this file"],
        4,
    ),
    (
        "struct_with_pointer_field_param",
        "a.c",
        """
struct point { float *x, y; };
void shift(int n, struct point *p) {
    for (int i = 0; i < n; i++) p[i].y += 1;
}""",
        "shift",
        ["parameter 'p'", "struct point", "'point' cannot be marshalled", "pointer"],
        3,
    ),
    (
        "typedef_param",
        "a.c",
        """
typedef float real;
void scale(int n, real *a) {
    for (int i = 0; i < n; i++) a[i] *= 2;
}""",
        "scale",
        ["parameter 'a'", "real"],
        3,
    ),
    (
        "pointer_to_pointer",
        "a.c",
        """
void zero(int n, float **rows) {
    for (int i = 0; i < n; i++) rows[i][0] = 0;
}""",
        "zero",
        ["parameter 'rows'", "pointers to pointers"],
        2,
    ),
    (
        "two_d_array",
        "a.c",
        """
void zero(int n, float a[][64]) {
    for (int i = 0; i < n; i++) a[i][0] = 0;
}""",
        "zero",
        ["parameter 'a'", "2-D"],
        2,
    ),
    (
        "template_param",
        "a.cpp",
        """
#include <map>
void fill(int n, std::map<int, int> &m) {
    for (int i = 0; i < n; i++) m[i] = i;
}""",
        "fill",
        ["parameter 'm'"],
        3,
    ),
    (
        "global_variable",
        "a.c",
        """
float scale_factor = 2.0f;
void scale(int n, float *a) {
    for (int i = 0; i < n; i++)
        a[i] *= scale_factor;
}""",
        "scale",
        ["global variable 'scale_factor'"],
        5,
    ),
    (
        "syntax_error",
        "a.c",
        """
void broken(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] = ;
}""",
        "broken",
        ["syntax error"],
        3,
    ),
    (
        "no_loop",
        "a.c",
        """
float twice(float v) { return 2 * v; }
""",
        "twice",
        ["no loop"],
        2,
    ),
    (
        "not_found",
        "a.c",
        """
void present(int n, float *a) { for (int i = 0; i < n; i++) a[i] = 0; }
void other(int n, float *a) { for (int i = 0; i < n; i++) a[i] = 1; }
""",
        "absent",
        ["'absent' not found", "present, other"],
        0,
    ),
    (
        "returns_pointer",
        "a.c",
        """
float *first(int n, float *a) {
    for (int i = 0; i < n; i++) a[i] = 0;
    return a;
}""",
        "first",
        ["returns a pointer"],
        2,
    ),
    (
        "goto",
        "a.c",
        """
void g(int n, float *a) {
    for (int i = 0; i < n; i++) { if (a[i] < 0) goto done; a[i] = 1; }
done:
    return;
}""",
        "g",
        ["goto"],
        3,
    ),
    (
        "exceptions",
        "a.cpp",
        """
void g(int n, float *a) {
    for (int i = 0; i < n; i++) if (a[i] < 0) throw 1;
}""",
        "g",
        ["exceptions"],
        3,
    ),
    (
        "helper_with_io",
        "a.c",
        """
#include <stdio.h>
void log_value(float v) { printf("%f", v); }
void g(int n, float *a) {
    for (int i = 0; i < n; i++) log_value(a[i]);
}""",
        "g",
        ["I/O", "printf"],
        3,
    ),
]


@pytest.mark.parametrize(
    ("filename", "source", "function", "words", "line"),
    [row[1:] for row in REFUSALS],
    ids=[row[0] for row in REFUSALS],
)
def test_refusal(filename, source, function, words, line):
    with pytest.raises(UnsupportedCode) as caught:
        find_site(filename, function, source=source)
    error = caught.value
    for word in words:
        assert word in error.reason
    assert error.line == line
    if line:
        assert f"{filename}:{line}:" in str(error)
