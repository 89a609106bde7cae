"""Parse a C/C++/CUDA file with tree-sitter, find the requested function, describe it.

`find_site` is the entry point: grammar by file extension, syntax check, function lookup by
name or by position, safety refusals, then the analysis that fills a CodeSite.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import tree_sitter_c
import tree_sitter_cpp
import tree_sitter_cuda
from tree_sitter import Language, Node, Parser, Tree

from regrapht.parse import analysis, safety
from regrapht.parse.annotations import parse_overrides
from regrapht.parse.loops import Header, describe_loops
from regrapht.parse.nodes import captures, line_col, span_of, squash, text, walk
from regrapht.parse.params import ALLOWED_TYPES, is_integer, normalise_type, parse_params
from regrapht.parse.site import (
    ArrayInfo,
    CodeSite,
    LoopInfo,
    Param,
    ParamKind,
    UnsupportedCode,
)

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


def _file_facts(tree: Tree, language: str, definitions: list[Node]) -> safety.FileFacts:
    root = tree.root_node
    found = captures(grammar(language), "file_scope", root)
    functions = {function_name(d): d for d in definitions}
    prototypes: set[str] = set()
    globals_: set[str] = set()
    for node in walk(root):
        if node.type != "declaration" or _inside_function(node):
            continue
        for declarator in node.children_by_field_name("declarator"):
            inner = declarator
            while inner.type not in ("identifier", "function_declarator"):
                nxt = inner.child_by_field_name("declarator")
                if nxt is None:
                    break
                inner = nxt
            if inner.type == "function_declarator":
                prototypes.add(function_name_of_declarator(inner))
            elif inner.type == "identifier":
                globals_.add(text(inner))
    return safety.FileFacts(
        functions=functions,
        prototypes=prototypes - set(functions),
        globals=globals_,
        constants={text(n) for key in ("macro", "enum_constant") for n in found.get(key, [])},
        includes=[squash(text(n)) for n in found.get("include", [])],
    )


def function_name_of_declarator(declarator: Node) -> str:
    name = declarator.child_by_field_name("declarator")
    return squash(text(name)).split("::")[-1] if name is not None else ""


def _inside_function(node: Node) -> bool:
    parent = node.parent
    while parent is not None:
        if parent.type == "function_definition":
            return True
        parent = parent.parent
    return False


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


def _return_type(definition: Node, path: str) -> str:
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
    result = normalise_type(spelled)
    if result != "void" and result not in ALLOWED_TYPES:
        raise UnsupportedCode(
            f"returns '{spelled}', which regrapht cannot compare; return an arithmetic type",
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
    facts = _file_facts(tree, lang, definitions)
    target = function_name(definition)

    def callees_of(fname: str) -> list[str]:
        node = facts.functions[fname]
        declarator = function_declarator(node)
        params = parse_params(declarator, path) if declarator is not None else ()
        return safety.check_body(node, facts, {p.name for p in params}, path)

    return_type = _return_type(definition, path)
    declarator = function_declarator(definition)
    assert declarator is not None
    params = parse_params(declarator, path)
    helper_names = safety.collect_helpers(target, facts, callees_of, path)
    body = definition.child_by_field_name("body")
    assert body is not None
    param_scalars = {p.name for p in params if p.kind in (ParamKind.SCALAR, ParamKind.SCALAR_REF)}
    local_names = safety.declared_names(body)
    arrays_names = {p.name for p in params if p.kind != ParamKind.SCALAR}
    described = describe_loops(body, param_scalars | (local_names - arrays_names), arrays_names)
    if not described:
        raise UnsupportedCode(
            f"function '{target}' has no loop, so there is nothing to parallelise",
            path,
            *line_col(definition),
        )
    loop_headers = [(node, header) for node, header, _ in described]
    arrays = analysis.describe_arrays(body, params, loop_headers, set(helper_names))
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
        helpers=tuple(original_text(facts.functions[h], source) for h in helper_names),
        annotations=notes,
        focus_loop=focus,
    )


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
