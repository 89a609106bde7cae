"""The `regrapht:` annotation mini-language (also used for CLI flag values).

    size n=1000 m=512      positive integer sizes for scalar parameters
    range x=-1:1 idx=0:99  value ranges LO:HI for inputs
    output y z             parameters to treat as outputs
    length col=nnz         element counts (C expressions) for arrays
    capacity out=n * n     the most elements a grown output can hold (C expression)
    unordered out          a grown output compared as a multiset (its order is not fixed)
    range Point.x=-10:10   the value range of one field of a struct

Several directives may share a line, separated by ';'. Comment markers and a leading
`regrapht:` are stripped, so comment text can be passed as is.
"""

from __future__ import annotations

import ast
import re

from regrapht.parse.site import Overrides

ACCEPTED_FORMS = (
    "accepted forms: 'size NAME=INT ...', 'range NAME=LO:HI ...', 'output NAME ...', "
    "'length NAME=EXPR ...', 'capacity NAME=EXPR ...', 'unordered NAME ...'"
)
_NAME = r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)?"  # a parameter, or Struct.field (ranges)
# NAME=VALUE pairs; a value runs until the next NAME= (so `length a=n * m b=k` works).
_PAIR = re.compile(rf"({_NAME})\s*=\s*(.+?)\s*(?=\s{_NAME}\s*=|$)")
_EXPR = re.compile(r"^[\w\s+\-*/%().]+$")
# What a length may be built of: the forms harness/inputs.eval_length computes.
_EXPR_NODES = (ast.Expression, ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.FloorDiv,
               ast.Mod, ast.UnaryOp, ast.USub, ast.Name, ast.Load)


def _well_formed(expr: str) -> bool:
    """`n * m + 1`, `x.size() / 2`: a whole expression (not `n +` or `)`) of those forms."""
    try:
        tree = ast.parse(re.sub(r"\.\s*size\s*\(\s*\)", "__size", expr.strip()), mode="eval")
    except SyntaxError:
        return False
    return all(isinstance(node, _EXPR_NODES)
               or (isinstance(node, ast.Constant) and type(node.value) is int)
               for node in ast.walk(tree))


def _strip_comment(line: str) -> str:
    line = line.strip()
    for marker in ("//", "/*"):
        line = line.removeprefix(marker)
    line = line.strip().removesuffix("*/").strip()
    line = line.removeprefix("*").strip()
    if line.lower().startswith("regrapht:"):
        line = line[len("regrapht:") :]
    return line.strip()


def _pairs(keyword: str, rest: str) -> list[tuple[str, str]]:
    pairs = _PAIR.findall(rest)
    rebuilt = " ".join(f"{n}={v}" for n, v in pairs)
    if not pairs or re.sub(r"\s", "", rebuilt) != re.sub(r"\s", "", rest):
        raise ValueError(
            f"'{keyword} {rest}': expected NAME=VALUE pairs after '{keyword}'; {ACCEPTED_FORMS}"
        )
    return pairs


def _directive(directive: str, into: dict[str, dict]) -> None:
    keyword, _, rest = directive.partition(" ")
    keyword, rest = keyword.strip().lower(), rest.strip()
    if keyword not in ("size", "range", "output", "length", "capacity", "unordered"):
        raise ValueError(f"unknown directive '{keyword}' in '{directive}'; {ACCEPTED_FORMS}")
    if not rest:
        raise ValueError(f"'{keyword}' needs at least one entry; {ACCEPTED_FORMS}")
    if keyword in ("output", "unordered"):
        for name in re.split(r"[\s,]+", rest):
            if not re.fullmatch(r"[A-Za-z_]\w*", name):
                raise ValueError(f"'{keyword} {rest}': '{name}' is not a parameter name")
            into[keyword][name] = name
        return
    for name, value in _pairs(keyword, rest):
        if keyword == "size":
            try:
                size = int(value.replace("_", ""))
            except ValueError:
                size = -1
            if size < 1:
                raise ValueError(f"'size {name}={value}': a size must be a positive integer")
            into["size"][name] = (name, size)
        elif keyword == "range":
            low, sep, high = value.partition(":")
            try:
                bounds = (float(low), float(high))
            except ValueError:
                bounds = (1.0, 0.0)
            if not sep or bounds[0] > bounds[1]:
                raise ValueError(
                    f"'range {name}={value}': expected LO:HI with numbers and LO <= HI, "
                    "e.g. 'range x=-1:1'"
                )
            into["range"][name] = (name, *bounds)
        else:
            if not _EXPR.match(value) or not _well_formed(value) or "." in name:
                raise ValueError(
                    f"'{keyword} {name}={value}': a {keyword} must be a C expression over "
                    "parameter names, integers, + - * / and v.size()"
                )
            into[keyword][name] = (name, re.sub(r"\s+", " ", value))


def parse_overrides(text: str) -> Overrides:
    """Parse annotation or flag text into Overrides; ValueError says what is wrong."""
    into: dict[str, dict] = {key: {} for key in ("size", "range", "output", "length",
                                                 "capacity", "unordered")}
    for line in text.splitlines():
        for directive in _strip_comment(line).split(";"):
            directive = directive.strip()
            if directive:
                _directive(directive, into)
    return Overrides(
        sizes=tuple(into["size"].values()),
        ranges=tuple(into["range"].values()),
        outputs=tuple(into["output"].values()),
        lengths=tuple(into["length"].values()),
        capacities=tuple(into["capacity"].values()),
        unordered=tuple(into["unordered"].values()),
    )
