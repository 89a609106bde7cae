"""Parse a C/C++/CUDA file with tree-sitter, find the requested function, describe it.

`find_site` is the entry point: grammar by file extension, syntax check, function lookup by
name or by position, safety refusals, then the analysis that fills a CodeSite.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from functools import cache
from pathlib import Path

import tree_sitter_c
import tree_sitter_cpp
import tree_sitter_cuda
from tree_sitter import Language, Node, Parser, Tree

from regrapht.parse import analysis, context, safety
from regrapht.parse.annotations import parse_overrides
from regrapht.parse.library import RANGE_ALGORITHMS
from regrapht.parse.loops import Header, describe_loops
from regrapht.parse.nodes import captures, line_col, span_of, squash, text, walk
from regrapht.parse.params import (
    element_name,
    is_integer,
    normalise_type,
    parameter_names,
    parse_params,
)
from regrapht.parse.site import (
    ArrayInfo,
    CodeSite,
    ContextItem,
    LoopInfo,
    Param,
    ParamKind,
    UnsupportedCode,
)
from regrapht.parse.structs import file_structs

_EXTENSIONS = {
    ".c": "c", ".h": "c",
    ".cpp": "cpp", ".cc": "cpp", ".cxx": "cpp", ".hpp": "cpp", ".hh": "cpp", ".C": "cpp",
    ".cu": "cuda", ".cuh": "cuda",
}  # fmt: skip
_GRAMMARS = {"c": tree_sitter_c, "cpp": tree_sitter_cpp, "cuda": tree_sitter_cuda}


@cache
def grammar(language: str) -> Language:
    """The tree-sitter Language for "c", "cpp" or "cuda"."""
    if language not in _GRAMMARS:
        raise ValueError(f"unknown language '{language}'; expected one of c, cpp, cuda")
    return Language(_GRAMMARS[language].language())


def language_for(path: str, language: str | None = None) -> str:
    """Language name from an explicit choice or the file extension (C++ when unknown)."""
    if language:
        return language
    suffix = Path(path).suffix
    return _EXTENSIONS.get(suffix, _EXTENSIONS.get(suffix.lower(), "cpp"))


_PRAGMA = re.compile(rb"(?m)^[ \t]*#[ \t]*pragma\b[^\n]*")


def _blank_pragmas(data: bytes) -> bytes:
    """`#pragma` lines as spaces of the same length: tree-sitter's C grammars take a pragma
    between a loop header and an unbraced body for a syntax error, though compilers accept it,
    and a pragma changes nothing the analysis looks at. Byte offsets stay the same, so texts
    are cut from the original source (`original_text`), pragmas included."""
    return _PRAGMA.sub(lambda m: b" " * len(m.group()), data)


def parse_tree(source: str, language: str) -> Tree:
    """Parse without judging: the tree may hold ERROR nodes (tree-sitter does not know every
    construct a compiler accepts)."""
    return Parser(grammar(language)).parse(_blank_pragmas(source.encode("utf-8")))


def original_text(node: Node, source: str) -> str:
    """The node's text in the original source (with any `#pragma` lines in it)."""
    return source.encode("utf-8")[node.start_byte:node.end_byte].decode("utf-8", "replace")


def parse_source(source: str, path: str, language: str) -> Tree:
    """Parse and refuse syntax errors, pointing at the first ERROR or MISSING node."""
    tree = parse_tree(source, language)
    if tree.root_node.has_error:
        for node in walk(tree.root_node):
            if node.is_error or node.is_missing:
                what = (
                    f"missing '{node.type}'"
                    if node.is_missing
                    else f"unexpected '{squash(text(node))[:40]}'"
                )
                raise UnsupportedCode(
                    f"syntax error ({what}); fix the code so that it compiles",
                    path,
                    *line_col(node),
                )
    return tree


def function_declarator(definition: Node) -> Node | None:
    """The function_declarator inside a definition's (possibly pointer/reference) declarator."""
    node = definition.child_by_field_name("declarator")
    while node is not None and node.type != "function_declarator":
        node = node.child_by_field_name("declarator") or (
            node.named_children[-1] if node.named_children else None
        )
    return node


def function_name(definition: Node) -> str:
    declarator = function_declarator(definition)
    name = declarator.child_by_field_name("declarator") if declarator is not None else None
    return squash(text(name)).split("::")[-1] if name is not None else ""


def _definitions(tree: Tree, language: str) -> list[Node]:
    return captures(grammar(language), "functions", tree.root_node).get("function", [])


def list_functions(
    path: str, source: str | None = None, language: str | None = None
) -> list[tuple[str, int]]:
    """(name, 1-based line) of every function defined in the file, in source order."""
    source = Path(path).read_text() if source is None else source
    lang = language_for(path, language)
    tree = parse_source(source, path, lang)
    return [(function_name(d), line_col(d)[0]) for d in _definitions(tree, lang)]


def _is_member(definition: Node) -> bool:
    """A method: defined inside a class body, or out of it as `T S::name(...)`."""
    declarator = function_declarator(definition)
    name = declarator.child_by_field_name("declarator") if declarator is not None else None
    if name is not None and name.type == "qualified_identifier":
        return True
    parent = definition.parent
    while parent is not None and parent.type != "translation_unit":
        if parent.type == "field_declaration_list":
            return True
        parent = parent.parent
    return False


def _file_facts(
    tree: Tree, language: str, definitions: list[Node], source: str
) -> safety.FileFacts:
    """What the file defines outside functions: free functions (methods stay with their
    class), prototypes, mutable and constant globals, macros, types, namespaces, includes."""
    root = tree.root_node
    found = captures(grammar(language), "file_scope", root)
    functions = {function_name(d): d for d in definitions if not _is_member(d)}
    items = context.file_items(root, source.encode("utf-8"))
    of_kind: dict[str, set[str]] = {}
    for item in items:
        of_kind.setdefault(item.kind, set()).update(item.names)
    return safety.FileFacts(
        functions=functions,
        prototypes=of_kind.get("prototype", set()) - set(functions),
        globals={n: item.line for item in items if item.kind == "global" for n in item.names},
        constants=set().union(*(of_kind.get(k, set()) for k in ("macro", "type", "constant"))),
        includes=[squash(text(n)) for n in found.get("include", [])],
        types={t for item in items for t in item.type_names},
        namespaces=of_kind.get("namespace", set()),
        externs=of_kind.get("extern", set()),
        items=items,
    )


def _definition_text(definition: Node, source: str) -> str:
    """A function's text with its `template <...>` header, when it has one."""
    parent = definition.parent
    node = parent if parent is not None and parent.type == "template_declaration" else definition
    return original_text(node, source)


def _prototype(definition: Node, source: str) -> str:
    """`int is_odd(int k);` for a definition (template header kept, default arguments
    dropped: a later definition may not repeat them)."""
    body = definition.child_by_field_name("body")
    parent = definition.parent
    start = parent if parent is not None and parent.type == "template_declaration" else definition
    end = body.start_byte if body is not None else definition.end_byte
    data = source.encode("utf-8")
    cuts = []
    for node in walk(definition):
        if node.type == "optional_parameter_declaration":
            value = node.child_by_field_name("default_value")
            equals = next((c for c in node.children if c.type == "="), None)
            if value is not None and equals is not None:
                cuts.append((equals.start_byte, value.end_byte))
    pieces, at = [], start.start_byte
    for cut_start, cut_end in sorted(cuts):
        pieces.append(data[at:cut_start])
        at = cut_end
    pieces.append(data[at:end])
    spelled = squash(b"".join(pieces).decode("utf-8", "replace"))
    return re.sub(r"\s+([,)])", r"\1", spelled) + ";"


def _helper_texts(
    target: Node, names: list[str], declared: list[str], facts: safety.FileFacts, source: str
) -> tuple[str, ...]:
    """Forward declarations the order needs (mutual recursion), then each helper's text."""
    def definition(name: str) -> Node:
        return facts.functions.get(name, target)

    return tuple(
        [_prototype(definition(n), source) for n in declared]
        + [_definition_text(facts.functions[n], source) for n in names]
    )


def _context(
    target: Node, helpers: list[str], facts: safety.FileFacts
) -> tuple[ContextItem, ...]:
    """The file-scope declarations the function and its helpers use (transitively)."""
    nodes = [target, *(facts.functions[h] for h in helpers)]
    nodes = [n.parent if n.parent is not None and n.parent.type == "template_declaration" else n
             for n in nodes]
    return context.needed(facts.items, context.mentioned(nodes))


def _choose(
    definitions: list[Node], path: str, name: str | None, line: int | None, column: int | None
) -> Node:
    existing = ", ".join(dict.fromkeys(function_name(d) for d in definitions)) or "none"
    if name is not None:
        for definition in definitions:
            if function_name(definition) == name:
                return definition
        raise UnsupportedCode(
            f"function '{name}' not found; functions in this file: {existing}", path
        )
    if line is None:
        raise ValueError("find_site needs a function name or a line")
    point = (line - 1, (column or 1) - 1)
    containing = [d for d in definitions if d.start_point <= point <= d.end_point]
    if not containing:
        raise UnsupportedCode(
            f"no function contains line {line}; functions in this file: {existing}",
            path,
            line,
            column or 1,
        )
    return max(containing, key=lambda d: d.start_byte)  # innermost


def _annotations_above(definition: Node, path: str) -> str:
    """Text of the contiguous comments right above the definition that mention regrapht:."""
    anchor = definition
    while anchor.parent is not None and anchor.parent.type in (
        "template_declaration",
        "linkage_specification",
    ):
        anchor = anchor.parent
    lines: list[str] = []
    expected_end = anchor.start_point[0]
    sibling = anchor.prev_sibling
    while (
        sibling is not None
        and sibling.type == "comment"
        and sibling.end_point[0] >= expected_end - 1
    ):
        lines = text(sibling).splitlines() + lines
        expected_end = sibling.start_point[0]
        sibling = sibling.prev_sibling
    return "\n".join(line for line in lines if "regrapht:" in line)


def _return_type(definition: Node, path: str, structs: Collection[str] = ()) -> str:
    declarator = definition.child_by_field_name("declarator")
    type_node = definition.child_by_field_name("type")
    spelled = squash(text(type_node))
    if declarator is not None and declarator.type in ("pointer_declarator", "reference_declarator"):
        raise UnsupportedCode(
            f"returns a pointer or reference ('{spelled} {text(declarator.children[0])}'), which "
            "regrapht cannot compare; return results through a parameter instead",
            path,
            *line_col(definition),
        )
    result = "void" if normalise_type(spelled) == "void" else element_name(spelled, structs)
    if result is None:
        raise UnsupportedCode(
            f"returns '{spelled}', which regrapht cannot compare; return an arithmetic type, "
            "bool, std::complex<float|double> or a struct of plain fields defined in this file, "
            "or write the result through a parameter",
            path,
            *line_col(type_node if type_node is not None else definition),
        )
    return result


def find_site(
    path: str,
    name: str | None = None,
    *,
    line: int | None = None,
    column: int | None = None,
    source: str | None = None,
    language: str | None = None,
) -> CodeSite:
    """Describe the function `name` (or the one containing 1-based line:column) of a file.

    `source` is the file's text (read from `path` when omitted). Raises UnsupportedCode with
    the reason and position when the function cannot be offloaded safely.
    """
    source = Path(path).read_text() if source is None else source
    lang = language_for(path, language)
    tree = parse_source(source, path, lang)
    definitions = _definitions(tree, lang)
    definition = _choose(definitions, path, name, line, column)
    facts = _file_facts(tree, lang, definitions, source)
    target = function_name(definition)

    def callees_of(fname: str) -> list[str]:
        node = definition if fname == target else facts.functions[fname]
        declarator = function_declarator(node)
        names = parameter_names(declarator) if declarator is not None else set()
        return safety.check_body(node, facts, names, path)

    structs, why_not = file_structs(tree.root_node)
    return_type = _return_type(definition, path, structs)
    declarator = function_declarator(definition)
    assert declarator is not None
    params = parse_params(declarator, path, structs, why_not)
    graph = safety.call_graph(target, callees_of)
    helper_names = safety.helper_order(target, graph)
    body = definition.child_by_field_name("body")
    assert body is not None
    param_scalars = {p.name for p in params if p.kind in (ParamKind.SCALAR, ParamKind.SCALAR_REF)}
    local_names = safety.declared_names(body)
    arrays_names = {p.name for p in params if p.kind != ParamKind.SCALAR}
    described = describe_loops(body, param_scalars | (local_names - arrays_names), arrays_names)
    if not described and not _calls_range_algorithm(body):
        raise UnsupportedCode(
            f"function '{target}' has no loop, so there is nothing to parallelise",
            path,
            *line_col(definition),
        )
    loop_headers = [(node, header) for node, header, _ in described]
    arrays = _interface_facts(
        params, analysis.describe_arrays(body, params, loop_headers, set(helper_names))
    )
    loops = tuple(info for _, _, info in described)
    size_params = _size_params(params, described, arrays)
    focus = None
    if line is not None and name is None:
        point = (line - 1, (column or 1) - 1)
        inside = [
            i
            for i, (node, _, _) in enumerate(described)
            if node.start_point <= point <= node.end_point
        ]
        focus = max(inside, key=lambda i: described[i][0].start_byte) if inside else None
    try:
        notes = parse_overrides(_annotations_above(definition, path))
    except ValueError as error:
        raise UnsupportedCode(
            f"bad regrapht annotation: {error}", path, *line_col(definition)
        ) from error
    if return_type == "void" and not notes.outputs and not any(a.written for a in arrays):
        raise UnsupportedCode(
            f"function '{target}' writes nothing regrapht can see (no array or reference "
            "parameter is written and it returns nothing), so there is no output to check: "
            "name it with `// regrapht: output NAME`",
            path,
            *line_col(definition),
        )
    signature_end = body.start_byte - definition.start_byte
    return CodeSite(
        path=path,
        language=lang,
        name=target,
        return_type=return_type,
        signature=squash(text(definition)[:signature_end]),
        source=original_text(definition, source),
        span=span_of(definition),
        params=params,
        arrays=arrays,
        loops=loops,
        size_params=size_params,
        includes=tuple(facts.includes),
        helpers=_helper_texts(definition, helper_names,
                              safety.forward_declared(target, graph, helper_names), facts, source),
        context=_context(definition, helper_names, facts),
        annotations=notes,
        focus_loop=focus,
        structs=tuple(s for name, s in structs.items()
                      if name == return_type or any(p.elem_type == name for p in params)),
    )


def _calls_range_algorithm(body: Node) -> bool:
    """Whether the body calls a standard algorithm over a range (a loop in all but syntax)."""
    for node in walk(body):
        if node.type == "call_expression":
            callee = squash(text(node.child_by_field_name("function")))
            name = re.sub(r"<.*>", "", callee)
            if name.startswith(("std::", "::std::")) and name.split("::")[-1] in RANGE_ALGORITHMS:
                return True
    return False


def _interface_facts(
    params: tuple[Param, ...], arrays: tuple[ArrayInfo, ...]
) -> tuple[ArrayInfo, ...]:
    """What the types say beyond the body: a length fixed by the type (`float c[8]`,
    std::array), a string's own length, and containers passed by value never being outputs
    (the caller cannot see their changes). A grown output has no fixed length."""
    by_name = {p.name: p for p in params}
    out = []
    for a in arrays:
        p = by_name[a.name]
        length = a.length
        if p.extent is not None:
            length = p.extent
        elif p.kind in (ParamKind.STRING, ParamKind.STRINGS) and length is None:
            length = f"{p.name}.size()"
        if a.grows:
            length = None
        written = a.written and not p.by_value
        out.append(replace(a, length=length, written=written,
                           grows=a.grows and not p.by_value))
    return tuple(out)


def _size_params(
    params: tuple[Param, ...],
    described: list[tuple[Node, Header, LoopInfo]],
    arrays: tuple[ArrayInfo, ...],
) -> tuple[str, ...]:
    """Integer scalar parameters named in loop headers or in derived lengths."""
    mentioned: set[str] = set()
    for node, _, _ in described:
        for field in ("initializer", "condition"):
            part = node.child_by_field_name(field)
            if part is not None:
                mentioned |= {text(n) for n in walk(part) if n.type == "identifier"}
    for info in arrays:
        if info.length:
            mentioned |= set(info.length.replace("(", " ").replace(")", " ").split())
    return tuple(
        p.name
        for p in params
        if p.kind == ParamKind.SCALAR and is_integer(p.elem_type) and p.name in mentioned
    )
