"""Roofline arithmetic: compulsory bytes, flops, the memory floor and when a time is suspicious."""

from __future__ import annotations

from pathlib import Path

import pytest

from regrapht.parse import CodeSite, find_site
from regrapht.validate.roofline import (
    can_exit_early,
    compulsory_bytes,
    estimate_flops,
    roofline,
)

SOURCES = {
    "saxpy": """void saxpy(int n, float a, const float *x, float *y) {
    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];
}""",
    "matmul": """void matmul(int n, int m, int k, const float *A, const float *B, float *C) {
    for (int i = 0; i < n; i++)
        for (int j = 0; j < m; j++) {
            float acc = 0.0f;
            for (int p = 0; p < k; p++) acc += A[i * k + p] * B[p * m + j];
            C[i * m + j] = acc;
        }
}""",
    "dist": """#include <math.h>
void dist(int n, const double *x, const double *y, double *d) {
    for (int i = 0; i < n; i++) d[i] = sqrt(x[i] * x[i] + y[i] * y[i]);
}""",
    "spmv": """// regrapht: length x=n
void spmv(int n, const int *row_ptr, const int *col, const float *val, const float *x, float *y) {
    for (int i = 0; i < n; i++) {
        float s = 0.0f;
        for (int j = row_ptr[i]; j < row_ptr[i + 1]; j++) s += val[j] * x[col[j]];
        y[i] = s;
    }
}""",
    "find": """int find(int n, const int *a, int key) {
    for (int i = 0; i < n; i++) if (a[i] == key) return i;
    return -1;
}""",
    "interior": """void interior(int n, int m, const double *u, double *v) {
    for (int r = 1; r < n - 1; r++)
        for (int c = 1; c < m - 1; c++) v[r * m + c] = 0.5 * (u[r * m + c - 1] + u[r * m + c + 1]);
}""",
}


def site_of(tmp_path: Path, name: str) -> CodeSite:
    path = tmp_path / f"{name}.c"
    path.write_text(SOURCES[name] + "\n")
    return find_site(str(path), name)


# (function, sizes, compulsory bytes, flops, can exit early)
ESTIMATES = [
    ("saxpy",    {"n": 1000},                   1000 * 4 * 3,              2 * 1000,        False),
    ("matmul",   {"n": 8, "m": 4, "k": 16},   (8 * 16 + 16 * 4 + 8 * 4) * 4, 2 * 8 * 4 * 16, False),
    ("dist",     {"n": 10},                     10 * 8 * 3,                4 * 10,          False),
    # x is reached through col[j]: not counted; the row loop's trips depend on the data.
    ("spmv",     {"n": 10},                     None,                      None,            False),
    ("find",     {"n": 100},                    100 * 4,                   0,               True),
    ("interior", {"n": 10, "m": 6},             10 * 6 * 8 * 2,            8 * 4 * 2,       False),
]


@pytest.mark.parametrize(("name", "sizes", "nbytes", "flops", "early"), ESTIMATES,
                         ids=[e[0] for e in ESTIMATES])
def test_estimates(tmp_path, name, sizes, nbytes, flops, early):
    site = site_of(tmp_path, name)
    ov = site.annotations
    if nbytes is not None:
        assert compulsory_bytes(site, ov, sizes) == nbytes
    assert estimate_flops(site, sizes) == flops
    assert can_exit_early(site) is early


def test_spmv_leaves_out_the_gathered_vector(tmp_path):
    site = site_of(tmp_path, "spmv")
    nbytes = compulsory_bytes(site, site.annotations, {"n": 10})
    with_x = nbytes + 10 * 4
    assert nbytes < with_x  # x (n floats) is not in the floor
    assert nbytes > 0


GB = 1e9
# (id, function, sizes, kernel seconds, bandwidth, l2 bytes, judged, suspicious)
VERDICTS = [
    # 1e8 floats in and out of y, x read: 1.2 GB at 3 TB/s is at least 0.4 ms.
    ("plausible", "saxpy", {"n": 100_000_000}, 0.5e-3, 3000 * GB, 50 << 20, True, False),
    ("beyond_the_floor", "saxpy", {"n": 100_000_000}, 0.1e-3, 3000 * GB, 50 << 20, True, True),
    ("within_the_margin", "saxpy", {"n": 100_000_000}, 0.35e-3, 3000 * GB, 50 << 20, True, False),
    ("fits_in_l2_not_judged", "saxpy", {"n": 1000}, 1e-9, 3000 * GB, 50 << 20, False, False),
    ("early_exit_not_judged", "find", {"n": 1_000_000_000}, 1e-6, 3000 * GB, 50 << 20, False,
     False),
]


@pytest.mark.parametrize(("name", "sizes", "seconds", "bandwidth", "l2", "judged", "suspicious"),
                         [v[1:] for v in VERDICTS], ids=[v[0] for v in VERDICTS])
def test_roofline_verdict(tmp_path, name, sizes, seconds, bandwidth, l2, judged, suspicious):
    site = site_of(tmp_path, name)
    roof = roofline(site, site.annotations, sizes, bandwidth=bandwidth, l2_bytes=l2,
                    kernel_seconds=seconds)
    assert roof.judged is judged
    assert bool(roof.suspicious) is suspicious
    if suspicious:
        assert "cannot have done all the work" in roof.suspicious
    assert roof.floor_seconds == pytest.approx(roof.bytes_moved / bandwidth)
    assert roof.bandwidth_fraction == pytest.approx(roof.floor_seconds / seconds)
