"""Refusals: code that cannot be moved to the GPU or tested in isolation.

Checks one function body at a time: I/O, calls to functions that are neither allowed library
functions nor same-file helpers, globals, goto/exceptions, unknown local types. Recursion and
helper collection work on the same-file call graph.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from tree_sitter import Node

from regrapht.parse.nodes import line_col, squash, text, walk
from regrapht.parse.params import ALLOWED_TYPES, normalise_type, vector_element
from regrapht.parse.site import UnsupportedCode

MATH_FUNCTIONS = frozenset(
    [
        "sqrt",
        "sqrtf",
        "cbrt",
        "cbrtf",
        "fabs",
        "fabsf",
        "abs",
        "labs",
        "llabs",
        "exp",
        "expf",
        "exp2",
        "exp2f",
        "expm1",
        "expm1f",
        "log",
        "logf",
        "log2",
        "log2f",
        "log10",
        "log10f",
        "log1p",
        "log1pf",
        "pow",
        "powf",
        "sin",
        "sinf",
        "cos",
        "cosf",
        "tan",
        "tanf",
        "asin",
        "asinf",
        "acos",
        "acosf",
        "atan",
        "atanf",
        "atan2",
        "atan2f",
        "sinh",
        "sinhf",
        "cosh",
        "coshf",
        "tanh",
        "tanhf",
        "asinh",
        "acosh",
        "atanh",
        "floor",
        "floorf",
        "ceil",
        "ceilf",
        "round",
        "roundf",
        "lround",
        "trunc",
        "truncf",
        "fmod",
        "fmodf",
        "fmin",
        "fminf",
        "fmax",
        "fmaxf",
        "fma",
        "fmaf",
        "erf",
        "erff",
        "erfc",
        "erfcf",
        "hypot",
        "hypotf",
        "copysign",
        "copysignf",
        "isnan",
        "isinf",
        "isfinite",
        "signbit",
        "rint",
        "rintf",
        "nearbyint",
        "min",
        "max",
        "swap",
    ]
)
MEMORY_FUNCTIONS = frozenset({"malloc", "calloc", "free", "memcpy", "memmove", "memset", "assert"})
IO_FUNCTIONS = frozenset(
    [
        "printf",
        "fprintf",
        "sprintf",
        "snprintf",
        "puts",
        "fputs",
        "putchar",
        "fputc",
        "putc",
        "scanf",
        "fscanf",
        "sscanf",
        "getchar",
        "getc",
        "fgetc",
        "fgets",
        "gets",
        "fopen",
        "fclose",
        "fread",
        "fwrite",
        "fflush",
        "perror",
        "fseek",
        "ftell",
        "rewind",
        "remove",
        "rename",
        "system",
        "exit",
        "abort",
        "getline",
    ]
)
IO_NAMES = frozenset(
    [
        "cout",
        "cerr",
        "clog",
        "cin",
        "endl",
        "ifstream",
        "ofstream",
        "fstream",
        "istream",
        "ostream",
        "stringstream",
        "FILE",
    ]
)
VECTOR_METHODS = frozenset({"size", "data", "at", "empty"})
# Identifiers from standard headers that read like globals but are constants.
STANDARD_CONSTANTS = frozenset(
    [
        "NULL",
        "nullptr",
        "true",
        "false",
        "INT_MAX",
        "INT_MIN",
        "UINT_MAX",
        "LONG_MAX",
        "LONG_MIN",
        "FLT_MAX",
        "FLT_MIN",
        "FLT_EPSILON",
        "DBL_MAX",
        "DBL_MIN",
        "DBL_EPSILON",
        "INFINITY",
        "NAN",
        "HUGE_VAL",
        "HUGE_VALF",
        "M_PI",
        "M_E",
        "SIZE_MAX",
        "CHAR_MAX",
        "UCHAR_MAX",
        "SHRT_MAX",
    ]
)


@dataclass
class FileFacts:
    """What the file defines at file scope, which decides what a function may name."""

    functions: dict[str, Node]  # name -> function_definition
    prototypes: set[str]  # declared but not defined here
    globals: set[str]  # file-scope variables
    constants: set[str]  # macros and enum constants
    includes: list[str] = field(default_factory=list)


def _refuse(reason: str, node: Node, path: str) -> UnsupportedCode:
    return UnsupportedCode(reason, path, *line_col(node))


def _io(what: str, node: Node, path: str) -> UnsupportedCode:
    return _refuse(
        f"does I/O ({what}), which cannot run on the GPU; move the I/O out of the function",
        node,
        path,
    )


def bare_callee(callee: Node) -> str:
    """'std::max<float>' -> 'max', 'sqrtf' -> 'sqrtf'; '' for method calls."""
    if callee.type == "field_expression":
        return ""
    name = re.sub(r"<.*>", "", squash(text(callee)))
    return name.removeprefix("::").removeprefix("std::")


def declared_names(body: Node) -> set[str]:
    """Names declared anywhere in a function (locals, loop variables, labels aside)."""
    names: set[str] = set()
    for node in walk(body):
        if node.type in ("declaration", "for_range_loop", "parameter_declaration"):
            for child in node.children_by_field_name("declarator"):
                target = child
                while target.type != "identifier":
                    inner = target.child_by_field_name("declarator")
                    if inner is None:
                        named = [c for c in target.named_children if c.type == "identifier"]
                        if not named:
                            break
                        inner = named[0]
                    target = inner
                if target.type == "identifier":
                    names.add(text(target))
    return names


def _check_local_type(decl: Node, path: str) -> None:
    type_node = decl.child_by_field_name("type")
    if type_node is None:
        return
    spelled = squash(text(type_node))
    if spelled.removeprefix("std::") in IO_NAMES:
        raise _io(spelled, type_node, path)
    vec = vector_element(type_node)
    if vec is not None and normalise_type(vec) in ALLOWED_TYPES:
        return
    if spelled == "auto" or normalise_type(spelled) in ALLOWED_TYPES:
        return
    raise _refuse(
        f"declares a local variable of type '{spelled}', which regrapht cannot carry into the "
        "test harness; use arithmetic types or std::vector of them",
        type_node,
        path,
    )


def _check_call(call: Node, facts: FileFacts, path: str) -> str | None:
    """Refuse a disallowed call; return the helper's name when it calls a same-file function."""
    callee = call.child_by_field_name("function")
    if callee is None:
        return None
    if callee.type == "field_expression":
        method = text(callee.child_by_field_name("field"))
        if method in VECTOR_METHODS:
            return None
        raise _refuse(
            f"calls the method '{squash(text(callee))}', which regrapht cannot check; only "
            f"std::vector's {', '.join(sorted(VECTOR_METHODS))} are allowed",
            callee,
            path,
        )
    name = bare_callee(callee)
    if name in IO_FUNCTIONS or name in IO_NAMES:
        raise _io(name, callee, path)
    if name in ("setjmp", "longjmp"):
        raise _refuse(f"uses {name}, which cannot run on the GPU", callee, path)
    if name in facts.functions and "::" not in squash(text(callee)):
        return name
    if name in MATH_FUNCTIONS or name in MEMORY_FUNCTIONS:
        return None
    where = "declared but not defined" if name in facts.prototypes else "not defined"
    raise _refuse(
        f"calls '{name}', which is {where} in this file and is not an allowed math function; "
        "put its definition in the same file or inline it",
        callee,
        path,
    )


def check_body(function: Node, facts: FileFacts, known: set[str], path: str) -> list[str]:
    """Refuse unsafe constructs in one function; return the same-file functions it calls.

    `known` holds the parameter names; locals are collected here.
    """
    body = function.child_by_field_name("body")
    if body is None:
        return []
    known = known | declared_names(body) | facts.constants | STANDARD_CONSTANTS
    callees: list[str] = []
    for node in walk(body):
        kind = node.type
        if kind == "goto_statement":
            raise _refuse("uses goto, which regrapht cannot restructure; use loops", node, path)
        if kind in ("throw_statement", "throw_expression", "try_statement"):
            raise _refuse("uses C++ exceptions, which cannot run on the GPU", node, path)
        if kind == "declaration":
            _check_local_type(node, path)
        elif kind == "call_expression":
            helper = _check_call(node, facts, path)
            if helper is not None and helper not in callees:
                callees.append(helper)
        elif kind == "qualified_identifier":
            name = squash(text(node)).removeprefix("std::")
            if name in IO_NAMES:
                raise _io(squash(text(node)), node, path)
        elif kind == "identifier" and text(node) not in known:
            parent = node.parent
            if parent is not None and parent.type == "call_expression":
                continue  # the callee; _check_call judges it
            if parent is not None and parent.type in ("qualified_identifier", "labeled_statement"):
                continue
            name = text(node)
            if name in IO_NAMES:
                raise _io(name, node, path)
            what = "the global variable" if name in facts.globals else "the undeclared name"
            raise _refuse(
                f"uses {what} '{name}', which the GPU version cannot see; pass it as a "
                "parameter or define it as a #define constant",
                node,
                path,
            )
    return callees


def collect_helpers(
    target: str, facts: FileFacts, callees_of: Callable[[str], list[str]], path: str
) -> list[str]:
    """Same-file callees of `target`, transitively, callee before caller; refuse recursion.

    `callees_of(name)` safety-checks a function and gives the same-file functions it calls.
    """
    order: list[str] = []
    state: dict[str, str] = {}

    def visit(name: str, chain: list[str]) -> None:
        if state.get(name) == "done":
            return
        if state.get(name) == "active":
            cycle = chain[chain.index(name) :] + [name]
            raise _refuse(
                f"is recursive ({' -> '.join(cycle)}), which regrapht cannot parallelise; "
                "rewrite it as a loop",
                facts.functions[name],
                path,
            )
        state[name] = "active"
        for callee in callees_of(name):
            visit(callee, chain + [name])
        state[name] = "done"
        order.append(name)

    visit(target, [])
    return [name for name in order if name != target]
