"""`regrapht parallelize FILE --function NAME`: write a checked CUDA rewrite and a JSON report.

Exit codes: 0 a CUDA file was written (verified on a GPU, or compiled only where no GPU is: the
report and the last line say which); 1 no usable CUDA version; 2 bad usage, settings or model;
3 compiled but not verified while --require-verified was given; 4 the code cannot be offloaded
(syntax error, unsupported construct: the message says why and where); 130 cancelled (Ctrl-C).
Nothing is written unless the run finishes, and the outputs are checked before any work
(cli/outputs.py): never an input file, never a path that cannot be written, an existing file only
with --force; the CUDA file and the report are written together or not at all.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

from regrapht import config
from regrapht.cli.checks import check_overrides, check_time_limit, read_source
from regrapht.cli.outputs import OutputError, check_outputs, write_together
from regrapht.cli.progress import TerminalProgress
from regrapht.generate.interface import check_binding_names
from regrapht.generate.llm import GenerationCancelled, LocalModel, ModelError
from regrapht.generate.prompting import KernelInterface
from regrapht.harness.profile import ReferenceError
from regrapht.harness.reference import BuildError
from regrapht.model import store
from regrapht.parse import Overrides, UnsupportedCode, parse_overrides
from regrapht.pipeline import Job, locate, run
from regrapht.report import build_report, overall_status, search_line, summary_line
from regrapht.search import DEFAULT_BUDGET, DEFAULT_METHOD, METHODS

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_UNVERIFIED, EXIT_REFUSED, EXIT_CANCELLED = 0, 1, 2, 3, 4, 130


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "parallelize",
        help="rewrite a sequential C/C++ function as checked CUDA",
        description="Rewrite a sequential C/C++ function as CUDA with the local model, check it "
        "against your own code compiled at -O3, and time it (on a GPU machine).",
    )
    p.add_argument("file", type=Path, help="C, C++ or CUDA source file")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--function", "-f", help="name of the function to parallelize")
    where.add_argument("--at", metavar="LINE:COL", help="a position inside the function (1-based)")
    p.add_argument("--out", "-o", type=Path, help="CUDA file to write (default: FUNCTION_cuda.cu "
                   "beside the source)")
    p.add_argument("--report", type=Path, help="JSON report (default: OUT with .report.json)")
    p.add_argument("--force", action="store_true", help="replace an existing output file or "
                   "report (never the source or the model)")
    p.add_argument("--model", help="GGUF model file (default: REGRAPHT_MODEL, config file, cache)")
    p.add_argument("--method", choices=sorted(METHODS), help="how to search: regrapht-mcgs "
                   "(Monte Carlo graph search over the reasoning graph), regrapht (random walks "
                   "over it), standard (one shot), cot (think step by step), rag (one shot with "
                   "similar graph examples), repair (one shot + feedback repairs); default "
                   f"{DEFAULT_METHOD}")
    p.add_argument("--budget", type=int, help="most model calls of the search (default "
                   f"{DEFAULT_BUDGET})")
    p.add_argument("--time-limit", type=float, metavar="SECONDS",
                   help="stop searching after this long (checked before each model call)")
    p.add_argument("--same-calls", action="store_true", help="make every method spend exactly "
                   "the budget (fair comparisons: one-shot methods draw further samples)")
    p.add_argument("--seed", type=int, help="seed of the model's sampling and the search's "
                   "random choices (default 0)")
    p.add_argument("--repairs", type=int, help="how many times compiler errors or test failures "
                   "are fed back to the model by the repair method (default 2)")
    p.add_argument("--step-repairs", type=int, default=1, help="regrapht-mcgs: how many times "
                   "a failing step is repaired with the validator's feedback before its branch "
                   "is given up (default 1; 0 is the paper's search exactly)")
    p.add_argument("--threads", type=int, help="CPU threads for the model")
    p.add_argument("--gpu-layers", type=int, help="model layers to offload to the GPU (-1: all)")
    for flag, what in (("size", "n=1000000"), ("range", "x=-1:1"), ("output", "y"),
                       ("length", "x=n*m")):
        p.add_argument(f"--{flag}", action="append", default=[], metavar=what.upper(),
                       help=f"test-input override, as in a `// regrapht: {flag} {what}` comment; "
                       "repeatable")
    p.add_argument("--kernel", metavar="SIGNATURE", help="fixed-interface mode: the answer is "
                   "this one __global__ function, e.g. '__global__ void k(int n, float *y)'")
    p.add_argument("--grid", help="fixed-interface mode: grid size expression, e.g. '(n+255)/256'")
    p.add_argument("--block", help="fixed-interface mode: block size expression, e.g. '256'")
    p.add_argument("--bind", action="append", default=[], metavar="NAME=EXPR",
                   help="fixed-interface mode: kernel parameter NAME receives EXPR, a C "
                   "expression over the function's parameters (e.g. N=x.size(), out=y); "
                   "NAME=return: the kernel writes the function's return value through NAME "
                   "('NAME=return = EXPR': holding EXPR before the launch, 0 by default); "
                   "repeatable; unbound kernel parameters are matched by name")
    p.add_argument("--arch", help="GPU architecture for nvcc (default: the GPU's, else sm_90)")
    p.add_argument("--no-gpu", action="store_true", help="compile only; do not run on the GPU")
    p.add_argument("--no-grammar", action="store_true",
                   help="do not constrain the model's answer to one code block")
    p.add_argument("--require-verified", action="store_true",
                   help="exit 3 unless correctness and speed were measured on a GPU")
    p.add_argument("--build-dir", type=Path, help="where compiled artifacts are cached "
                   "(default: the cache directory)")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    p.set_defaults(func=main)


def _overrides(args: argparse.Namespace) -> Overrides:
    text = "\n".join(
        f"{flag} {value}" for flag in ("size", "range", "output", "length")
        for value in getattr(args, flag)
    )
    return parse_overrides(text) if text else Overrides()


def _bindings(texts: list[str]) -> tuple[tuple[str, str], ...]:
    """`--bind NAME=EXPR` values as (NAME, EXPR); the first `=` separates them."""
    pairs = []
    for text in texts:
        name, equals, value = text.partition("=")
        if not equals or not name.strip().isidentifier():
            raise ValueError(f"--bind wants NAME=EXPR (a kernel parameter and a C expression "
                             f"over the function's parameters, e.g. N=x.size()), got '{text}'")
        pairs.append((name.strip(), value.strip()))
    return tuple(pairs)


def _interface(args: argparse.Namespace) -> KernelInterface | None:
    given = [args.kernel, args.grid, args.block]
    if not any(given):
        if args.bind:
            raise ValueError("--bind belongs to fixed-interface mode: give --kernel, --grid "
                             "and --block too")
        return None
    if not all(given):
        raise ValueError("fixed-interface mode needs --kernel, --grid and --block together")
    interface = KernelInterface(args.kernel.strip().rstrip(";"), args.grid, args.block,
                                _bindings(args.bind))
    check_binding_names(interface)  # a parameter the kernel lacks: before parsing anything
    return interface


def _position(text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    line, _, column = text.partition(":")
    if not (line.isdigit() and (column.isdigit() or column == "")):
        raise ValueError(f"--at wants LINE:COL (1-based), got '{text}'")
    return int(line), int(column or 1)


def _error(message: str) -> None:
    print(f"regrapht: error: {message}", file=sys.stderr)


def main(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    settings, warnings = config.load_settings(
        {"n_threads": args.threads, "n_gpu_layers": args.gpu_layers, "repairs": args.repairs,
         "method": args.method, "budget": args.budget, "seed": args.seed}
    )
    if settings.method not in METHODS:
        warnings.append(f"unknown method {settings.method!r}; using {DEFAULT_METHOD!r}")
        settings = dataclasses.replace(settings, method=DEFAULT_METHOD)
    for warning in warnings:
        print(f"regrapht: warning: {warning}", file=sys.stderr)
    if not args.file.is_file():
        _error(f"no such file: {args.file}")
        return EXIT_USAGE
    try:
        check_time_limit(args.time_limit)
        source = read_source(args.file)
        job = Job(
            path=args.file, function=args.function, position=_position(args.at), source=source,
            overrides=_overrides(args), interface=_interface(args), max_repairs=settings.repairs,
            arch=args.arch, use_gpu=not args.no_gpu, grammar=not args.no_grammar,
            build_dir=args.build_dir or config.cache_dir() / "build",
            method=settings.method, budget=settings.budget, time_limit=args.time_limit,
            same_calls=args.same_calls, seed=settings.seed, step_repairs=args.step_repairs,
        )
    except OSError as exc:
        _error(f"cannot read {args.file}: {exc.strerror or exc}")
        return EXIT_USAGE
    except ValueError as exc:
        _error(str(exc))
        return EXIT_USAGE
    progress = TerminalProgress(quiet=args.quiet)
    progress.notify(f"parsing {args.file.name}")
    try:
        located = locate(job)
    except UnsupportedCode as exc:
        _error(f"cannot parallelize: {exc}")
        return EXIT_REFUSED
    except ValueError as exc:  # an annotation or flag names something that is not there
        _error(str(exc))
        return EXIT_USAGE
    site = located[0]
    model_path = config.resolve_model_path(args.model, settings)
    out = args.out or args.file.with_name(f"{site.name}_cuda.cu")
    report_path = args.report or out.with_name(out.stem + ".report.json")
    try:
        check_overrides(site, job.overrides, "--")
        check_overrides(site, site.annotations, "// regrapht: ")
        check_outputs([("--out" if args.out else "the output (--out)", out),
                       ("--report" if args.report else "the report (--report)", report_path)],
                      inputs=[args.file, model_path], force=args.force)
    except (ValueError, OutputError) as exc:
        _error(str(exc))
        return EXIT_USAGE
    try:
        store.check_model_ready(model_path)
    except store.ModelStoreError as exc:
        _error(str(exc))
        return EXIT_USAGE

    cancel = threading.Event()
    try:
        result = run(
            job, lambda: LocalModel(config.model_settings(settings, model_path)),
            notify=progress.notify, on_token=progress.on_token, cancel=cancel, located=located,
        )
    except (BuildError, ReferenceError) as exc:
        progress.done()
        _error(str(exc))
        return EXIT_REFUSED
    except ModelError as exc:
        progress.done()
        _error(str(exc))
        return EXIT_USAGE
    except (KeyboardInterrupt, GenerationCancelled):
        cancel.set()
        progress.done()
        print("\nregrapht: cancelled; nothing was written.", file=sys.stderr)
        return EXIT_CANCELLED
    progress.done()

    written = out if result.shipped else None
    report = build_report(
        job, result, output=written, model_path=model_path,
        settings={"temperature": settings.temperature, "seed": settings.seed,
                  "n_ctx": settings.n_ctx, "n_gpu_layers": settings.n_gpu_layers},
        wall_seconds=time.perf_counter() - started,
    )
    files = [(report_path, json.dumps(report, indent=2) + "\n")]
    try:
        write_together([(out, result.shipped), *files] if written is not None else files)
    except OutputError as exc:
        _error(str(exc))
        return EXIT_USAGE
    status = overall_status(result)
    print(f"{status}: {summary_line(result)}")
    print(search_line(result))
    if written is not None:
        print(f"wrote {out}")
    print(f"report {report_path}")
    if status == "failed":
        return EXIT_FAILED
    if status != "verified" and args.require_verified:
        return EXIT_UNVERIFIED
    return EXIT_OK
