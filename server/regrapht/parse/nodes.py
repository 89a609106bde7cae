"""Small helpers over tree-sitter nodes: text, 1-based positions, spans, rendering, queries."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from tree_sitter import Language, Node, Query, QueryCursor

from regrapht.parse.site import SourceSpan


def text(node: Node | None) -> str:
    """The node's source text ('' for a missing node)."""
    if node is None or node.text is None:
        return ""
    return node.text.decode("utf-8", errors="replace")


def squash(s: str) -> str:
    """Collapse runs of whitespace so that type and expression texts compare equal."""
    return re.sub(r"\s+", " ", s).strip()


def line_col(node: Node) -> tuple[int, int]:
    """1-based (line, column) of the node's start, as editors show it."""
    return node.start_point[0] + 1, node.start_point[1] + 1


def span_of(node: Node) -> SourceSpan:
    """1-based inclusive span of a node."""
    end_col = max(node.end_point[1], 1)
    return SourceSpan(
        node.start_point[0] + 1, node.start_point[1] + 1, node.end_point[0] + 1, end_col
    )


def walk(node: Node) -> Iterator[Node]:
    """All descendants of `node` (itself included), pre-order, in source order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def render(node: Node) -> str:
    """A normalised C rendering of an expression: `n-1` and `n - 1` both give "n - 1"."""
    kind = node.type
    if kind == "binary_expression":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        op = node.child_by_field_name("operator")
        if left is not None and right is not None and op is not None:
            return f"{render(left)} {op.type} {render(right)}"
    if kind == "parenthesized_expression" and node.named_child_count == 1:
        inner = node.named_children[0]
        return f"({render(inner)})"
    if kind == "unary_expression":
        arg = node.child_by_field_name("argument")
        op = node.child_by_field_name("operator")
        if arg is not None and op is not None:
            return f"{op.type}{render(arg)}"
    return squash(text(node))


def strip_parens(node: Node) -> Node:
    """The expression inside any number of parentheses."""
    while node.type == "parenthesized_expression" and node.named_child_count == 1:
        node = node.named_children[0]
    return node


@cache
def load_query(language: Language, name: str) -> Query:
    """Compile `queries/<name>.scm` for a grammar (cached per grammar and file)."""
    source = resources.files("regrapht.parse").joinpath("queries", f"{name}.scm").read_text()
    return Query(language, source)


def captures(language: Language, name: str, root: Node) -> dict[str, list[Node]]:
    """Run a query file over `root`; capture name -> nodes in source order."""
    found = QueryCursor(load_query(language, name)).captures(root)
    return {key: sorted(nodes, key=lambda n: n.start_byte) for key, nodes in found.items()}
