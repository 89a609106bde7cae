"""Checks of `parallelize`'s inputs before any work, each a ValueError with one clear message.

The test-input flags (`--size`, `--range`, `--length`) are checked against the function once
it is parsed: a name it does not have, a size its type cannot hold, or a length over names
that are not its parameters would otherwise surface minutes later as a child's traceback (or
not at all: an unknown `--size` was ignored). The same rules hold for `// regrapht:` comments,
which the README calls an error when they name a parameter that does not exist.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import numpy as np

from regrapht.harness.ctypes_map import ctype_of
from regrapht.parse import CodeSite, Overrides, ParamKind

_IDENT = re.compile(r"(?<![\w.])([A-Za-z_]\w*)(\s*\.\s*size\s*\(\s*\))?")


def check_time_limit(seconds: float | None) -> None:
    if seconds is not None and not (math.isfinite(seconds) and seconds > 0):
        raise ValueError(f"--time-limit wants a positive, finite number of seconds, got "
                         f"{seconds}")


def read_source(path: Path) -> str:
    """The file's text: UTF-8, or Latin-1 where it is not (a byte such as 0xe9 in a comment of
    an older file is harmless, and every byte decodes as Latin-1, so nothing is refused)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _integer_limit(elem_type: str) -> int | None:
    """The largest value of an integer C type, None for a type that is not an integer."""
    try:
        t = ctype_of(elem_type)
    except (KeyError, ValueError):
        return None
    if t.is_float or t.dtype == np.bool_:
        return None
    return int(np.iinfo(t.dtype).max)


def _parameters(site: CodeSite) -> str:
    return ", ".join(p.name for p in site.params) or "none"


def _problem(site: CodeSite, name: str, what: str) -> str:
    return f"{site.name} has no parameter '{name}'{what} (its parameters: {_parameters(site)})"


def check_overrides(site: CodeSite, overrides: Overrides, origin: str) -> None:
    """Raise ValueError when `size`, `range` or `length` names what `site` does not have.
    `origin` says where they came from: '--' for flags, '// regrapht: ' for comments."""
    params = {p.name: p for p in site.params}
    for name, value in overrides.sizes:
        stated = f"{origin}size {name}={value}"
        p = params.get(name)
        if p is None:
            raise ValueError(f"{stated}: {_problem(site, name, '')}")
        limit = _integer_limit(p.elem_type) if p.kind is ParamKind.SCALAR else None
        if limit is None:
            raise ValueError(f"{stated}: '{p.c_type} {name}' is not an integer parameter; a "
                             "size gives the value of an integer parameter")
        if value > limit:
            raise ValueError(f"{stated}: too large for '{p.c_type} {name}' (at most {limit})")
    for name, _, _ in overrides.ranges:
        struct, dot, field = name.partition(".")
        if dot:
            found = site.struct(struct)
            if found is None or field not in {f.name for f in found.fields}:
                structs = ", ".join(f"{s.name} ({', '.join(f.name for f in s.fields)})"
                                    for s in site.structs) or "none"
                raise ValueError(f"{origin}range {name}=...: {site.name}'s parameters use no "
                                 f"struct field {name} (structs and fields: {structs})")
        elif name not in params:
            raise ValueError(f"{origin}range {name}=...: {_problem(site, name, '')}")
    for keyword, entries in (("length", overrides.lengths), ("capacity", overrides.capacities)):
        for name, expr in entries:
            for ident, _ in _IDENT.findall(expr):
                if ident not in params:
                    raise ValueError(f"{origin}{keyword} {name}={expr}: "
                                     f"{_problem(site, ident, ' to compute it from')}")
