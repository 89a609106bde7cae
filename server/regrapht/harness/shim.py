"""C entry points with a fixed ABI, so the reference and every candidate are called the same way.

Both the user's sequential function and a candidate's drop-in replacement are wrapped in
`regrapht_host_entry`, whose arguments are ctypes-friendly: scalars by value, every array-like
parameter as `void *` (std::vector as `void *` plus its length), the return value through a
trailing `void *`, and the seconds spent inside the call through `double *`. Candidates also get
`regrapht_device_entry`, which calls the device launcher with device pointers (kernel-only timing).
"""

from __future__ import annotations

import re

from regrapht.harness.ctypes_map import ctype_of
from regrapht.parse import CodeSite, Param, ParamKind

RET_ARG = "regrapht_ret"
SIZE_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\.\s*size\s*\(\s*\)")  # `v.size()`


def size_names(expr: str) -> str:
    """`v.size()` in an expression over the function's parameters becomes `v_size`, the
    parameter a vector's length travels in on device-side signatures (device_params)."""
    return SIZE_CALL.sub(r"\1_size", expr)
SECONDS_ARG = "regrapht_seconds"


def abi_params(site: CodeSite) -> list[str]:
    """The C parameter list of the entry points (same for reference and candidate)."""
    out: list[str] = []
    for p in site.params:
        if p.kind is ParamKind.SCALAR:
            out.append(f"{ctype_of(p.elem_type).c_name} {p.name}")
        elif p.kind is ParamKind.VECTOR:
            out += [f"void *{p.name}", f"size_t {p.name}_len"]
        else:
            out.append(f"void *{p.name}")
    if site.return_type != "void":
        out.append(f"void *{RET_ARG}")
    return out


def _cast(p: Param) -> str:
    const = "const " if p.is_const else ""
    return f"({const}{ctype_of(p.elem_type).c_name} *){p.name}"


def host_call_args(site: CodeSite) -> list[str]:
    """Arguments that call the user's signature from the ABI parameters."""
    args: list[str] = []
    for p in site.params:
        if p.kind is ParamKind.SCALAR:
            args.append(p.name)
        elif p.kind is ParamKind.VECTOR:
            args.append(f"{p.name}_vec")
        elif p.kind is ParamKind.SCALAR_REF:
            args.append(f"*{_cast(p)}")
        else:
            args.append(_cast(p))
    return args


def device_params(site: CodeSite) -> list[str]:
    """Parameters of the device launcher `<name>_device` the model writes."""
    out: list[str] = []
    for p in site.params:
        c_name = ctype_of(p.elem_type).c_name
        const = "const " if p.is_const else ""
        if p.kind is ParamKind.SCALAR:
            out.append(f"{c_name} {p.name}")
        elif p.kind is ParamKind.VECTOR:
            out += [f"{const}{c_name} *{p.name}", f"size_t {p.name}_size"]
        else:
            out.append(f"{const}{c_name} *{p.name}")
    return out


def device_signature(site: CodeSite) -> str:
    ret = ctype_of(site.return_type).c_name if site.return_type != "void" else "void"
    return f"{ret} {site.name}_device({', '.join(device_params(site))})"


def _vector_setup(site: CodeSite) -> list[str]:
    lines = []
    for p in site.params:
        if p.kind is ParamKind.VECTOR:
            t = ctype_of(p.elem_type).c_name
            lines.append(
                f"    std::vector<{t}> {p.name}_vec(({t} *){p.name}, "
                f"({t} *){p.name} + {p.name}_len);"
            )
    return lines


def _vector_copy_back(site: CodeSite) -> list[str]:
    lines = []
    for p in site.params:
        if p.kind is ParamKind.VECTOR and not p.is_const:
            t = ctype_of(p.elem_type).c_name
            lines.append(
                f"    for (size_t k = 0; k < {p.name}_len && k < {p.name}_vec.size(); ++k) "
                f"(({t} *){p.name})[k] = {p.name}_vec[k];"
            )
    return lines


def _call(site: CodeSite, callee: str, args: list[str]) -> str:
    call = f"{callee}({', '.join(args)})"
    if site.return_type == "void":
        return f"{call};"
    return f"*({ctype_of(site.return_type).c_name} *){RET_ARG} = {call};"


def host_entry(site: CodeSite, *, cplusplus: bool, synchronize_device: bool) -> str:
    """`regrapht_host_entry`: calls the user-facing signature and times the call inside."""
    params = ", ".join(abi_params(site) + [f"double *{SECONDS_ARG}"])
    extern = 'extern "C" ' if cplusplus else ""
    sync = ["    cudaDeviceSynchronize();"] if synchronize_device else []
    body = [
        *_vector_setup(site),
        "    struct timespec regrapht_t0, regrapht_t1;",
        "    clock_gettime(CLOCK_MONOTONIC, &regrapht_t0);",
        f"    {_call(site, site.name, host_call_args(site))}",
        *sync,
        "    clock_gettime(CLOCK_MONOTONIC, &regrapht_t1);",
        f"    *{SECONDS_ARG} = (double)(regrapht_t1.tv_sec - regrapht_t0.tv_sec)"
        " + 1e-9 * (double)(regrapht_t1.tv_nsec - regrapht_t0.tv_nsec);",
        *_vector_copy_back(site),
    ]
    return f"{extern}void regrapht_host_entry({params}) {{\n" + "\n".join(body) + "\n}\n"


def device_entry(site: CodeSite) -> str:
    """`regrapht_device_entry`: calls the launcher on device pointers; returns cudaGetLastError."""
    args: list[str] = []
    for p in site.params:
        if p.kind is ParamKind.SCALAR:
            args.append(p.name)
        elif p.kind is ParamKind.VECTOR:
            args += [_cast(p), f"{p.name}_len"]
        else:
            args.append(_cast(p))
    params = ", ".join(abi_params(site))
    return (
        f'extern "C" int regrapht_device_entry({params}) {{\n'
        f"    {_call(site, site.name + '_device', args)}\n"
        "    return (int)cudaGetLastError();\n}\n"
    )


SHIM_PRELUDE_C = "#define _GNU_SOURCE 1\n#include <time.h>\n"
SHIM_PRELUDE_CPP = "#include <time.h>\n#include <vector>\n"
