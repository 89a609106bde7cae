"""How a function uses its array-like parameters: reads, writes, growth, lengths and roles.

Everything here works on the target function's body. Which uses read, write or grow an array
is decided in accesses.py (conservatively: an array handed to a call that is not known to be
read-only is read and written unless it is const); lengths come from subscripts and loop
ranges (lengths.py), roles from how values are used as indices or loop bounds.
"""

from __future__ import annotations

from collections.abc import Collection

from tree_sitter import Node

from regrapht.parse import lengths
from regrapht.parse.accesses import (
    ARRAY_KINDS,
    Access,
    collect_accesses,
    read_before_growth,
    unwrap,
)
from regrapht.parse.loops import Header, subscript_parts
from regrapht.parse.nodes import text, walk
from regrapht.parse.params import is_integer
from regrapht.parse.site import ArrayInfo, ArrayRole, Param, ParamKind

# Kinds that know their own length (`v.size()`), which can therefore be a size variable.
SIZED_KINDS = (ParamKind.VECTOR, ParamKind.STRING, ParamKind.STRINGS)


def _enclosing_loops(node: Node, headers: dict[int, Header]) -> list[Header]:
    """Headers of the loops around `node` whose body contains it, outermost first."""
    chain: list[Header] = []
    child, parent = node, node.parent
    while parent is not None:
        if parent.id in headers and parent.child_by_field_name("body") == child:
            chain.append(headers[parent.id])
        child, parent = parent, parent.parent
    return list(reversed(chain))


def _loop_env(chain: list[Header], env: lengths.Env) -> lengths.Env:
    env = dict(env)
    for header in chain:
        if header.var is None or header.start is None or header.bound_node is None:
            continue
        start = lengths.evaluate(header.start, env)
        bound = lengths.evaluate(header.bound_node, env)
        if start is None or bound is None:
            env.pop(header.var, None)
            continue
        if header.descending:
            low, high = bound[0] + header.bound_offset, start[1]
        else:
            low, high = start[0], bound[1] - 1 + header.bound_offset
        if low > high:
            env.pop(header.var, None)
        else:
            env[header.var] = (low, high)
    return env


def size_variables(params: tuple[Param, ...]) -> list[str]:
    """Names that can stand for sizes: integer scalars and `v.size()` of vectors."""
    names = [p.name for p in params if p.kind == ParamKind.SCALAR and is_integer(p.elem_type)]
    return names + [f"{p.name}.size()" for p in params if p.kind in SIZED_KINDS]


def array_length(
    accesses: list[Access], param: Param, variables: list[str], headers: dict[int, Header]
) -> str | None:
    """The element count as a C expression, or None when no access pins it down."""
    if param.kind == ParamKind.SCALAR_REF:
        return "1"
    trials = lengths.trial_values(variables)
    counts = [0] * len(trials)
    any_known = any_unknown = False
    for access in accesses:
        if access.index is None and not access.constant_zero:
            continue
        highs = []
        for t, values in enumerate(trials):
            if access.constant_zero:
                highs.append(0)
                continue
            env = _loop_env(
                _enclosing_loops(access.node, headers), {k: (v, v) for k, v in values.items()}
            )
            assert access.index is not None
            interval = lengths.evaluate(access.index, env)
            if interval is None or interval[0] < 0:
                break
            highs.append(interval[1] - 1 if access.exclusive else interval[1])
            del t
        if len(highs) != len(trials):
            any_unknown = True
            continue
        any_known = True
        counts = [max(c, h + 1) for c, h in zip(counts, highs, strict=True)]
    found = lengths.match(counts, variables, trials) if any_known else None
    if found is not None and found.isdigit() and any_unknown and param.kind in SIZED_KINDS:
        # `level[0] = 0` beside `level[v]`: the constant says nothing of a vector's length,
        # which is then its own size variable
        return None
    return found


def _aliases(body: Node, arrays: set[str]) -> dict[str, str]:
    """Locals that hold an element of an array parameter: `int c = col[j];` -> {c: col}."""
    aliases: dict[str, str] = {}
    for node in walk(body):
        if node.type == "init_declarator":
            name, value = node.child_by_field_name("declarator"), node.child_by_field_name("value")
        elif (
            node.type == "assignment_expression"
            and text(node.child_by_field_name("operator")) == "="
        ):
            name, value = node.child_by_field_name("left"), node.child_by_field_name("right")
        else:
            continue
        if name is None or value is None or name.type != "identifier":
            continue
        parts = subscript_parts(unwrap(value))
        if parts is not None and parts[0] in arrays:
            aliases[text(name)] = parts[0]
    return aliases


def _source_array(node: Node, arrays: set[str], aliases: dict[str, str]) -> str | None:
    """The array whose element `node` is (directly or through an alias local)."""
    node = unwrap(node)
    parts = subscript_parts(node)
    if parts is not None and parts[0] in arrays:
        return parts[0]
    if node.type == "identifier":
        return aliases.get(text(node))
    return None


def roles(
    body: Node, params: tuple[Param, ...], loops: list[tuple[Node, Header]]
) -> dict[str, tuple[ArrayRole, str | None]]:
    """INDEX / OFFSETS roles (with targets) for arrays whose values are indices or offsets."""
    arrays = {
        p.name for p in params if p.kind in (ParamKind.POINTER, ParamKind.ARRAY, ParamKind.VECTOR)
    }
    aliases = _aliases(body, arrays)
    index_of: dict[str, str] = {}
    for node in walk(body):
        parts = subscript_parts(node)
        if parts is None or parts[0] not in arrays:
            continue
        source = _source_array(parts[1], arrays, aliases)
        if source is not None and source != parts[0]:
            index_of.setdefault(source, parts[0])
    found: dict[str, tuple[ArrayRole, str | None]] = {}
    for loop, header in loops:  # offsets win: row_ptr[i] may also look like an index
        if header.var is None:
            continue
        bounds = [n for n in (header.start, header.bound_node) if n is not None]
        sources = {s for n in bounds if (s := _source_array(n, arrays, aliases)) is not None}
        if not sources:
            continue
        body_node = loop.child_by_field_name("body")
        targets = []
        for node in walk(body_node) if body_node is not None else []:
            parts = subscript_parts(node)
            if parts is not None and parts[0] in arrays and parts[0] not in sources:
                ids = {text(n) for n in walk(parts[1]) if n.type == "identifier"}
                if header.var in ids:
                    targets.append(parts[0])
        # Prefer an index array (col in val[j] * x[col[j]]): its values need the offsets most.
        preferred = [t for t in targets if t in index_of] or targets
        for source in sources:
            found.setdefault(source, (ArrayRole.OFFSETS, preferred[0] if preferred else None))
    for source, target in index_of.items():
        found.setdefault(source, (ArrayRole.INDEX, target))
    return found


def describe_arrays(
    body: Node,
    params: tuple[Param, ...],
    loops: list[tuple[Node, Header]],
    helpers: Collection[str] = (),
) -> tuple[ArrayInfo, ...]:
    """One ArrayInfo per array-like parameter, in parameter order.

    `helpers` (the same-file functions called) needs no special treatment any more: an array
    handed to any call that is not known to be read-only is taken as read and written.
    """
    del helpers
    accesses = collect_accesses(body, params)
    headers = {loop.id: header for loop, header in loops}
    variables = size_variables(params)
    role_of = roles(body, params, loops)
    infos = []
    for param in params:
        if param.kind not in ARRAY_KINDS:
            continue
        uses = accesses[param.name]
        role, target = role_of.get(param.name, (ArrayRole.DATA, None))
        grows = any(a.grows for a in uses)
        infos.append(
            ArrayInfo(
                name=param.name,
                read=read_before_growth(uses),
                written=any(a.written for a in uses)
                and not (param.is_const and param.kind != ParamKind.SCALAR_REF),
                # a grown output's length comes from the reference at run time
                length=None if grows else array_length(uses, param, variables, headers),
                role=role,
                target=target,
                grows=grows,
            )
        )
    return tuple(infos)
