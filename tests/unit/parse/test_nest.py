"""How many independent nested loops a site offers (parse/nest.py), through the real parser:
the search offers a 2D or 3D thread mapping only where this says 2 or 3."""

from __future__ import annotations

import pytest

from regrapht.parse import find_site
from regrapht.parse.nest import parallel_loops

HEAT = """
void f(int steps, int n, float *u, float *v) {
    for (int t = 0; t < steps; t++) {
        for (int i = 1; i < n - 1; i++)
            for (int j = 1; j < n - 1; j++)
                v[i * n + j] = 0.25f * (u[i * n + j - 1] + u[i * n + j + 1]
                                        + u[(i - 1) * n + j] + u[(i + 1) * n + j]);
        for (int i = 0; i < n * n; i++) u[i] = v[i];
    }
}"""  # time steps (carrying the grid) around a 2D stencil

# (id, source of `f`, independent nested loops, (line, column) of the request or None)
CASES = [
    ("1d_element_wise", """
void f(int n, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = 2.0f * x[i];
}""", 1, None),
    ("2d_element_wise", """
void f(int n, int m, const float *x, float *y) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            y[i * m + j] = x[i * m + j] + 1.0f;
}""", 2, None),
    ("matmul", """
void f(int n, const float *a, const float *b, float *c) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            float s = 0.0f;
            for (int k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j];
            c[i * n + j] = s;
        }
}""", 2, None),
    ("for_with_inner_while", """
void f(int n, const int *start, int *steps) {
    for (int i = 0; i < n; i++) {
        long v = start[i];
        int s = 0;
        while (v != 1) { v = (v % 2) ? 3 * v + 1 : v / 2; s++; }
        steps[i] = s;
    }
}""", 1, None),
    ("3d_stencil", """
void f(int n, const double *u, double *v) {
    for (int i = 1; i < n - 1; i++)
        for (int j = 1; j < n - 1; j++)
            for (int k = 1; k < n - 1; k++)
                v[(i * n + j) * n + k] = u[((i - 1) * n + j) * n + k]
                    + u[((i + 1) * n + j) * n + k] + u[(i * n + j - 1) * n + k]
                    + u[(i * n + j + 1) * n + k] + u[(i * n + j) * n + k - 1]
                    + u[(i * n + j) * n + k + 1];
}""", 3, None),
    ("prefix_sum_in_rows", """
void f(int n, int m, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        float s = 0.0f;
        for (int j = 0; j < m; j++) {
            s += x[i * m + j];
            y[i * m + j] = s;
        }
    }
}""", 1, None),
    ("two_loops_side_by_side", """
void f(int n, int m, const float *x, float *y) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) y[i * m + j] = x[i * m + j];
    for (int j = 0; j < m; j++)
        for (int k = 0; k < 4; k++) y[j] += 1.0f;
}""", 2, None),
    ("whole_prefix_sum", """
void f(int n, const float *x, float *y) {
    float s = 0.0f;
    for (int i = 0; i < n; i++) { s += x[i]; y[i] = s; }
}""", 1, None),
    ("while_around_2d", """
void f(int n, int m, const float *x, float *y) {
    int r = 0;
    while (r < 3) {
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) y[i * m + j] = x[i * m + j] + r;
        r++;
    }
}""", 2, None),  # the nest inside an outer loop that is not parallel is still 2D
    ("time_steps_around_2d", HEAT, 2, None),
    ("cursor_on_the_time_loop", HEAT, 2, (3, 5)),  # the loops inside the one pointed at count
    ("cursor_on_inner_loop_of_2d", """
void f(int n, int m, const float *x, float *y) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++)
            y[i * m + j] = x[i * m + j] + 1.0f;
}""", 2, (5, 13)),
]


@pytest.mark.parametrize(("source", "loops", "at"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_parallel_loops(source: str, loops: int, at: tuple[int, int] | None) -> None:
    if at is None:
        site = find_site("f.c", "f", source=source)
    else:
        site = find_site("f.c", line=at[0], column=at[1], source=source)
        assert site.focus_loop is not None
    assert parallel_loops(site) == loops
