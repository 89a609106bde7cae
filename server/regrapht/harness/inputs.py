"""Random test inputs built from a CodeSite: size variables, array lengths, values by role.

A *size variable* is an integer parameter that bounds loops or lengths (`n`, `m`), or the
length of a std::vector whose loops run to `v.size()` (written `v.size()`). Given values for
the size variables, every array gets a length (from the parser's length expression, a `length`
override, the offsets it is delimited by, or failing all that the largest known length, which
is reported as an assumption) and values drawn by its role: data in a range, indices into their
target, monotone offsets.
"""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from regrapht.harness.ctypes_map import ctype_of
from regrapht.parse import ArrayInfo, ArrayRole, CodeSite, Overrides, ParamKind

FLOAT_RANGE = (-1.0, 1.0)
SIGNED_RANGE = (-100.0, 100.0)
UNSIGNED_RANGE = (0.0, 200.0)
AVERAGE_SEGMENT = 4  # mean number of elements between two offsets (nonzeros per row)

_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.floordiv,  # C integer division (operands are non-negative sizes)
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
}


def _size_key(name: str) -> str:
    return name.replace(".size()", "__size")


def eval_length(expr: str, sizes: Mapping[str, int]) -> int:
    """Evaluate a C length expression such as 'n * m + 1' or 'v.size()' for given sizes."""
    env = {_size_key(k): v for k, v in sizes.items()}
    tree = ast.parse(_size_key(expr.strip()), mode="eval")

    def walk(node: ast.AST) -> int:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.Name):
            if node.id not in env:
                raise KeyError(f"length '{expr}' uses '{node.id}', which has no size value")
            return env[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return int(_OPS[type(node.op)](walk(node.left), walk(node.right)))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        raise ValueError(f"unsupported length expression '{expr}'")

    return walk(tree)


def effective_arrays(site: CodeSite, overrides: Overrides) -> tuple[ArrayInfo, ...]:
    """The parser's arrays with the user's `output` and `length` statements applied."""
    lengths = dict(overrides.lengths)
    unknown = (set(overrides.outputs) | set(lengths)) - {a.name for a in site.arrays}
    if unknown:
        raise ValueError(
            f"annotation names {', '.join(sorted(unknown))}, which is not an array parameter "
            f"of {site.name} (arrays: {', '.join(a.name for a in site.arrays) or 'none'})"
        )
    out = []
    for a in site.arrays:
        written = a.written or a.name in overrides.outputs
        length = lengths.get(a.name, a.length)
        out.append(
            ArrayInfo(a.name, a.read, written, length, a.role, a.target)
            if (written, length) != (a.written, a.length)
            else a
        )
    return tuple(out)


def size_variables(site: CodeSite, overrides: Overrides) -> tuple[str, ...]:
    """Names whose values fix every length: size parameters, then free vector sizes."""
    names = list(site.size_params)
    arrays = effective_arrays(site, overrides)
    scalars = {p.name: p for p in site.params if p.kind is ParamKind.SCALAR}
    for a in arrays:  # integer scalars a `length` annotation names are sizes too
        for ident in re.findall(r"(?<![\w.])[A-Za-z_]\w*", a.length or ""):
            p = scalars.get(ident)
            if p is not None and not ctype_of(p.elem_type).is_float:
                names.append(ident)
    for a in arrays:
        if site.param(a.name).kind is ParamKind.VECTOR and (
            a.length is None or f"{a.name}.size()" in a.length
        ):
            names.append(f"{a.name}.size()")
    return tuple(dict.fromkeys(names))


@dataclass(frozen=True)
class Shape:
    """Concrete sizes for one trial: size variables and every array's element count."""

    sizes: tuple[tuple[str, int], ...]
    lengths: tuple[tuple[str, int], ...]
    assumptions: tuple[str, ...] = ()

    def length(self, name: str) -> int:
        return dict(self.lengths)[name]


def shape_for(site: CodeSite, overrides: Overrides, sizes: Mapping[str, int]) -> Shape:
    """Resolve every array length for the given size-variable values."""
    arrays = effective_arrays(site, overrides)
    lengths: dict[str, int] = {}
    assumptions: list[str] = []
    env = dict(sizes)
    for a in arrays:
        if site.param(a.name).kind is ParamKind.SCALAR_REF:
            lengths[a.name] = 1
        elif a.length is not None:
            lengths[a.name] = max(0, eval_length(a.length, env))
        elif site.param(a.name).kind is ParamKind.VECTOR and f"{a.name}.size()" in env:
            lengths[a.name] = max(0, env[f"{a.name}.size()"])  # its size is a size variable
        if site.param(a.name).kind is ParamKind.VECTOR and a.name in lengths:
            env[f"{a.name}.size()"] = lengths[a.name]
    for a in arrays:  # offsets decide the length of what they delimit
        if a.role is ArrayRole.OFFSETS and a.name in lengths:
            segments = max(lengths[a.name] - 1, 0)
            for b in arrays:
                if b.name not in lengths and (
                    b.name == a.target or b.role is not ArrayRole.OFFSETS
                ):
                    lengths[b.name] = AVERAGE_SEGMENT * segments
    known = max(lengths.values(), default=max(sizes.values(), default=1))
    for a in arrays:
        if a.name not in lengths:
            lengths[a.name] = known
            assumptions.append(
                f"length of '{a.name}' could not be derived; assumed {known} (the largest other "
                f"length). Say it with `// regrapht: length {a.name}=EXPR` if that is wrong."
            )
    return Shape(
        sizes=tuple(sorted(env.items())),
        lengths=tuple((a.name, lengths[a.name]) for a in arrays),
        assumptions=tuple(assumptions),
    )


def _value_range(elem_type: str, name: str, overrides: Overrides) -> tuple[float, float]:
    for key, lo, hi in overrides.ranges:
        if key == name:
            return lo, hi
    t = ctype_of(elem_type)
    if t.is_float:
        return FLOAT_RANGE
    if t.dtype == np.bool_:
        return (0.0, 1.0)
    lo, hi = SIGNED_RANGE if t.is_signed else UNSIGNED_RANGE
    info = np.iinfo(t.dtype)
    return max(lo, info.min), min(hi, info.max)


def _draw(elem_type: str, count: int, lo: float, hi: float, rng: np.random.Generator) -> np.ndarray:
    t = ctype_of(elem_type)
    if t.is_float:
        if t.dtype == np.float32:  # drawn in single precision: half the time and memory
            out = rng.random(count, dtype=np.float32)
            out *= np.float32(hi - lo)
            out += np.float32(lo)
            return out
        return rng.uniform(lo, hi, size=count).astype(t.dtype)
    if t.dtype == np.bool_:
        return rng.integers(0, 2, size=count).astype(np.bool_)
    return rng.integers(int(lo), int(hi), size=count, endpoint=True).astype(t.dtype)


def _offsets(count: int, total: int, dtype: np.dtype, rng: np.random.Generator) -> np.ndarray:
    """`count` monotone offsets from 0 to `total` (count = segments + 1)."""
    if count <= 0:
        return np.zeros(0, dtype=dtype)
    inner = np.sort(rng.integers(0, total, size=max(count - 2, 0), endpoint=True))
    return np.concatenate(([0], inner, [total] if count > 1 else [])).astype(dtype)


def make_inputs(
    site: CodeSite, overrides: Overrides, shape: Shape, rng: np.random.Generator
) -> dict[str, object]:
    """Fresh arguments for one call: NumPy arrays for array-like parameters, Python scalars."""
    arrays = {a.name: a for a in effective_arrays(site, overrides)}
    sizes = dict(shape.sizes)
    values: dict[str, object] = {}
    for p in site.params:
        if p.kind is ParamKind.SCALAR:
            if p.name in sizes:
                values[p.name] = sizes[p.name]
            else:
                lo, hi = _value_range(p.elem_type, p.name, overrides)
                values[p.name] = _draw(p.elem_type, 1, lo, hi, rng)[0].item()
            continue
        a = arrays[p.name]
        count = shape.length(p.name)
        dtype = ctype_of(p.elem_type).dtype
        if a.role is ArrayRole.INDEX and a.target in arrays:
            bound = max(shape.length(a.target), 1)
            values[p.name] = rng.integers(0, bound, size=count).astype(dtype)
        elif a.role is ArrayRole.OFFSETS:
            total = shape.length(a.target) if a.target in arrays else AVERAGE_SEGMENT * count
            values[p.name] = _offsets(count, total, dtype, rng)
        else:
            lo, hi = _value_range(p.elem_type, p.name, overrides)
            values[p.name] = _draw(p.elem_type, count, lo, hi, rng)
    return values


def scaled_sizes(names: tuple[str, ...], base: Mapping[str, int], factor: float) -> dict[str, int]:
    """Grow every size variable so that work that is a product of all of them grows ~factor."""
    per_var = factor ** (1.0 / max(len(names), 1))
    return {n: max(1, int(round(base[n] * per_var))) for n in names}


MEDIUM_MAX_ELEMENTS = 1 << 20


def correctness_sizes(
    names: tuple[str, ...],
    fixed: Mapping[str, int],
    largest: Callable[[Mapping[str, int]], int] | None = None,
) -> list[dict[str, int]]:
    """Tiny sizes (1, 7, 33), mixed non-square sizes, an aligned size (96: a multiple of 4 and
    32, so that a `n % 4 == 0` vector path or a whole-warp path is checked too, not only timed),
    and one medium size not a multiple of 32.

    Size variables the user fixed keep their value in every set. `largest(sizes)` is the element
    count of the largest array: the medium set shrinks (odd sizes, none below 33) until that is
    at most MEDIUM_MAX_ELEMENTS, so that `n` of an n x n output stays a medium size too; the
    aligned set halves (multiples of 4) likewise.
    """
    medium_by_count = {1: [100_003], 2: [517, 259], 3: [131, 67, 97]}
    medium = medium_by_count.get(len(names), [33] * len(names))
    mixed = [(33, 7, 1)[i % 3] for i in range(len(names))]
    aligned = [96 if len(names) <= 3 else 32] * len(names)
    sets = [[1] * len(names), [7] * len(names), [33] * len(names), mixed, aligned, medium]
    out: list[dict[str, int]] = []
    for values in sets:
        entry = {n: fixed.get(n, v) for n, v in zip(names, values, strict=True)}
        if values is medium and largest is not None:
            entry = _fitted(entry, fixed, largest, _odd_half)
        if values is aligned and largest is not None:
            entry = _fitted(entry, fixed, largest, _aligned_half)
        if entry not in out:
            out.append(entry)
    return out


def _fitted(
    sizes: dict[str, int], fixed: Mapping[str, int], largest: Callable[[Mapping[str, int]], int],
    halve: Callable[[int], int],
) -> dict[str, int]:
    """`sizes` with every free variable halved (`halve`) until the largest array fits."""
    while largest(sizes) > MEDIUM_MAX_ELEMENTS:
        smaller = {n: (halve(v) if n not in fixed else v) for n, v in sizes.items()}
        if smaller == sizes:
            break
        sizes = smaller
    return sizes


def _odd_half(v: int) -> int:
    return max(33, v // 2) | 1  # the medium set stays odd, never below 33


def _aligned_half(v: int) -> int:
    return max(4, v // 2)  # the aligned set stays a multiple of 4 (96 -> 48 -> ... -> 4)
