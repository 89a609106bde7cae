"""Shared test switches: which tests need the real model, nvcc or a GPU.

- `model`: runs when the model is present; with REGRAPHT_E2E_MODEL=1 (the README's test
  command sets it) a missing model is a failure, not a skip.
- `nvcc`: skipped where nvcc is not installed.
- `gpu`: skipped unless CuPy and an NVIDIA driver are present.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from regrapht import config
from regrapht.validate import gpu_available
from regrapht.validate.nvcc import find_nvcc

REPO = Path(__file__).resolve().parent.parent


def real_model_path() -> Path:
    settings, _ = config.load_settings({})
    return config.resolve_model_path(None, settings)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    must_have_model = os.environ.get("REGRAPHT_E2E_MODEL") == "1"
    has_model = real_model_path().is_file()
    has_nvcc = find_nvcc() is not None
    has_gpu, why_no_gpu = gpu_available()
    for item in items:
        if "model" in item.keywords and not has_model and not must_have_model:
            item.add_marker(pytest.mark.skip(reason="model not fetched (regrapht model fetch)"))
        if "nvcc" in item.keywords and not has_nvcc:
            item.add_marker(pytest.mark.skip(reason="nvcc not installed"))
        if "gpu" in item.keywords and not has_gpu:
            item.add_marker(pytest.mark.skip(reason=why_no_gpu))


@pytest.fixture
def repo() -> Path:
    return REPO
