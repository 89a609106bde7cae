"""When a candidate's output counts as equal to the reference's (first honest version).

Floating point: |cand - ref| <= atol + rtol * |ref| element-wise, with
- float32: rtol 1e-3, atol 1e-4 * sqrt(N)
- float64: rtol 1e-9, atol 1e-12 * sqrt(N)
where N is the element count of the largest input array: a parallel reduction adds in another
order than the sequential loop, and the rounding difference of a sum of N terms of magnitude
~1 grows like sqrt(N). A NaN or infinity where the reference has a finite value never passes.
Integers and booleans must match exactly.
"""

from __future__ import annotations

import math

import numpy as np

RTOL = {np.dtype("float32"): 1e-3, np.dtype("float64"): 1e-9}
ATOL_PER_SQRT_N = {np.dtype("float32"): 1e-4, np.dtype("float64"): 1e-12}


def compare(candidate: np.ndarray, reference: np.ndarray, largest_input: int) -> str:
    """'' when equal within tolerance, else a short description of the first mismatch."""
    cand = np.asarray(candidate).reshape(-1)
    ref = np.asarray(reference).reshape(-1)
    if cand.shape != ref.shape:
        return f"has {cand.size} elements, expected {ref.size}"
    if ref.dtype.kind == "f":
        rtol = RTOL.get(ref.dtype, 1e-3)
        atol = ATOL_PER_SQRT_N.get(ref.dtype, 1e-4) * math.sqrt(max(largest_input, 1))
        with np.errstate(invalid="ignore", over="ignore"):
            diff = np.abs(cand.astype(np.float64) - ref.astype(np.float64))
            bad = ~(diff <= atol + rtol * np.abs(ref.astype(np.float64)))
        bad &= ~(np.isnan(ref) & np.isnan(cand))
    else:
        bad = cand != ref
    if not bad.any():
        return ""
    first = int(np.flatnonzero(bad)[0])
    return (
        f"{int(bad.sum())} of {ref.size} elements differ; first at index {first}: "
        f"got {cand[first]!r}, expected {ref[first]!r}"
    )
