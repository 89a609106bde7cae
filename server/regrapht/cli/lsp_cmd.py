"""`regrapht lsp`: start the language server on stdin/stdout (for editors; see README)."""

from __future__ import annotations

import argparse
import logging
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "lsp",
        help="start the language server on stdio (for editors)",
        description="Serve the Language Server Protocol on stdin/stdout: a 'Parallelize to "
        "CUDA' code action and hovers with the predicted and measured optimization paths. "
        "Settings come from the editor (README: 'Language server').",
    )
    p.add_argument("--log-level", default="WARNING",
                   choices=["DEBUG", "INFO", "WARNING", "ERROR"],
                   help="what the server logs on stderr (default WARNING)")
    p.set_defaults(func=main)


def main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=args.log_level, format="regrapht-lsp %(levelname)s %(message)s")
    from regrapht.lsp.server import main as serve  # pygls only when serving

    serve()
    return 0
