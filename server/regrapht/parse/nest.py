"""How many independent nested loops a code site offers for a thread mapping (1D, 2D, 3D).

Counted from a loop L0: L0 counts when it is a canonical `for` that carries nothing from one
iteration to the next; then, as long as the loop just counted holds exactly one loop one level
deeper and that loop is also a canonical `for` carrying nothing, it counts too. Statements
beside the inner loop are allowed (matmul's `s = 0; for k ...; C[i][j] = s` nest is 2: the k
loop carries `s`). L0 is any loop of the function, whichever counts most (a time-step loop
carries its state, and the 2D nest inside it is still a 2D nest); where the request points at a
loop (`focus_loop`), any loop around it or inside it: the whole function is rewritten, so a
cursor on the inner loop of a 2D nest still gets 2. The search offers no technique that needs
more loops than this (graph Technique.min_parallel_loops).
"""

from __future__ import annotations

from regrapht.parse.site import CodeSite, LoopInfo, SourceSpan


def _inside(inner: SourceSpan, outer: SourceSpan) -> bool:
    return ((inner.start_line, inner.start_column) >= (outer.start_line, outer.start_column)
            and (inner.end_line, inner.end_column) <= (outer.end_line, outer.end_column))


def _independent(loop: LoopInfo) -> bool:
    return loop.kind == "for" and loop.var is not None and loop.carried == ()


def _candidates(site: CodeSite) -> list[LoopInfo]:
    """The loops a nest may start from: all of them, or those around or inside the focus."""
    if site.focus_loop is None or not 0 <= site.focus_loop < len(site.loops):
        return list(site.loops)
    focus = site.loops[site.focus_loop]
    return [loop for loop in site.loops
            if _inside(focus.span, loop.span) or _inside(loop.span, focus.span)]


def _nest_from(site: CodeSite, loop: LoopInfo) -> int:
    count = 0
    current: LoopInfo | None = loop
    while current is not None and _independent(current):
        count += 1
        outer = current
        below = [inner for inner in site.loops
                 if inner.depth == outer.depth + 1 and _inside(inner.span, outer.span)]
        current = below[0] if len(below) == 1 else None
    return count


def parallel_loops(site: CodeSite) -> int:
    """Independent perfectly or nearly nested canonical `for` loops at the site; at least 1 (a
    site with no such loop, or none at all, may still get a 1D mapping)."""
    return max([1, *(_nest_from(site, loop) for loop in _candidates(site))])
