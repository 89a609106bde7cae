"""The local model file: the default model's description, fetching, checking, GGUF headers."""

from regrapht.model.gguf_header import GGUFError, GGUFHeader, read_gguf_header
from regrapht.model.store import (
    DEFAULT_MODEL,
    FetchCancelled,
    ModelDamagedError,
    ModelMissingError,
    ModelSpec,
    ModelStoreError,
    VerifyResult,
    check_model_ready,
    fetch_default_model,
    inspect_model_file,
    verify_model,
)

__all__ = [
    "DEFAULT_MODEL",
    "FetchCancelled",
    "GGUFError",
    "GGUFHeader",
    "ModelDamagedError",
    "ModelMissingError",
    "ModelSpec",
    "ModelStoreError",
    "VerifyResult",
    "check_model_ready",
    "fetch_default_model",
    "inspect_model_file",
    "read_gguf_header",
    "verify_model",
]
