"""C entry points with a fixed ABI, so the reference and every candidate are called the same way.

Both the user's sequential function and a candidate's drop-in replacement are wrapped in
`regrapht_host_entry`, whose arguments are ctypes-friendly: arithmetic scalars by value, every
other parameter as `void *` (a complex or struct scalar through a pointer to it; std::vector and
std::string as `void *` plus a length, and a grown output with a pointer to its element count
too; a std::vector<std::string> as characters, a length, offsets and a count), the return value
through a trailing `void *`, and the seconds spent inside the call through `double *`.
Candidates also get `regrapht_device_entry`, which calls the device launcher with device
pointers (kernel-only timing). What the launcher's parameters are: docs/parameter-kinds.md.
"""

from __future__ import annotations

import re

from regrapht.harness.layout import element, host_container, layout_asserts
from regrapht.parse import CodeSite, Param, ParamKind

RET_ARG = "regrapht_ret"
SIZE_CALL = re.compile(r"\b([A-Za-z_]\w*)\s*\.\s*size\s*\(\s*\)")  # `v.size()`
SECONDS_ARG = "regrapht_seconds"
SIZED = (ParamKind.VECTOR, ParamKind.STRING)  # a buffer and its length
CONTAINERS = (ParamKind.VECTOR, ParamKind.STRING, ParamKind.STRINGS, ParamKind.STD_ARRAY)


def size_names(expr: str) -> str:
    """`v.size()` in an expression over the function's parameters becomes `v_size`, the
    parameter a vector's length travels in on device-side signatures (device_params)."""
    return SIZE_CALL.sub(r"\1_size", expr)


def grows(site: CodeSite, name: str) -> bool:
    return any(a.name == name and a.grows for a in site.arrays)


def _by_pointer(site: CodeSite, p: Param) -> bool:
    """A scalar passed through a pointer in the ABI: complex and struct values."""
    return p.kind is ParamKind.SCALAR and element(site, p.elem_type).kind != "arith"


def abi_params(site: CodeSite) -> list[str]:
    """The C parameter list of the entry points (same for reference and candidate)."""
    out: list[str] = []
    for p in site.params:
        if p.kind is ParamKind.SCALAR and not _by_pointer(site, p):
            out.append(f"{element(site, p.elem_type).arith.c_name} {p.name}")
        elif p.kind in SIZED:
            out += [f"void *{p.name}", f"size_t {p.name}_len"]
            if grows(site, p.name):
                out.append(f"void *{p.name}_count")
        elif p.kind is ParamKind.STRINGS:
            out += [f"void *{p.name}", f"size_t {p.name}_len", f"void *{p.name}_offsets",
                    f"size_t {p.name}_n"]
        else:
            out.append(f"void *{p.name}")
    if site.return_type != "void":
        out.append(f"void *{RET_ARG}")
    return out


def _cast(site: CodeSite, p: Param, device: bool = False) -> str:
    const = "const " if p.is_const else ""
    e = element(site, p.elem_type)
    return f"({const}{e.device if device else e.host} *){p.name}"


def host_call_args(site: CodeSite) -> list[str]:
    """Arguments that call the user's signature from the ABI parameters."""
    args: list[str] = []
    for p in site.params:
        if p.kind is ParamKind.SCALAR:
            args.append(f"*({element(site, p.elem_type).host} *){p.name}"
                        if _by_pointer(site, p) else p.name)
        elif p.kind in CONTAINERS:
            args.append(f"{p.name}_vec")
        elif p.kind is ParamKind.SCALAR_REF:
            args.append(f"*{_cast(site, p)}")
        else:
            args.append(_cast(site, p))
    return args


def device_params(site: CodeSite) -> list[str]:
    """Parameters of the device launcher `<name>_device` the model writes."""
    out: list[str] = []
    for p in site.params:
        t = element(site, p.elem_type).device
        const = "const " if p.is_const else ""
        if p.kind is ParamKind.SCALAR:
            out.append(f"{t} {p.name}")
        elif p.kind in SIZED and grows(site, p.name):
            out += [f"{t} *{p.name}", f"size_t {p.name}_capacity",
                    f"unsigned long long *{p.name}_count"]
        elif p.kind in SIZED:
            out += [f"{const}{t} *{p.name}", f"size_t {p.name}_size"]
        elif p.kind is ParamKind.STRINGS:
            out += [f"const char *{p.name}_chars", f"const size_t *{p.name}_offsets",
                    f"size_t {p.name}_size"]
        else:
            out.append(f"{const}{t} *{p.name}")
    return out


def return_device_type(site: CodeSite) -> str:
    return "void" if site.return_type == "void" else element(site, site.return_type).device


def device_signature(site: CodeSite) -> str:
    return f"{return_device_type(site)} {site.name}_device({', '.join(device_params(site))})"


def _container_setup(site: CodeSite) -> list[str]:
    lines = []
    for p in site.params:
        if p.kind not in CONTAINERS:
            continue
        kind, name, cpp = p.kind, p.name, host_container(site, p.name)
        elem = element(site, p.elem_type).host
        if kind is ParamKind.STD_ARRAY:
            lines += [f"    {cpp} {name}_vec;",
                      f"    std::memcpy({name}_vec.data(), {name}, sizeof({name}_vec));"]
        elif kind is ParamKind.STRINGS:
            off = f"((const size_t *){name}_offsets)"
            lines += [f"    {cpp} {name}_vec;",
                      f"    for (size_t k = 0; k < {name}_n; ++k) {name}_vec.emplace_back("
                      f"(const char *){name} + {off}[k], {off}[k + 1] - {off}[k]);"]
        else:
            start = f"*(const size_t *){name}_count" if grows(site, name) else f"{name}_len"
            lines.append(f"    {cpp} {name}_vec(({elem} *){name}, ({elem} *){name} + {start});")
    return lines


def _container_copy_back(site: CodeSite) -> list[str]:
    lines = []
    for p in site.params:
        if p.kind not in CONTAINERS or p.is_const or p.by_value:
            continue
        name, elem = p.name, element(site, p.elem_type).host
        if p.kind is ParamKind.STD_ARRAY:
            lines.append(f"    std::memcpy({name}, {name}_vec.data(), sizeof({name}_vec));")
        elif p.kind in SIZED:
            if grows(site, name):
                lines.append(f"    *(size_t *){name}_count = {name}_vec.size();")
            lines.append(
                f"    for (size_t k = 0; k < {name}_len && k < {name}_vec.size(); ++k) "
                f"(({elem} *){name})[k] = {name}_vec[k];"
            )
    return lines


def _call(site: CodeSite, callee: str, args: list[str], device: bool = False) -> str:
    call = f"{callee}({', '.join(args)})"
    if site.return_type == "void":
        return f"{call};"
    e = element(site, site.return_type)
    return f"*({e.device if device else e.host} *){RET_ARG} = {call};"


def host_entry(site: CodeSite, *, cplusplus: bool, synchronize_device: bool) -> str:
    """`regrapht_host_entry`: calls the user-facing signature and times the call inside."""
    params = ", ".join(abi_params(site) + [f"double *{SECONDS_ARG}"])
    extern = 'extern "C" ' if cplusplus else ""
    sync = ["    cudaDeviceSynchronize();"] if synchronize_device else []
    body = [
        *_container_setup(site),
        "    struct timespec regrapht_t0, regrapht_t1;",
        "    clock_gettime(CLOCK_MONOTONIC, &regrapht_t0);",
        f"    {_call(site, site.name, host_call_args(site))}",
        *sync,
        "    clock_gettime(CLOCK_MONOTONIC, &regrapht_t1);",
        f"    *{SECONDS_ARG} = (double)(regrapht_t1.tv_sec - regrapht_t0.tv_sec)"
        " + 1e-9 * (double)(regrapht_t1.tv_nsec - regrapht_t0.tv_nsec);",
        *_container_copy_back(site),
    ]
    asserts = layout_asserts(site)
    if not cplusplus:
        asserts = asserts.replace("static_assert(", "_Static_assert(")
    return (asserts + f"{extern}void regrapht_host_entry({params}) {{\n" + "\n".join(body)
            + "\n}\n")


def device_entry(site: CodeSite) -> str:
    """`regrapht_device_entry`: calls the launcher on device pointers; returns cudaGetLastError."""
    args: list[str] = []
    for p in site.params:
        if p.kind is ParamKind.SCALAR:
            args.append(f"*({element(site, p.elem_type).device} *){p.name}"
                        if _by_pointer(site, p) else p.name)
        elif p.kind in SIZED:
            args += [_cast(site, p, device=True), f"{p.name}_len"]
            if grows(site, p.name):
                args.append(f"(unsigned long long *){p.name}_count")
        elif p.kind is ParamKind.STRINGS:
            args += [f"(const char *){p.name}", f"(const size_t *){p.name}_offsets",
                     f"{p.name}_n"]
        else:
            args.append(_cast(site, p, device=True))
    params = ", ".join(abi_params(site))
    return (
        f'extern "C" int regrapht_device_entry({params}) {{\n'
        f"    {_call(site, site.name + '_device', args, device=True)}\n"
        "    return (int)cudaGetLastError();\n}\n"
    )


SHIM_PRELUDE_C = "#define _GNU_SOURCE 1\n#include <time.h>\n#include <stddef.h>\n"


def prelude(site: CodeSite, cplusplus: bool) -> str:
    """The headers the entry points need for this function's parameter kinds, and no more:
    every candidate is compiled with them, and <complex> or <string> cost nvcc a good part of
    a second each time."""
    if not cplusplus:
        return SHIM_PRELUDE_C
    kinds = {p.kind for p in site.params}
    complex_ = any(element(site, t).kind == "complex"
                   for t in [p.elem_type for p in site.params] + [site.return_type]
                   if t != "void")
    wanted = ["time.h", "cstddef"]
    wanted += ["vector"] if kinds & {ParamKind.VECTOR, ParamKind.STRINGS} else []
    wanted += ["array", "cstring"] if ParamKind.STD_ARRAY in kinds else []
    wanted += ["string"] if kinds & {ParamKind.STRING, ParamKind.STRINGS} else []
    wanted += ["complex"] if complex_ else []
    return "".join(f"#include <{h}>\n" for h in wanted)
