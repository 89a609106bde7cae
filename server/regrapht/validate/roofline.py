"""What the hardware allows: compulsory bytes and flops of the function, and the memory floor.

Estimated from the parsed function at the timing sizes, in the parent process:
- bytes: every array read once and every array written once, at its full length (an array that
  is only reached through an index array, `x[col[j]]`, `hist[bin[i]]`, is left out: a gather
  need not touch all of it). That is a lower bound on the traffic of any correct version.
- flops: arithmetic operators (`+ - * /`, compound assignments) and math calls in each loop body,
  outside subscripts, times the trip counts of the loops around them; None when a trip count
  depends on the data (CSR rows, triangular loops) or a loop is not a counted `for`.
The memory floor is bytes / the device's measured copy bandwidth. A kernel faster than the floor
(with a margin for measurement) cannot have done the work, so the verdict is flagged
suspicious instead of celebrated. The check is skipped where it cannot be fair: arrays that fit
in a few L2 caches (writes may not have reached memory when the kernel ends), and functions that
can stop early (`break`, `return` or `goto` in a loop).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from tree_sitter import Node

from regrapht.harness import inputs
from regrapht.harness.layout import param_element
from regrapht.parse import ArrayRole, CodeSite, Overrides
from regrapht.parse.nodes import walk
from regrapht.parse.parser import parse_source

MARGIN = 1.25  # a kernel may beat a copy's bandwidth a little (reads only, no write-allocate)
L2_MULTIPLE = 4  # judge only when the compulsory bytes exceed this many L2 caches
LOOP_TYPES = ("for_statement", "while_statement", "do_statement", "for_range_loop")
ARITHMETIC = {"+", "-", "*", "/"}
COMPOUND = {"+=", "-=", "*=", "/="}
MATH_CALLS = {
    "sqrt", "sqrtf", "exp", "expf", "log", "logf", "sin", "sinf", "cos", "cosf", "tan", "tanf",
    "pow", "powf", "fabs", "fabsf", "fmin", "fminf", "fmax", "fmaxf", "tanh", "tanhf", "exp2",
    "exp2f", "log2", "log2f", "rsqrt", "rsqrtf", "fma", "fmaf", "erf", "erff", "atan2", "atan2f",
}


@dataclass(frozen=True)
class Roofline:
    bytes_moved: int  # compulsory traffic at the timing sizes (lower bound)
    flops: int | None  # estimated floating/integer arithmetic operations, None if unknown
    bandwidth: float  # measured device copy bandwidth, bytes/s
    floor_seconds: float  # bytes_moved / bandwidth
    kernel_seconds: float  # median kernel-only time of the candidate
    judged: bool  # whether the floor applies (large enough, no early exit)
    suspicious: str  # '' or why the timing is beyond what the device can do

    @property
    def bandwidth_fraction(self) -> float:
        """Share of the measured bandwidth the compulsory traffic alone implies."""
        return self.floor_seconds / self.kernel_seconds if self.kernel_seconds > 0 else math.inf

    @property
    def gflops(self) -> float | None:
        if self.flops is None or self.kernel_seconds <= 0:
            return None
        return self.flops / self.kernel_seconds / 1e9


def compulsory_bytes(site: CodeSite, overrides: Overrides, sizes: Mapping[str, int]) -> int:
    arrays = inputs.effective_arrays(site, overrides)
    gathered = {a.target for a in arrays if a.role is ArrayRole.INDEX and a.target}
    lengths = dict(inputs.shape_for(site, overrides, sizes).lengths)
    total = 0
    for a in arrays:
        if a.name in gathered:
            continue
        itemsize = param_element(site, a.name).dtype.itemsize
        total += lengths[a.name] * itemsize * (int(a.read) + int(a.written))
    return total



def _own_nodes(body: Node):
    """Nodes of a loop body, not descending into nested loops or subscripts."""
    stack = [] if body.type in LOOP_TYPES else [body]
    while stack:
        node = stack.pop()
        yield node
        for child in node.children:
            if child.type in LOOP_TYPES:
                continue
            if node.type == "subscript_expression" and child != node.children[0]:
                continue  # the index arithmetic is addressing, not work
            stack.append(child)


def _ops(body: Node) -> int:
    count = 0
    for node in _own_nodes(body):
        if node.type == "binary_expression":
            op = node.child_by_field_name("operator")
            if op is not None and op.type in ARITHMETIC:
                count += 1
        elif node.type == "assignment_expression":
            op = node.child_by_field_name("operator")
            if op is not None and op.type in COMPOUND:
                count += 1
        elif node.type == "call_expression":
            fn = node.child_by_field_name("function")
            if fn is not None and fn.text and fn.text.decode() in MATH_CALLS:
                count += 1
    return count


def _root(site: CodeSite) -> Node:
    return parse_source(site.source, site.path, site.language).root_node


def can_exit_early(site: CodeSite, root: Node | None = None) -> bool:
    root = root or _root(site)
    for loop in (n for n in walk(root) if n.type in LOOP_TYPES):
        if any(n.type in ("break_statement", "return_statement", "goto_statement")
               for n in walk(loop)):
            return True
    return False


def estimate_flops(site: CodeSite, env: Mapping[str, int], root: Node | None = None
                   ) -> int | None:
    """Operations per call at the sizes in `env` (size variables, `v.size()` entries)."""
    root = root or _root(site)
    loops = [n for n in walk(root) if n.type in LOOP_TYPES]
    if len(loops) != len(site.loops):
        return None
    trips: dict[int, int | None] = {}
    for node, info in zip(loops, site.loops, strict=True):
        trip: int | None = None
        if info.kind == "for" and info.start is not None and info.bound and info.step == "1":
            try:
                trip = max(0, inputs.eval_length(info.bound, env)
                           - inputs.eval_length(info.start, env))
            except (KeyError, ValueError, SyntaxError, ZeroDivisionError):
                trip = None
        trips[node.id] = trip
    total = 0
    for node in loops:
        body = node.child_by_field_name("body")
        if body is None:
            continue
        ops = _ops(body)
        if ops == 0:
            continue
        factor = 1
        chain: Node | None = node
        while chain is not None:
            if chain.type in LOOP_TYPES:
                trip = trips.get(chain.id)
                if trip is None:
                    return None
                factor *= trip
            chain = chain.parent
        total += ops * factor
    return total


def roofline(
    site: CodeSite,
    overrides: Overrides,
    sizes: Mapping[str, int],
    *,
    bandwidth: float,
    l2_bytes: int,
    kernel_seconds: float,
) -> Roofline:
    bytes_moved = compulsory_bytes(site, overrides, sizes)
    env = dict(inputs.shape_for(site, overrides, sizes).sizes)
    root = _root(site)
    flops = estimate_flops(site, env, root)
    floor = bytes_moved / bandwidth if bandwidth > 0 else 0.0
    judged = (bandwidth > 0 and bytes_moved >= L2_MULTIPLE * max(l2_bytes, 1)
              and not can_exit_early(site, root))
    suspicious = ""
    if judged and kernel_seconds < floor / MARGIN:
        suspicious = (
            f"the kernel took {kernel_seconds * 1e3:.3g} ms, but moving the {bytes_moved / 1e6:.4g}"
            f" MB it must read and write takes at least {floor * 1e3:.3g} ms at the measured "
            f"{bandwidth / 1e9:.0f} GB/s: it cannot have done all the work (results cached or "
            "work skipped?)"
        )
    return Roofline(bytes_moved, flops, bandwidth, floor, kernel_seconds, judged, suspicious)
