"""Prompts: templates in `prompts/` filled from a CodeSite. No prompt text lives in code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template

from regrapht.generate.fixups import example_names_note
from regrapht.harness.inputs import effective_arrays
from regrapht.harness.layout import element
from regrapht.harness.shim import device_signature
from regrapht.parse import ArrayInfo, CodeSite, LoopInfo, ParamKind

Message = dict[str, str]


RETURN = "return"  # a binding's value meaning "where the kernel writes the return value"
LAUNCH_BOUNDS = re.compile(r"\b__launch_bounds__\s*\([^)]*\)")  # before the kernel's name
_RETURN_BINDING = re.compile(rf"\s*{RETURN}\s*(?:=\s*(?P<initial>\S.*?))?\s*")


@dataclass(frozen=True)
class KernelInterface:
    """Fixed-interface mode: the answer is this one `__global__` function, launched as given.

    bindings: what kernel parameters receive, as (kernel parameter, value) pairs: a C
    expression over the function's parameters (`x.size()`, `n * m`, an array's name), or
    `return` / `return = EXPR` for the pointer the kernel writes the function's return value
    through (holding EXPR, by default 0, before the launch). A kernel parameter without a
    binding receives the function's parameter of the same name (generate/interface.py).
    """

    signature: str  # e.g. "__global__ void saxpy_kernel(int n, float a, const float *x, float *y)"
    grid: str  # C expression over the function's parameters, e.g. "(n + 255) / 256"
    block: str  # e.g. "256"
    bindings: tuple[tuple[str, str], ...] = ()

    @property
    def kernel_name(self) -> str:
        head = LAUNCH_BOUNDS.sub(" ", self.signature).split("(", 1)[0].split()
        if not head:
            raise ValueError(f"cannot read a kernel name from '{self.signature}'")
        return head[-1].lstrip("*&")

    def bound(self, param: str) -> str | None:
        """The value bound to kernel parameter `param`, or None."""
        return next((value for name, value in self.bindings if name == param), None)

    @property
    def result(self) -> tuple[str, str] | None:
        """(kernel parameter, its value before the launch) of the return binding, or None."""
        for name, value in self.bindings:
            initial = return_initial(value)
            if initial is not None:
                return name, initial
        return None


def return_initial(value: str) -> str | None:
    """What the pointer of a `return` / `return = EXPR` binding holds before the launch (EXPR,
    else "0"); None for a value that is not a return binding."""
    match = _RETURN_BINDING.fullmatch(value)
    return (match["initial"] or "0") if match else None


@cache
def template(name: str) -> str:
    return resources.files("regrapht.generate").joinpath("prompts").joinpath(name).read_text()


def _array_line(site: CodeSite, a: ArrayInfo, keeps_initial: tuple[str, ...]) -> str:
    p = site.param(a.name)
    use = " and ".join(w for w, on in (("read", a.read), ("written", a.written)) if on) or "unused"
    length = a.length or "unknown"
    line = f"- `{a.name}` ({p.c_type.strip()}): {use}, length {length}"
    if a.grows:
        line = (f"- `{a.name}` ({p.c_type.strip()}): an output the function grows; in the "
                f"launcher it is `{a.name}` (room for `{a.name}_capacity` elements) plus "
                f"`unsigned long long *{a.name}_count`, a device counter that is 0 on entry: "
                f"leave in it how many elements you wrote to {a.name}[0 .. count) (e.g. "
                f"`{a.name}[atomicAdd({a.name}_count, 1ULL)] = value;`)")
    elif p.kind is ParamKind.STRINGS:
        line += (f"; in the launcher it is `const char *{a.name}_chars`, `const size_t "
                 f"*{a.name}_offsets` and `size_t {a.name}_size`: string i is "
                 f"{a.name}_chars[{a.name}_offsets[i]] .. {a.name}_chars[{a.name}_offsets[i + 1] "
                 "- 1]")
    elif p.kind in (ParamKind.VECTOR, ParamKind.STRING):
        line += f"; in the launcher it is a device pointer `{a.name}` plus `size_t {a.name}_size`"
    if p.kind is ParamKind.SCALAR_REF:
        line += "; in the launcher it is a device pointer to one element"
    if p.elem_type in ("complex<float>", "complex<double>"):
        line += f"; on the device its elements are {element(site, p.elem_type).device} " \
                "(<cuComplex.h>)"
    if a.role.value == "index":
        line += f"; its values are indices into `{a.target}`"
    if a.role.value == "offsets":
        line += f"; its values are monotone offsets delimiting ranges of `{a.target}`"
    if a.name in keeps_initial:
        line += "; elements the code does not write must keep their values"
    return line


def param_table(
    site: CodeSite,
    keeps_initial: tuple[str, ...] = (),
    arrays: tuple[ArrayInfo, ...] | None = None,
    fixed_interface: bool = False,
) -> str:
    """One line per parameter. `arrays` are the effective arrays (annotations and CLI flags
    applied); by default the site's own comment annotations are applied. In fixed-interface
    mode a return value is written by the kernel, not returned by a launcher."""
    if arrays is None:
        arrays = effective_arrays(site, site.annotations)
    lines = []
    by_name = {a.name: a for a in arrays}
    for p in site.params:
        if p.name in by_name:
            lines.append(_array_line(site, by_name[p.name], keeps_initial))
        else:
            role = "size" if p.name in site.size_params else "value"
            line = f"- `{p.name}` ({p.c_type.strip()}): scalar {role}, passed by value"
            if element(site, p.elem_type).kind == "complex":
                line += f" (as {element(site, p.elem_type).device} in the launcher)"
            lines.append(line)
    if site.return_type != "void":
        duty = ("the kernel writes it through the pointer bound to it (below)" if fixed_interface
                else "the launcher must return it too")
        lines.append(f"- return value ({site.return_type}): {duty}")
    return "\n".join(lines)


def _mentions(expr: str | None, var: str) -> bool:
    return expr is not None and re.search(rf"\b{re.escape(var)}\b", expr) is not None


def _count(start: str, bound: str) -> str:
    return bound if start == "0" else f"({bound}) - ({start})"


def _loop_text(site: CodeSite, loop: LoopInfo) -> str:
    """The source text of `loop` (its span is in file coordinates; `site.source` starts at
    the function's first character)."""
    lines = site.source.splitlines()
    first = loop.span.start_line - site.span.start_line
    last = loop.span.end_line - site.span.start_line
    if not 0 <= first <= last < len(lines):
        return ""
    shift = site.span.start_column if first == 0 else 1
    end_shift = site.span.start_column if last == 0 else 1
    piece = lines[first:last + 1]
    piece[-1] = piece[-1][:loop.span.end_column - end_shift + 1]
    piece[0] = piece[0][loop.span.start_column - shift:]
    return "\n".join(piece)


_COMMENTS_AND_STRINGS = re.compile(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'',
                                   re.S)
_LOOP_HEADER = re.compile(r"for\s*\((?P<type>[\w:\s]*?\w)\s+(?P<var>\w+)\s*=")


def _code(text: str) -> str:
    return _COMMENTS_AND_STRINGS.sub(" ", text)


def _is_perfect_pair(outer_text: str, inner_text: str) -> bool:
    """The outer loop's body is the inner loop and nothing else (braces aside)."""
    if not inner_text or inner_text not in outer_text:
        return False
    rest = _code(outer_text.replace(inner_text, " ", 1)).strip()
    if not re.match(r"for\s*\(", rest):
        return False
    depth = 0
    for at, char in enumerate(rest):  # the header ends at the parenthesis closing `for (`
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ")" and depth == 0:
            return re.fullmatch(r"\s*(\{\s*\})?\s*", rest[at + 1:]) is not None
    return False


def _leaves_early(site: CodeSite, inner: LoopInfo, inner_text: str) -> bool:
    """Whether an iteration can end the nest, or the inner loop, early: a `return` or `goto`
    anywhere, or a `break` that is not inside a loop nested deeper than `inner` (a `break` of
    a search loop over the inner index makes its iterations dependent)."""
    code = _code(inner_text)
    if re.search(r"\b(return|goto)\b", code):
        return True
    deeper = [_code(_loop_text(site, lp)) for lp in site.loops
              if lp.depth > inner.depth and _loop_text(site, lp) in inner_text]
    for loop_code in deeper:
        code = code.replace(loop_code, " ")
    return re.search(r"\bbreak\b", code) is not None


def _loop_type(text: str, var: str) -> str:
    match = _LOOP_HEADER.match(text)
    return match["type"].strip() if match and match["var"] == var else "int"


def layout_note(site: CodeSite) -> str:
    """A concrete thread mapping when the function is one perfect rectangular nest of two
    canonical loops whose iterations are independent: the outer loop's body is the inner loop,
    neither carries a value from one iteration to the next, and no iteration leaves early
    (break, return). Small models put the row on x, which breaks non-square sizes and
    uncoalesces every access; a row on grid.y dies above 65,535 blocks. So the note counts the
    pairs along x, the inner index fastest, in a grid-stride loop: within every grid limit by
    construction. It names only the user's own loops. '' for any other shape."""
    outermost = [lp for lp in site.loops if lp.depth == 0]
    nested = [lp for lp in site.loops if lp.depth == 1]
    if len(outermost) != 1 or len(nested) != 1:
        return ""
    outer, inner = outermost[0], nested[0]
    for lp in (outer, inner):
        if lp.kind != "for" or not lp.var or lp.step != "1" or lp.carried or not lp.bound:
            return ""
    assert outer.var and inner.var and outer.bound and inner.bound
    if _mentions(inner.start, outer.var) or _mentions(inner.bound, outer.var):
        return ""  # triangular or ragged (CSR rows): not a rectangle
    outer_text, inner_text = _loop_text(site, outer), _loop_text(site, inner)
    if not _is_perfect_pair(outer_text, inner_text) or _leaves_early(site, inner, inner_text):
        return ""
    outer_start, inner_start = outer.start or "0", inner.start or "0"
    return Template(template("layout_2d.txt")).substitute(
        outer=outer.var, inner=inner.var,
        outer_type=_loop_type(outer_text, outer.var), inner_type=_loop_type(inner_text, inner.var),
        outer_first="" if outer_start == "0" else f"{outer_start} + ",
        inner_first="" if inner_start == "0" else f"{inner_start} + ",
        outer_count=_count(outer_start, outer.bound), inner_count=_count(inner_start, inner.bound),
    )


@cache
def _library_calls() -> dict[str, str]:
    lines = template("library_calls.txt").splitlines()
    pairs = (line.split(":", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {name.strip(): meaning.strip() for name, meaning in pairs}


def library_note(site: CodeSite) -> str:
    """What the standard-library calls of the function (and its helpers) do: device code cannot
    call them, so a small model must know what to re-implement."""
    code = "\n".join([*site.helpers, site.source])
    used = dict.fromkeys(re.findall(r"\bstd\s*::\s*(\w+)", code))
    meanings = _library_calls()
    lines = [f"- `std::{name}`: {meanings[name]}" for name in used if name in meanings]
    if not lines:
        return ""
    return ("\nThe standard-library calls it makes cannot be called in device code; what they "
            "compute:\n" + "\n".join(lines) + "\n")


def _common(
    site: CodeSite, keeps_initial: tuple[str, ...], arrays: tuple[ArrayInfo, ...] | None,
    fixed_interface: bool = False,
) -> dict[str, str]:
    helpers = ""
    if site.helpers:
        helpers = (
            "\nIt calls these helper functions from the same file (write `__device__` versions "
            "of those your kernels need):\n```\n" + "\n".join(site.helpers) + "\n```\n"
        )
    if site.context:
        # The regrapht unit puts these before the answer (constants as device constants), so
        # a model that redefines one breaks the build.
        helpers += (
            "\nIt uses these declarations from its file. Types and macros are defined for you "
            "before your code: do not redefine them. Constants must be usable on the GPU: the "
            "regrapht unit defines them as device constants for you too: do not redefine "
            "them.\n```\n" + "\n".join(item.text for item in site.context) + "\n```\n"
        )
    helpers += library_note(site)
    return {
        "language": {"c": "C", "cpp": "C++", "cuda": "CUDA C++"}[site.language],
        "fence": "c" if site.language == "c" else "cpp",
        "source": site.source.strip(),
        "helpers_note": helpers,
        "param_table": param_table(site, keeps_initial, arrays, fixed_interface),
        "name": site.name,
    }


def first_messages(
    site: CodeSite,
    keeps_initial: tuple[str, ...] = (),
    interface: KernelInterface | None = None,
    arrays: tuple[ArrayInfo, ...] | None = None,
) -> list[Message]:
    """System and user message asking for the rewrite (`arrays`: see `param_table`)."""
    values = _common(site, keeps_initial, arrays, interface is not None)
    if interface is None:
        duty = (
            "leaves the results in the output arrays"
            if site.return_type == "void"
            else "returns the same value as the sequential function (copy it back yourself)"
        )
        user = Template(template("parallelize.txt")).substitute(
            values, device_signature=device_signature(site) + ";", result_duty=duty,
            layout_note=layout_note(site),
        )
    else:
        user = Template(template("kernel_interface.txt")).substitute(
            values, kernel_signature=interface.signature + ";", grid=interface.grid,
            block=interface.block, bindings_note=bindings_note(site, interface),
        )
    return [
        {"role": "system", "content": template("system.txt").strip()},
        {"role": "user", "content": user},
    ]


def answer_shape(site: CodeSite, interface: KernelInterface | None) -> str:
    """The sentence a later turn (a graph step) ends with: what the answer holds, with the exact
    signature to keep: the kernels and the host launcher, or in fixed-interface mode the one
    kernel and no host code (the harness writes the launch)."""
    if interface is not None:
        return Template(template("answer_kernel.txt")).substitute(
            kernel_signature=interface.signature).strip()
    return Template(template("answer_launcher.txt")).substitute(
        device_signature=device_signature(site)).strip()


def bindings_note(site: CodeSite, interface: KernelInterface) -> str:
    """What the bound kernel parameters carry, one line each ('' without bindings): the model
    cannot guess that a parameter `N` is `x.size()`."""
    lines = []
    for name, value in interface.bindings:
        initial = return_initial(value)
        if initial is None:
            lines.append(f"- `{name}` is {value.strip()}")
        else:
            lines.append(f"- `{name}` is where the kernel writes the function's return value "
                         f"({site.return_type}); it holds {initial} before the launch")
    if not lines:
        return ""
    return "\nIts parameters carry these values:\n" + "\n".join(lines) + "\n"


def contract(site: CodeSite, interface: KernelInterface | None) -> str:
    if interface is not None:
        return f"the kernel signature `{interface.signature}` and no host code"
    return f"the launcher signature `{device_signature(site)}`"


def repair_messages(
    history: list[Message],
    answer: str,
    *,
    errors: str = "",
    failure: str = "",
    assembly: str = "",
    contract: str,
) -> list[Message]:
    """The conversation so far, the model's last answer, and what was wrong with it: compiler
    `errors`, a test `failure`, or an `assembly` problem (the answer could not be used at all)."""
    if errors:
        errors += example_names_note(errors, history)  # `TILE` copied from a worked example
        text = Template(template("repair_compile.txt")).substitute(errors=errors, contract=contract)
    elif assembly:
        text = Template(template("repair_assembly.txt")).substitute(
            problem=assembly, contract=contract
        )
    else:
        text = Template(template("repair_wrong.txt")).substitute(failure=failure, contract=contract)
    return [*history, {"role": "assistant", "content": answer}, {"role": "user", "content": text}]


def code_block_grammar() -> str:
    return template("code_block.gbnf")
