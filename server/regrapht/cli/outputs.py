"""The files `parallelize` writes: checked before any work, written together or not at all.

`check_outputs` runs before the model is loaded: an output may not be an input (the source,
the model; compared by resolved path and by inode, so a symlink or a hard link is caught), may
not be a directory or lie under a file, must be creatable (a probe file is made and removed in
the nearest existing folder, which catches read-only folders and /proc alike), and an existing
file is replaced only with `--force`. `write_together` writes every file to a temp file in its
own folder, then renames them into place; when a rename fails, the ones already renamed are
rolled back to what was there before, and no temp file is left on any path.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path


class OutputError(Exception):
    """An output path that must not or cannot be written; the message names it."""


def _same_file(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist
        return False


def _existing_ancestor(path: Path) -> Path:
    """The nearest folder above `path` that exists (or the first thing in the way)."""
    parent = path.absolute().parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent


def _probe(folder: Path) -> str | None:
    """Why a file cannot be created in `folder`, or None when it can (made and removed)."""
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".regrapht-probe-", suffix=".tmp")
    except OSError as exc:
        return exc.strerror or str(exc)
    os.close(handle)
    os.unlink(name)
    return None


def check_output(flag: str, path: Path, inputs: Sequence[Path], force: bool) -> None:
    """Raise OutputError when `path` (given as `flag`) must not or cannot be written."""
    for given in inputs:
        if _same_file(path, given):
            raise OutputError(f"{flag} {path} is the input file {given}; it would be replaced "
                              "(choose another path)")
    if path.is_dir():
        raise OutputError(f"{flag} {path} is a directory; give a file path")
    if path.exists() or path.is_symlink():
        if not force:
            raise OutputError(f"{flag} {path} exists; pass --force to replace it, or choose "
                              "another path")
        if not path.is_file():
            raise OutputError(f"{flag} {path} is not a regular file")
    folder = _existing_ancestor(path)
    if not folder.is_dir():
        raise OutputError(f"{flag} {path} cannot be written: {folder} is not a directory")
    why = _probe(folder)
    if why is not None:
        raise OutputError(f"{flag} {path} cannot be written: {why} in {folder}")


def check_outputs(outputs: Sequence[tuple[str, Path]], inputs: Sequence[Path],
                  force: bool) -> None:
    """Check every (flag, path) output before any work; two outputs may not be one file."""
    for i, (flag, path) in enumerate(outputs):
        check_output(flag, path, inputs, force)
        for other_flag, other in outputs[:i]:
            if _same_file(path, other):
                raise OutputError(f"{flag} {path} is also {other_flag}; give two paths")


def _new_folders(path: Path) -> list[Path]:
    """The folders above `path` that do not exist yet, outermost first."""
    missing = []
    parent = path.absolute().parent
    while not parent.exists():
        missing.append(parent)
        parent = parent.parent
    return missing[::-1]


def write_together(files: Sequence[tuple[Path, str]],
                   rename: Callable[[str, Path], None] = os.replace) -> None:
    """Write every (path, text) or none: temp files beside the targets, then renames; a failed
    rename rolls back the earlier ones (the old files come back) and raises OutputError.
    `rename` is for tests (fault injection)."""
    made: list[Path] = []  # folders created here, removed again on failure (when empty)
    temps: list[str] = []
    backups: dict[Path, str] = {}  # a target that existed -> a hard link (or copy) of it
    done: list[Path] = []
    current = files[0][0] if files else Path()
    try:
        for path, text in files:
            current = path
            for folder in _new_folders(path):
                folder.mkdir()
                made.append(folder)
            handle, name = tempfile.mkstemp(dir=path.absolute().parent,
                                            prefix=f".{path.name}.", suffix=".tmp")
            temps.append(name)
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(text)
                stream.flush()
                os.fsync(stream.fileno())
            if path.exists():
                backups[path] = _backup(path)
        for (path, _), name in zip(files, temps, strict=True):
            current = path
            rename(name, path)
            done.append(path)
    except OSError as exc:
        for path in reversed(done):
            with contextlib.suppress(OSError):
                if path in backups:
                    os.replace(backups.pop(path), path)
                else:
                    path.unlink()
        raise OutputError(f"cannot write {current}: {exc.strerror or exc}; nothing was "
                          "written") from exc
    finally:
        for name in [*temps, *backups.values()]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)
        if len(done) < len(files):
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()


def _backup(path: Path) -> str:
    """A second name for `path`'s current content in its folder: a hard link where the file
    system has them, else a copy."""
    name = str(path.absolute().parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.old")
    try:
        os.link(path, name)
    except OSError:
        with open(path, "rb") as source, open(name, "xb") as copy:
            copy.write(source.read())
    return name
