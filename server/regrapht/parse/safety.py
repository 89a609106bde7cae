"""Refusals: what cannot be moved to the GPU or tested in isolation.

The sequential reference is built by the system compiler, so whatever it accepts inside the
function is fine: the standard library, lambdas, recursion, methods on anything, locals of any
type. Refused are only I/O, process control, clocks and random numbers (their effects cannot be
compared), calls to functions that are neither in the file nor in the standard library, mutable
globals (the tests cannot reset them and the GPU version cannot share them), static locals
(state kept between calls), goto, exceptions and inline assembly. Every refusal names the
construct, its line, why, and what to write instead.

`check_body` judges one function; `call_graph` and `helper_order` work on the same-file call
graph (cycles, that is recursion, included).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from tree_sitter import Node

from regrapht.parse import library
from regrapht.parse.context import FileItem
from regrapht.parse.nodes import line_col, squash, text, walk
from regrapht.parse.site import UnsupportedCode


@dataclass
class FileFacts:
    """What the file defines at file scope, which decides what a function may name."""

    functions: dict[str, Node]  # name -> function_definition (free functions)
    prototypes: set[str]  # declared but not defined here
    globals: dict[str, int]  # mutable file-scope variables -> 1-based line
    constants: set[str]  # macros, enumerators, const/constexpr globals
    includes: list[str] = field(default_factory=list)
    types: set[str] = field(default_factory=set)  # struct/class/union/enum/typedef/alias
    namespaces: set[str] = field(default_factory=set)  # named namespaces of the file
    externs: set[str] = field(default_factory=set)  # variables declared here, defined elsewhere
    items: list[FileItem] = field(default_factory=list)


def _refuse(reason: str, node: Node, path: str) -> UnsupportedCode:
    return UnsupportedCode(reason, path, *line_col(node))


def _parts(qualified: str) -> list[str]:
    """'std::numeric_limits<float>::max' -> ['std', 'numeric_limits', 'max']; a leading '::'
    (the global scope) is dropped."""
    depth, current = 0, ""
    for ch in squash(qualified).replace(" ", ""):
        depth += ch == "<"
        depth -= ch == ">"
        if depth == 0 and ch not in "<>":
            current += ch
    parts = current.split("::")
    return parts[1:] if parts[0] == "" else parts


def _declarator_names(declarator: Node) -> list[str]:
    """Names one declarator introduces (`x`, `*p`, `a[3]`, `&r`, `[a, b]`)."""
    node = declarator
    while node.type not in ("identifier", "structured_binding_declarator"):
        inner = node.child_by_field_name("declarator")
        if inner is None:
            named = [c for c in node.named_children if c.type in (
                "identifier", "pointer_declarator", "reference_declarator", "array_declarator",
                "init_declarator", "structured_binding_declarator", "function_declarator")]
            if not named:
                return []
            inner = named[0]
        node = inner
    if node.type == "structured_binding_declarator":
        return [text(c) for c in node.named_children if c.type == "identifier"]
    return [text(node)]


def declared_names(body: Node) -> set[str]:
    """Names declared anywhere in a function body: locals, loop and lambda parameters,
    structured bindings, lambda capture initializers, local enumerators."""
    names: set[str] = set()
    for node in walk(body):
        if node.type in ("declaration", "for_range_loop", "parameter_declaration",
                         "optional_parameter_declaration"):
            for child in node.children_by_field_name("declarator"):
                names.update(_declarator_names(child))
        elif node.type == "lambda_capture_initializer":
            left = node.child_by_field_name("left")
            if left is not None:
                names.add(text(left))
        elif node.type == "enumerator":
            names.add(text(node.child_by_field_name("name")))
    return names


def template_names(function: Node) -> set[str]:
    """Template parameters of a function template (`template <int N> ...` gives N)."""
    parent = function.parent
    if parent is None or parent.type != "template_declaration":
        return set()
    params = parent.child_by_field_name("parameters")
    return {text(n) for n in walk(params) if n.type in ("identifier", "type_identifier")} if (
        params is not None
    ) else set()


def _in_preprocessor_condition(node: Node) -> bool:
    """`#ifdef NAME` / `#if NAME > 2` inside a body: names the preprocessor judges."""
    child, parent = node, node.parent
    while parent is not None and parent.type != "compound_statement":
        if parent.type in ("preproc_ifdef", "preproc_elifdef", "preproc_defined"):
            return parent.type == "preproc_defined" or child == parent.child_by_field_name("name")
        if parent.type in ("preproc_if", "preproc_elif"):
            return child == parent.child_by_field_name("condition")
        child, parent = parent, parent.parent
    return False


def _check_untestable(name: str, scope: list[str], node: Node, path: str) -> None:
    why = library.untestable(name, tuple(scope))
    if why is not None:
        raise _refuse(why, node, path)


def _check_scope(parts: list[str], facts: FileFacts, node: Node, path: str, call: bool) -> None:
    """A qualified name: std:: is the standard library; a type of the file is carried with
    the function; a namespace (of the file or of another library) is not."""
    scope, name = parts[0], parts[-1]
    if scope == "std":
        _check_untestable(name, parts[:-1], node, path)
        return
    if scope in facts.types or len(parts) < 2:
        return
    spelled = "::".join(parts)
    if scope in facts.namespaces:
        raise _refuse(
            f"{'calls' if call else 'uses'} '{spelled}' from the namespace '{scope}' of this "
            "file; regrapht carries only file-scope declarations into the test harness: move it "
            "out of the namespace (an anonymous namespace is fine)",
            node,
            path,
        )
    if call:
        raise _refuse(
            f"calls '{spelled}' from the namespace '{scope}', which is neither this file nor the "
            "standard library, so regrapht cannot build it into the test harness; define the "
            "function in this file, or use the std:: equivalent",
            node,
            path,
        )


def _check_call(call: Node, facts: FileFacts, known: set[str], path: str) -> str | None:
    """Refuse a call that cannot be tested; return the name of a same-file function called."""
    callee = call.child_by_field_name("function")
    if callee is None or callee.type not in (
        "identifier", "template_function", "qualified_identifier"
    ):
        return None  # a method (judged by what it is called on), a lambda, a functional cast
    parts = _parts(text(callee))
    if len(parts) > 1:
        _check_scope(parts, facts, callee, path, call=True)
        return None
    name = parts[0]
    if name in facts.functions:
        return name
    if name in known or name in facts.types:
        return None  # a lambda or functor local, a function-like macro, a constructor
    _check_untestable(name, [], callee, path)
    # A prototype in the file names the user's own function, even when the standard library
    # has one of that name (`float transform(float);`).
    if name not in facts.prototypes and (
        library.is_library_function(name) or library.is_standard_constant(name)  # UINT64_C(1)
    ):
        return None
    if name in facts.prototypes:
        where = "declared but not defined in this file"
    else:
        where = "not defined in this file"
    raise _refuse(
        f"calls '{name}', which is {where} and is not a standard library function regrapht "
        "knows, so the test harness cannot build it; put its definition in the same file, "
        "inline it, or call it as std::" + name + " if it is from the standard library",
        callee,
        path,
    )


def _check_name(node: Node, facts: FileFacts, known: set[str], path: str) -> str | None:
    """Judge a name used as a value; return it when it names a same-file function."""
    name = text(node)
    parent = node.parent
    if name in known or parent is None:
        return None
    if parent.type == "call_expression" and parent.child_by_field_name("function") == node:
        return None  # the callee; _check_call judges it
    if parent.type == "template_function" and parent.parent is not None:
        # `sq<float>(x)` is judged as a call; `std::max<float>` by its scope
        outer = parent.parent
        if outer.type == "qualified_identifier" or (
            outer.type == "call_expression" and outer.child_by_field_name("function") == parent
        ):
            return None
    if parent.type in ("qualified_identifier", "labeled_statement", "using_declaration",
                       "attribute", "field_designator") or _in_preprocessor_condition(node):
        return None
    if name in facts.functions:
        return name  # a helper passed as a value: `std::transform(..., square)`
    if name in facts.globals:
        raise _refuse(
            f"uses the mutable global variable '{name}' (declared at line "
            f"{facts.globals[name]}), which the GPU version cannot share and the tests cannot "
            "reset between runs; pass it as a parameter, or declare it const (or constexpr) if "
            "it never changes",
            node,
            path,
        )
    if name in facts.externs:
        raise _refuse(
            f"uses '{name}', which is declared extern in this file and defined in another one; "
            "define it in this file (as a const or constexpr global) or pass it as a parameter",
            node,
            path,
        )
    _check_untestable(name, [], node, path)
    if library.is_library_function(name) or library.is_standard_constant(name):
        return None
    if name in facts.types:
        return None
    raise _refuse(
        f"uses the name '{name}', which is declared neither in the function nor at file scope "
        "in this file (a macro or variable from another header?); define it in this file, as a "
        "#define or a const global, or pass it as a parameter",
        node,
        path,
    )


def _check_declaration(decl: Node, path: str) -> None:
    """A static (or thread_local) local that is not const keeps state between calls."""
    specifiers = {text(c) for c in decl.children
                  if c.type in ("storage_class_specifier", "type_qualifier")}
    if specifiers & {"static", "thread_local"} and not specifiers & {"const", "constexpr"}:
        names = [n for d in decl.children_by_field_name("declarator")
                 for n in _declarator_names(d)]
        raise _refuse(
            f"declares the static local '{', '.join(names)}', which keeps its value from one "
            "call to the next, so a test's result would depend on the calls before it; make it "
            "an ordinary local, const, or a parameter",
            decl,
            path,
        )


_STATEMENT_REFUSALS = {
    "goto_statement": "uses goto, which regrapht cannot restructure for the GPU; use loops, "
    "break or return",
    "throw_statement": "uses C++ exceptions, which cannot run on the GPU; report errors "
    "through an output parameter or a return value",
    "throw_expression": "uses C++ exceptions, which cannot run on the GPU; report errors "
    "through an output parameter or a return value",
    "try_statement": "uses C++ exceptions, which cannot run on the GPU; report errors "
    "through an output parameter or a return value",
    "gnu_asm_expression": "uses inline assembly, which cannot run on the GPU; write it in C or "
    "C++",
}


def _check_node(node: Node, facts: FileFacts, known: set[str], path: str) -> str | None:
    """Judge one node of a body; return the name of a same-file function it calls or names."""
    kind = node.type
    if kind in _STATEMENT_REFUSALS:
        raise _refuse(_STATEMENT_REFUSALS[kind], node, path)
    if kind == "declaration":
        _check_declaration(node, path)
    elif kind == "call_expression":
        return _check_call(node, facts, known, path)
    elif kind == "qualified_identifier" and (
        node.parent is None or node.parent.type != "qualified_identifier"
    ):
        _check_scope(_parts(text(node)), facts, node, path, call=False)
    elif kind == "type_identifier" and text(node) not in facts.types:
        _check_untestable(text(node), [], node, path)  # FILE, ifstream, random_device
    elif kind == "identifier":
        return _check_name(node, facts, known, path)
    return None


def check_body(function: Node, facts: FileFacts, known: set[str], path: str) -> list[str]:
    """Refuse what cannot be tested in one function; return the same-file functions it calls
    or passes as values, in order of first use.

    `known` holds the parameter names; locals and template parameters are collected here.
    """
    body = function.child_by_field_name("body")
    if body is None:
        return []
    known = known | template_names(function) | declared_names(body) | facts.constants
    callees: list[str] = []
    for node in walk(body):
        helper = _check_node(node, facts, known, path)
        if helper is not None and helper not in callees:
            callees.append(helper)
    return callees


def call_graph(target: str, callees_of: Callable[[str], list[str]]) -> dict[str, list[str]]:
    """Every same-file function reachable from `target` -> the ones it calls. `callees_of`
    safety-checks a function; each is checked once, recursion or not."""
    graph: dict[str, list[str]] = {}
    pending = [target]
    while pending:
        name = pending.pop()
        if name not in graph:
            graph[name] = callees_of(name)
            pending.extend(reversed(graph[name]))
    return graph


def helper_order(target: str, graph: dict[str, list[str]]) -> list[str]:
    """The helpers of `target`, callee before caller; a cycle (recursion) is cut where the
    depth-first walk meets it again, and the forward declarations `forward_declared` names
    make the order compile."""
    order: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        seen.add(name)
        for callee in graph.get(name, []):
            if callee not in seen:
                visit(callee)
        order.append(name)

    visit(target)
    return [name for name in order if name != target]


def forward_declared(target: str, graph: dict[str, list[str]], order: list[str]) -> list[str]:
    """Functions called, in the emitted order (helpers, then `target`), before their
    definition: mutual recursion needs them declared first. Self-calls need nothing."""
    emitted: set[str] = set()
    needed: list[str] = []
    for name in [*order, target]:
        for callee in graph.get(name, []):
            if callee != name and callee not in emitted and callee not in needed:
                needed.append(callee)
        emitted.add(name)
    return needed
