"""Element counts of arrays, derived from subscripts and loop ranges.

Each size variable (integer scalar parameter, or `v.size()` of a vector parameter) gets a few
distinct prime values; loop variables become intervals over their loops' ranges; the largest
index of every subscript is evaluated with interval arithmetic. The simplest candidate
expression (`n`, `n + 1`, `n * m`, ...) that matches `max index + 1` under every assignment is
the length. No match, or an index we cannot evaluate, gives no length from that access.
"""

from __future__ import annotations

import itertools
import re

from tree_sitter import Node

from regrapht.parse.nodes import strip_parens, text

Interval = tuple[int, int]
Env = dict[str, Interval]

# Distinct primes, one row per trial assignment; rotating rows keeps variables apart.
_PRIMES = (37, 53, 101, 131, 167, 199, 233, 263, 307, 347)
TRIALS = 3


def trial_values(variables: list[str]) -> list[dict[str, int]]:
    """TRIALS assignments of distinct primes to the size variables."""
    rows = []
    for t in range(TRIALS):
        rows.append({v: _PRIMES[(i * 3 + t * 4) % len(_PRIMES)] for i, v in enumerate(variables)})
    return rows


def _number(literal: str) -> int | None:
    digits = re.sub(r"[uUlL]+$", "", literal)
    try:
        return int(digits, 0)
    except ValueError:
        return None


def evaluate(node: Node, env: Env) -> Interval | None:
    """[min, max] of an integer expression, or None when it depends on unknown things."""
    node = strip_parens(node)
    kind = node.type
    if kind == "number_literal":
        value = _number(text(node))
        return None if value is None else (value, value)
    if kind == "identifier":
        return env.get(text(node))
    if kind == "call_expression":  # v.size()
        return env.get(re.sub(r"\s+", "", text(node)))
    if kind == "cast_expression":
        operand = node.child_by_field_name("value")
        return evaluate(operand, env) if operand is not None else None
    if kind == "unary_expression":
        arg = node.child_by_field_name("argument")
        inner = evaluate(arg, env) if arg is not None else None
        op = text(node.child_by_field_name("operator"))
        if inner is None or op not in ("-", "+"):
            return None
        return (-inner[1], -inner[0]) if op == "-" else inner
    if kind == "binary_expression":
        left_node = node.child_by_field_name("left")
        right_node = node.child_by_field_name("right")
        if left_node is None or right_node is None:
            return None
        left, right = evaluate(left_node, env), evaluate(right_node, env)
        if left is None or right is None:
            return None
        return _combine(text(node.child_by_field_name("operator")), left, right)
    return None


def _combine(op: str, a: Interval, b: Interval) -> Interval | None:
    if op == "+":
        return a[0] + b[0], a[1] + b[1]
    if op == "-":
        return a[0] - b[1], a[1] - b[0]
    if op == "*":
        products = [x * y for x in a for y in b]
        return min(products), max(products)
    if op in ("/", ">>", "%") and b[0] > 0:
        if op == "%":
            return (0, b[1] - 1) if a[0] >= 0 else None
        if op == "/":
            quotients = [int(x / y) for x in a for y in b]
        else:
            quotients = [x >> y for x in a for y in b]
        return min(quotients), max(quotients)
    if op == "<<" and b[0] >= 0:
        shifted = [x << y for x in a for y in b]
        return min(shifted), max(shifted)
    return None


def candidates(variables: list[str]) -> list[str]:
    """Candidate length expressions, simplest first."""
    out = list(variables)
    for c in (1, 2):
        out += [f"{p} + {c}" for p in variables] + [f"{p} - {c}" for p in variables]
    pairs = list(itertools.combinations(variables, 2))
    out += [f"{p} * {q}" for p, q in pairs] + [f"{p} * {p}" for p in variables]
    for c in (1, 2):
        out += [f"{p} * {q} + {c}" for p, q in pairs]
    for c in (1, 2):
        out += [f"({p} + {c}) * ({q} + {c})" for p, q in pairs]
        out += [f"({p} + {c}) * ({p} + {c})" for p in variables]
    return out


def _value(expr: str, values: dict[str, int]) -> int:
    """Evaluate a candidate (only names, + - *, parentheses and small integers)."""
    for name in sorted(values, key=len, reverse=True):
        expr = expr.replace(name, f"({values[name]})")
    return int(eval(expr, {"__builtins__": {}}, {}))  # noqa: S307 - our own candidate strings


def match(counts: list[int], variables: list[str], trials: list[dict[str, int]]) -> str | None:
    """The simplest candidate for `counts[t]` (max index + 1 under trial t) in every trial.

    Exact matches without subtraction win; then a subtraction-free candidate slightly above the
    count (a stencil's `v[i]`, 1 <= i < n - 1, gets "n", a 2-D interior gets "n * m": a
    boundary row or column the function skips is still part of the array); then exact
    matches with subtraction.
    """
    if len(set(counts)) == 1 and counts[0] <= 16:
        return str(counts[0])  # a constant count such as out[0]
    exprs = candidates(variables)
    plain = [e for e in exprs if " - " not in e]
    values = {e: [_value(e, trials[t]) for t in range(len(trials))] for e in exprs}
    for expr in plain:
        if values[expr] == counts:
            return expr
    for expr in plain:
        slack = [v - c for v, c in zip(values[expr], counts, strict=True)]
        limits = [2 * max(trial.values(), default=0) + 2 for trial in trials]
        if all(0 <= s <= lim for s, lim in zip(slack, limits, strict=True)):
            return expr
    for expr in exprs:
        if values[expr] == counts:
            return expr
    return None
