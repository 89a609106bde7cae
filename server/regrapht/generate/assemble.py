"""Assemble the CUDA file a user gets, and the unit the validator compiles.

The model writes kernels and a device launcher `<name>_device` (or, in fixed-interface mode,
one kernel for which a launcher is generated here). The drop-in replacement with the user's
original signature is generated, not written by the model: it allocates device buffers, copies
in what the function reads (and outputs whose unwritten elements must survive), calls the
launcher, checks for errors and copies results back. That part is mechanical, so a small model
should not be trusted with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from regrapht import __version__
from regrapht.generate.errors import AssemblyError
from regrapht.generate.extract import remove_definitions
from regrapht.generate.fixups import host_builtin_problem, kernel_continue_fix
from regrapht.generate.interface import interface_launcher, launch_plan, rename_kernel
from regrapht.generate.prompting import KernelInterface
from regrapht.harness import shim
from regrapht.harness.ctypes_map import ctype_of
from regrapht.parse import ArrayInfo, ArrayRole, CodeSite, ParamKind

CHECK_MACRO = r"""#ifndef REGRAPHT_CHECK
#define REGRAPHT_CHECK(call)                                                        \
    do {                                                                            \
        cudaError_t regrapht_err_ = (call);                                         \
        if (regrapht_err_ != cudaSuccess) {                                         \
            fprintf(stderr, "regrapht: CUDA error '%s' at %s:%d\n",                 \
                    cudaGetErrorString(regrapht_err_), __FILE__, __LINE__);         \
            abort();                                                                \
        }                                                                           \
    } while (0)
#endif
"""


@dataclass(frozen=True)
class Assembled:
    shipped: str  # the .cu file the user gets
    test_unit: str  # shipped + C-ABI entry points for the validator
    removed: tuple[str, ...]  # definitions dropped from the model's code (main, original name)
    # mechanical fixes applied to the model's code (fixups.py, interface.rename_kernel)
    fixes: tuple[str, ...] = ()
    # Fixed-interface mode only: the answer's device code as fixed, and the kernel's
    # parameters in order (what an NVRTC launch needs: validate/launch.py).
    device_code: str = ""
    kernel_args: tuple[str, ...] = ()


def _size_expr(expr: str) -> str:
    """A length expression evaluated in size_t, so n * m cannot overflow int."""
    expr = shim.SIZE_CALL.sub(r"\1.size()", expr)
    return re.sub(r"(?<![\w.])([A-Za-z_]\w*)\b(?!\s*[.(\[])", r"((size_t)(\1))", expr)


def _length_code(site: CodeSite, a: ArrayInfo, arrays: dict[str, ArrayInfo]) -> str:
    kind = site.param(a.name).kind
    if kind is ParamKind.SCALAR_REF:
        return "1"
    if kind is ParamKind.VECTOR:  # a vector knows its own length
        return f"{a.name}.size()"
    if a.length is not None:
        return _size_expr(a.length)
    for off in arrays.values():  # delimited by offsets: the last offset is the element count
        if off.role is ArrayRole.OFFSETS and off.length is not None:
            return f"((size_t)({off.name}[{_size_expr(off.length)} - 1]))"
    raise AssemblyError(
        f"cannot tell how many elements '{a.name}' has, so no drop-in wrapper can copy it to the "
        f"GPU; state it with a comment above the function, e.g. `// regrapht: length {a.name}=n`"
    )


def _cpp_signature(signature: str) -> str:
    """C99 spellings nvcc's C++ front end does not take."""
    signature = re.sub(r"\brestrict\b", "__restrict__", signature)
    return re.sub(r"\b_Bool\b", "bool", signature)


def drop_in_wrapper(
    site: CodeSite, arrays: tuple[ArrayInfo, ...], keeps_initial: tuple[str, ...]
) -> str:
    by_name = {a.name: a for a in arrays}
    lines: list[str] = []
    frees: list[str] = []
    copies_back: list[str] = []
    call_args: list[str] = []
    for p in site.params:
        if p.kind is ParamKind.SCALAR:
            call_args.append(p.name)
            continue
        a = by_name[p.name]
        t = ctype_of(p.elem_type).c_name
        host = {ParamKind.VECTOR: f"{p.name}.data()", ParamKind.SCALAR_REF: f"&{p.name}"}.get(
            p.kind, p.name
        )
        count, dev, nbytes = f"{p.name}_len_", f"d_{p.name}_", f"{p.name}_len_ * sizeof({t})"
        lines += [
            f"    const size_t {count} = {_length_code(site, a, by_name)};",
            f"    {t} *{dev} = NULL;",
            f"    REGRAPHT_CHECK(cudaMalloc((void **)&{dev}, {nbytes} > 0 ? {nbytes} : 1));",
        ]
        if a.read or a.name in keeps_initial or not a.written:
            lines.append(
                f"    REGRAPHT_CHECK(cudaMemcpy({dev}, {host}, {nbytes}, cudaMemcpyHostToDevice));"
            )
        if a.written and not p.is_const:
            copies_back.append(
                f"    REGRAPHT_CHECK(cudaMemcpy({host}, {dev}, {nbytes}, cudaMemcpyDeviceToHost));"
            )
        frees.append(f"    REGRAPHT_CHECK(cudaFree({dev}));")
        call_args.append(dev)
        if p.kind is ParamKind.VECTOR:
            call_args.append(f"{p.name}.size()")
    call = f"{site.name}_device({', '.join(call_args)})"
    if site.return_type == "void":
        lines.append(f"    {call};")
    else:
        lines.append(f"    const {ctype_of(site.return_type).c_name} result_ = {call};")
    lines += ["    REGRAPHT_CHECK(cudaGetLastError());", *copies_back, *frees]
    if site.return_type != "void":
        lines.append("    return result_;")
    extern = 'extern "C" ' if site.language == "c" else ""
    return (
        "// Drop-in replacement with the original signature "
        "(generated by regrapht, not the model):\n"
        f"// copies inputs to the GPU, runs {site.name}_device, copies results back.\n"
        f"{extern}{_cpp_signature(site.signature.strip())} {{\n" + "\n".join(lines) + "\n}\n"
    )


def assemble(
    site: CodeSite,
    code: str,
    arrays: tuple[ArrayInfo, ...],
    keeps_initial: tuple[str, ...],
    *,
    interface: KernelInterface | None = None,
    provenance: str = "",
) -> Assembled:
    # first: a kernel named like the function is not the function's definition to drop
    code, renamed = rename_kernel(site, code, interface)
    code, removed = remove_definitions(code, ("main", site.name))
    problem = host_builtin_problem(code)
    if problem:
        raise AssemblyError(problem)
    fixed = kernel_continue_fix(code)
    code, fixes = fixed.code, (*renamed, *fixed.notes)
    has_vector = any(p.kind is ParamKind.VECTOR for p in site.params)
    header = [
        f"// Generated by regrapht {__version__} from {site.path}:{site.span.start_line} "
        f"({site.name}).",
        *(f"// {line}" for line in provenance.splitlines() if line),
        *(f"// Fixed by regrapht: {note}" for note in fixes),
        "#include <cstdio>",
        "#include <cstdlib>",
        "#include <cuda_runtime.h>",
        *(["#include <vector>"] if has_vector else []),
        CHECK_MACRO,
    ]
    parts = ["\n".join(header), code.strip() + "\n"]
    if interface is not None:
        parts.append(interface_launcher(site, interface))
    parts.append(drop_in_wrapper(site, arrays, keeps_initial))
    shipped = "\n".join(parts)
    test_unit = (
        shipped
        + "\n// ---- validator entry points (not part of the shipped file) ----\n"
        + shim.SHIM_PRELUDE_CPP
        + shim.host_entry(site, cplusplus=True, synchronize_device=True)
        + shim.device_entry(site)
    )
    kernel_args = launch_plan(site, interface).args if interface is not None else ()
    return Assembled(shipped, test_unit, tuple(removed), fixes,
                     code if interface is not None else "", kernel_args)
