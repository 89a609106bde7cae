"""`regrapht graph generate`: write an optimization trajectory with any local model.

For users who run a bigger model than the default: the graph search runs on their function with
their GGUF file (`regrapht parallelize --method regrapht-mcgs --model ...`, so the same
validator judges every step), and the path to its best result becomes one trajectory line in
the format `regrapht graph add` reads (shared_graph/README.md). `graph add` then verifies every
step again on the GPU before anything enters the graph, so a trajectory written on a machine
without a GPU (steps compiled only) is still checked before it counts.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from regrapht.cli import parallelize_cmd
from regrapht.graph.schema import KERNEL_CLASSES

USABLE = ("verified", "compiled-not-run")
WALKING = ("regrapht-mcgs", "regrapht")  # the methods whose path is a chain of techniques


def register(verbs: argparse._SubParsersAction) -> None:
    gen = verbs.add_parser("generate", help="write a trajectory for `graph add` with a local "
                           "model (the graph search's best path on your function)")
    gen.add_argument("file", type=Path, help="C/C++ source holding the sequential function")
    gen.add_argument("--function", "-f", required=True)
    gen.add_argument("--kernel-class", required=True, choices=KERNEL_CLASSES)
    gen.add_argument("--source", help="the trajectory's name (default: the function's)")
    gen.add_argument("--out", type=Path, required=True, help="JSON lines file to append to")
    gen.add_argument("--model", help="GGUF model file (default: the configured model)")
    gen.add_argument("--method", default="regrapht-mcgs", choices=WALKING)
    gen.add_argument("--budget", type=int, default=24, help="model calls (default 24)")
    gen.add_argument("--time-limit", type=float, metavar="SECONDS")
    gen.add_argument("--no-gpu", action="store_true", help="compile the steps only")
    gen.set_defaults(func=main)


def trajectory(report: dict[str, Any], source_text: str, kernel_class: str,
               name: str | None = None) -> dict[str, Any] | None:
    """The trajectory line for a parallelize report: the search path's steps up to the best
    result, each with its technique and code. None when no step is usable."""
    steps = [n for n in report.get("search", {}).get("path", [])
             if n.get("status") in USABLE and n.get("code")]
    if not steps:
        return None
    model = report.get("model", {}).get("name", "a local model")
    method = report["search"]["method"]
    where = report["source"]
    record_steps = []
    for node in steps:
        measured = (f"{node['speedup']:.3g}x kernel-only on the generating machine"
                    if node.get("speedup") else "compiled; not measured on the generating machine")
        example = f", shown the worked example '{node['example']}'" if node.get("example") else ""
        record_steps.append({
            "technique": node["technique"],
            "reasoning": f"Chosen by the {method} search over the reasoning graph ({measured}).",
            "how": f"Written by {model}{example}; see the code.",
            "code": node["code"],
        })
    return {"source": name or where["function"], "kernel_class": kernel_class,
            "language": where["language"], "function": where["function"],
            "sequential": source_text, "steps": record_steps}


def main(args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="regrapht-generate-") as tmp:
        report_path = Path(tmp) / "report.json"
        argv = [str(args.file), "--function", args.function, "--method", args.method,
                "--budget", str(args.budget), "--out", str(Path(tmp) / "best.cu"),
                "--report", str(report_path)]
        argv += ["--model", args.model] if args.model else []
        argv += ["--time-limit", str(args.time_limit)] if args.time_limit else []
        argv += ["--no-gpu"] if args.no_gpu else []
        parser = argparse.ArgumentParser(prog="regrapht graph generate")
        parallelize_cmd.register(parser.add_subparsers(dest="command"))
        status = parallelize_cmd.main(parser.parse_args(["parallelize", *argv]))
        if not report_path.exists():
            return status or 1
        report = json.loads(report_path.read_text())
    record = trajectory(report, args.file.read_text(), args.kernel_class, args.source)
    if record is None:
        print("regrapht graph generate: the search found no usable step; nothing written",
              file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("a") as out:
        out.write(json.dumps(record) + "\n")
    print(f"appended a trajectory of {len(record['steps'])} step(s) for {record['source']} to "
          f"{args.out}; verify and merge it with `regrapht graph add {args.out}`")
    return 0
