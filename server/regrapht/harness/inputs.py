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
from typing import Any

import numpy as np

from regrapht.harness.ctypes_map import ctype_of
from regrapht.harness.layout import element
from regrapht.parse import ArrayInfo, ArrayRole, CodeSite, Overrides, ParamKind
from regrapht.parse.analysis import SIZED_KINDS

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


SIZE_CALL_NAMES = re.compile(r"\b([A-Za-z_]\w*)\s*\.\s*size\s*\(\s*\)")


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
    """The parser's arrays with the user's `output` and `length` statements applied, and the
    length of containers that nothing states (see below)."""
    lengths = dict(overrides.lengths)
    unknown = (set(overrides.outputs) | set(lengths) | set(dict(overrides.capacities))
               | set(overrides.unordered)) - {a.name for a in site.arrays}
    if unknown:
        raise ValueError(
            f"annotation names {', '.join(sorted(unknown))}, which is not an array parameter "
            f"of {site.name} (arrays: {', '.join(a.name for a in site.arrays) or 'none'})"
        )
    out = []
    first_free: str | None = None  # the first container whose length nothing states
    stated = " ".join([*(a.length or "" for a in site.arrays), *lengths.values()])
    own_size = {m for m in SIZE_CALL_NAMES.findall(stated)}  # `v.size()` named elsewhere
    own_size |= {a.target for a in site.arrays if a.role is ArrayRole.OFFSETS and a.target}
    for a in site.arrays:
        written = a.written or a.name in overrides.outputs
        length = lengths.get(a.name, a.length)
        if length is not None and site.param(a.name).extent == length:
            length = extent_value(site, length)
        if (length is None and not a.grows and site.param(a.name).kind in SIZED_KINDS
                and a.name not in own_size):
            # A vector the code only walks whole (range-for, std::transform...) has the length
            # of the first such vector: `y` of transform(x.begin(), x.end(), y.begin(), f) must
            # be as long as `x`. A `length` annotation says otherwise.
            if first_free is None:
                first_free = a.name
            else:
                length = f"{first_free}.size()"
        out.append(
            ArrayInfo(a.name, a.read, written, length, a.role, a.target, a.grows)
            if (written, length) != (a.written, a.length)
            else a
        )
    return tuple(out)


def extent_value(site: CodeSite, extent: str) -> str:
    """A type's element count as a number: `8`, or a `#define N 8` / `constexpr int N = 8;`
    of the file (the reference and the CUDA version see the same value)."""
    if re.fullmatch(r"\d+[uUlL]*", extent):
        return extent.rstrip("uUlL")
    for item in site.context:
        if item.name == extent:
            found = re.search(rf"\b{re.escape(extent)}\b\s*=?\s*\(?\s*(\d+)[uUlL]*\s*\)?\s*;?\s*$",
                              item.text.strip())
            if found:
                return found.group(1)
    raise ValueError(f"the element count '{extent}' of a fixed-size array parameter is not a "
                     "number or a #define / constexpr constant of the file with a literal value")


def capacity(overrides: Overrides, a: ArrayInfo, lengths: Mapping[str, int],
             env: Mapping[str, int], grown: set[str]) -> int:
    """The bound a grown output's buffer gets: `capacity NAME=EXPR`, else the largest length of
    the arrays that do not grow (a filter keeps at most all of its input), as in the drop-in
    wrapper (`capacity_exprs`)."""
    stated = dict(overrides.capacities).get(a.name)
    if stated is not None:
        return max(1, eval_length(stated, env))
    return max([n for name, n in lengths.items() if name not in grown], default=1) or 1


def capacity_exprs(site: CodeSite, overrides: Overrides, a: ArrayInfo,
                   arrays: tuple[ArrayInfo, ...]) -> list[str]:
    """The same bound as C expressions over the parameters, whose largest it is (for the
    drop-in wrapper): the stated capacity, else the other arrays' lengths (a container whose
    length is a size variable: its `.size()`)."""
    stated = dict(overrides.capacities).get(a.name)
    if stated is not None:
        return [stated]
    lengths = []
    for b in arrays:
        if b.name == a.name or b.grows:
            continue
        if b.length:
            lengths.append(b.length)
        elif site.param(b.name).kind in SIZED_KINDS:
            lengths.append(f"{b.name}.size()")
    return lengths or ["1"]


def count_key(name: str) -> str:
    """The values entry holding a grown output's element count (a one-element uint64 array)."""
    return f"{name}.count"


def offsets_key(name: str) -> str:
    """The values entry holding the offsets of a std::vector<std::string>'s characters."""
    return f"{name}.offsets"


def bound_problem(site: CodeSite, overrides: Overrides, values: Mapping[str, Any],
                  sizes: Mapping[str, int]) -> str:
    """'' when every grown output of a reference call fits its buffer; else what to write."""
    for a in effective_arrays(site, overrides):
        if not a.grows:
            continue
        count, room = int(values[count_key(a.name)][0]), int(values[a.name].shape[0])
        if count > room:
            stated = dict(overrides.capacities).get(a.name)
            bound = f"its bound {stated}" if stated else "the largest input length, its bound"
            return (f"the sequential code grows '{a.name}' to {count} elements at sizes "
                    f"{dict(sizes)}, more than {bound} ({room}); state the most it can hold "
                    f"with `// regrapht: capacity {a.name}=EXPR` (e.g. n * n)")
    return ""


def apply_counts(site: CodeSite, arrays: tuple[ArrayInfo, ...], values: dict[str, Any]) -> str:
    """Cut every grown output to the count its call left; '' or what is wrong (a count beyond
    the buffer). Works on NumPy and CuPy arrays alike."""
    for a in arrays:
        if not a.grows:
            continue
        count = int(values[count_key(a.name)][0])
        room = int(values[a.name].shape[0])
        if count > room:
            return (f"output '{a.name}' claims {count} elements, more than the {room} its "
                    "buffer holds")
        values[a.name] = values[a.name][:count]
    return ""


def size_variables(site: CodeSite, overrides: Overrides) -> tuple[str, ...]:
    """Names whose values fix every length: size parameters, then free vector sizes."""
    names = list(site.size_params)
    arrays = effective_arrays(site, overrides)
    scalars = {p.name: p for p in site.params if p.kind is ParamKind.SCALAR}
    stated = " ".join(e for _, e in overrides.capacities)
    for text in [a.length or "" for a in arrays] + [stated]:
        # integer scalars a `length` or `capacity` annotation names are sizes too
        for ident in re.findall(r"(?<![\w.])[A-Za-z_]\w*", text):
            p = scalars.get(ident)
            if p is not None and element(site, p.elem_type).kind == "arith" \
                    and not ctype_of(p.elem_type).is_float:
                names.append(ident)
    for a in arrays:
        if site.param(a.name).kind in SIZED_KINDS and not a.grows and (
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
        kind = site.param(a.name).kind
        if a.grows:
            continue  # bounded below, once every other length is known
        if kind is ParamKind.SCALAR_REF:
            lengths[a.name] = 1
        elif a.length is not None:
            lengths[a.name] = max(0, eval_length(a.length, env))
        elif kind in SIZED_KINDS and f"{a.name}.size()" in env:
            lengths[a.name] = max(0, env[f"{a.name}.size()"])  # its size is a size variable
        if kind in SIZED_KINDS and a.name in lengths:
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
    grown = {a.name for a in arrays if a.grows}
    for a in arrays:
        if a.grows:
            lengths[a.name] = capacity(overrides, a, lengths, env, grown)
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
    stated = _annotated(name, overrides)
    if stated is not None:
        return stated
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


STRING_SPACE_SHARE = 0.15  # of the characters of a generated std::string
WORD_LENGTHS = (1, 8)  # letters per string of a std::vector<std::string>


def _annotated(name: str, overrides: Overrides) -> tuple[float, float] | None:
    for key, lo, hi in overrides.ranges:
        if key == name:
            return lo, hi
    return None


def _letters(count: int, byte_range: tuple[float, float] | None, spaces: bool,
             rng: np.random.Generator) -> np.ndarray:
    """Bytes of text: letters a-z with spaces between, or bytes in the annotated range."""
    if byte_range is None:
        out = rng.integers(ord("a"), ord("z"), size=count, endpoint=True).astype(np.uint8)
        if spaces:
            out[rng.random(count) < STRING_SPACE_SHARE] = ord(" ")
        return out
    lo, hi = byte_range
    return rng.integers(int(lo), int(hi), size=count, endpoint=True).astype(np.uint8)


def _field_range(struct: str, field: str, param: str, elem_type: str,
                 overrides: Overrides) -> tuple[float, float]:
    """`range Struct.field=LO:HI` first, then `range param=LO:HI`, then the type's default."""
    for key, lo, hi in overrides.ranges:
        if key == f"{struct}.{field}":
            return lo, hi
    return _value_range(elem_type, param, overrides)


def draw_values(site: CodeSite, elem_type: str, count: int, param: str, overrides: Overrides,
                rng: np.random.Generator) -> np.ndarray:
    """`count` random elements of any element type regrapht marshals."""
    e = element(site, elem_type)
    if e.kind == "complex":
        lo, hi = _value_range("double", param, overrides)
        return _draw_field(site, elem_type, count, lo, hi, rng)
    if e.kind == "struct":
        struct = site.struct(elem_type)
        assert struct is not None
        out = np.zeros(count, dtype=e.dtype)
        for f in struct.fields:
            lo, hi = _field_range(struct.name, f.name, param, f.elem_type
                                  if f.elem_type not in ("complex<float>", "complex<double>")
                                  else "double", overrides)
            sub = _draw_field(site, f.elem_type, count * f.count, lo, hi, rng)
            out[f.name] = sub.reshape(out[f.name].shape)
        return out
    lo, hi = _value_range(elem_type, param, overrides)
    return _draw(elem_type, count, lo, hi, rng)


def _draw_field(site: CodeSite, elem_type: str, count: int, lo: float, hi: float,
                rng: np.random.Generator) -> np.ndarray:
    if elem_type in ("complex<float>", "complex<double>"):
        dtype = element(site, elem_type).dtype
        real = np.float32 if dtype == np.complex64 else np.float64
        return rng.uniform(lo, hi, size=2 * count).astype(real).view(dtype)
    return _draw(elem_type, count, lo, hi, rng)


def _strings(count: int, byte_range: tuple[float, float] | None,
             rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """`count` words as (characters, offsets): word i is chars[offsets[i]:offsets[i + 1]]."""
    sizes = rng.integers(WORD_LENGTHS[0], WORD_LENGTHS[1], size=count, endpoint=True)
    offsets = np.concatenate(([0], np.cumsum(sizes))).astype(np.uint64)
    return _letters(int(offsets[-1]), byte_range, False, rng), offsets


def make_inputs(
    site: CodeSite, overrides: Overrides, shape: Shape, rng: np.random.Generator
) -> dict[str, object]:
    """Fresh arguments for one call: NumPy arrays for array-like parameters (and for scalars of
    complex or struct type, as one element), Python scalars for arithmetic ones; grown outputs
    get a buffer of their bound plus a zero count (`count_key`), vectors of strings their
    offsets (`offsets_key`)."""
    arrays = {a.name: a for a in effective_arrays(site, overrides)}
    sizes = dict(shape.sizes)
    values: dict[str, object] = {}
    for p in site.params:
        if p.kind is ParamKind.SCALAR:
            if p.name in sizes:
                values[p.name] = sizes[p.name]
            elif element(site, p.elem_type).kind != "arith":
                values[p.name] = draw_values(site, p.elem_type, 1, p.name, overrides, rng)
            else:
                lo, hi = _value_range(p.elem_type, p.name, overrides)
                values[p.name] = _draw(p.elem_type, 1, lo, hi, rng)[0].item()
            continue
        a = arrays[p.name]
        count = shape.length(p.name)
        if p.kind in (ParamKind.STRING, ParamKind.STRINGS):
            byte_range = _annotated(p.name, overrides)
            if p.kind is ParamKind.STRINGS:
                values[p.name], values[offsets_key(p.name)] = _strings(count, byte_range, rng)
            else:
                values[p.name] = _letters(count, byte_range, True, rng)
        elif element(site, p.elem_type).kind != "arith":
            values[p.name] = draw_values(site, p.elem_type, count, p.name, overrides, rng)
        elif a.role is ArrayRole.INDEX and a.target in arrays:
            bound = max(shape.length(a.target), 1)
            dtype = ctype_of(p.elem_type).dtype
            values[p.name] = rng.integers(0, bound, size=count).astype(dtype)
        elif a.role is ArrayRole.OFFSETS:
            total = shape.length(a.target) if a.target in arrays else AVERAGE_SEGMENT * count
            values[p.name] = _offsets(count, total, ctype_of(p.elem_type).dtype, rng)
        else:
            lo, hi = _value_range(p.elem_type, p.name, overrides)
            values[p.name] = _draw(p.elem_type, count, lo, hi, rng)
        if a.grows:
            values[count_key(p.name)] = np.zeros(1, dtype=np.uint64)
    return values


def copy_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """A copy a call may change without touching `values` (arrays copied, scalars shared)."""
    return {k: (v.copy() if isinstance(v, np.ndarray) else v) for k, v in values.items()}


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
