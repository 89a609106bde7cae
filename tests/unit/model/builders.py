"""Test helpers: tiny GGUF files written with struct, fake part wheels and their ModelSpec."""

from __future__ import annotations

import hashlib
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from regrapht.model.store import ModelSpec

# GGUF value type ids
UINT8, INT8, UINT16, INT16, UINT32, INT32, FLOAT32, BOOL = range(8)
STRING, ARRAY, UINT64, INT64, FLOAT64 = range(8, 13)
_CODES = {
    UINT8: "B", INT8: "b", UINT16: "H", INT16: "h", UINT32: "I", INT32: "i",
    FLOAT32: "f", BOOL: "?", UINT64: "Q", INT64: "q", FLOAT64: "d",
}  # fmt: skip

TINY_METADATA: list[tuple[str, int, Any]] = [
    ("general.architecture", STRING, "qwen2"),
    ("general.name", STRING, "Tiny Test Coder"),
    ("general.file_type", UINT32, 15),
    ("general.size_label", STRING, "1.5B"),
    ("qwen2.context_length", UINT32, 32768),
    ("tokenizer.ggml.tokens", ARRAY, (STRING, [f"tok{i}" for i in range(40)])),
]


def encode_value(type_id: int, value: Any, endian: str = "<", version: int = 3) -> bytes:
    count = "I" if version == 1 else "Q"
    if type_id == STRING:
        raw = value.encode("utf-8")
        return struct.pack(endian + count, len(raw)) + raw
    if type_id == ARRAY:
        item_type, items = value
        head = struct.pack(endian + "I", item_type) + struct.pack(endian + count, len(items))
        return head + b"".join(encode_value(item_type, v, endian, version) for v in items)
    return struct.pack(endian + _CODES[type_id], value)


def gguf_bytes(
    metadata: Sequence[tuple[str, int, Any]] = TINY_METADATA,
    *,
    version: int = 3,
    tensor_count: int = 0,
    endian: str = "<",
) -> bytes:
    """A GGUF header (no tensors) holding `metadata` as (key, type id, value) triples."""
    count = "I" if version == 1 else "Q"
    out = [b"GGUF", struct.pack(endian + "I", version)]
    out.append(struct.pack(endian + count, tensor_count))
    out.append(struct.pack(endian + count, len(metadata)))
    for key, type_id, value in metadata:
        out.append(encode_value(STRING, key, endian, version))
        out.append(struct.pack(endian + "I", type_id))
        out.append(encode_value(type_id, value, endian, version))
    return b"".join(out)


def tiny_model_bytes(pad: int = 5000) -> bytes:
    """A small valid GGUF followed by deterministic padding: stands in for the real model."""
    filler = bytes((i * 7 + 3) % 251 for i in range(pad))
    return gguf_bytes() + filler


def split_parts(data: bytes, parts: int) -> list[bytes]:
    step = -(-len(data) // parts)
    return [data[i * step : (i + 1) * step] for i in range(parts)]


def tiny_spec(data: bytes, parts: int = 3, **changes: Any) -> ModelSpec:
    values: dict[str, Any] = {
        "name": "tiny test model",
        "file_name": "tiny-model.gguf",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
        "package_prefix": "tinytest-model-part",
        "parts": parts,
        "version": "0.2.0",
    }
    values.update(changes)
    return ModelSpec(**values)


def write_part_wheel(directory: Path, spec: ModelSpec, index: int, payload: bytes) -> Path:
    """A zip shaped like the real part wheels: <module>/data/partNN.bin plus dist-info."""
    module = spec.package(index).replace("-", "_")
    wheel = directory / f"{module}-{spec.version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{module}/__init__.py", "")
        archive.writestr(f"{module}/data/part{index:02d}.bin", payload)
        archive.writestr(f"{module}-{spec.version}.dist-info/METADATA", "Name: x\n")
    return wheel


def write_all_wheels(directory: Path, spec: ModelSpec, data: bytes) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return [
        write_part_wheel(directory, spec, i, part)
        for i, part in enumerate(split_parts(data, spec.parts), start=1)
    ]
