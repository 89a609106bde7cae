"""Checks and mechanical fixes of a model's CUDA code before it is compiled.

Small models carry two sequential habits into CUDA that the compiler reports badly or not at all:
- reading `blockDim`, `threadIdx`, `blockIdx` or `gridDim` in host code (the launcher): nvcc
  accepts it and the launch then runs with garbage sizes; `host_builtin_problem` names it so
  that the model hears what is wrong;
- `continue` left at the top of a kernel body, where the loop it skipped to the next iteration
  of has become the grid: `return` is the same thing for one thread, and `kernel_continue_fix`
  makes that change (and says so) instead of spending a model call on it.
Two more omissions cost the benchmark of record (failure analysis 2026-11-26, 1b) 45 and 59
compile failures, and are fixed or named here:
- a local constant of the user's function (`const float eps = 1e-6f;`) or a same-file helper
  the answer uses without defining: `carried_names` declares the constant at the top of each
  answer function that uses it (when its value needs only that function's parameters and
  file-scope names) and carries the helper into the unit as a `__host__ __device__` copy;
- an identifier nvcc reports undefined that comes from the worked example the prompt showed
  (`TILE`, `block_exclusive_scan`): `example_names_note` says so in the repair prompt.
Code tree-sitter cannot follow (it misses some constructs nvcc accepts) is left to nvcc: no
check, no change, never an exception.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources

from tree_sitter import Node

from regrapht.parse import CodeSite, ContextItem
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


# ---- names the answer uses without defining: the user's local constants and helpers ----

_MACRO_LIKE = re.compile(r"[A-Z][A-Z0-9_]*")  # M_PI, FLT_MAX, INFINITY: from the headers
HELPER = "helper"  # ContextItem kind of a helper carried into the unit (carried_names)


@dataclass(frozen=True)
class LocalConstant:
    """`const float eps = 1e-6f;` at the top level of the user's function body."""

    name: str
    declaration: str  # one declaration of this name alone, e.g. "const float eps = 1e-6f;"
    uses: frozenset[str]  # identifiers of the initializer that are not called


@dataclass(frozen=True)
class Carried:
    """The answer with the constants it uses undefined declared where used, the same-file
    helpers it calls undefined (as `__host__ __device__` copies, to go before it), and notes."""

    code: str
    helpers: tuple[tuple[str, str], ...]  # (name, source) in the user's order
    notes: tuple[str, ...]


def _identifiers(node: Node, *, calls: bool) -> set[str]:
    """Identifiers under `node`; with calls=False, not those that name a called function."""
    out = set()
    for n in walk(node):
        if n.type != "identifier" or not n.text:
            continue
        parent = n.parent
        called = parent is not None and parent.type == "call_expression" \
            and parent.child_by_field_name("function") == n
        if calls or not called:
            out.add(n.text.decode())
    return out


def _written_after(source: str, name: str, at: int) -> bool:
    """Whether `name` is assigned, incremented or has its address taken after byte `at`."""
    rest = source.encode()[at:].decode("utf-8", "replace")
    n = re.escape(name)
    return re.search(rf"\b{n}\s*(?:[-+*/%&|^]|<<|>>)?=(?!=)|(?:\+\+|--)\s*{n}\b|"
                     rf"\b{n}\s*(?:\+\+|--)|&\s*{n}\b(?!\s*[\[(])", rest) is not None


def local_constants(source: str, language: str) -> list[LocalConstant]:
    """The scalars declared with a value at the top level of the function's body that are
    constants: const/constexpr, or never written again (`float c1 = 1.0f - powf(b1, t);`)."""
    root = parse_tree(source, "cuda" if language == "cuda" else "cpp").root_node
    fn = next((n for n in walk(root) if n.type == "function_definition"), None)
    body = fn.child_by_field_name("body") if fn is not None else None
    out: list[LocalConstant] = []
    for decl in body.named_children if body is not None else []:
        if decl.type != "declaration" or decl.has_error:
            continue
        quals = {c.text.decode() for c in decl.children if c.type == "type_qualifier" and c.text}
        qualifier = "constexpr" if "constexpr" in quals else "const" if "const" in quals else ""
        type_node = decl.child_by_field_name("type")
        if type_node is None or not type_node.text:
            continue
        for init in decl.children_by_field_name("declarator"):
            name, value = init.child_by_field_name("declarator"), init.child_by_field_name("value")
            if init.type != "init_declarator" or name is None or name.type != "identifier" \
                    or value is None or value.type == "argument_list" or not name.text \
                    or not value.text:
                continue  # `T x(1, 2)` and arrays: no `T x = v;` to copy
            if not qualifier and _written_after(source, name.text.decode(), init.end_byte):
                continue  # a variable, not a constant
            out.append(LocalConstant(
                name.text.decode(),
                f"{qualifier} {type_node.text.decode()} {name.text.decode()} = ".lstrip()
                + f"{value.text.decode()};",
                frozenset(_identifiers(value, calls=False))))
    return out


def _outside_bodies(node: Node) -> list[Node]:
    """`node` and its descendants, not descending into function bodies."""
    out, todo = [], [node]
    while todo:
        n = todo.pop()
        out.append(n)
        todo += [c for c in n.children
                 if not (c.type == "compound_statement" and n.type == "function_definition")]
    return out


def _file_names(root: Node) -> set[str]:
    """Names the answer declares at file scope: functions, globals, macros, types."""
    names: set[str] = set()
    for n in _outside_bodies(root):
        if n.type == "function_declarator":
            inner = n.child_by_field_name("declarator")
            if inner is not None and inner.text:
                names.add(inner.text.decode().split("::")[-1])
        elif n.type in ("preproc_def", "preproc_function_def"):
            name = n.child_by_field_name("name")
            if name is not None and name.text:
                names.add(name.text.decode())
        elif n.type in ("type_identifier", "enumerator") and n.text:
            names.add(n.text.decode().split()[0])
        elif n.type == "declaration" and n.parent is not None and n.parent.type != \
                "compound_statement":
            names |= _declared_names(n)
    return names


def _params(fn: Node) -> set[str]:
    declarator = next((n for n in walk(fn) if n.type == "function_declarator"), None)
    plist = declarator.child_by_field_name("parameters") if declarator is not None else None
    names: set[str] = set()
    for p in plist.named_children if plist is not None else []:
        names |= _declared_names(p) if p.type != "parameter_declaration" else set()
        decl = p.child_by_field_name("declarator")
        while decl is not None and decl.type != "identifier":
            inner = decl.child_by_field_name("declarator")
            decl = inner if inner is not None else next(
                (c for c in decl.named_children if c.type == "identifier"), None)
        if decl is not None and decl.text:
            names.add(decl.text.decode())
    return names


def _helper_names(helpers: tuple[str, ...], language: str) -> list[tuple[str, str, bool]]:
    """(name, text, is a definition) of each helper text (definitions and prototypes)."""
    out = []
    for text in helpers:
        root = parse_tree(text, "cuda" if language == "cuda" else "cpp").root_node
        fn = next((n for n in walk(root) if n.type == "function_definition"), None)
        if fn is not None:
            out.append((function_name(fn), text, True))
            continue
        decl = next((n for n in walk(root) if n.type == "function_declarator"), None)
        inner = decl.child_by_field_name("declarator") if decl is not None else None
        if inner is not None and inner.text:
            out.append((inner.text.decode().split("::")[-1], text, False))
    return out


def device_copy(text: str) -> str:
    """A helper as host and device code: `__host__ __device__` before its declaration (after a
    template header); a helper already qualified is kept as written."""
    if re.search(r"\b__(host|device)__\b", text):
        return text.strip()
    header = re.match(r"\s*template\s*<[^{;]*?>\s*", text)
    at = header.end() if header else len(text) - len(text.lstrip())
    return (text[:at] + "__host__ __device__ " + text[at:]).strip()


def _needed_helpers(wanted: set[str], helpers: list[tuple[str, str, bool]]) -> set[str]:
    """`wanted` and the helpers they call, transitively."""
    names = {h[0] for h in helpers}
    needed, todo = set(), list(wanted)
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        for other, text, _ in helpers:
            if other == name:
                todo += [n for n in names - needed if re.search(rf"\b{re.escape(n)}\s*\(", text)]
    return needed


def carried_names(site: CodeSite, code: str, *, helpers: bool = True) -> Carried:
    """Declare in each answer function the user's local constants it uses without defining
    (at the top of its body, on the line of its `{`, so the answer's line numbers stay), when
    everything their values use is in scope there; and list the same-file helpers the answer
    calls without defining. Detection is textual over tree-sitter's parse: an identifier used
    in a function, declared neither in it nor at the answer's file scope."""
    root = parse_tree(code, "cuda").root_node
    constants = local_constants(site.source, site.language)
    helper_list = _helper_names(site.helpers, site.language) if helpers else []
    if not constants and not helper_list:
        return Carried(code, (), ())
    file_names = _file_names(root) | {c.name for c in site.context}
    by_name = {c.name: c for c in constants}
    edits: list[tuple[int, str]] = []
    notes: list[str] = []
    called: set[str] = set()
    for fn in _functions(root):
        body = fn.child_by_field_name("body")
        if fn.has_error or body is None:
            continue
        undefined = _identifiers(fn, calls=True) - _declared_names(fn) - _params(fn) - file_names
        called |= undefined & {h[0] for h in helper_list}
        scope = _params(fn) | file_names
        wanted = {c.name for c in constants if c.name in undefined}
        grew = True
        while grew:  # the constants their values use, when the function lacks them too
            more = {c.name for c in constants if c.name not in wanted | scope
                    and c.name not in _declared_names(fn)
                    and any(c.name in by_name[w].uses for w in wanted)}
            grew, wanted = bool(more), wanted | more
        added: list[LocalConstant] = []
        for c in constants:  # the user's order: a value's constants come before it
            free = {u for u in c.uses if not _MACRO_LIKE.fullmatch(u)} - scope \
                - {a.name for a in added}
            if c.name in wanted and not free:  # else its value needs what fn lacks: nvcc's
                added.append(c)
        if added:
            edits.append((body.start_byte + 1, " " + " ".join(c.declaration for c in added)))
            notes += [f"`{c.name}` is a local constant of `{site.name}` that `{_name(fn)}` used "
                      f"without defining: added `{c.declaration}` at the top of `{_name(fn)}`"
                      for c in added if c.name in undefined]
    data = code.encode()
    for at, text in sorted(edits, reverse=True):
        data = data[:at] + text.encode() + data[at:]
    needed = _needed_helpers(called, helper_list) if called else set()
    carried = tuple((name, device_copy(text)) for name, text, _ in helper_list if name in needed)
    notes += [f"`{name}` is a helper of `{site.name}` in the same file that the answer calls "
              "without defining: carried into the unit as a `__host__ __device__` copy"
              for name in sorted(called)]
    return Carried(data.decode(), carried, tuple(notes))


# ---- identifiers taken from the worked example (repair feedback) ----

_UNDEFINED = re.compile(r'identifier "(\w+)" is undefined')
_FENCED = re.compile(r"```[ \t]*([A-Za-z0-9_+\-]*)[ \t]*\n(.*?)```", re.S)
_WORD = re.compile(r"\b[A-Za-z_]\w*\b")


def _current_code_lead() -> str:
    """The words just before the previous step's code in a step prompt (step_current.txt),
    read from the template so that rewording it cannot break the check."""
    text = resources.files("regrapht.generate").joinpath("prompts", "step_current.txt")
    before = text.read_text().split("```")[0].rstrip()
    return before.rsplit("$standing", 1)[-1].strip(" )")


def example_names_note(errors: str, history: Sequence[Mapping[str, str]]) -> str:
    """Lines for a repair prompt naming each identifier nvcc reports undefined that the
    prompt's worked example (a cuda code block of a user message other than the previous
    step's code) holds and the user's code (the c/cpp blocks, the previous step's code) does
    not: small models copy `TILE` or `block_exclusive_scan` without its definition. '' if none."""
    undefined = list(dict.fromkeys(_UNDEFINED.findall(errors)))
    if not undefined:
        return ""
    lead = _current_code_lead()
    example: set[str] = set()
    own: set[str] = set()
    for message in history:
        if message.get("role") != "user":
            continue
        content = message.get("content", "")
        for m in _FENCED.finditer(content):
            words = set(_WORD.findall(m.group(2)))
            current = bool(lead) and content[:m.start()].rstrip().endswith(lead)
            (example if m.group(1) == "cuda" and not current else own).update(words)
    return "".join(f"\n`{x}` comes from the worked example and is not defined in your code: "
                   "define it or use your own value." for x in undefined
                   if x in example and x not in own)


def with_helpers(site: CodeSite, helpers: tuple[tuple[str, str], ...]) -> CodeSite:
    """The site with carried helpers as context items (kind HELPER): the unit then defines
    them before the answer's code, after the file's macros and constants they may use, and
    outside the answer's lines (whose numbers repair feedback quotes)."""
    if not helpers:
        return site
    items = tuple(ContextItem(HELPER, name, text) for name, text in helpers)
    return replace(site, context=(*site.context, *items))
