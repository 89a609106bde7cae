"""Parameter types: which declarations regrapht can build test inputs for, and their kinds."""

from __future__ import annotations

from tree_sitter import Node

from regrapht.parse.nodes import line_col, squash, text
from regrapht.parse.site import Param, ParamKind, UnsupportedCode

FLOAT_TYPES = frozenset({"float", "double", "long double"})
INTEGER_TYPES = frozenset(
    {
        "char", "signed char", "unsigned char", "short", "unsigned short", "int",
        "unsigned int", "long", "unsigned long", "long long", "unsigned long long",
        "size_t", "ptrdiff_t", "ssize_t",
        "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
    }
)  # fmt: skip
ALLOWED_TYPES = FLOAT_TYPES | INTEGER_TYPES | {"bool"}

# Spellings that mean the same type: "signed" is "int", "long int" is "long", and so on.
_SYNONYMS = {
    "signed": "int", "signed int": "int", "unsigned": "unsigned int", "short int": "short",
    "signed short": "short", "unsigned short int": "unsigned short", "long int": "long",
    "signed long": "long", "unsigned long int": "unsigned long", "long long int": "long long",
    "signed long long": "long long", "unsigned long long int": "unsigned long long",
    "_Bool": "bool",
}  # fmt: skip
_QUALIFIERS = {"const", "volatile", "restrict", "__restrict__", "__restrict", "struct"}


def normalise_type(spelling: str) -> str:
    """'const unsigned  int' -> 'unsigned int', 'std::size_t' -> 'size_t'."""
    words = [w for w in squash(spelling).split(" ") if w not in _QUALIFIERS]
    name = " ".join(words).removeprefix("std::")
    return _SYNONYMS.get(name, name)


def is_integer(type_name: str) -> bool:
    return type_name in INTEGER_TYPES


def vector_element(type_node: Node) -> str | None:
    """Element type spelling of `std::vector<T>` / `vector<T>`, else None."""
    node = type_node
    if node.type == "qualified_identifier":
        if text(node.child_by_field_name("scope")) != "std":
            return None
        name = node.child_by_field_name("name")
        if name is None:
            return None
        node = name
    if node.type != "template_type" or text(node.child_by_field_name("name")) != "vector":
        return None
    args = node.child_by_field_name("arguments")
    if args is None or args.named_child_count != 1:
        return None
    return squash(text(args.named_children[0]))


def _refuse(name: str, written: str, node: Node, path: str, why: str = "") -> UnsupportedCode:
    line, col = line_col(node)
    reason = (
        f"parameter '{name}' has type '{written}', which regrapht cannot build test inputs for"
        f"{'; ' + why if why else ''}; use arithmetic scalars, pointers or arrays of them, "
        "or std::vector of them"
    )
    return UnsupportedCode(reason, path, line, col)


def parse_param(decl: Node, path: str) -> Param:
    """One `parameter_declaration` -> Param, or UnsupportedCode for types we cannot feed."""
    type_node = decl.child_by_field_name("type")
    declarator = decl.child_by_field_name("declarator")
    whole = squash(text(decl))
    if type_node is None or declarator is None:
        raise UnsupportedCode(
            f"parameter '{whole}' has no name; name every parameter", path, *line_col(decl)
        )
    qualifiers = {text(c) for c in decl.children if c.type == "type_qualifier"}
    # Walk the declarator chain from the outside in: pointers, arrays, references.
    layers: list[str] = []
    node = declarator
    while node.type != "identifier":
        if node.type in ("pointer_declarator", "array_declarator", "reference_declarator"):
            layers.append(node.type)
            inner = node.child_by_field_name("declarator")
            if inner is None:  # reference_declarator keeps its target as a plain child
                inner = node.named_children[-1] if node.named_children else None
            if inner is None:
                raise _refuse(whole, whole, decl, path, "it has no name")
            node = inner
        else:
            raise _refuse(whole, whole, decl, path, "function pointers are not supported")
    name = text(node)
    c_type = squash(
        text(decl)[: node.start_byte - decl.start_byte]
        + text(decl)[node.end_byte - decl.start_byte :]
    )
    vec = vector_element(type_node)
    if vec is not None:
        elem = normalise_type(vec)
        if layers != ["reference_declarator"] or elem not in ALLOWED_TYPES:
            raise _refuse(name, c_type, decl, path, "only std::vector<T>& of arithmetic T is")
        return Param(name, c_type, ParamKind.VECTOR, elem, "const" in qualifiers)
    elem = normalise_type(text(type_node))
    if elem not in ALLOWED_TYPES:
        raise _refuse(name, c_type, decl, path, "structs, classes and typedef names are not")
    if len(layers) > 1:
        raise _refuse(name, c_type, decl, path, "pointers to pointers and 2-D arrays are not")
    kind = {
        "pointer_declarator": ParamKind.POINTER,
        "array_declarator": ParamKind.ARRAY,
        "reference_declarator": ParamKind.SCALAR_REF,
    }.get(layers[0] if layers else "", ParamKind.SCALAR)
    return Param(name, c_type, kind, elem, "const" in qualifiers)


def parse_params(function_declarator: Node, path: str) -> tuple[Param, ...]:
    """All parameters of a function declarator; `(void)` gives none."""
    plist = function_declarator.child_by_field_name("parameters")
    if plist is None:
        return ()
    decls = [c for c in plist.named_children if c.type != "comment"]
    if len(decls) == 1 and squash(text(decls[0])) == "void":
        return ()
    params = []
    for decl in decls:
        if decl.type != "parameter_declaration":
            raise UnsupportedCode(
                f"parameter '{squash(text(decl))}' is not a plain parameter "
                "(default arguments, variadic and template packs are not supported)",
                path,
                *line_col(decl),
            )
        params.append(parse_param(decl, path))
    return tuple(params)
