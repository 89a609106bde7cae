"""Checks and mechanical fixes of a model's CUDA code before it is compiled.

Small models carry two sequential habits into CUDA that the compiler reports badly or not at all:
- reading `blockDim`, `threadIdx`, `blockIdx` or `gridDim` in host code (the launcher): nvcc
  accepts it and the launch then runs with garbage sizes; `host_builtin_problem` names it so
  that the model hears what is wrong;
- `continue` left at the top of a kernel body, where the loop it skipped to the next iteration
  of has become the grid: `return` is the same thing for one thread, and `kernel_continue_fix`
  makes that change (and says so) instead of spending a model call on it.
Code tree-sitter cannot follow (it misses some constructs nvcc accepts) is left to nvcc: no
check, no change, never an exception.
"""

from __future__ import annotations

from dataclasses import dataclass

from tree_sitter import Node

from regrapht.parse.nodes import walk
from regrapht.parse.parser import function_name, parse_tree

BUILTINS = ("blockDim", "threadIdx", "blockIdx", "gridDim")
LOOPS = {"for_statement", "while_statement", "do_statement", "for_range_loop"}


@dataclass(frozen=True)
class Fixed:
    code: str
    notes: tuple[str, ...]  # one line per change, for the report


def _functions(root: Node) -> list[Node]:
    return [n for n in root.children if n.type == "function_definition"]


def _qualifiers(fn: Node) -> set[str]:
    return {c.type for c in fn.children if c.type in ("__global__", "__device__", "__host__")}


def _name(fn: Node) -> str:
    return function_name(fn) or "?"


def _declared_names(fn: Node) -> set[str]:
    """Names a function declares itself (parameters, locals): `int blockDim = 128;` on the host
    is an ordinary variable that shadows nothing the launch depends on."""
    names: set[str] = set()
    for node in walk(fn):
        if node.type in ("init_declarator", "parameter_declaration", "declaration"):
            decl = node.child_by_field_name("declarator")
            while decl is not None and decl.type not in ("identifier",):
                decl = decl.child_by_field_name("declarator")
            if decl is not None and decl.text:
                names.add(decl.text.decode())
    return names


def host_builtin_problem(code: str) -> str:
    """'' when no host function reads a kernel-only built-in variable, else what to fix."""
    root = parse_tree(code, "cuda").root_node
    if root.has_error:
        return ""  # tree-sitter could not follow the code: nvcc is the judge of it
    for fn in _functions(root):
        quals = _qualifiers(fn)
        if quals and quals != {"__host__"}:
            continue
        declared = _declared_names(fn)
        used = sorted({n.text.decode() for n in walk(fn) if n.type == "identifier"
                       and n.text and n.text.decode() in BUILTINS} - declared)
        if used:
            names = ", ".join(f"`{u}`" for u in used)
            return (f"the host function `{_name(fn)}` reads {names}, which exist only inside "
                    "kernels: on the host choose the block size as a number (e.g. "
                    "`int block = 256; int grid = (count + block - 1) / block;`)")
    return ""


def kernel_continue_fix(code: str) -> Fixed:
    """Replace each `continue` that is in no loop of its `__global__` function by `return`."""
    root = parse_tree(code, "cuda").root_node
    if root.has_error:
        return Fixed(code, ())  # never edit code the parser could not follow
    edits: list[tuple[int, int]] = []
    notes: list[str] = []
    for fn in _functions(root):
        if "__global__" not in _qualifiers(fn):
            continue
        for node in walk(fn):
            if node.type != "continue_statement":
                continue
            parent = node.parent
            while parent is not None and parent != fn and parent.type not in LOOPS:
                parent = parent.parent
            if parent == fn:
                edits.append((node.start_byte, node.end_byte))
                notes.append(f"line {node.start_point[0] + 1}: `continue` outside any loop of "
                             f"kernel `{_name(fn)}` became `return`")
    data = code.encode()
    for start, end in sorted(edits, reverse=True):
        data = data[:start] + b"return;" + data[end:]
    return Fixed(data.decode(), tuple(notes))
