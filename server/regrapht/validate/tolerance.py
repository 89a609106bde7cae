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
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

# The validator fills outputs with these quiet-NaN bit patterns before a candidate runs, so an
# element still holding one was never written, while any other NaN was written as NaN.
POISON_BITS = {np.dtype("float32"): (np.uint32, 0x7FC5A5A5),
               np.dtype("float64"): (np.uint64, 0x7FF8A5A5A5A5A5A5)}

RTOL = {np.dtype("float32"): 1e-3, np.dtype("float64"): 1e-9}
ATOL_PER_SQRT_N = {np.dtype("float32"): 1e-4, np.dtype("float64"): 1e-12}


@dataclass(frozen=True)
class Tolerance:
    """A task's override of the float tolerance (benchmark tasks, docs/benchmark-tasks.md):
    rtol, and atol as atol_per_sqrt_n * sqrt(N); None keeps the default for the dtype."""

    rtol: float | None = None
    atol_per_sqrt_n: float | None = None


def compare(
    candidate: np.ndarray,
    reference: np.ndarray,
    largest_input: int,
    rows_cols: tuple[int, int] | None = None,
    tolerance: Tolerance | None = None,
) -> str:
    """'' when equal within tolerance, else a short description of the first mismatch.

    `rows_cols`: the output is a row-major rows x cols matrix (its length is `rows * cols`);
    mismatches are then also told as (row, column), which is what a wrong 2D launch needs."""
    cand = np.asarray(candidate).reshape(-1)
    ref = np.asarray(reference).reshape(-1)
    if cand.shape != ref.shape:
        return f"has {cand.size} elements, expected {ref.size}"
    if ref.dtype.kind == "f":
        tol = tolerance or Tolerance()
        rtol = RTOL.get(ref.dtype, 1e-3) if tol.rtol is None else tol.rtol
        per_sqrt_n = (ATOL_PER_SQRT_N.get(ref.dtype, 1e-4) if tol.atol_per_sqrt_n is None
                      else tol.atol_per_sqrt_n)
        atol = per_sqrt_n * math.sqrt(max(largest_input, 1))
        with np.errstate(invalid="ignore", over="ignore"):
            diff = np.abs(cand.astype(np.float64) - ref.astype(np.float64))
            close = diff <= atol + rtol * np.abs(ref.astype(np.float64))
        # Where the reference is inf or NaN the tolerance is inf or NaN: only the same value
        # passes (inf - inf is NaN, and anything <= inf).
        bad = np.where(np.isfinite(ref), ~close, cand != ref)
        bad &= ~(np.isnan(ref) & np.isnan(cand))
    elif ref.dtype.kind == "b" and cand.dtype.kind == "b":
        # By byte: NumPy reads any nonzero byte as True, so a poison byte left in an output
        # the candidate never wrote would otherwise equal True.
        bad = cand.view(np.uint8) != ref.view(np.uint8)
    else:
        bad = cand != ref
    if not bad.any():
        return ""
    first = int(np.flatnonzero(bad)[0])
    got = repr(cand[first])
    if cand.dtype.kind == "b" and cand.view(np.uint8)[first] > 1:
        got = f"byte {int(cand.view(np.uint8)[first]):#x} (not a bool: never written)"
    where = f"index {first}"
    if rows_cols and rows_cols[0] * rows_cols[1] == ref.size:
        where += f" (row {first // rows_cols[1]}, column {first % rows_cols[1]})"
    text = (
        f"{int(bad.sum())} of {ref.size} elements differ; first at {where}: "
        f"got {got}, expected {ref[first]!r}"
    )
    if ref.dtype.kind == "f":
        unwritten = _poisoned(cand) & ~np.isnan(ref)
        if rows_cols and rows_cols[0] * rows_cols[1] == ref.size and unwritten.any():
            text += _unwritten_matrix_note(unwritten.reshape(rows_cols))
        else:
            text += _unwritten_note(unwritten)
    return text


def _poisoned(values: np.ndarray) -> np.ndarray:
    """Elements that still hold the poison pattern (plain NaN for other float types)."""
    if values.dtype in POISON_BITS:
        uint, bits = POISON_BITS[values.dtype]
        return np.ascontiguousarray(values).view(uint) == bits
    return np.isnan(values)


def _span(flags: npt.ArrayLike) -> str:
    idx = np.flatnonzero(flags)
    if idx.size == 0:
        return "none"
    if idx.size == idx[-1] - idx[0] + 1:
        return f"{idx[0]}..{idx[-1]}" if idx.size > 1 else f"{idx[0]}"
    return ", ".join(str(int(i)) for i in idx[:6]) + (", ..." if idx.size > 6 else "")


def _unwritten_matrix_note(unwritten: np.ndarray) -> str:
    rows, cols = unwritten.shape
    written = ~unwritten
    note = f"; {int(unwritten.sum())} elements were never written (still the NaN poison)"
    if not written.any():
        return note + ": no thread wrote this output"
    return (
        f"{note}; written were only rows {_span(written.any(axis=1))} of 0..{rows - 1} and "
        f"columns {_span(written.any(axis=0))} of 0..{cols - 1} of this {rows} x {cols} "
        "row-major matrix: the launch does not cover every element (x should run over the "
        "columns, y over the rows)"
    )


def _unwritten_note(unwritten: np.ndarray) -> str:
    """Outputs are NaN-poisoned before the candidate runs: describe what no thread wrote. A
    regular pattern of written elements (every 7th...) is the signature of a grid that covers
    one dimension of a 2D index space only."""
    count = int(unwritten.sum())
    if count == 0:
        return ""
    written = np.flatnonzero(~unwritten)
    note = f"; {count} elements were never written (still the NaN poison)"
    if written.size == 0:
        return note + ": no thread wrote this output"
    shown = ", ".join(str(int(i)) for i in written[:4])
    steps = np.diff(written)
    if written.size >= 3 and (steps == steps[0]).all() and steps[0] > 1:
        note += f"; only every {int(steps[0])}th element was written (indices {shown}, ...)"
    else:
        note += f"; written were only {written.size} elements (indices {shown}"
        note += ", ...)" if written.size > 4 else ")"
    return note + ": the launch does not cover every element (a 2D index needs dim3 grid and block)"



def _sorted(values: np.ndarray) -> np.ndarray:
    """An output in a canonical order, for outputs whose order the code does not fix
    (`unordered NAME`): numbers by value, structs by their fields in declaration order."""
    flat = np.asarray(values).reshape(-1)
    if flat.size == 0:
        return flat
    if flat.dtype.names is None:
        if flat.dtype.kind == "c":
            return flat[np.lexsort((flat.imag, flat.real))]
        return np.sort(flat)
    keys = []
    for name in flat.dtype.names:
        column = flat[name].reshape(flat.size, -1)
        if column.dtype.kind == "c":
            column = np.concatenate([column.real, column.imag], axis=1)
        keys += [column[:, k] for k in range(column.shape[1])]
    return flat[np.lexsort(keys[::-1])] if keys else flat


def compare_values(
    candidate: np.ndarray,
    reference: np.ndarray,
    largest_input: int,
    rows_cols: tuple[int, int] | None = None,
    tolerance: Tolerance | None = None,
    unordered: bool = False,
) -> str:
    """`compare` for every element type regrapht marshals: complex numbers as their real and
    imaginary parts, structs field by field; `unordered` compares the values as multisets."""
    cand, ref = np.asarray(candidate).reshape(-1), np.asarray(reference).reshape(-1)
    if cand.shape != ref.shape:
        return f"has {cand.size} elements, expected {ref.size}"
    if unordered:
        cand, ref, rows_cols = _sorted(cand), _sorted(ref), None
    if ref.dtype.names is not None:
        for name in ref.dtype.names:
            problem = compare_values(cand[name], ref[name], largest_input,
                                     rows_cols if ref[name].ndim == 1 else None, tolerance)
            if problem:
                return f"field '{name}': {problem}"
        return ""
    if ref.dtype.kind == "c":
        real = np.float32 if ref.dtype == np.complex64 else np.float64
        problem = compare(np.ascontiguousarray(cand).view(real),
                          np.ascontiguousarray(ref).view(real), largest_input, None, tolerance)
        return f"{problem} (real and imaginary parts interleaved)" if problem else ""
    return compare(cand, ref, largest_input, rows_cols, tolerance)
