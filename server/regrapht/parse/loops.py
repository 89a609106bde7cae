"""Loops of a function: nesting, canonical `for` headers, and loop-carried names.

Carried heuristic (best effort, per loop, looking at the loop's whole body):
- a scalar declared outside the loop (or a scalar reference parameter) that the body writes and
  also reads, unless its first mention in the body is a plain `x = <expr without x>` (a private
  temporary), and unless it is the induction variable of this or a nested canonical loop;
- an array written inside the loop that the body also reads at a different index
  (`out[i] = out[i - 1] + a[i]`), or updated in place (`+=`, `++`) at an index that does not
  involve this loop's variable or goes through another array (`out[0] += x`, `hist[d[i]]++`).
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from regrapht.parse.nodes import render, span_of, strip_parens, text, walk
from regrapht.parse.site import LoopInfo

LOOP_TYPES = {"for_statement": "for", "while_statement": "while", "do_statement": "do",
              "for_range_loop": "for"}  # a range-for is a loop, never a canonical header


@dataclass
class Header:
    """A canonical for header. `descending` loops run from `start` down to `low`."""

    var: str | None = None
    start: Node | None = None
    bound: str | None = None  # exclusive upper bound, rendered
    bound_node: Node | None = None  # the condition's other side
    bound_offset: int = 0  # bound = bound_node + offset (for `<=`, `>=`)
    step: str | None = None
    descending: bool = False


def _init(loop: Node) -> tuple[str, Node] | None:
    init = loop.child_by_field_name("initializer")
    if init is None:
        return None
    if init.type == "declaration":
        decls = init.children_by_field_name("declarator")
        if len(decls) == 1 and decls[0].type == "init_declarator":
            name = decls[0].child_by_field_name("declarator")
            value = decls[0].child_by_field_name("value")
            if name is not None and value is not None and name.type == "identifier":
                return text(name), value
    if init.type == "assignment_expression" and text(init.child_by_field_name("operator")) == "=":
        left, right = init.child_by_field_name("left"), init.child_by_field_name("right")
        if left is not None and right is not None and left.type == "identifier":
            return text(left), right
    return None


def _step(update: Node | None, var: str) -> int | str | None:
    """+1/-1 for ++/--, the increment's text for `+=`/`-=`, None when not canonical."""
    if update is None:
        return None
    arg = update.child_by_field_name("argument") or update.child_by_field_name("left")
    if arg is None or text(arg) != var:
        return None
    op = text(update.child_by_field_name("operator"))
    if update.type == "update_expression":
        return 1 if op == "++" else -1
    right = update.child_by_field_name("right")
    if update.type == "assignment_expression" and right is not None:
        if op == "+=":
            return render(right)
        if op == "-=":
            return f"-{render(right)}"
        right = strip_parens(right)
        if op == "=" and right.type == "binary_expression":
            left_of = right.child_by_field_name("left")
            inc = right.child_by_field_name("right")
            rop = text(right.child_by_field_name("operator"))
            if left_of is not None and inc is not None and text(left_of) == var and rop == "+":
                return render(inc)
    return None


def canonical_header(loop: Node) -> Header:
    """Parse `for (i = s; i < b; i++)`-style headers; fields stay None when not canonical."""
    if loop.type != "for_statement":
        return Header()
    init = _init(loop)
    cond = loop.child_by_field_name("condition")
    if init is None or cond is None:
        return Header()
    var, start = init
    cond = strip_parens(cond)
    if cond.type != "binary_expression":
        return Header()
    op = text(cond.child_by_field_name("operator"))
    left, right = cond.child_by_field_name("left"), cond.child_by_field_name("right")
    if left is None or right is None:
        return Header()
    if text(right) == var and text(left) != var:  # `n > i` reads as `i < n`
        left, right = right, left
        op = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "!=": "!="}.get(op, op)
    if text(left) != var:
        return Header(var=var, start=start)
    step = _step(loop.child_by_field_name("update"), var)
    if step is None:
        return Header(var=var, start=start)
    header = Header(var=var, start=start, bound_node=right, step=str(step))
    if op in ("<", "!="):
        header.bound = render(right)
    elif op == "<=":
        header.bound, header.bound_offset = _plus_one(right), 1
    elif op in (">", ">="):
        header.descending = True
        header.bound_offset = 1 if op == ">" else 0
    return header


def _plus_one(node: Node) -> str:
    """Render `node + 1`, folding `n - 1 + 1` to `n` and `7 + 1` to `8`."""
    node = strip_parens(node)
    if node.type == "number_literal" and text(node).isdigit():
        return str(int(text(node)) + 1)
    if node.type == "binary_expression" and text(node.child_by_field_name("operator")) == "-":
        right = node.child_by_field_name("right")
        left = node.child_by_field_name("left")
        if right is not None and left is not None and text(right) == "1":
            return render(left)
    return f"{render(node)} + 1"


def find_loops(body: Node) -> list[tuple[Node, int]]:
    """(loop node, depth) for every loop, pre-order."""
    found: list[tuple[Node, int]] = []

    def visit(node: Node, depth: int) -> None:
        for child in node.children:
            if child.type in LOOP_TYPES:
                found.append((child, depth))
                visit(child, depth + 1)
            else:
                visit(child, depth)

    visit(body, 0)
    return found


def _writes(node: Node) -> tuple[Node, bool] | None:
    """(written lvalue, is read-modify-write) when `node` is an assignment or ++/--."""
    if node.type == "assignment_expression":
        left = node.child_by_field_name("left")
        op = text(node.child_by_field_name("operator"))
        return (strip_parens(left), op != "=") if left is not None else None
    if node.type == "update_expression":
        arg = node.child_by_field_name("argument")
        return (strip_parens(arg), True) if arg is not None else None
    return None


def _subscript_parts(node: Node) -> tuple[str, Node] | None:
    """('a', index node) for `a[e]` over a plain name; `*a` counts as `a[0]`."""
    if node.type == "subscript_expression":
        arg = node.child_by_field_name("argument")
        index = node.child_by_field_name("index")
        if index is None:
            indices = node.child_by_field_name("indices")
            if indices is not None and indices.named_child_count == 1:
                index = indices.named_children[0]
        if arg is not None and index is not None and arg.type == "identifier":
            return text(arg), index
    return None


def subscript_parts(node: Node) -> tuple[str, Node] | None:
    return _subscript_parts(node)


def carried_names(
    loop: Node, header: Header, scalars: set[str], arrays: set[str], nested_vars: set[str]
) -> tuple[str, ...]:
    """Names that carry a value from one iteration of `loop` into a later one (heuristic)."""
    body = loop.child_by_field_name("body")
    if body is None:
        return ()
    inside = {text(n) for n in walk(body) if n.type == "identifier" and _is_declared(n)}
    carried: list[str] = []
    first_use: dict[str, str] = {}  # scalar -> "private" | "shared"
    written_scalars: set[str] = set()
    read_scalars: set[str] = set()
    array_writes: dict[str, list[tuple[Node, bool]]] = {}
    array_reads: dict[str, list[Node]] = {}
    lvalue_ids: set[int] = set()
    for node in walk(body):
        write = _writes(node)
        if write is not None:
            target, rmw = write
            lvalue_ids.add(target.id)
            if target.type == "identifier":
                name = text(target)
                written_scalars.add(name)
                if rmw:
                    read_scalars.add(name)
                if name not in first_use:
                    right = node.child_by_field_name("right")
                    reads_self = right is not None and any(
                        n.type == "identifier" and text(n) == name for n in walk(right)
                    )
                    first_use[name] = "shared" if rmw or reads_self else "private"
            parts = _subscript_parts(target)
            if parts is not None:
                array_writes.setdefault(parts[0], []).append((parts[1], rmw))
        elif node.type == "identifier" and node.id not in lvalue_ids:
            name = text(node)
            read_scalars.add(name)
            first_use.setdefault(name, "shared")
        parts = _subscript_parts(node)
        if parts is not None and node.id not in lvalue_ids:
            array_reads.setdefault(parts[0], []).append(parts[1])
    for name in sorted(written_scalars & read_scalars, key=lambda n: n):
        private = name in inside or name in nested_vars or first_use.get(name) != "shared"
        if name in scalars and name != header.var and not private:
            carried.append(name)
    for name, writes in array_writes.items():
        if name not in arrays:
            continue
        reads = [render(r) for r in array_reads.get(name, [])]
        for index, rmw in writes:
            ids = {text(n) for n in walk(index) if n.type == "identifier"}
            indirect = any(n.type == "subscript_expression" for n in walk(index))
            moves = header.var is not None and header.var in ids and not indirect
            if (rmw and not moves) or any(r != render(index) for r in reads):
                carried.append(name)
                break
    return tuple(dict.fromkeys(carried))


def _is_declared(node: Node) -> bool:
    parent = node.parent
    return parent is not None and (
        parent.type in ("init_declarator", "declaration")
        and parent.child_by_field_name("declarator") == node
    )


def describe_loops(
    body: Node, scalars: set[str], arrays: set[str]
) -> list[tuple[Node, Header, LoopInfo]]:
    """LoopInfo for every loop of a body, with the node and parsed header kept for analysis."""
    result = []
    found = find_loops(body)
    headers = {loop.id: canonical_header(loop) for loop, _ in found}
    for loop, depth in found:
        header = headers[loop.id]
        nested = {
            headers[n.id].var or ""
            for n, _ in found
            if n.id != loop.id and n.start_byte >= loop.start_byte and n.end_byte <= loop.end_byte
        }
        info = LoopInfo(
            span=span_of(loop),
            depth=depth,
            kind=LOOP_TYPES[loop.type],
            var=header.var if header.step is not None else None,
            start=render(header.start) if header.start is not None and header.step else None,
            bound=header.bound,
            step=header.step,
            carried=carried_names(loop, header, scalars, arrays, nested),
        )
        result.append((loop, header, info))
    return result
