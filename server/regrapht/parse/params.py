"""Parameter types: which declarations regrapht can build test inputs for, and their kinds."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

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


def template_parts(spelling: str) -> tuple[str, tuple[str, ...]]:
    """'std::vector<std::complex<float>>' -> ('vector', ('std::complex<float>',)); a name
    without template arguments gives (name, ()). `std::` is dropped from the name."""
    spelling = squash(spelling)
    if "<" not in spelling or not spelling.endswith(">"):
        return spelling.removeprefix("std::"), ()
    head, inner = spelling.split("<", 1)
    inner = inner[:-1]
    args, depth, current = [], 0, ""
    for ch in inner:
        if ch == "<":
            depth += 1
        elif ch == ">":
            depth -= 1
        if ch == "," and depth == 0:
            args.append(current.strip())
            current = ""
        else:
            current += ch
    args.append(current.strip())
    return squash(head).removeprefix("std::"), tuple(a for a in args if a)


def vector_element(type_node: Node) -> str | None:
    """Element type spelling of `std::vector<T>` / `vector<T>`, else None."""
    name, args = template_parts(text(type_node))
    return args[0] if name == "vector" and len(args) == 1 else None


def element_name(spelling: str, structs: Collection[str]) -> str | None:
    """The element type a parameter's values have: an arithmetic type, "bool",
    "complex<float>" / "complex<double>", or a struct of the file; None for anything else."""
    name, args = template_parts(" ".join(w for w in squash(spelling).split(" ")
                                         if w not in _QUALIFIERS))
    if name == "complex" and len(args) == 1:
        inner = normalise_type(args[0])
        return f"complex<{inner}>" if inner in ("float", "double") else None
    if args:
        return None
    plain = normalise_type(name)
    if plain in ALLOWED_TYPES:
        return plain
    return plain if plain in structs else None


SUPPORTED = (
    "supported: arithmetic types, bool, std::complex<float|double> and structs of plain fields "
    "defined in this file, as scalars, pointers, T a[N], std::array<T, N> or std::vector<T>; "
    "std::string and std::vector<std::string>"
)


# The nearest spelling regrapht supports, for the types people most often pass instead.
_NEAREST = (
    (re.compile(r"\bvector\s*<\s*(std::)?vector\b"), "a flat std::vector<T> plus its row and "
     "column counts (element [i][j] at i * cols + j)"),
    (re.compile(r"\b(unordered_)?(map|multimap)\b"), "two std::vectors of the keys and the values, "
     "or a std::vector of a struct { key; value; } defined in this file"),
    (re.compile(r"\b(unordered_)?(set|multiset)\b|\b(list|deque)\b"),
     "a std::vector of the elements"),
    (re.compile(r"\bvector\s*<[^>]*\*\s*>"), "a std::vector of the values themselves"),
    (re.compile(r"\b(pair|tuple)\b"), "a struct of the fields defined in this file"),
    (re.compile(r"\bspan\b|\bstring_view\b"), "a const std::vector<T>& (or const std::string&)"),
)


def nearest_spelling(written: str) -> str:
    """'; write X instead' for a type with a well-known nearest supported spelling, else ''."""
    for pattern, spelling in _NEAREST:
        if pattern.search(written):
            return f"; the nearest supported spelling is {spelling}"
    return ""


def _refuse(name: str, written: str, node: Node, path: str, why: str = "") -> UnsupportedCode:
    line, col = line_col(node)
    reason = (
        f"parameter '{name}' has type '{written}', which regrapht cannot build test inputs for"
        f"{'; ' + why if why else ''}{nearest_spelling(written)}; {SUPPORTED}"
    )
    return UnsupportedCode(reason, path, line, col)


def _declarator_layers(decl: Node, path: str, whole: str) -> tuple[list[Node], Node]:
    """Pointer / array / reference layers of a parameter's declarator, outside in, and the
    identifier inside."""
    declarator = decl.child_by_field_name("declarator")
    assert declarator is not None
    layers: list[Node] = []
    node = declarator
    while node.type != "identifier":
        if node.type in ("pointer_declarator", "array_declarator", "reference_declarator"):
            layers.append(node)
            inner = node.child_by_field_name("declarator")
            if inner is None:  # reference_declarator keeps its target as a plain child
                inner = node.named_children[-1] if node.named_children else None
            if inner is None:
                raise _refuse(whole, whole, decl, path, "it has no name")
            node = inner
        else:
            raise _refuse(whole, whole, decl, path, "function pointers are not supported")
    return layers, node


def _container(name: str, c_type: str, type_text: str, layers: list[str], const: bool,
               structs: Collection[str], decl: Node, path: str) -> Param | None:
    """std::vector, std::array, std::string and vectors of strings; None for other types."""
    base, args = template_parts(" ".join(w for w in squash(type_text).split(" ")
                                         if w not in _QUALIFIERS))
    if base not in ("vector", "array", "string", "basic_string<char>"):
        return None
    if layers not in ([], ["reference_declarator"]):
        raise _refuse(name, c_type, decl, path, "pass a container by value or by reference, "
                      "not through a pointer")
    by_value = not layers
    if base == "string":
        return Param(name, c_type, ParamKind.STRING, "char", const, by_value=by_value)
    if base == "array":
        elem = element_name(args[0], structs) if len(args) == 2 else None
        if elem is None or not re.fullmatch(r"\w+", args[1]):
            raise _refuse(name, c_type, decl, path, "std::array<T, N> needs an element type "
                          "regrapht supports and a constant N")
        return Param(name, c_type, ParamKind.STD_ARRAY, elem, const, extent=args[1],
                     by_value=by_value)
    inner = args[0] if len(args) == 1 else ""
    if template_parts(inner)[0] == "string" and not template_parts(inner)[1]:
        return Param(name, c_type, ParamKind.STRINGS, "char", const, by_value=by_value)
    elem = element_name(inner, structs)
    if elem is None:
        raise _refuse(name, c_type, decl, path, f"the element type '{inner}' is not supported "
                      "(for a struct, define it in this file with plain fields)")
    return Param(name, c_type, ParamKind.VECTOR, elem, const, by_value=by_value)


def _unusable_struct(type_text: str, why_not: Mapping[str, str]) -> str:
    """Why a struct the type names (directly or as a vector's element) cannot be marshalled."""
    for word in re.findall(r"\w+", type_text):
        if word in why_not:
            return f"the struct '{word}' cannot be marshalled: {why_not[word]}"
    return ""


def parse_param(decl: Node, path: str, structs: Collection[str] = (),
                why_not: Mapping[str, str] | None = None) -> Param:
    """One `parameter_declaration` -> Param, or UnsupportedCode for types we cannot feed.

    `structs`: names of the file's structs whose fields regrapht can marshal; `why_not`: the
    file's other structs, with the reason (said in the refusal)."""
    type_node = decl.child_by_field_name("type")
    declarator = decl.child_by_field_name("declarator")
    whole = squash(text(decl))
    if type_node is None or declarator is None:
        raise UnsupportedCode(
            f"parameter '{whole}' has no name; name every parameter", path, *line_col(decl)
        )
    qualifiers = {text(c) for c in decl.children if c.type == "type_qualifier"}
    nodes, ident = _declarator_layers(decl, path, whole)
    layers = [n.type for n in nodes]
    name = text(ident)
    c_type = squash(
        text(decl)[: ident.start_byte - decl.start_byte]
        + text(decl)[ident.end_byte - decl.start_byte :]
    )
    const = "const" in qualifiers or "const" in text(type_node).split()
    unusable = _unusable_struct(text(type_node), why_not or {})
    if unusable:
        raise _refuse(name, c_type, decl, path, unusable)
    container = _container(name, c_type, text(type_node), layers, const, structs, decl, path)
    if container is not None:
        return container
    elem = element_name(text(type_node), structs)
    if elem is None:
        why = ("structs are supported when defined in this file with plain arithmetic, bool, "
               "complex or fixed-array fields; classes, templates and typedef names of other "
               "types are not")
        raise _refuse(name, c_type, decl, path, why)
    if len(layers) > 1:
        raise _refuse(name, c_type, decl, path, "pointers to pointers and 2-D arrays are not; "
                      "pass a flat array and its sizes")
    extent = None
    if layers == ["array_declarator"]:
        size = nodes[0].child_by_field_name("size")
        extent = squash(text(size)) if size is not None else None
    kind = {
        "pointer_declarator": ParamKind.POINTER,
        "array_declarator": ParamKind.ARRAY,
        "reference_declarator": ParamKind.SCALAR_REF,
    }.get(layers[0] if layers else "", ParamKind.SCALAR)
    return Param(name, c_type, kind, elem, const, extent=extent)


def parameter_names(function_declarator: Node) -> set[str]:
    """The names of a function's parameters, whatever their types (for helpers, whose
    parameters are never marshalled)."""
    plist = function_declarator.child_by_field_name("parameters")
    names: set[str] = set()
    for decl in plist.named_children if plist is not None else []:
        node = decl.child_by_field_name("declarator")
        while node is not None and node.type != "identifier":
            node = node.child_by_field_name("declarator") or (
                node.named_children[-1] if node.named_children else None
            )
        if node is not None:
            names.add(text(node))
    return names


def parse_params(
    function_declarator: Node, path: str, structs: Collection[str] = (),
    why_not: Mapping[str, str] | None = None,
) -> tuple[Param, ...]:
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
        params.append(parse_param(decl, path, structs, why_not))
    return tuple(params)
