"""Fixed-interface mode: the launcher that runs the one kernel the user's driver already has.

The kernel's signature is given (`--kernel`, or `[interface]` in a benchmark task); the model
writes only that kernel. The launcher `<name>_device` generated here passes each kernel
parameter what its binding says (`--bind N=x.size()`: a C expression over the function's
parameters, or an array parameter's name), else the function's parameter of the same name, in
launcher terms (shim.device_params: a vector `x` travels as `x` and `x_size`), and launches it
with the given grid and block. A function that returns a value gets it through a pointer
parameter bound to `return`: the launcher allocates one element, initialises it, launches,
copies it back and returns it.

A kernel named like the function (whose drop-in replacement keeps that name), like its
launcher, or like one of the launcher's parameters (which would shadow it inside the launcher)
is renamed in the answer's code (`rename_kernel`); `launch_plan` names the kernel the same way
for the NVRTC path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from regrapht.generate.errors import AssemblyError
from regrapht.generate.prompting import LAUNCH_BOUNDS, RETURN, KernelInterface, return_initial
from regrapht.harness import shim
from regrapht.harness.ctypes_map import ctype_of
from regrapht.parse import CodeSite

RESULT = "regrapht_result_"  # the launcher's device pointer to the return value
_PARAM = re.compile(r"(?P<type>.*?)\b(?P<name>[A-Za-z_]\w*)\s*(?P<dims>(?:\[[^\]]*\]\s*)*)$")
_QUALIFIERS = re.compile(r"\b(?:const|volatile|__restrict__|__restrict|restrict)\b|[*&]")
_IDENTIFIER = re.compile(r"(?<![\w.])[A-Za-z_]\w*")
# Words a C expression over the parameters may hold besides them: casts, sizeof, min/max.
_C_WORDS = frozenset({"sizeof", "min", "max", "int", "unsigned", "signed", "long", "short",
                      "char", "float", "double", "size_t", "const"})
BIND_HINT = "`--bind NAME=EXPR` (in a task: `bind = { NAME = \"EXPR\" }` under [interface])"


class InterfaceError(AssemblyError, ValueError):
    """A kernel interface that cannot be launched for this function (a binding naming nothing,
    a kernel parameter nothing feeds); a usage error, found before any model call. `binding`:
    the kernel parameter whose binding is wrong, if one is."""

    def __init__(self, message: str, binding: str | None = None) -> None:
        super().__init__(message)
        self.binding = binding


@dataclass(frozen=True)
class KernelParam:
    """One parameter of the given kernel signature."""

    name: str
    c_type: str  # as written without the name, array bounds kept: "const float *", "size_t [256]"

    @property
    def is_pointer(self) -> bool:
        return "*" in self.c_type or "[" in self.c_type

    @property
    def element_type(self) -> str:
        """The type without qualifiers, `*` and bounds: "float", "size_t"."""
        return " ".join(_QUALIFIERS.sub(" ", self.c_type.split("[")[0]).split())

    @property
    def points_to_const(self) -> bool:
        return re.search(r"\bconst\b", self.c_type.split("*")[0]) is not None


def kernel_signature_params(signature: str) -> list[KernelParam]:
    """The parameters of a kernel signature; arrays (`size_t bins[256]`, `const float w[]`)
    are pointers named `bins`, `w`."""
    signature = LAUNCH_BOUNDS.sub(" ", signature)
    if "(" not in signature or not signature.rstrip().endswith(")"):
        raise InterfaceError(f"cannot read the kernel signature '{signature}': write a "
                             "declaration, e.g. '__global__ void k(int n, float *y)'")
    inside = signature[signature.index("(") + 1 : signature.rindex(")")]
    params = []
    for part in filter(None, (x.strip() for x in inside.split(","))):
        if part == "void":  # `k(void)`: no parameters
            continue
        match = _PARAM.fullmatch(part)
        if match is None:
            raise InterfaceError(
                f"cannot read a parameter name from '{part}' in the kernel signature"
            )
        dims = re.sub(r"\s+", "", match["dims"])
        params.append(KernelParam(match["name"], (match["type"].strip() + " " + dims).strip()))
    return params


def _launcher_params(site: CodeSite) -> dict[str, bool]:
    """The launcher's parameter names (what kernel arguments are made of), each with whether
    it is a pointer."""
    return {decl.split()[-1].lstrip("*&"): "*" in decl for decl in shim.device_params(site)}


def _names_in(expr: str) -> list[str]:
    return [w for w in _IDENTIFIER.findall(shim.size_names(expr)) if w not in _C_WORDS]


def _unknown(site: CodeSite, expr: str) -> str | None:
    """The first name in `expr` that is no parameter of the launcher, as the user wrote it
    (`z.size()`, not the launcher's `z_size`)."""
    launcher = _launcher_params(site)
    for name in _names_in(expr):
        if name not in launcher:
            vector = name.removesuffix("_size")
            return f"{vector}.size()" if vector in shim.SIZE_CALL.findall(expr) else name
    return None


def _bad(name: str, value: str, why: str) -> InterfaceError:
    return InterfaceError(f"binding {name}={value}: {why}", binding=name)


def check_binding_names(interface: KernelInterface) -> None:
    """What can be checked from the signature alone: each binding names a kernel parameter
    once, has a value, and a return binding names a pointer the kernel can write."""
    params = {p.name: p for p in kernel_signature_params(interface.signature)}
    seen: set[str] = set()
    for name, value in interface.bindings:
        if name not in params:
            raise _bad(name, value, f"the kernel {interface.kernel_name} has no parameter "
                       f"'{name}' (its parameters: {', '.join(params) or 'none'})")
        if name in seen:
            raise _bad(name, value, f"kernel parameter '{name}' is bound twice")
        seen.add(name)
        if not value.strip():
            raise _bad(name, value, "the value is empty; give a C expression over the "
                       "function's parameters, e.g. x.size()")
        if return_initial(value) is None and re.match(rf"\s*{RETURN}\b", value):
            raise _bad(name, value, f"write `{RETURN}` or `{RETURN} = EXPR` (EXPR: the value "
                       "it holds before the launch)")
    results = [(n, v) for n, v in interface.bindings if return_initial(v) is not None]
    if len(results) > 1:
        raise _bad(*results[1], f"only one kernel parameter can receive the return value, and "
                   f"{results[0][0]} does already")
    if results and (not params[results[0][0]].is_pointer
                    or params[results[0][0]].points_to_const):
        raise _bad(*results[0], "the kernel writes the return value through it, so it must be "
                   f"a pointer to non-const (it is `{params[results[0][0]].c_type}`)")


def _check_value(site: CodeSite, kernel: KernelParam, value: str) -> None:
    """A bound value names only the function's parameters; a pointer gets an array by name."""
    launcher = _launcher_params(site)
    unknown = _unknown(site, value)
    if unknown:
        raise _bad(kernel.name, value, f"'{unknown}' is not a parameter of {site.name} (its "
                   f"parameters, as the launcher gets them: {', '.join(launcher)})")
    arrays = [w for w in _names_in(value) if launcher[w]]
    if kernel.is_pointer and shim.size_names(value).strip() not in arrays:
        names = ", ".join(n for n, pointer in launcher.items() if pointer) or "none"
        raise _bad(kernel.name, value, f"'{kernel.name}' is a pointer: bind it to an array "
                   f"parameter of {site.name} by name ({names})")
    if not kernel.is_pointer and arrays:
        raise _bad(kernel.name, value, f"'{kernel.name}' is a scalar, but '{arrays[0]}' is an "
                   "array")


def _check_result(site: CodeSite, interface: KernelInterface) -> None:
    result = interface.result
    if site.return_type == "void" and result is not None:
        raise _bad(result[0], RETURN, f"{site.name} returns nothing")
    if site.return_type != "void" and result is None:
        raise InterfaceError(
            f"{site.name} returns a value ({site.return_type}), which one kernel launched as "
            f"given hands back only through a pointer parameter: bind the one it writes the "
            f"value to with `--bind NAME={RETURN}` (in a task: bind = {{ NAME = \"{RETURN}\" }})"
        )
    if result is not None:
        unknown = _unknown(site, result[1])
        if unknown:
            raise _bad(result[0], f"{RETURN} = {result[1]}", f"'{unknown}' is not a "
                       f"parameter of {site.name}")


def check_interface(site: CodeSite, interface: KernelInterface) -> None:
    """Every kernel parameter gets a value from the function's parameters; raises
    InterfaceError saying which does not and how to bind it."""
    check_binding_names(interface)
    _check_result(site, interface)
    launcher = _launcher_params(site)
    missing = []
    for param in kernel_signature_params(interface.signature):
        value = interface.bound(param.name)
        if value is None:
            if param.name not in launcher:
                missing.append(param.name)
        elif return_initial(value) is None:
            _check_value(site, param, value)
    if missing:
        raise InterfaceError(
            f"kernel parameter(s) {', '.join(missing)} match no parameter of {site.name} "
            f"({', '.join(launcher)}); bind each to a C expression over them with {BIND_HINT}, "
            f"e.g. --bind {missing[0]}=..., or name the kernel's parameters after the function's"
        )


@dataclass(frozen=True)
class LaunchPlan:
    """How the kernel is launched, for the generated launcher and the NVRTC path alike."""

    kernel_name: str  # after rename_kernel
    args: tuple[str, ...]  # per kernel parameter, in launcher terms (`x_size`, `RESULT`)
    types: tuple[str, ...]  # each scalar parameter's C type ("" for a pointer or an unknown type)
    result: int | None = None  # the parameter the return value is written through
    result_type: str = ""  # the element type it points to (the return type where unknown)
    initial: str = "0"  # C expression in launcher terms: its value before the launch


def _known(c_type: str) -> str:
    try:
        return ctype_of(c_type).c_name
    except KeyError:
        return ""


def launch_name(site: CodeSite, interface: KernelInterface) -> str:
    """The kernel's name as launched: its own, unless that is taken in the launcher."""
    taken = {site.name, f"{site.name}_device", RESULT, *_launcher_params(site)}
    name = interface.kernel_name
    while name in taken:
        name = f"{name}_kernel" if not name.endswith("_kernel") else f"{name}_"
    return name


def launch_plan(site: CodeSite, interface: KernelInterface) -> LaunchPlan:
    check_interface(site, interface)
    params = kernel_signature_params(interface.signature)
    args, types = [], []
    result = interface.result
    for param in params:
        value = interface.bound(param.name)
        if result is not None and param.name == result[0]:
            args.append(RESULT)
        else:
            args.append(shim.size_names(value).strip() if value is not None else param.name)
        types.append("" if param.is_pointer else _known(param.element_type))
    if result is None:
        return LaunchPlan(launch_name(site, interface), tuple(args), tuple(types))
    index = args.index(RESULT)
    slot = _known(params[index].element_type) or ctype_of(site.return_type).c_name
    return LaunchPlan(launch_name(site, interface), tuple(args), tuple(types), index, slot,
                      shim.size_names(result[1]).strip())


def rename_kernel(site: CodeSite, code: str,
                  interface: KernelInterface | None) -> tuple[str, tuple[str, ...]]:
    """The answer's code with the kernel renamed where its name is taken (launch_name): a
    whole-identifier rename of its `__global__` declarations and its launches, nothing else
    (a parameter of the same name stays). Returns the code and a note of the fix."""
    if interface is None:
        return code, ()
    old, new = interface.kernel_name, launch_name(site, interface)
    if old == new:
        return code, ()
    pieces, last = [], 0
    for match in re.finditer(r"\b__global__\b", code):
        # the declarator: the first `old(` before the body or the `;` (past __launch_bounds__)
        ends = [i for i in (code.find("{", match.end()), code.find(";", match.end())) if i >= 0]
        declarator = code[match.end() : min(ends, default=len(code))]
        head = re.search(rf"\b{re.escape(old)}(?=\s*\()", declarator)
        if head is not None:
            at = match.end() + head.start()
            pieces += [code[last:at], new]
            last = at + len(old)
    renamed = re.sub(rf"\b{re.escape(old)}(?=\s*<<<)", new, "".join(pieces) + code[last:])
    if renamed == code:
        return code, ()
    if old in (site.name, f"{site.name}_device"):
        why = f"the generated {old} is the function's drop-in replacement (or its launcher)"
    else:
        why = f"{site.name}'s parameter `{old}` would hide the kernel in the launcher"
    return renamed, (f"kernel `{old}` renamed `{new}`: {why}",)


def _result_lines(site: CodeSite, plan: LaunchPlan) -> tuple[list[str], list[str]]:
    """Before and after the launch: one device element of the return value, initialised,
    copied back, freed and returned."""
    t, ret = plan.result_type, ctype_of(site.return_type).c_name
    before = [
        f"    {t} *{RESULT} = NULL;",
        f"    REGRAPHT_CHECK(cudaMalloc((void **)&{RESULT}, sizeof({t})));",
        f"    const {t} regrapht_initial_ = ({t})({plan.initial});",
        f"    REGRAPHT_CHECK(cudaMemcpy({RESULT}, &regrapht_initial_, sizeof({t}), "
        "cudaMemcpyHostToDevice));",
    ]
    after = [
        f"    {t} regrapht_value_ = regrapht_initial_;",
        f"    REGRAPHT_CHECK(cudaMemcpy(&regrapht_value_, {RESULT}, sizeof({t}), "
        "cudaMemcpyDeviceToHost));",
        f"    REGRAPHT_CHECK(cudaFree({RESULT}));",
        f"    return ({ret})regrapht_value_;",
    ]
    return before, after


def _geometry(expr: str) -> str:
    expr = shim.size_names(expr).strip()
    return expr if expr.startswith("dim3") else f"(unsigned)({expr})"


def interface_launcher(site: CodeSite, interface: KernelInterface) -> str:
    """The launcher for fixed-interface mode: each kernel argument bound or matched by name."""
    plan = launch_plan(site, interface)
    before, after = _result_lines(site, plan) if plan.result is not None else ([], [])
    launch = (f"    {plan.kernel_name}<<<{_geometry(interface.grid)}, "
              f"{_geometry(interface.block)}>>>({', '.join(plan.args)});")
    return f"{shim.device_signature(site)} {{\n" + "\n".join([*before, launch, *after]) + "\n}\n"
