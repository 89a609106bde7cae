"""The heavy work behind "Parallelize to CUDA", run in a worker thread by the server.

`run_request` takes a frozen request (buffer text, position, settings), runs the pipeline with
progress and cancellation callbacks, and always returns a `RunOutcome`: every failure the user
can meet (syntax error, unsupported code, missing or broken model, a reference that crashes,
cancellation, a bug of ours) becomes a clear message, never an exception, so the server keeps
serving. The candidates themselves run in child processes (validate/), and the model is loaded
once and kept (`ModelCache`). No lsprotocol here.
"""

from __future__ import annotations

import json
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from regrapht import config
from regrapht.generate.llm import ChatModel, GenerationCancelled, LocalModel, ModelError
from regrapht.generate.scripted import ScriptedModel
from regrapht.harness.profile import ReferenceError
from regrapht.harness.reference import BuildError
from regrapht.lsp.actions import OutputPlan, plan_output
from regrapht.lsp.options import LspOptions
from regrapht.model import store
from regrapht.parse import UnsupportedCode
from regrapht.pipeline import Job, RunResult, locate, run
from regrapht.report import build_report


@dataclass(frozen=True)
class RunRequest:
    path: Path
    text: str  # the editor's buffer, which may differ from the file on disk
    line: int  # 1-based, as the pipeline wants
    column: int
    options: LspOptions


@dataclass(frozen=True)
class RunOutcome:
    """How a run ended. `kind`: "done" (see `result`), "refused" (the code or the settings do
    not allow a run), "cancelled", or "error" (a bug of ours or of the environment)."""

    kind: str
    message: str
    result: RunResult | None = None
    plan: OutputPlan | None = None
    report_json: str = ""


@dataclass
class ModelCache:
    """Keeps the loaded model between runs: loading takes seconds, a run may take a minute."""

    _key: tuple[Any, ...] | None = None
    _model: LocalModel | None = None
    _checked: set[Path] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def model_path(self, options: LspOptions) -> tuple[Path, config.Settings, list[str]]:
        settings, warnings = config.load_settings(
            {"n_threads": options.threads, "n_gpu_layers": options.gpu_layers})
        return config.resolve_model_path(options.model_path, settings), settings, warnings

    def check(self, path: Path) -> None:
        """Raises store.ModelStoreError naming the fix; a verified path is not hashed again."""
        if path not in self._checked:
            store.check_model_ready(path)
            self._checked.add(path)

    def loader(self, options: LspOptions, path: Path, settings: config.Settings
               ) -> Callable[[], ChatModel]:
        if options.scripted_model is not None:
            scripted = options.scripted_model
            return lambda: ScriptedModel(scripted)

        def load() -> ChatModel:
            wanted = config.model_settings(settings, path)
            with self._lock:
                if self._key != (wanted,) or self._model is None:
                    self._model = None  # free the old one before loading the new one
                    self._model = LocalModel(wanted)
                    self._key = (wanted,)
                return self._model

        return load


def _build_dir(options: LspOptions) -> Path:
    return options.build_dir or config.cache_dir() / "build"


def run_request(
    request: RunRequest,
    models: ModelCache,
    *,
    notify: Callable[[str], None],
    on_token: Callable[[int], None],
    cancel: threading.Event,
) -> RunOutcome:
    """Run one request to the end; never raises."""
    try:
        return _run(request, models, notify, on_token, cancel)
    except GenerationCancelled:
        return RunOutcome("cancelled", "regrapht: cancelled; nothing was written.")
    except Exception as exc:  # keep serving whatever happened; the log has the traceback
        traceback.print_exc()
        return RunOutcome("error", f"regrapht: internal error ({type(exc).__name__}: {exc}); "
                          "nothing was written. The server's log has the details.")


def _run(request: RunRequest, models: ModelCache, notify: Callable[[str], None],
         on_token: Callable[[int], None], cancel: threading.Event) -> RunOutcome:
    started = time.perf_counter()
    options = request.options
    job = Job(path=request.path, position=(request.line, request.column),
              max_repairs=options.max_repairs, method=options.method,
              budget=options.search_budget, use_gpu=options.use_gpu,
              build_dir=_build_dir(options), source=request.text)
    notify(f"parsing {request.path.name}")
    try:
        plan = plan_output(request.path, options.output_mode)
        located = locate(job)
    except UnsupportedCode as exc:
        return RunOutcome("refused", f"regrapht cannot parallelize this: {exc}")
    except ValueError as exc:  # an annotation names a parameter that is not there; output mode
        return RunOutcome("refused", f"regrapht: {exc}")
    model_path, settings, warnings = models.model_path(options)
    if options.scripted_model is None:
        try:
            models.check(model_path)
        except store.ModelStoreError as exc:
            return RunOutcome("refused", f"regrapht: {exc} (or set regrapht.modelPath)")
    if cancel.is_set():
        raise GenerationCancelled()
    try:
        result = run(job, models.loader(options, model_path, settings), notify=notify,
                     on_token=on_token, cancel=cancel, located=located)
    except (BuildError, ReferenceError) as exc:
        if cancel.is_set():  # the reference's child process was stopped on purpose
            raise GenerationCancelled() from exc
        return RunOutcome("refused", f"regrapht: your function could not be run as the "
                          f"reference: {exc}")
    except ModelError as exc:
        return RunOutcome("refused", f"regrapht: the model cannot be used: {exc}")
    if cancel.is_set():
        raise GenerationCancelled()
    report = build_report(
        job, result, output=plan.cuda_path if result.shipped else None,
        model_path=options.scripted_model or model_path,
        settings={"method": options.method, "search_budget": options.search_budget,
                  "output_mode": options.output_mode, "n_gpu_layers": settings.n_gpu_layers,
                  "n_threads": settings.n_threads, "warnings": warnings},
        wall_seconds=time.perf_counter() - started,
    )
    return RunOutcome("done", "", result, plan, json.dumps(report, indent=2) + "\n")
