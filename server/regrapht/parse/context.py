"""File-scope declarations: what a file defines outside its functions, and which of it a
function needs carried with it wherever it is compiled (the reference build, the prompt, the
CUDA unit).

`file_items` lists every declaration at file scope (inside `extern "C"` blocks, anonymous
namespaces and `#if` blocks too) with the names it defines and the names it mentions;
`needed` picks, transitively, those a function and its helpers use, in source order, as
`ContextItem`s. A declaration inside an `#if`/`#ifdef` block that holds no function definition
is carried as the whole block (`#ifndef N / #define N 64 / #endif`, or a typedef chosen by
`#ifdef USE_DOUBLE`), so the compiler sees the same choice the file makes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tree_sitter import Node

from regrapht.parse.nodes import line_col, text, walk
from regrapht.parse.site import ContextItem

# Kinds of FileItem: the first four are carried, the others only inform the safety checks.
CARRIED = ("macro", "type", "constant", "using")
_CONDITIONALS = ("preproc_if", "preproc_ifdef", "preproc_else", "preproc_elif",
                 "preproc_elifdef")
_TYPE_SPECIFIERS = ("struct_specifier", "class_specifier", "union_specifier", "enum_specifier")
_NAME_NODES = ("identifier", "type_identifier", "namespace_identifier")
_TOKEN = re.compile(r"[A-Za-z_]\w*")


@dataclass(frozen=True)
class FileItem:
    """One file-scope declaration."""

    # "macro" | "type" | "constant" | "using" | "global" (a mutable variable) | "extern"
    # (declared here, defined elsewhere) | "prototype" (a function declaration) | "namespace"
    kind: str
    names: tuple[str, ...]  # values it defines: macro, variable, enumerator names
    type_names: tuple[str, ...]  # types it defines: struct, class, enum, typedef, alias
    uses: frozenset[str]  # names its text mentions
    unit: Node  # what is carried: the declaration, or the `#if` block around it
    text: str  # the unit's source, verbatim
    line: int  # 1-based line of the declaration itself


def _source_text(node: Node, source: bytes, end: int | None = None) -> str:
    return source[node.start_byte : end or node.end_byte].decode("utf-8", "replace").strip()


def mentioned(nodes: Iterable[Node]) -> set[str]:
    """Every name the nodes mention: identifiers, type names, scopes, macro bodies' tokens."""
    names: set[str] = set()
    for root in nodes:
        for node in walk(root):
            if node.type in _NAME_NODES:
                names.add(text(node))
            elif node.type == "preproc_arg":
                names.update(_TOKEN.findall(text(node)))
    return names


def _declared_identifier(declarator: Node) -> tuple[str, bool, bool]:
    """(name, is_function, const_through_pointers) of one declarator of a declaration."""
    node, const_pointers = declarator, True
    while node.type not in ("identifier", "function_declarator", "field_identifier"):
        if node.type == "pointer_declarator":
            const_pointers = const_pointers and any(
                c.type == "type_qualifier" and text(c) == "const" for c in node.children
            )
        inner = node.child_by_field_name("declarator")
        if inner is None:
            named = [c for c in node.named_children if c.type not in ("type_qualifier",)]
            if not named:
                return "", False, const_pointers
            inner = named[0]
        node = inner
    if node.type == "function_declarator":
        inner = node.child_by_field_name("declarator")
        return text(inner).split("::")[-1], True, const_pointers
    return text(node), False, const_pointers


def _type_definitions(type_node: Node | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(type names, enumerator names) a declaration's type specifier defines with a body."""
    if type_node is None or type_node.type not in _TYPE_SPECIFIERS:
        return (), ()
    if type_node.child_by_field_name("body") is None:
        return (), ()
    name = type_node.child_by_field_name("name")
    types = (text(name),) if name is not None else ()
    enumerators: tuple[str, ...] = ()
    if type_node.type == "enum_specifier":
        enumerators = tuple(
            text(n.child_by_field_name("name")) for n in walk(type_node) if n.type == "enumerator"
        )
    return types, enumerators


def _declaration_kind(decl: Node, values: list[tuple[str, bool, bool]]) -> str:
    specifiers = {text(c) for c in decl.children
                  if c.type in ("type_qualifier", "storage_class_specifier")}
    if any(is_function for _, is_function, _ in values):
        return "prototype"
    if "extern" in specifiers and not any(
        c.type == "init_declarator" for c in decl.children_by_field_name("declarator")
    ):
        return "extern"
    if "constexpr" in specifiers:
        return "constant"
    if "const" in specifiers and all(const for _, _, const in values):
        return "constant"
    return "global"


def _item(node: Node, unit: Node, source: bytes) -> FileItem | None:
    """The FileItem a file-scope node declares, or None (functions, includes, comments)."""
    kind = ""
    names: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    inner = node
    if node.type == "template_declaration":
        kinds = [c for c in node.named_children if c.type != "template_parameter_list"]
        if not kinds or kinds[0].type == "function_definition":
            return None
        inner = kinds[0]
    end = None
    if inner.type in ("preproc_def", "preproc_function_def"):
        kind, names = "macro", (text(inner.child_by_field_name("name")),)
    elif inner.type in ("type_definition", "alias_declaration"):
        kind = "type"
        fields = ("declarator",) if inner.type == "type_definition" else ("name",)
        types = tuple(text(n) for f in fields for d in inner.children_by_field_name(f)
                      for n in walk(d) if n.type == "type_identifier")
        inner_types, enumerators = _type_definitions(inner.child_by_field_name("type"))
        types, names = types + inner_types, enumerators
    elif inner.type == "using_declaration":
        kind = "using"
        is_directive = any(c.type == "namespace" for c in inner.children)
        names = () if is_directive else (text(inner.named_children[-1]).split("::")[-1],)
    elif inner.type in _TYPE_SPECIFIERS:
        kind = "type"
        types, names = _type_definitions(inner)
        if not types and inner.child_by_field_name("name") is not None:
            types = (text(inner.child_by_field_name("name")),)  # a forward declaration
        after = node.next_sibling
        if after is not None and after.type == ";":
            end = after.end_byte
    elif inner.type == "declaration":
        values = [_declared_identifier(d) for d in inner.children_by_field_name("declarator")]
        kind = _declaration_kind(inner, values)
        types, enumerators = _type_definitions(inner.child_by_field_name("type"))
        names = tuple(name for name, _, _ in values if name) + enumerators
    else:
        return None
    carried = unit if unit is not node else node
    uses = mentioned([carried]) - set(names) - set(types)
    return FileItem(kind, names, types, frozenset(uses), carried,
                    _source_text(carried, source, end if carried is node else None),
                    line_col(node)[0])


def _has_function(node: Node) -> bool:
    return any(n.type == "function_definition" for n in walk(node))


def _scope_nodes(container: Node, block: Node | None) -> Iterator[tuple[Node, Node | None]]:
    """(declaration, enclosing carried #if block or None) for everything at file scope."""
    for child in container.named_children:
        if child.type in _CONDITIONALS:
            inner_block = block
            if inner_block is None and child.type != "preproc_else" and not _has_function(child):
                inner_block = child
            yield from _scope_nodes(child, inner_block)
        elif child.type == "linkage_specification":
            body = child.child_by_field_name("body")
            if body is not None and body.type == "declaration_list":
                yield from _scope_nodes(body, block)
            elif body is not None:
                yield body, block
        elif child.type == "namespace_definition":
            body = child.child_by_field_name("body")
            if child.child_by_field_name("name") is None and body is not None:
                yield from _scope_nodes(body, block)  # anonymous: its names are file-scope
            else:
                yield child, block
        else:
            yield child, block


def file_items(root: Node, source: bytes) -> list[FileItem]:
    """Every file-scope declaration of the file, in source order. `source` is the original
    text (with any `#pragma` lines the parsed tree had blanked)."""
    items: list[FileItem] = []
    for node, block in _scope_nodes(root, None):
        if node.type == "namespace_definition":
            name = text(node.child_by_field_name("name"))
            items.append(FileItem("namespace", (name,), (), frozenset(), node, "",
                                  line_col(node)[0]))
            continue
        item = _item(node, block or node, source)
        if item is not None:
            items.extend([*_type_of_variable(node, block, item, source), item])
    return items


def _type_of_variable(
    node: Node, block: Node | None, item: FileItem, source: bytes
) -> list[FileItem]:
    """`struct Stats { int n; } g_stats;`: the type alone, carried without the mutable
    variable it declares (which is refused wherever it is used)."""
    type_node = node.child_by_field_name("type")
    if block is not None or item.kind not in ("global", "extern") or not item.type_names or (
        type_node is None
    ):
        return []
    types, enumerators = _type_definitions(type_node)
    uses = mentioned([type_node]) - set(types) - set(enumerators)
    return [FileItem("type", enumerators, types, frozenset(uses), type_node,
                     _source_text(type_node, source) + ";", item.line)]


def _primary_name(item: FileItem) -> str:
    """The name an item is known by: the type it defines (an enum, not its first enumerator),
    else its first value; '' for `using namespace std;`."""
    if item.type_names:
        return item.type_names[0]
    return item.names[0] if item.names else ""


def needed(items: list[FileItem], used: set[str]) -> tuple[ContextItem, ...]:
    """The carried items that define a name in `used`, or one a chosen item uses, in source
    order; `using` directives and declarations always (they change what names mean)."""
    wanted = set(used)
    chosen: dict[int, tuple[FileItem, str]] = {}  # unit id -> (item, its name)
    changed = True
    while changed:
        changed = False
        for item in items:
            if item.kind not in CARRIED or item.unit.id in chosen:
                continue
            if item.kind == "using" or any(n in wanted for n in (*item.names, *item.type_names)):
                chosen[item.unit.id] = (item, _primary_name(item))
                wanted |= item.uses
                changed = True
    ordered = sorted(chosen.values(), key=lambda pair: pair[0].unit.start_byte)
    kinds = {"macro": "macro", "type": "type", "using": "type", "constant": "constant"}
    return tuple(ContextItem(kinds[item.kind], name, item.text) for item, name in ordered)
