"""The pure-Python GGUF header reader on tiny files written by the tests themselves."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from regrapht.model.gguf_header import (
    GGUFError,
    parse_gguf_header,
    read_gguf_header,
    read_gguf_version,
)
from tests.unit.model import builders as b

ALL_SCALARS = [
    ("u8", b.UINT8, 200),
    ("i8", b.INT8, -5),
    ("u16", b.UINT16, 65000),
    ("i16", b.INT16, -300),
    ("u32", b.UINT32, 4_000_000_000),
    ("i32", b.INT32, -70000),
    ("f32", b.FLOAT32, 0.5),
    ("flag", b.BOOL, True),
    ("text", b.STRING, "héllo"),
    ("u64", b.UINT64, 2**40),
    ("i64", b.INT64, -(2**40)),
    ("f64", b.FLOAT64, 3.25),
]


@pytest.mark.parametrize("endian", ["<", ">"])
@pytest.mark.parametrize("version", [1, 2, 3])
def test_reads_every_scalar_type(endian: str, version: int) -> None:
    data = b.gguf_bytes(ALL_SCALARS, version=version, tensor_count=7, endian=endian)
    header = parse_gguf_header(data)
    assert header.version == version
    assert header.tensor_count == 7
    assert header.byte_order == ("little" if endian == "<" else "big")
    assert header.metadata == {key: value for key, _, value in ALL_SCALARS}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ((b.INT32, [1, -2, 3]), [1, -2, 3]),
        ((b.STRING, ["a", "bc"]), ["a", "bc"]),
        ((b.ARRAY, [(b.UINT8, [1, 2]), (b.UINT8, [])]), [[1, 2], []]),
        ((b.FLOAT32, list(range(16))), [float(i) for i in range(16)]),
        ((b.FLOAT32, list(range(17))), "[array of 17 float32]"),
        ((b.STRING, [f"t{i}" for i in range(1000)]), "[array of 1000 string]"),
        ((b.ARRAY, [(b.INT8, [1])] * 20), "[array of 20 array]"),
    ],
)
def test_arrays_short_kept_long_summarised(value: tuple[int, list], expected: object) -> None:
    data = b.gguf_bytes([("arr", b.ARRAY, value), ("after", b.STRING, "still read")])
    header = parse_gguf_header(data)
    assert header.metadata == {"arr": expected, "after": "still read"}


def test_model_properties() -> None:
    header = parse_gguf_header(b.gguf_bytes())
    assert header.name == "Tiny Test Coder"
    assert header.architecture == "qwen2"
    assert header.file_type == "Q4_K_M"
    assert header.context_length == 32768
    assert header.parameter_count == "1.5B"
    assert header.get("tokenizer.ggml.tokens") == "[array of 40 string]"


def test_parameter_count_prefers_exact_number() -> None:
    header = parse_gguf_header(b.gguf_bytes([("general.parameter_count", b.UINT64, 1543714304)]))
    assert header.parameter_count == "1,543,714,304"
    assert header.name is None and header.file_type is None and header.context_length is None


def test_every_truncation_is_a_clear_error() -> None:
    data = b.gguf_bytes()
    for cut in range(len(data)):
        with pytest.raises(GGUFError):
            parse_gguf_header(data[:cut])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "not a GGUF file"),
        (b"PK\x03\x04 a zip", "not a GGUF file"),
        (b"GGUF", "version field is missing"),
        (b"GGUF" + struct.pack("<I", 9) + bytes(16), "unsupported GGUF version 9"),
        (
            b.gguf_bytes([("x", b.UINT8, 1)])[:-5] + struct.pack("<I", 99) + b"\x01",
            "unknown GGUF value type 99",
        ),
        (
            b"GGUF" + struct.pack("<IQQ", 3, 0, 1) + struct.pack("<Q", 2**62),
            "truncated",
        ),
    ],
)
def test_rejects_bad_input(data: bytes, message: str) -> None:
    with pytest.raises(GGUFError, match=message):
        parse_gguf_header(data)


def test_reads_files(tmp_path: Path) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(b.gguf_bytes() + bytes(1000))  # tensor data after the header is ignored
    assert read_gguf_header(model).architecture == "qwen2"
    assert read_gguf_version(model) == 3


@pytest.mark.parametrize("content", [b"", b"GG", b"hello world, not gguf"])
def test_rejects_short_or_foreign_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.gguf"
    path.write_bytes(content)
    with pytest.raises(GGUFError):
        read_gguf_header(path)
    with pytest.raises(GGUFError):
        read_gguf_version(path)


def test_missing_file_is_gguf_error(tmp_path: Path) -> None:
    with pytest.raises(GGUFError, match="cannot read"):
        read_gguf_header(tmp_path / "absent.gguf")
