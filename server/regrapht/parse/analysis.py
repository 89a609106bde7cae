"""How a function uses its array-like parameters: reads, writes, lengths and roles.

Everything here works on the target function's body; calls into same-file helpers that take
an array are treated conservatively (read, and written unless the array is const).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tree_sitter import Node

from regrapht.parse import lengths
from regrapht.parse.loops import Header, subscript_parts
from regrapht.parse.nodes import strip_parens, text, walk
from regrapht.parse.params import is_integer
from regrapht.parse.site import ArrayInfo, ArrayRole, Param, ParamKind

ARRAY_KINDS = (ParamKind.POINTER, ParamKind.ARRAY, ParamKind.VECTOR, ParamKind.SCALAR_REF)
_WRITES_FIRST_ARG = {"memcpy", "memmove", "memset"}


@dataclass
class Access:
    """One use of an array parameter: `a[index]` (index None for whole-array uses)."""

    node: Node
    index: Node | None
    constant_zero: bool  # `*a`
    read: bool
    written: bool


def _unwrap(node: Node) -> Node:
    """Strip parentheses and casts: `(int)(col[j])` -> `col[j]`."""
    while True:
        node = strip_parens(node)
        if node.type == "cast_expression" and node.child_by_field_name("value") is not None:
            node = node.child_by_field_name("value")  # type: ignore[assignment]
            continue
        return node


def _context(node: Node) -> tuple[bool, bool]:
    """(read, written) for an lvalue-capable expression, judged from its parent."""
    child, parent = node, node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        child, parent = parent, parent.parent
    if parent is None:
        return True, False
    if parent.type == "assignment_expression" and parent.child_by_field_name("left") == child:
        return text(parent.child_by_field_name("operator")) != "=", True
    if parent.type == "update_expression":
        return True, True
    return True, False


def _call_of_argument(node: Node) -> str | None:
    parent = node.parent
    if parent is not None and parent.type == "argument_list" and parent.parent is not None:
        callee = parent.parent.child_by_field_name("function")
        return re.sub(r"^(::)?(std::)?", "", text(callee)) if callee is not None else None
    return None


def _aliased(node: Node) -> bool:
    """Whether this bare use of an array parameter hands its address on to another name (an
    initializer or the right side of an assignment, possibly with pointer arithmetic)."""
    child, parent = node, node.parent
    while parent is not None and parent.type in ("binary_expression", "parenthesized_expression",
                                                  "cast_expression", "pointer_expression"):
        child, parent = parent, parent.parent
    if parent is None:
        return False
    if parent.type == "init_declarator":
        return parent.child_by_field_name("value") == child
    if parent.type == "assignment_expression":
        return parent.child_by_field_name("right") == child
    return False


def collect_accesses(
    body: Node, params: tuple[Param, ...], helpers: set[str]
) -> dict[str, list[Access]]:
    """Every use of every array-like parameter in the body."""
    kinds = {p.name: p for p in params if p.kind in ARRAY_KINDS}
    found: dict[str, list[Access]] = {name: [] for name in kinds}
    for node in walk(body):
        parts = subscript_parts(node)
        if parts is not None and parts[0] in kinds:
            read, written = _context(node)
            if _call_of_argument(node) == "swap":
                read = written = True
            found[parts[0]].append(Access(node, parts[1], False, read, written))
            continue
        if node.type == "pointer_expression" and text(node.child_by_field_name("operator")) == "*":
            arg = node.child_by_field_name("argument")
            target = _unwrap(arg) if arg is not None else None
            if target is not None and target.type == "identifier" and text(target) in kinds:
                read, written = _context(node)
                found[text(target)].append(Access(node, None, True, read, written))
            elif target is not None and target.type == "binary_expression":
                base, offset = (
                    target.child_by_field_name("left"),
                    target.child_by_field_name("right"),
                )
                op = text(target.child_by_field_name("operator"))
                if base is not None and offset is not None and op == "+" and text(base) in kinds:
                    read, written = _context(node)
                    found[text(base)].append(Access(node, offset, False, read, written))
            continue
        if node.type != "identifier" or text(node) not in kinds:
            continue
        name = text(node)
        param = kinds[name]
        parent = node.parent
        if param.kind == ParamKind.SCALAR_REF:
            read, written = _context(node)
            found[name].append(Access(node, None, True, read, written))
            continue
        if parent is not None and parent.type in ("subscript_expression", "field_expression"):
            continue  # counted as a subscript above / v.size()
        callee = _call_of_argument(node)
        if callee is None and not _aliased(node):
            continue
        args = [c for c in node.parent.named_children] if node.parent is not None else []
        first = bool(args) and args[0] == node
        if callee in _WRITES_FIRST_ARG:
            found[name].append(Access(node, None, False, not first, first))
        elif callee is None or callee in helpers:
            # handed to a same-file helper, or to a local pointer (`float *out = x + k * s;`):
            # what is done there is unseen, so read, and written unless const
            found[name].append(Access(node, None, False, True, not param.is_const))
    return found


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
    return names + [f"{p.name}.size()" for p in params if p.kind == ParamKind.VECTOR]


def array_length(
    accesses: list[Access], param: Param, variables: list[str], headers: dict[int, Header]
) -> str | None:
    """The element count as a C expression, or None when no access pins it down."""
    if param.kind == ParamKind.SCALAR_REF:
        return "1"
    trials = lengths.trial_values(variables)
    counts = [0] * len(trials)
    any_known = False
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
            highs.append(interval[1])
            del t
        if len(highs) != len(trials):
            continue
        any_known = True
        counts = [max(c, h + 1) for c, h in zip(counts, highs, strict=True)]
    return lengths.match(counts, variables, trials) if any_known else None


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
        parts = subscript_parts(_unwrap(value))
        if parts is not None and parts[0] in arrays:
            aliases[text(name)] = parts[0]
    return aliases


def _source_array(node: Node, arrays: set[str], aliases: dict[str, str]) -> str | None:
    """The array whose element `node` is (directly or through an alias local)."""
    node = _unwrap(node)
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
    helpers: set[str],
) -> tuple[ArrayInfo, ...]:
    """One ArrayInfo per array-like parameter, in parameter order."""
    accesses = collect_accesses(body, params, helpers)
    headers = {loop.id: header for loop, header in loops}
    variables = size_variables(params)
    role_of = roles(body, params, loops)
    infos = []
    for param in params:
        if param.kind not in ARRAY_KINDS:
            continue
        uses = accesses[param.name]
        role, target = role_of.get(param.name, (ArrayRole.DATA, None))
        infos.append(
            ArrayInfo(
                name=param.name,
                read=any(a.read for a in uses),
                written=any(a.written for a in uses)
                and not (param.is_const and param.kind != ParamKind.SCALAR_REF),
                length=array_length(uses, param, variables, headers),
                role=role,
                target=target,
            )
        )
    return tuple(infos)
