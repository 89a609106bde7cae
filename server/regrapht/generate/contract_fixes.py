"""Mechanical fixes of the launcher contract `<name>_device`, before any model call is spent.

The benchmark of record (failure analysis 2026-11-26, section 2 C) lost 83 candidates to the
launcher contract although the kernels were often usable:
- `__global__ void <name>_device(...)`, the launcher written as a kernel (37): when its
  parameters are the contract's, it is renamed `<name>_kernel_main` and a host launcher
  `<name>_device` with the contract's signature is generated that launches it with a 1-D grid
  over the longest array (256-thread blocks, capped at the grid's x limit, which a grid-stride
  kernel covers anyway); one that launches kernels itself is the launcher marked `__global__`
  by mistake, and loses the qualifier;
- no `<name>_device` at all (22), where a host function with the contract's parameter types
  (`launch_saxpy`, `saxpy_gpu`, a launcher named like the function itself or misspelt) is
  there: it is renamed `<name>_device`; another function's `<other>_device` (a worked
  example's launcher pasted along) is not.
Code whose braces or parentheses do not pair up (an answer cut short) is left alone.
Types are compared up to parameter names, `const`/`volatile`/`__restrict__` and integer
spellings (`unsigned` is `unsigned int`, `uint32_t` is `unsigned int` on the LP64 hosts nvcc
runs on). A kernel or launcher whose parameters differ otherwise is left alone: nvcc's error
goes to repair. Fixed-interface mode generates its own launcher and is never touched here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from tree_sitter import Node

from regrapht.generate.extract import _skip_literal
from regrapht.generate.fixups import Fixed
from regrapht.harness import shim
from regrapht.parse import ArrayInfo, CodeSite, ParamKind
from regrapht.parse.nodes import walk
from regrapht.parse.parser import function_name, parse_tree

BLOCK = 256
MAX_BLOCKS = 2147483647  # gridDim.x limit
_DROP = re.compile(r"\b(?:const|volatile|__restrict__|__restrict|restrict|struct|enum)\b")
_FIXED_WIDTH = {
    "int8_t": "signed char", "uint8_t": "unsigned char", "int16_t": "short",
    "uint16_t": "unsigned short", "int32_t": "int", "uint32_t": "unsigned int",
    "int64_t": "long", "uint64_t": "unsigned long", "size_t": "unsigned long",
    "ssize_t": "long", "ptrdiff_t": "long",
}
_INTEGER_WORDS = {"signed", "unsigned", "int", "long", "short", "char"}


def canonical_type(c_type: str) -> str:
    """A parameter type without its name's qualifiers, spelled one way: "const float *
    __restrict__" -> "float*", "unsigned" -> "unsigned int", "float []" -> "float*"."""
    t = re.sub(r"\[[^\]]*\]", "*", c_type.replace("std::", ""))
    t = _DROP.sub(" ", t)
    stars = "".join(ch for ch in t if ch in "*&")
    words = [_FIXED_WIDTH.get(w, w) for w in re.sub(r"[*&]", " ", t).split()]
    words = " ".join(words).split()
    if words and set(words) <= _INTEGER_WORDS:
        unsigned = "unsigned" in words
        rest = [w for w in words if w not in ("signed", "unsigned")]
        if rest.count("long") == 2:
            base = "long long"
        elif "long" in rest:
            base = "long"
        elif "short" in rest:
            base = "short"
        elif "char" in rest:
            base = "signed char" if "signed" in words else "char"
        else:
            base = "int"
        words = [("unsigned " if unsigned else "") + base]
    return " ".join(words) + stars


def _pointee_const(c_type: str) -> bool:
    return "*" in c_type and re.search(r"\bconst\b", c_type.split("*")[0]) is not None


@dataclass(frozen=True)
class _Function:
    name: str
    qualifiers: frozenset[str]
    returns: str
    params: tuple[tuple[str, str], ...]  # (type as written without the name, name)
    node: Node
    template: bool

    @property
    def host(self) -> bool:
        return self.qualifiers <= {"__host__"}


def _param(node: Node) -> tuple[str, str] | None:
    """(type as written without its name, name) of a parameter_declaration."""
    decl = node.child_by_field_name("declarator")
    name_node = decl
    while name_node is not None and name_node.type != "identifier":
        inner = name_node.child_by_field_name("declarator")
        if inner is None:
            inner = next((c for c in name_node.named_children if c.type == "identifier"), None)
        name_node = inner
    data = node.text or b""
    if name_node is None:
        return data.decode().strip(), ""
    start, end = name_node.start_byte - node.start_byte, name_node.end_byte - node.start_byte
    return (data[:start] + data[end:]).decode().strip(), (name_node.text or b"").decode()


def functions(code: str) -> list[_Function]:
    """The top-level function definitions tree-sitter can follow (error-free ones)."""
    root = parse_tree(code, "cuda").root_node
    out = []
    for top in root.children:
        template = top.type == "template_declaration"
        fn = next((c for c in top.children if c.type == "function_definition"), None) \
            if template else top
        if fn is None or fn.type != "function_definition" or fn.has_error:
            continue
        declarator = next((n for n in walk(fn) if n.type == "function_declarator"), None)
        plist = declarator.child_by_field_name("parameters") if declarator else None
        if plist is None:
            continue
        params = []
        for p in plist.named_children:
            if p.type != "parameter_declaration":
                params.append(("...", ""))  # variadic or unreadable: matches no contract
                continue
            read = _param(p)
            if read is not None and read[0] != "void":
                params.append(read)
        quals = frozenset(c.type for c in fn.children
                          if c.type in ("__global__", "__device__", "__host__"))
        rtype = fn.child_by_field_name("type")
        outer = fn.child_by_field_name("declarator")
        stars = "*" if outer is not None and outer.type == "pointer_declarator" else ""
        out.append(_Function(function_name(fn), quals,
                             ((rtype.text or b"").decode() if rtype else "int") + stars,
                             tuple(params), fn, template))
    return out


def contract_params(site: CodeSite) -> list[tuple[str, str]]:
    """(type, name) of each parameter of the launcher contract (shim.device_params)."""
    out = []
    for decl in shim.device_params(site):
        match = re.fullmatch(r"(.*?)([A-Za-z_]\w*)", decl.strip())
        assert match is not None
        out.append((match[1].strip(), match[2]))
    return out


def matches_contract(site: CodeSite, fn: _Function) -> bool:
    wanted = [canonical_type(t) for t, _ in contract_params(site)]
    return (not fn.template and [canonical_type(t) for t, _ in fn.params] == wanted
            and canonical_type(fn.returns) == canonical_type(shim.return_device_type(site)))


def _free_name(code: str, name: str) -> str:
    while re.search(rf"\b{re.escape(name)}\b", code):
        name += "_"
    return name


def _rename_kernel(code: str, old: str, new: str) -> str:
    """`old` renamed `new` in `__global__` declarators and `<<<` launches (not in calls)."""
    pieces, last = [], 0
    for match in re.finditer(r"\b__global__\b", code):
        ends = [i for i in (code.find("{", match.end()), code.find(";", match.end())) if i >= 0]
        head = re.search(rf"\b{re.escape(old)}(?=\s*\()",
                         code[match.end(): min(ends, default=len(code))])
        if head is not None:
            at = match.end() + head.start()
            pieces += [code[last:at], new]
            last = at + len(old)
    return re.sub(rf"\b{re.escape(old)}(?=\s*<<<)", new, "".join(pieces) + code[last:])


def _length(site: CodeSite, a: ArrayInfo) -> str | None:
    """An array's element count in launcher terms, or None when unknown or grown."""
    kind = site.param(a.name).kind
    if a.grows:
        return None
    if kind is ParamKind.SCALAR_REF:
        return "1"
    if kind in (ParamKind.VECTOR, ParamKind.STRING, ParamKind.STRINGS):
        return f"{a.name}_size"
    return shim.size_names(a.length) if a.length else None


def generated_launcher(site: CodeSite, kernel: _Function, new: str,
                       arrays: tuple[ArrayInfo, ...]) -> str | None:
    """`<name>_device` launching `new` over the longest array; None when no length is known."""
    lengths = list(dict.fromkeys(x for a in arrays if (x := _length(site, a)) is not None))
    if not lengths:
        return None
    args = []
    for (c_type, name), (k_type, _) in zip(contract_params(site), kernel.params, strict=True):
        cast = _pointee_const(c_type) and not _pointee_const(k_type)
        args.append(f"({k_type}){name}" if cast else name)
    longest = [f"    if ((long long)({x}) > regrapht_n_) regrapht_n_ = (long long)({x});"
               for x in lengths]
    return "\n".join([
        f"// Generated by regrapht: the launcher of {new} (written as __global__ "
        f"{site.name}_device),",
        "// one thread per element of the longest array.",
        f"{shim.device_signature(site)} {{",
        "    long long regrapht_n_ = 0;",
        *longest,
        "    if (regrapht_n_ <= 0) return;",
        f"    long long regrapht_blocks_ = (regrapht_n_ + {BLOCK - 1}) / {BLOCK};",
        f"    if (regrapht_blocks_ > {MAX_BLOCKS}LL) regrapht_blocks_ = {MAX_BLOCKS}LL;",
        f"    {new}<<<(unsigned)regrapht_blocks_, {BLOCK}>>>({', '.join(args)});",
        "}",
    ]) + "\n"


def balanced(code: str) -> bool:
    """Whether braces and parentheses pair up (comments and literals aside): code appended
    to an answer cut short would land inside its last function."""
    depth = {"{": 0, "(": 0}
    closing = {"}": "{", ")": "("}
    i = 0
    while i < len(code):
        skipped = _skip_literal(code, i)
        if skipped != i:
            i = skipped
            continue
        ch = code[i]
        if ch in depth:
            depth[ch] += 1
        elif ch in closing:
            depth[closing[ch]] -= 1
            if depth[closing[ch]] < 0:
                return False
        i += 1
    return not any(depth.values())


def _host_launcher_fix(code: str, kernel: _Function) -> Fixed:
    """A `__global__ <name>_device` that launches kernels itself is the launcher marked
    `__global__` by mistake: the qualifier goes (a kernel cannot launch kernels without
    relocatable device code, and the wrapper calls it from the host)."""
    qualifier = next(c for c in kernel.node.children if c.type == "__global__")
    data = code.encode()
    fixed = data[:qualifier.start_byte] + data[qualifier.end_byte:].lstrip(b" ")
    return Fixed(fixed.decode(), (f"removed `__global__` from `{kernel.name}`: it launches "
                                  "kernels, so it is the host launcher",))


def kernel_launcher_fix(site: CodeSite, code: str, arrays: tuple[ArrayInfo, ...]) -> Fixed:
    """A `__global__` named like the launcher, renamed and given a generated launcher (or,
    when it launches kernels itself, made the host launcher it is)."""
    launcher = f"{site.name}_device"
    found = [f for f in functions(code) if f.name == launcher]
    kernels = [f for f in found if "__global__" in f.qualifiers]
    if len(kernels) != 1 or len(found) != 1 or not matches_contract(site, kernels[0]) \
            or not balanced(code):
        return Fixed(code, ())
    if b"<<<" in (kernels[0].node.text or b""):
        return _host_launcher_fix(code, kernels[0])
    if site.return_type != "void":
        return Fixed(code, ())
    new = _free_name(code, f"{site.name}_kernel_main")
    text = generated_launcher(site, kernels[0], new, arrays)
    if text is None:
        return Fixed(code, ())
    fixed = _rename_kernel(code, launcher, new).rstrip("\n") + "\n\n" + text
    return Fixed(fixed, (f"renamed the __global__ `{launcher}` to `{new}` and generated its "
                         f"launcher `{launcher}` (1-D grid of {BLOCK}-thread blocks over the "
                         "longest array)",))


def _named_for(site: CodeSite, name: str) -> bool:
    """Whether a host function could be this function's launcher by its name: any name but
    another function's `<other>_device` (a worked example's launcher, pasted along), unless
    it is the function's own name misspelt (the longer half of it in common)."""
    if not name.endswith("_device"):
        return True
    stem = name.removesuffix("_device")
    common = len(os.path.commonprefix([stem, site.name]))
    return common * 2 >= max(len(site.name), 1)


def launcher_rename_fix(site: CodeSite, code: str) -> Fixed:
    """No `<name>_device`, but one host function with the contract's parameter types: it is
    the launcher under another name. A function named like the user's function counts only
    when it launches a kernel (else it is a host copy of the original, removed later)."""
    launcher = f"{site.name}_device"
    every = functions(code)
    if re.search(rf"\b{re.escape(launcher)}\s*\([^;{{]*\)\s*\{{", code) or any(
            f.name == launcher for f in every):
        return Fixed(code, ())
    if not balanced(code):
        return Fixed(code, ())
    launches = {f.name for f in every if b"<<<" in (f.node.text or b"")}
    fitting = [f for f in every if f.host and f.name not in ("main", "")
               and matches_contract(site, f) and _named_for(site, f.name)
               and (f.name != site.name or f.name in launches)]
    chosen = [f for f in fitting if f.name in launches] or fitting
    names = list(dict.fromkeys(f.name for f in chosen))
    if len(names) != 1:
        return Fixed(code, ())
    old = names[0]
    fixed = re.sub(rf"\b{re.escape(old)}(?=\s*\()", launcher, code)
    return Fixed(fixed, (f"renamed the launcher `{old}` to `{launcher}`: its parameters are the "
                         "contract's",))


def contract_fixes(site: CodeSite, code: str, arrays: tuple[ArrayInfo, ...],
                   fixed_interface: bool) -> Fixed:
    """Both launcher-contract fixes, in order; nothing in fixed-interface mode."""
    if fixed_interface:
        return Fixed(code, ())
    first = kernel_launcher_fix(site, code, arrays)
    second = launcher_rename_fix(site, first.code)
    return Fixed(second.code, (*first.notes, *second.notes))
