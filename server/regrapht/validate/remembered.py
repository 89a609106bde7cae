"""Verdicts kept on disk, so that a benchmark run cut by a time limit and resumed does not
validate again the candidates it already validated.

The benchmark caches model answers by prompt hash (bench/cache.py); a resumed run gets the same
answers back at once, but each of them was compiled, checked and timed again: on the H100, with
MCGS runs longer than a call, most of a resumed call went into validations already made
(bench/results/2026-11-26-llama-cuda/). `remember_verdicts(folder)` turns this on for the
process (the benchmark runner does; the editor never does): a verdict is stored under a hash of
everything that decides it (the candidate's test unit, the function, the reference's sizes and
timings, the validator's settings) and returned as it was when the same candidate comes again.
A verdict reached while its run was being cancelled is not kept. The files are pickles of the
validator's own frozen dataclasses, written and read by this process's user only: a folder
someone else can write to must not be given here.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from regrapht.validate.verdict import Verdict

P = ParamSpec("P")
R = TypeVar("R")
_store: Path | None = None


def remember_verdicts(folder: Path | None) -> None:
    """Keep verdicts in `folder` (None: stop keeping and reusing them)."""
    global _store
    _store = folder


@functools.cache
def checking_code() -> str:
    """A hash of the validator's and the harness's own source: a verdict kept by another
    version of the checks is not reused."""
    digest = hashlib.sha256()
    for package in ("validate", "harness"):
        for path in sorted((Path(__file__).parent.parent / package).glob("*.py")):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def verdict_key(parts: dict[str, Any]) -> str:
    """A stable hash of what decides a verdict (`repr` of plain values and frozen dataclasses;
    paths are left out by the caller: a build folder is not part of the candidate)."""
    text = repr(sorted(parts.items())) + checking_code()
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _load(path: Path) -> Verdict | None:
    try:
        verdict = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None  # unreadable or from another version of the validator: validate again
    return verdict if isinstance(verdict, Verdict) else None


def _save(path: Path, verdict: Verdict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(pickle.dumps(verdict))
    tmp.replace(path)  # readers never see half a file


def remembered(key_of: Callable[..., dict[str, Any]]
               ) -> Callable[[Callable[P, Verdict]], Callable[P, Verdict]]:
    """Decorate `validate`: `key_of(*args, **kwargs)` names what decides its verdict."""

    def wrap(fn: Callable[P, Verdict]) -> Callable[P, Verdict]:
        @functools.wraps(fn)
        def run(*args: P.args, **kwargs: P.kwargs) -> Verdict:
            store = _store
            if store is None:
                return fn(*args, **kwargs)
            path = store / f"{verdict_key(key_of(*args, **kwargs))}.verdict"
            kept = _load(path) if path.is_file() else None
            if kept is not None:
                return kept
            verdict = fn(*args, **kwargs)
            cancel = kwargs.get("cancel")
            cancelled = isinstance(cancel, threading.Event) and cancel.is_set()
            if not cancelled:
                _save(path, verdict)
            return verdict

        return run

    return wrap
