"""Command line entry point `regrapht`: one sub-command module per verb, registered here."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from regrapht.generate.llm import load_native_first

load_native_first()  # before the grammars: see its note

from regrapht import __version__  # noqa: E402
from regrapht.cli import bench_cmd, graph_cmd, lsp_cmd, model_cmd, parallelize_cmd  # noqa: E402

# Each module exposes register(subparsers); its parser sets `func(args) -> int`.
COMMAND_MODULES = (parallelize_cmd, model_cmd, graph_cmd, lsp_cmd, bench_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="regrapht",
        description="Parallelize sequential C/C++ functions to CUDA with a local model.",
    )
    parser.add_argument("--version", action="version", version=f"regrapht {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("\nregrapht: cancelled; nothing was written.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
