"""`regrapht graph stats|show|add`: look at the reasoning graph, or grow it from verified
trajectories (each step compiled, checked against the sequential code and timed on the GPU)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from regrapht.generate.assemble import AssemblyError, assemble
from regrapht.graph import (
    GraphFormatError,
    bundled_graph_path,
    format_stats,
    graph_stats,
    load_graph,
    save_graph,
)
from regrapht.graph.build import StepCheck, Verify, add_trajectories, read_trajectories
from regrapht.graph.render import render_html
from regrapht.harness.inputs import effective_arrays
from regrapht.harness.profile import ReferenceError, ReferenceProfile, profile_reference
from regrapht.parse import CodeSite, UnsupportedCode, find_site
from regrapht.validate import Status, validate


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("graph", help="inspect the reasoning graph")
    verbs = parser.add_subparsers(dest="verb", required=True)
    stats = verbs.add_parser("stats", help="techniques, edges, examples, coverage by class")
    show = verbs.add_parser("show", help="write the graph as a self-contained HTML page")
    show.add_argument("--out", type=Path, default=Path("regrapht-graph.html"))
    add = verbs.add_parser("add", help="verify trajectories step by step and merge them")
    add.add_argument("trajectories", type=Path, help="JSON lines, see shared_graph/README.md")
    add.add_argument("--build-dir", type=Path, default=Path(".regrapht-build/graph"))
    add.set_defaults(func=_add)
    for verb in (stats, show, add):
        verb.add_argument("--graph", type=Path, default=None,
                          help="a graph file (default: the bundled one, or $REGRAPHT_GRAPH)")
    stats.set_defaults(func=_stats)
    show.set_defaults(func=_show)


def _load(args: argparse.Namespace):
    try:
        return load_graph(args.graph)
    except GraphFormatError as exc:
        print(f"regrapht graph: {exc}", file=sys.stderr)
        return None


def _stats(args: argparse.Namespace) -> int:
    graph = _load(args)
    if graph is None:
        return 2
    print(format_stats(graph_stats(graph)))
    return 0


def _show(args: argparse.Namespace) -> int:
    graph = _load(args)
    if graph is None:
        return 2
    args.out.write_text(render_html(graph))
    print(f"wrote {args.out}")
    return 0


def real_verify(work: Path) -> Verify:
    """Verify a step with the validator: it must compile, match the sequential code on every
    trial and be timed (a GPU is needed; a speed beyond the roofline does not count)."""
    sites: dict[str, tuple[CodeSite, ReferenceProfile] | str] = {}

    def verify(record: dict, index: int, code: str) -> StepCheck:
        key = record["source"]
        if key not in sites:
            suffix = {"c": ".c", "cpp": ".cpp", "cuda": ".cu"}.get(record["language"], ".c")
            path = work / f"{key}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(record["sequential"])
            try:
                site = find_site(str(path), record["function"])
                sites[key] = (site, profile_reference(site, site.annotations, work / "ref" / key))
            except (UnsupportedCode, ReferenceError) as exc:
                sites[key] = str(exc)
        entry = sites[key]
        if isinstance(entry, str):
            return StepCheck(False, f"the sequential code cannot be used: {entry}")
        site, profile = entry
        try:
            unit = assemble(site, code, effective_arrays(site, site.annotations),
                            profile.keeps_initial)
        except AssemblyError as exc:
            return StepCheck(False, f"cannot be assembled: {exc}")
        v = validate(site, site.annotations, profile, unit.test_unit, work / "candidates")
        if v.status is Status.VERIFIED and not v.suspicious:
            return StepCheck(True, "", v.speedup_kernel or 0.0, v.speedup_end_to_end or 0.0,
                             v.device)
        return StepCheck(False, f"{v.status.value}: {v.reason or v.suspicious}")

    return verify


def _add(args: argparse.Namespace) -> int:
    graph = _load(args)
    if graph is None:
        return 2
    try:
        records = read_trajectories(args.trajectories.read_text().splitlines())
    except (OSError, ValueError) as exc:
        print(f"regrapht graph add: {args.trajectories}: {exc}", file=sys.stderr)
        return 2
    report = add_trajectories(graph, records, real_verify(args.build_dir))
    target = args.graph or bundled_graph_path()
    if report.merged_steps:
        save_graph(graph, target)
    for log in report.logs:
        for given, node, reason in log.relabelled:
            if given != node:
                print(f"relabelled '{given}' -> '{node}' ({reason})")
    for r in report.rejected:
        print(f"rejected {r.source} step {r.step} ({r.technique}): {r.reason}")
    print(f"merged {report.merged_steps} verified steps into {target}; "
          f"rejected {len(report.rejected)}")
    return 1 if report.rejected else 0
