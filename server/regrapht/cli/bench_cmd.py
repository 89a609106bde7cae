"""`regrapht bench TASKS_DIR --methods ... --out OUT`: run the methods on a folder of benchmark
tasks (docs/benchmark-tasks.md), resumably, and write the report; `regrapht bench report OUT`
rebuilds summary.md, results.json and the plots from OUT/raw.jsonl on any machine.

Exit codes: 0 finished (failed tasks are results, not errors); 2 bad usage, tasks, output folder
or model; 130 cancelled (what finished is kept: --resume continues).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import threading
import time
from pathlib import Path
from typing import Any

from regrapht import config
from regrapht.bench.cache import CachingModel
from regrapht.bench.runner import BenchError, BenchSettings, run_bench
from regrapht.bench.tasks import TIERS, TaskFormatError, load_tasks
from regrapht.generate.llm import ChatModel, GenerationCancelled, LocalModel, ModelError
from regrapht.model import store
from regrapht.search import DEFAULT_BUDGET, METHODS

EXIT_OK, EXIT_USAGE, EXIT_CANCELLED = 0, 2, 130
BENCH_METHODS = ("standard", "cot", "rag", "repair", "regrapht", "regrapht-mcgs")
SAMPLE_TEMPERATURE = 0.7


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "bench", help="run methods on a folder of benchmark tasks and report pass@k/speedup@k",
        description="Run search methods on every task below TASKS_DIR (docs/benchmark-tasks.md)"
        ", each (task, method, sample) through the full pipeline with the validator, results "
        "appended to OUT/raw.jsonl as they finish; then summary.md, results.json and plots. "
        "`regrapht bench report OUT` rebuilds the report from OUT/raw.jsonl.",
    )
    p.add_argument("tasks", metavar="TASKS_DIR", help="folder of tasks (any depth), or the word "
                   "`report` followed by OUT")
    p.add_argument("report_dir", nargs="?", type=Path, metavar="OUT",
                   help="with `report`: the benchmark folder to summarize")
    p.add_argument("--out", "-o", type=Path, help="result folder (bench/results/DATE-NAME)")
    p.add_argument("--methods", default=",".join(BENCH_METHODS),
                   help=f"comma-separated methods (default {','.join(BENCH_METHODS)}); "
                   "'none' with --verify-references checks the references only")
    p.add_argument("--budget", type=int, default=DEFAULT_BUDGET,
                   help=f"most model calls per run (default {DEFAULT_BUDGET})")
    p.add_argument("--samples", type=int, default=1, help="runs per task and method (n of "
                   "pass@k; default 1, greedy; more are sampled at --temperature)")
    p.add_argument("--k", type=int, help="k of pass@k and speedup@k (default: --samples; "
                   "with `report`, the samples of the run reported)")
    p.add_argument("--temperature", type=float, help="sampling temperature of first answers "
                   f"(default: greedy for 1 sample, {SAMPLE_TEMPERATURE} for more)")
    p.add_argument("--same-calls", action="store_true",
                   help="every method spends exactly the budget (fair comparisons)")
    p.add_argument("--seed", type=int, default=0, help="base seed (sample s uses seed + s)")
    p.add_argument("--resume", action="store_true", help="continue OUT: skip finished runs")
    p.add_argument("--jobs", "-j", type=int, default=1, help="runs at a time (compiles and "
                   "checks overlap; GPU timings stay one at a time; default 1)")
    p.add_argument("--validations", type=int, metavar="N", help="most validations at once "
                   "when --jobs > 1 (compiles and GPU children; default: one a CPU core; fewer "
                   "leave cores to a model that shares the machine)")
    p.add_argument("--verify-references", action="store_true", help="also validate each "
                   "task's reference solution (its speedups are the ceiling)")
    p.add_argument("--only", action="append", default=[], metavar="TASK",
                   help="run only this task (repeatable)")
    p.add_argument("--tier", action="append", default=[], choices=TIERS,
                   help="run only this tier (repeatable)")
    p.add_argument("--cache", type=Path, help="model-output cache (default OUT/cache; share one "
                   "between runs to reuse answers to identical prompts)")
    p.add_argument("--model", help="GGUF model file (default: as `parallelize`)")
    p.add_argument("--scripted-model", type=Path, metavar="JSONL", help="test aid: replay "
                   "answers from a file instead of a model (generate/scripted.py)")
    p.add_argument("--backend", choices=("llama", "transformers", "transformers-static"),
                   default="llama",
                   help="llama: llama.cpp, one prompt at a time (default); transformers: the "
                   "same GGUF dequantized on the GPU with torch + transformers (+ gguf), "
                   "concurrent runs' prompts continuously batched (greedy only); "
                   "transformers-static: padded batches of concurrent prompts (also sampled)")
    p.add_argument("--model-copies", type=int, default=1, metavar="N",
                   help="llama: N copies of the model answer N runs at once (llama.cpp lets go "
                   "of Python's lock while it computes; for a CUDA build on a GPU)")
    p.add_argument("--parallel", type=int, default=0, metavar="N",
                   help="llama: one context decodes up to N answers at once, continuously "
                   "batched (generate/batched.py; for a CUDA build on a GPU, where it is the "
                   "fastest route: give N = --jobs). Each answer keeps n_ctx (8192) tokens of KV "
                   "cache: about 235 MB for the default model, 11 GB for N = 48")
    p.add_argument("--model-batch", type=int, metavar="N", help="transformers: most prompts "
                   "per batch (default --jobs)")
    p.add_argument("--convert-dir", type=Path, help="transformers: where the dequantized model "
                   "is kept between runs (default ~/.cache/regrapht/transformers)")
    p.add_argument("--threads", type=int, help="CPU threads for the model")
    p.add_argument("--gpu-layers", type=int, help="model layers on the GPU (-1: all)")
    p.add_argument("--time-limit", type=float, metavar="SECONDS", help="per run")
    p.add_argument("--repairs", type=int, default=2, help="repair method: feedback rounds")
    p.add_argument("--step-repairs", type=int, default=1, help="regrapht-mcgs step repairs")
    p.add_argument("--arch", help="GPU architecture for nvcc")
    p.add_argument("--no-gpu", action="store_true", help="compile only (nothing is measured)")
    p.add_argument("--build-dir", type=Path, help="compiled artifacts (default OUT/build)")
    p.add_argument("--no-run-reports", action="store_true",
                   help="do not keep each run's full JSON report (OUT/runs/)")
    p.add_argument("--no-plots", action="store_true", help="no PNG plots")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress lines")
    p.set_defaults(func=main)


def _error(message: str) -> int:
    print(f"regrapht: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def _methods(text: str) -> tuple[str, ...]:
    if text.strip().lower() in ("", "none"):
        return ()
    names = tuple(dict.fromkeys(m.strip() for m in text.split(",") if m.strip()))
    unknown = [m for m in names if m not in METHODS]
    if unknown:
        raise ValueError(f"unknown method(s) {', '.join(unknown)}; known: {', '.join(METHODS)}")
    return names


def _report(out: Path, k: int | None, plots: bool, quiet: bool) -> None:
    from regrapht.bench.report import write_report

    for note in write_report(out, k, plots=plots):
        print(f"regrapht: {note}", file=sys.stderr if "not" in note else sys.stdout)
    if not quiet:
        print(f"report {out / 'summary.md'}")


def report_main(args: argparse.Namespace) -> int:
    out = args.report_dir
    if out is None or not (out / "raw.jsonl").is_file():
        return _error("`regrapht bench report OUT` needs a benchmark folder holding raw.jsonl")
    _report(out, args.k, not args.no_plots, args.quiet)  # k: the run's samples unless given
    return EXIT_OK


def _model(args: argparse.Namespace, cache: Path) -> CachingModel:
    if args.scripted_model is not None:
        from regrapht.generate.scripted import ScriptedModel

        path = args.scripted_model
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
        return CachingModel(lambda: ScriptedModel(path), f"scripted:{path.name}:{digest}", cache)
    settings, warnings = config.load_settings({"n_threads": args.threads,
                                               "n_gpu_layers": args.gpu_layers})
    for warning in warnings:
        print(f"regrapht: warning: {warning}", file=sys.stderr)
    path = config.resolve_model_path(args.model, settings)
    store.check_model_ready(path)
    if args.backend.startswith("transformers"):
        return _transformers_model(args, path, cache)

    def load() -> ChatModel:
        return LocalModel(config.model_settings(settings, path))

    model_id = f"{path.name}:{path.stat().st_size}"
    if args.parallel > 1:  # the same model and prompts: the same cache entries
        from regrapht.generate.batched import BatchedModel

        sequences = args.parallel
        return CachingModel(lambda: BatchedModel(config.model_settings(settings, path),
                                                 sequences),
                            model_id, cache, name=path.name, serialize=False)
    if args.model_copies > 1:
        from regrapht.bench.pool import ModelPool, without_cuda_graphs

        copies = args.model_copies
        without_cuda_graphs(copies)
        return CachingModel(lambda: ModelPool(load, copies), model_id, cache, name=path.name,
                            serialize=False)
    return CachingModel(load, model_id, cache, name=path.name)


def _transformers_model(args: argparse.Namespace, path: Path, cache: Path) -> CachingModel:
    from regrapht.bench.batch import BatchingModel
    from regrapht.generate.hf_model import TransformersModel

    batch = args.model_batch or args.jobs
    convert = args.convert_dir or Path.home() / ".cache" / "regrapht" / "transformers"

    def load() -> ChatModel:
        model = TransformersModel(path, convert_dir=convert, max_batch=batch)
        if args.backend == "transformers":
            return model.continuous()
        return BatchingModel(model, max_batch=batch, wait_seconds=0.5)

    # the same answers either way (greedy, bf16), up to rounding in different batch shapes
    return CachingModel(load, f"{path.name}:{path.stat().st_size}:transformers-bf16", cache,
                        name=path.name, serialize=False)


def main(args: argparse.Namespace) -> int:
    if args.tasks == "report":
        return report_main(args)
    if args.out is None:
        return _error("--out OUT is needed (e.g. bench/results/2026-12-01-standard)")
    try:
        methods = _methods(args.methods)
    except ValueError as exc:
        return _error(str(exc))
    if not methods and not args.verify_references:
        return _error("nothing to do: give --methods or --verify-references")
    counts = (args.samples, args.budget, args.jobs)
    if min(counts) < 1 or (args.validations is not None and args.validations < 1):
        return _error("--samples, --budget, --jobs and --validations must be at least 1")
    try:
        tasks = load_tasks(Path(args.tasks), tuple(args.only),
                           require_references=args.verify_references)
    except TaskFormatError as exc:
        return _error(str(exc))
    if args.tier:
        tasks = tuple(t for t in tasks if t.tier in args.tier)
    out: Path = args.out
    cache = args.cache or out / "cache"
    try:
        model = _model(args, cache) if methods else None
    except (store.ModelStoreError, ModelError, OSError) as exc:
        return _error(str(exc))
    temperature = args.temperature
    if temperature is None and args.samples > 1:
        temperature = SAMPLE_TEMPERATURE
    settings = BenchSettings(
        methods=methods, budget=args.budget, samples=args.samples, same_calls=args.same_calls,
        seed=args.seed, temperature=temperature, use_gpu=not args.no_gpu, arch=args.arch,
        jobs=args.jobs, validations=args.validations, verdicts=cache / "verdicts",
        time_limit=args.time_limit, max_repairs=args.repairs,
        step_repairs=args.step_repairs, build_dir=(args.build_dir or out / "build").resolve(),
        model_id=model.model_id if model else "", model_path=Path(args.model or ""),
        verify_references=args.verify_references, write_reports=not args.no_run_reports,
    )
    started = time.perf_counter()

    def notify(message: str) -> None:
        if not args.quiet:
            print(f"[{time.perf_counter() - started:7.1f}s] {message}", flush=True)

    notify(f"{len(tasks)} task(s), method(s) {', '.join(methods) or '-'}, {args.samples} "
           f"sample(s), budget {args.budget}, {args.jobs} at a time -> {out}")
    cancel = threading.Event()
    return _run(args, tasks, settings, out, model, notify, cancel, started)


def _run(args: argparse.Namespace, tasks: Any, settings: BenchSettings, out: Path,
         model: CachingModel | None, notify: Any, cancel: threading.Event, started: float
         ) -> int:
    try:
        rows = run_bench(tasks, settings, out, model or _NoModel(), resume=args.resume,
                         notify=notify, cancel=cancel, command=" ".join(sys.argv[1:]))
    except BenchError as exc:
        return _error(str(exc))
    except ModelError as exc:
        return _error(str(exc))
    except (KeyboardInterrupt, GenerationCancelled):
        cancel.set()
        print("\nregrapht: cancelled; finished runs are in raw.jsonl (--resume continues)",
              file=sys.stderr)
        return EXIT_CANCELLED
    if model is not None:
        notify(f"model cache: {model.hits} hit(s), {model.misses} model call(s)")
    wall = time.perf_counter() - started
    notify(f"{len(rows)} record(s) in {out / 'raw.jsonl'}; this call took {wall:.0f} s")
    _report(out, args.k or args.samples, not args.no_plots, args.quiet)
    return EXIT_OK


class _NoModel:
    """Stands in when only the references are verified: no model call can happen."""

    name = "none"

    def chat(self, *args: Any, **kwargs: Any) -> Any:
        raise ModelError("no model: only the references were to be verified")
