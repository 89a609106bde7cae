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
from regrapht.generate.contract_fixes import contract_fixes
from regrapht.generate.dropin import drop_in_wrapper
from regrapht.generate.errors import AssemblyError
from regrapht.generate.extract import remove_definitions
from regrapht.generate.fixups import (
    carried_names,
    host_builtin_problem,
    kernel_continue_fix,
    with_helpers,
)
from regrapht.generate.interface import interface_launcher, launch_plan, rename_kernel
from regrapht.generate.prompting import KernelInterface
from regrapht.harness import shim
from regrapht.parse import ArrayInfo, CodeSite, Overrides, ParamKind

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
    # mechanical fixes applied to the model's code (fixups.py, contract_fixes.py,
    # interface.rename_kernel)
    fixes: tuple[str, ...] = ()
    # Fixed-interface mode only: the answer's device code as fixed, and the kernel's
    # parameters in order (what an NVRTC launch needs: validate/launch.py).
    device_code: str = ""
    kernel_args: tuple[str, ...] = ()
    # First and last line (1-based) of the answer's code in `shipped` and `test_unit` (the
    # same lines: the test unit extends the shipped file), so that compiler errors can be told
    # in the model's own coordinates (validate/nvcc.answer_terms). (0, 0): not known.
    answer_lines: tuple[int, int] = (0, 0)


def _redefined_structs(code: str, site: CodeSite) -> tuple[str, list[str]]:
    """The answer without its own definitions of the file's structs and types (the unit defines
    them before the answer, so a copy would be a redefinition), and what was removed."""
    names = [s.name for s in site.structs] + [c.name for c in site.context
                                              if c.kind == "type" and c.name]
    removed = []
    for name in dict.fromkeys(names):
        match = re.search(rf"\b(struct|class)\s+{re.escape(name)}\s*\{{", code)
        if match is None:
            continue
        depth, end = 0, None
        for i in range(match.end() - 1, len(code)):
            depth += {"{": 1, "}": -1}.get(code[i], 0)
            if depth == 0:
                end = i + 1
                break
        if end is None:
            continue
        semi = re.match(r"\s*;", code[end:])
        end += semi.end() if semi else 0
        code = code[:match.start()] + code[end:]
        removed.append(f"struct {name}")
    return code, removed


def _defines(code: str, name: str) -> bool:
    """Whether the answer defines a variable or macro of this name itself."""
    return re.search(rf"(#define\s+{re.escape(name)}\b|\b{re.escape(name)}\s*(\[[^\]]*\]\s*)*=)",
                     code) is not None


def device_constant(text: str) -> str:
    """A const global of the file as the GPU can read it: arrays become `__device__` data,
    scalars `constexpr` (usable in host and device code alike)."""
    stripped = text.strip()
    if re.search(r"\bconstexpr\b", stripped) and "[" not in stripped.split("=")[0]:
        return stripped
    if "[" in stripped.split("=")[0]:
        return "__device__ " + stripped
    return re.sub(r"\bconst\b", "constexpr", stripped, count=1)


def context_code(site: CodeSite, answer: str) -> str:
    """The file's macros, types and constants the function uses, before the answer's code;
    a constant the answer defines itself is left to it."""
    lines = []
    for item in site.context:
        if item.kind == "constant":
            if not _defines(answer, item.name):
                lines.append(device_constant(item.text))
        elif item.kind == "macro" and _defines(answer, item.name):
            continue
        else:
            lines.append(item.text.strip())
    known = {c.name for c in site.context if c.kind == "type"}
    lines += [s.source for s in site.structs if s.name not in known]
    return "\n".join(lines) + ("\n" if lines else "")


def _includes(site: CodeSite) -> list[str]:
    kinds = {p.kind for p in site.params}
    elems = {p.elem_type for p in site.params} | {site.return_type}
    wanted = ["cstdio", "cstdlib", "cstring", "cstdint", "cuda_runtime.h"]
    if kinds & {ParamKind.VECTOR, ParamKind.STRINGS}:
        wanted.append("vector")
    if kinds & {ParamKind.STRING, ParamKind.STRINGS}:
        wanted.append("string")
    if ParamKind.STD_ARRAY in kinds:
        wanted.append("array")
    if elems & {"complex<float>", "complex<double>"}:
        wanted += ["complex", "cuComplex.h"]
    if any(a.grows for a in site.arrays):
        wanted.append("algorithm")
    return [f"#include <{h}>" for h in wanted]


def assemble(
    site: CodeSite,
    code: str,
    arrays: tuple[ArrayInfo, ...],
    keeps_initial: tuple[str, ...],
    *,
    interface: KernelInterface | None = None,
    provenance: str = "",
    overrides: Overrides | None = None,
) -> Assembled:
    # first: a kernel named like the function is not the function's definition to drop
    code, renamed = rename_kernel(site, code, interface)
    contract = contract_fixes(site, code, arrays, interface is not None)
    code, removed = remove_definitions(contract.code, ("main", site.name))
    code, structs_removed = _redefined_structs(code, site)
    removed = [*removed, *structs_removed]
    problem = host_builtin_problem(code)
    if problem:
        raise AssemblyError(problem)
    fixed = kernel_continue_fix(code)
    carried = carried_names(site, fixed.code, helpers=interface is None)
    site = with_helpers(site, carried.helpers)
    code, fixes = carried.code, (*renamed, *contract.notes, *fixed.notes, *carried.notes)
    header = [
        f"// Generated by regrapht {__version__} from {site.path}:{site.span.start_line} "
        f"({site.name}).",
        *(f"// {line}" for line in provenance.splitlines() if line),
        *(f"// Fixed by regrapht: {note}" for note in fixes),
        *_includes(site),
        CHECK_MACRO,
    ]
    context = context_code(site, code)
    parts = ["\n".join(header), context + code.strip() + "\n"]
    first_line = parts[0].count("\n") + context.count("\n") + 2
    answer_lines = (first_line, first_line + code.strip().count("\n"))
    if interface is not None:
        parts.append(interface_launcher(site, interface))
    parts.append(drop_in_wrapper(site, arrays, keeps_initial, overrides))
    shipped = "\n".join(parts)
    test_unit = (
        shipped
        + "\n// ---- validator entry points (not part of the shipped file) ----\n"
        + shim.prelude(site, cplusplus=True)
        + shim.host_entry(site, cplusplus=True, synchronize_device=True)
        + shim.device_entry(site)
    )
    kernel_args = launch_plan(site, interface).args if interface is not None else ()
    return Assembled(shipped, test_unit, tuple(removed), fixes,
                     code if interface is not None else "", kernel_args, answer_lines)
