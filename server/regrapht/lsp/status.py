"""The `regrapht/status` request: what a client shows in its status bar and what it tells the
user to fix before the first run (the model, the GPU), in one plain dict.

Result (camelCase, as JSON):

    version       regrapht's version
    model         a short model name (the file's stem; "scripted: <file>" for the test aid)
    modelPath     the model file in effect
    modelReady    whether that file is there and sound (or a scripted model is set)
    modelProblem  when not ready, what is wrong and how to fix it (`regrapht model fetch`)
    gpuLayers     model layers on the GPU (0: the model runs on the CPU)
    gpu           whether candidates are run on a GPU here
    gpuProblem    when not, why (no driver, no CuPy, useGpu off)
    method, searchBudget, outputMode   the run settings in effect
    busy          whether a run is in progress

The first call may hash the model file (a few seconds, once: store.py keeps a marker), so the
server calls this in a worker thread. No lsprotocol here.
"""

from __future__ import annotations

from typing import Any

from regrapht import __version__
from regrapht.lsp.options import LspOptions
from regrapht.lsp.runner import ModelCache
from regrapht.model import store
from regrapht.validate import gpu_available

STATUS_REQUEST = "regrapht/status"


def server_status(options: LspOptions, models: ModelCache, busy: bool) -> dict[str, Any]:
    model_path, settings, _ = models.model_path(options)
    problem = ""
    if options.scripted_model is not None:
        name = f"scripted: {options.scripted_model.name}"
    else:
        name = model_path.stem
        try:
            models.check(model_path)
        except store.ModelStoreError as exc:
            problem = str(exc)
    gpu, why = gpu_available()
    if not options.use_gpu:
        gpu, why = False, "the useGpu setting is off"
    return {
        "version": __version__,
        "model": name,
        "modelPath": str(model_path),
        "modelReady": not problem,
        "modelProblem": problem,
        "gpuLayers": settings.n_gpu_layers,
        "gpu": gpu,
        "gpuProblem": why,
        "method": options.method,
        "searchBudget": options.search_budget,
        "outputMode": options.output_mode,
        "busy": busy,
    }
