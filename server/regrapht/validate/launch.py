"""Fixed-interface mode on the GPU without a host launcher: one `__global__` function, compiled
by NVRTC (CuPy `RawModule`, in the GPU child) and launched from Python with the task's grid and
block expressions. No CuPy here: this module describes the launch and evaluates its geometry.

Grid and block are C expressions over the function's parameters, e.g. `(n + 255) / 256`,
`dim3((cols + 15) / 16, (rows + 15) / 16)` or `v.size()`; so are bound kernel arguments
(`--bind N=x.size()`). They are evaluated with C's integer arithmetic (division truncates toward
zero), never with `eval`.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass

from regrapht.harness.shim import size_names

# Host headers NVRTC does not ship: the kernel needs none of them (NVRTC has the device
# built-ins, math functions and printf).
HOST_HEADERS = re.compile(
    r"^[ \t]*#[ \t]*include[ \t]*[<\"](cstdio|cstdlib|cstring|cmath|cstdint|cassert|"
    r"stdio\.h|stdlib\.h|string\.h|math\.h|stdint\.h|assert\.h|vector|algorithm|iostream|"
    r"cuda_runtime\.h|cuda_runtime_api\.h|cuda\.h|device_launch_parameters\.h)[>\"][^\n]*$",
    re.MULTILINE,
)


class GeometryError(ValueError):
    """A grid or block expression that cannot be evaluated (names the expression and why)."""


@dataclass(frozen=True)
class KernelLaunch:
    """One kernel launched as the task fixes it (generate/interface.py's LaunchPlan)."""

    source: str  # the answer's device code, host-only includes removed (nvrtc_source)
    name: str  # the `__global__` function
    # per kernel parameter, in launcher terms: an array parameter's name, or a C expression
    # over the scalar parameters and `<vector>_size` (`x_size`, `n * m`)
    args: tuple[str, ...]
    grid: str  # C expression: int or dim3(...)
    block: str
    # each scalar kernel parameter's C type, so CuPy passes the bytes the kernel expects
    # ("": a pointer, or a type to take from the function's parameter of the same name)
    types: tuple[str, ...] = ()
    # a value-returning function: the kernel parameter (index) that points to the value, the
    # element type there and what it holds before the launch (a C expression, as `args`)
    result: int | None = None
    result_type: str = ""
    initial: str = "0"


def nvrtc_source(code: str) -> str:
    """The code NVRTC compiles: host-only includes removed (kept as comments, so line numbers
    in NVRTC's messages still match the answer)."""
    return HOST_HEADERS.sub(lambda m: "// (host header, not needed by NVRTC) "
                            + m.group(0).strip(), code)


_CAST = re.compile(r"\(\s*(?:unsigned|int|unsigned int|size_t|long|long long)\s*\)")
_SUFFIX = re.compile(r"\b(\d+)[uUlL]+\b")


def _c_div(a: int | float, b: int | float) -> int | float:
    if isinstance(a, int) and isinstance(b, int):
        if b == 0:
            raise GeometryError("division by zero")
        q = abs(a) // abs(b)
        return q if (a >= 0) == (b >= 0) else -q
    return a / b


def _value(node: ast.AST, env: Mapping[str, int | float]) -> int | float | tuple:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in env:
            raise GeometryError(f"'{node.id}' is not a parameter of the function "
                                f"(known: {', '.join(sorted(env))})")
        return env[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        v = _scalar(node.operand, env)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.BinOp):
        a, b = _scalar(node.left, env), _scalar(node.right, env)
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
        if isinstance(node.op, ast.Div):
            return _c_div(a, b)
        if isinstance(node.op, ast.Mod) and isinstance(a, int) and isinstance(b, int) and b:
            return a - b * int(_c_div(a, b))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        values = [_scalar(arg, env) for arg in node.args]
        if node.func.id == "dim3" and 1 <= len(values) <= 3:
            return tuple(int(v) for v in values)
        if node.func.id in ("min", "max") and len(values) == 2:
            return min(values) if node.func.id == "min" else max(values)
    raise GeometryError(f"unsupported construct '{ast.unparse(node)}'")


def _scalar(node: ast.AST, env: Mapping[str, int | float]) -> int | float:
    value = _value(node, env)
    if isinstance(value, tuple):
        raise GeometryError("dim3(...) inside arithmetic")
    return value


def _evaluate(expr: str, env: Mapping[str, int | float]) -> int | float | tuple:
    text = _SUFFIX.sub(r"\1", _CAST.sub("", size_names(expr))).strip()
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise GeometryError(f"cannot read '{expr}' as a C expression") from None
    try:
        return _value(tree.body, env)
    except GeometryError as exc:
        raise GeometryError(f"cannot evaluate '{expr}': {exc}") from None


def scalar(expr: str, env: Mapping[str, int | float]) -> int | float:
    """A bound kernel argument's value (`x.size()`, `n * m`), with C's integer arithmetic."""
    value = _evaluate(expr, env)
    if isinstance(value, tuple):
        raise GeometryError(f"'{expr}' is a dim3, not a value")
    return value


def geometry(expr: str, env: Mapping[str, int | float]) -> tuple[int, ...]:
    """A grid or block expression's value as CuPy takes it: (x,) or (x, y) or (x, y, z)."""
    value = _evaluate(expr, env)
    dims = value if isinstance(value, tuple) else (int(value),)
    if any(d <= 0 for d in dims):
        raise GeometryError(f"'{expr}' is {dims} for these sizes ({dict(env)}): every "
                            "dimension must be at least 1")
    return dims
