"""Fixed-interface mode: the launcher that runs the one kernel the user's driver already has.

The kernel's signature is given (`--kernel`, or `[interface]` in a benchmark task); the model
writes only that kernel. The launcher `<name>_device` generated here passes the kernel the
function's device-side parameters (shim.device_params) in the kernel's order, launched with the
given grid and block.
"""

from __future__ import annotations

import re

from regrapht.generate.errors import AssemblyError
from regrapht.generate.prompting import KernelInterface
from regrapht.harness import shim
from regrapht.parse import CodeSite


def kernel_params(signature: str) -> list[str]:
    inside = signature[signature.index("(") + 1 : signature.rindex(")")]
    names = []
    for part in filter(None, (x.strip() for x in inside.split(","))):
        match = re.search(r"([A-Za-z_]\w*)\s*(\[\s*\])?$", part)
        if match is None:
            raise AssemblyError(
                f"cannot read a parameter name from '{part}' in the kernel signature"
            )
        names.append(match.group(1))
    return names


def interface_launcher(site: CodeSite, interface: KernelInterface) -> str:
    """The launcher for fixed-interface mode: kernel arguments matched to parameters by name."""
    if site.return_type != "void":
        raise AssemblyError(
            f"{site.name} returns a value ({site.return_type}), which one kernel launched as "
            "given cannot return; use the launcher mode (no fixed kernel interface) instead"
        )
    available = {p.split()[-1].lstrip("*&") for p in shim.device_params(site)}
    args = kernel_params(interface.signature)
    missing = [a for a in args if a not in available]
    if missing:
        raise AssemblyError(
            f"kernel parameter(s) {', '.join(missing)} match no parameter of {site.name}; name "
            f"the kernel's parameters after the function's ({', '.join(sorted(available))})"
        )

    def geometry(expr: str) -> str:
        expr = shim.size_names(expr).strip()
        return expr if expr.startswith("dim3") else f"(unsigned)({expr})"

    return (
        f"{shim.device_signature(site)} {{\n"
        f"    {interface.kernel_name}<<<{geometry(interface.grid)}, "
        f"{geometry(interface.block)}>>>({', '.join(args)});\n}}\n"
    )
