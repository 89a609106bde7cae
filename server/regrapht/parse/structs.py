"""Structs of the file whose values regrapht can build and compare: plain fields of arithmetic,
bool or std::complex type, or fixed arrays of those (docs/parameter-kinds.md).

Only the layout matters here (field names, element types, counts, in declaration order); a
struct with anything that changes its layout or cannot be copied byte for byte (virtual
functions, references, pointers, containers, base classes) is left out, so a parameter of that
type is refused with the reason."""

from __future__ import annotations

from tree_sitter import Node

from regrapht.parse.nodes import squash, text, walk
from regrapht.parse.params import element_name
from regrapht.parse.site import StructDef, StructField

_STRUCT_NODES = ("struct_specifier", "class_specifier")


def _fields(body: Node, known: dict[str, StructDef]) -> tuple[StructField, ...] | str:
    """The data members in order, or why the struct cannot be marshalled."""
    fields: list[StructField] = []
    for member in body.named_children:
        if member.type in ("comment", "function_definition", "access_specifier",
                           "declaration", "template_declaration"):
            if member.type == "declaration" and "virtual" in text(member).split():
                return "it has virtual functions"
            continue  # methods and static members do not change the layout
        if member.type != "field_declaration":
            return f"it has a member regrapht cannot lay out ('{squash(text(member))[:40]}')"
        if any(c.type == "storage_class_specifier" and text(c) == "static"
               for c in member.children):
            continue
        if "virtual" in text(member).split():
            return "it has virtual functions"
        type_node = member.child_by_field_name("type")
        if type_node is None:
            return f"it has a member regrapht cannot lay out ('{squash(text(member))[:40]}')"
        elem = element_name(text(type_node), ())
        if elem is None:
            return (f"its field type '{squash(text(type_node))}' is not arithmetic, bool or "
                    "std::complex")
        for declarator in member.children_by_field_name("declarator"):
            count, node = 1, declarator
            while node.type == "array_declarator":
                size = node.child_by_field_name("size")
                try:
                    count *= int(text(size), 0)
                except ValueError:
                    return f"its array field '{squash(text(declarator))}' has no literal size"
                inner = node.child_by_field_name("declarator")
                if inner is None:
                    break
                node = inner
            if node.type != "field_identifier":
                return f"its field '{squash(text(declarator))}' is a pointer or a reference"
            fields.append(StructField(text(node), elem, count))
    return tuple(fields) if fields else "it has no data fields"


def _name_of(spec: Node) -> str:
    parent = spec.parent
    if parent is not None and parent.type == "type_definition":  # typedef struct {...} Name;
        declarator = parent.child_by_field_name("declarator")
        if declarator is not None and declarator.type == "type_identifier":
            return text(declarator)
    return text(spec.child_by_field_name("name"))


def file_structs(root: Node) -> tuple[dict[str, StructDef], dict[str, str]]:
    """({name: StructDef} for every struct regrapht can marshal, {name: why not} for the
    others), for struct and class definitions at file scope."""
    usable: dict[str, StructDef] = {}
    refused: dict[str, str] = {}
    for node in walk(root):
        if node.type not in _STRUCT_NODES or node.child_by_field_name("body") is None:
            continue
        if any(a.type == "function_definition" for a in _ancestors(node)):
            continue
        name = _name_of(node)
        if not name:
            continue
        if any(c.type == "base_class_clause" for c in node.children):
            refused[name] = "it derives from another class"
            continue
        body = node.child_by_field_name("body")
        assert body is not None
        fields = _fields(body, usable)
        if isinstance(fields, str):
            refused[name] = fields
            continue
        holder = node.parent if node.parent is not None and node.parent.type in (
            "type_definition", "declaration") else node
        source = text(holder) + ("" if text(holder).rstrip().endswith(";") else ";")
        usable[name] = StructDef(name, fields, source)
    return usable, refused


def _ancestors(node: Node) -> list[Node]:
    out = []
    parent = node.parent
    while parent is not None:
        out.append(parent)
        parent = parent.parent
    return out
