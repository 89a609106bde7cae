"""`regrapht graph stats|show|add`: look at the reasoning graph, or grow it from verified
trajectories (each step compiled, checked against the sequential code and timed on the GPU)."""

from __future__ import annotations

import argparse
import json
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
from regrapht.graph.build import (
    AddReport,
    StepCheck,
    Verify,
    add_trajectories,
    read_trajectories,
)
from regrapht.graph.corpus import corpus_records, vocabulary_graph
from regrapht.graph.render import render_html
from regrapht.harness.inputs import effective_arrays
from regrapht.harness.profile import ReferenceError, ReferenceProfile, profile_reference
from regrapht.parse import CodeSite, UnsupportedCode, find_site
from regrapht.validate import Status, validate

SHARED = bundled_graph_path().parent


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
    build = verbs.add_parser("build", help="rebuild the graph from the corpus folders, every "
                             "step verified (or only compiled, with --compile-only)")
    build.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    build.add_argument("--vocabulary", type=Path, default=SHARED / "techniques.json")
    build.add_argument("--out", type=Path, default=SHARED / "graph.json")
    build.add_argument("--compile-only", action="store_true",
                       help="check that every step parses, assembles and compiles; write nothing")
    build.add_argument("--only", nargs="*", default=None, help="corpus folders to use")
    build.add_argument("--build-dir", type=Path, default=Path(".regrapht-build/graph"))
    build.set_defaults(func=_build)
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


def real_verify(work: Path, compile_only: bool = False) -> Verify:
    """Verify a step with the validator: it must compile, match the sequential code on every
    trial and be timed (a GPU is needed; a speed beyond the roofline does not count). With
    `compile_only`, compiling is enough (for writing the corpus on a machine without a GPU)."""
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
        v = validate(site, site.annotations, profile, unit.test_unit, work / "candidates",
                     use_gpu=not compile_only)
        if compile_only and v.status is Status.COMPILED_NOT_RUN:
            return StepCheck(True, "", 1.0, 1.0, "compile only")
        if v.status is Status.VERIFIED and not v.suspicious:
            return StepCheck(True, "", v.speedup_kernel or 0.0, v.speedup_end_to_end or 0.0,
                             v.device)
        return StepCheck(False, f"{v.status.value}: {v.reason or v.suspicious}")

    return verify


def _report(report: AddReport) -> None:
    for log in report.logs:
        for given, node, reason in log.relabelled:
            if given != node:
                print(f"relabelled '{given}' -> '{node}' ({reason})")
    for r in report.rejected:
        print(f"rejected {r.source} step {r.step} ({r.technique}): {r.reason}")


def _build(args: argparse.Namespace) -> int:
    try:
        graph = vocabulary_graph(args.vocabulary)
        records = corpus_records(args.corpus)
        records = [r for r in records if args.only is None or r["source"] in args.only]
        records = read_trajectories(json.dumps(r) for r in records)
    except (OSError, ValueError, GraphFormatError) as exc:
        print(f"regrapht graph build: {exc}", file=sys.stderr)
        return 2
    report = add_trajectories(graph, records, real_verify(args.build_dir, args.compile_only))
    _report(report)
    sources = {r["source"] for r in records}
    print(f"{len(sources)} trajectories, {report.merged_steps} steps "
          f"{'compiled' if args.compile_only else 'verified'}, {len(report.rejected)} rejected")
    if not args.compile_only:
        save_graph(graph, args.out)
        print(f"wrote {args.out}")
    return 1 if report.rejected else 0


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
    _report(report)
    print(f"merged {report.merged_steps} verified steps into {target}; "
          f"rejected {len(report.rejected)}")
    return 1 if report.rejected else 0
