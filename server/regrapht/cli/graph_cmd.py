"""`regrapht graph stats|show|add`: look at the reasoning graph, or grow it from verified
trajectories (each step compiled, checked against the sequential code and timed on the GPU)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from regrapht.cli import graph_generate
from regrapht.cli.graph_verify import cached, logged, real_verify
from regrapht.graph import (
    GraphFormatError,
    bundled_graph_path,
    format_stats,
    graph_stats,
    load_graph,
    save_graph,
)
from regrapht.graph.build import AddReport, add_trajectories, read_trajectories
from regrapht.graph.corpus import corpus_records, vocabulary_graph
from regrapht.graph.render import render_html

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
    build.add_argument("--cache", type=Path, default=None,
                       help="JSON lines of steps already verified on this device, keyed by "
                       "content; reused and extended, so an interrupted build resumes "
                       "(default: none)")
    build.set_defaults(func=_build)
    graph_generate.register(verbs)
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
    verify = real_verify(args.build_dir, args.compile_only)
    if args.cache is not None and not args.compile_only:
        verify = cached(verify, args.cache)
    report = add_trajectories(graph, records, logged(verify))
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
    report = add_trajectories(graph, records, logged(real_verify(args.build_dir)))
    target = args.graph or bundled_graph_path()
    if report.merged_steps:
        save_graph(graph, target)
    _report(report)
    print(f"merged {report.merged_steps} verified steps into {target}; "
          f"rejected {len(report.rejected)}")
    return 1 if report.rejected else 0
