"""A small pure-Python reader for the header of a GGUF model file.

It reads the magic, the format version, the tensor count and the metadata key/values without
numpy or llama_cpp, so `regrapht model info` and the model checks work (fast) even when
llama-cpp-python is missing. Arrays longer than `ARRAY_PREVIEW_LIMIT` items (the tokenizer
vocabulary, the merges) are summarised as "[array of N <type>]" instead of being stored.

Format: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md (versions 1 to 3, little or
big endian).
"""

from __future__ import annotations

import mmap
import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GGUF_MAGIC = b"GGUF"
SUPPORTED_VERSIONS = (1, 2, 3)
ARRAY_PREVIEW_LIMIT = 16
MAX_ARRAY_NESTING = 8

# GGUF metadata value types: type id -> (name, struct code or None for variable size).
_UINT8, _INT8, _UINT16, _INT16, _UINT32, _INT32, _FLOAT32, _BOOL = range(8)
_STRING, _ARRAY, _UINT64, _INT64, _FLOAT64 = range(8, 13)
VALUE_TYPES: dict[int, tuple[str, str | None]] = {
    _UINT8: ("uint8", "B"),
    _INT8: ("int8", "b"),
    _UINT16: ("uint16", "H"),
    _INT16: ("int16", "h"),
    _UINT32: ("uint32", "I"),
    _INT32: ("int32", "i"),
    _FLOAT32: ("float32", "f"),
    _BOOL: ("bool", "?"),
    _STRING: ("string", None),
    _ARRAY: ("array", None),
    _UINT64: ("uint64", "Q"),
    _INT64: ("int64", "q"),
    _FLOAT64: ("float64", "d"),
}

# llama.cpp `general.file_type` (enum llama_ftype) -> quantization name.
FILE_TYPE_NAMES: dict[int, str] = {
    0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1",
    10: "Q2_K", 11: "Q3_K_S", 12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M",
    16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K", 19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S",
    22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL", 26: "IQ3_S", 27: "IQ3_M",
    28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0", 37: "TQ2_0",
}  # fmt: skip


class GGUFError(ValueError):
    """The bytes are not a (complete) GGUF header; the message says what is wrong."""


@dataclass(frozen=True)
class GGUFHeader:
    """What the header of a GGUF file says about the model."""

    version: int
    tensor_count: int
    metadata: dict[str, Any] = field(default_factory=dict)
    byte_order: str = "little"

    def get(self, key: str) -> Any:
        return self.metadata.get(key)

    @property
    def name(self) -> str | None:
        value = self.metadata.get("general.name")
        return value if isinstance(value, str) else None

    @property
    def architecture(self) -> str | None:
        value = self.metadata.get("general.architecture")
        return value if isinstance(value, str) else None

    @property
    def file_type(self) -> str | None:
        """Quantization name (e.g. "Q4_K_M") from `general.file_type`, if present."""
        value = self.metadata.get("general.file_type")
        if isinstance(value, int) and not isinstance(value, bool):
            return FILE_TYPE_NAMES.get(value, f"file type {value}")
        return None

    @property
    def context_length(self) -> int | None:
        """Training context length, `<architecture>.context_length`."""
        if self.architecture is None:
            return None
        value = self.metadata.get(f"{self.architecture}.context_length")
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    @property
    def parameter_count(self) -> str | None:
        """`general.parameter_count`, else `general.size_label` (e.g. "1.5B"), if present."""
        count = self.metadata.get("general.parameter_count")
        if isinstance(count, int) and not isinstance(count, bool):
            return f"{count:,}"
        label = self.metadata.get("general.size_label")
        return label if isinstance(label, str) else None


class _Cursor:
    """Reads typed GGUF values from a byte buffer, raising GGUFError past its end."""

    def __init__(self, data: bytes | mmap.mmap, endian: str, version: int) -> None:
        self.data = data
        self.pos = 0
        self.endian = endian
        self.version = version  # version 1 uses 32-bit lengths and counts

    def need(self, size: int, what: str) -> None:
        if size < 0 or self.pos + size > len(self.data):
            raise GGUFError(
                f"GGUF header is truncated: {what} needs {size} bytes at offset {self.pos}, "
                f"the file has {len(self.data)}"
            )

    def scalar(self, code: str, what: str) -> Any:
        size = struct.calcsize(code)
        self.need(size, what)
        (value,) = struct.unpack_from(self.endian + code, self.data, self.pos)
        self.pos += size
        return value

    def count(self, what: str) -> int:
        return int(self.scalar("I" if self.version == 1 else "Q", what))

    def string(self, what: str) -> str:
        length = self.count(f"length of {what}")
        self.need(length, what)
        raw = bytes(self.data[self.pos : self.pos + length])
        self.pos += length
        return raw.decode("utf-8", errors="replace")

    def skip_string(self, what: str) -> None:
        length = self.count(f"length of {what}")
        self.need(length, what)
        self.pos += length

    def value(self, type_id: int, what: str, depth: int = 0) -> Any:
        if type_id not in VALUE_TYPES:
            raise GGUFError(f"unknown GGUF value type {type_id} for {what}")
        code = VALUE_TYPES[type_id][1]
        if code is not None:
            return self.scalar(code, what)
        if type_id == _STRING:
            return self.string(what)
        return self.array(what, depth + 1)

    def array(self, what: str, depth: int) -> Any:
        if depth > MAX_ARRAY_NESTING:
            raise GGUFError(f"arrays nested too deeply in {what}")
        item_type = int(self.scalar("I", f"item type of {what}"))
        if item_type not in VALUE_TYPES:
            raise GGUFError(f"unknown GGUF value type {item_type} in array {what}")
        length = self.count(f"length of {what}")
        if length <= ARRAY_PREVIEW_LIMIT:
            return [self.value(item_type, f"{what}[{i}]", depth) for i in range(length)]
        self.skip_items(item_type, length, what, depth)
        return f"[array of {length} {VALUE_TYPES[item_type][0]}]"

    def skip_items(self, item_type: int, length: int, what: str, depth: int) -> None:
        code = VALUE_TYPES[item_type][1]
        if code is not None:
            size = struct.calcsize(code) * length
            self.need(size, what)
            self.pos += size
        elif item_type == _STRING:
            for _ in range(length):
                self.skip_string(what)
        else:
            for i in range(length):
                self.array(f"{what}[{i}]", depth + 1)  # value discarded


def _detect_byte_order(data: bytes | mmap.mmap) -> tuple[str, int]:
    """Check the magic and return (struct byte-order prefix, version)."""
    if len(data) < 4 or bytes(data[:4]) != GGUF_MAGIC:
        head = bytes(data[:4])
        raise GGUFError(f"not a GGUF file: it starts with {head!r}, not {GGUF_MAGIC!r}")
    if len(data) < 8:
        raise GGUFError("GGUF header is truncated: the version field is missing")
    for prefix in ("<", ">"):
        (version,) = struct.unpack_from(prefix + "I", data, 4)
        if version in SUPPORTED_VERSIONS:
            return prefix, version
    (version,) = struct.unpack_from("<I", data, 4)
    raise GGUFError(f"unsupported GGUF version {version} (this reader knows 1 to 3)")


def parse_gguf_header(data: bytes | mmap.mmap) -> GGUFHeader:
    """Parse the GGUF header at the start of `data`; raises GGUFError if it is not one."""
    endian, version = _detect_byte_order(data)
    cursor = _Cursor(data, endian, version)
    cursor.pos = 8
    tensor_count = cursor.count("tensor count")
    kv_count = cursor.count("metadata count")
    metadata: dict[str, Any] = {}
    for index in range(kv_count):
        key = cursor.string(f"key of metadata entry {index}")
        type_id = int(cursor.scalar("I", f"type of {key!r}"))
        metadata[key] = cursor.value(type_id, repr(key))
    return GGUFHeader(
        version=version,
        tensor_count=tensor_count,
        metadata=metadata,
        byte_order="little" if endian == "<" else "big",
    )


def read_gguf_version(path: Path) -> int:
    """Check the GGUF magic and version field of `path` (reads 8 bytes); returns the version."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise GGUFError(f"cannot read {path}: {exc.strerror or exc}") from exc
    return _detect_byte_order(head)[1]


def read_gguf_header(path: Path) -> GGUFHeader:
    """Read the header of the GGUF file at `path` (memory-mapped: only the header is touched)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(8)
            _detect_byte_order(head)  # clear error before mapping (mmap fails on empty files)
            with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                return parse_gguf_header(mapped)
    except OSError as exc:
        raise GGUFError(f"cannot read {path}: {exc.strerror or exc}") from exc
