"""Run native code (the reference, candidates) in a child process with a time limit.

Generated code can segfault, hang or scribble over memory; none of that may reach the caller.
The job goes to the child as a pickle file, the result comes back as a JSON file the child
writes last, so a crash is recognised by its absence and the child's exit status.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OUTPUT_TAIL = 4000


@dataclass(frozen=True)
class ChildResult:
    ok: bool  # the child finished and wrote its result
    result: dict[str, Any]  # the child's JSON result ({} when it did not finish)
    reason: str  # why it did not finish: "", "timeout after 60 s", "killed by SIGSEGV", ...
    output: str  # the tail of what the child printed (stdout and stderr)
    seconds: float


def _describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code} before writing a result"


def default_memory_limit() -> int:
    """Half of the machine's memory (at least 2 GiB): a runaway candidate must not push the
    editor and the rest of the desktop into swap."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return max(2 << 30, int(line.split()[1]) * 1024 // 2)
    except OSError:
        pass
    return 8 << 30


def resident_bytes(pid: int) -> int | None:
    """Resident memory of a process (Linux /proc), None where it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def run_child(
    module: str,
    job: dict[str, Any],
    *,
    timeout_s: float,
    cancel: threading.Event | None = None,
    env: dict[str, str] | None = None,
    memory_limit: int | None = None,
) -> ChildResult:
    """Run `python -m module JOB RESULT`; never raises for what the child does.

    The child is killed (with its process group) past `timeout_s`, on `cancel`, or when its
    resident memory exceeds `memory_limit` bytes (default: half the machine's memory). Address-
    space limits (RLIMIT_AS) are not used: the CUDA runtime reserves far more virtual memory
    than it touches, so they would fail every GPU candidate."""
    limit = default_memory_limit() if memory_limit is None else memory_limit
    with tempfile.TemporaryDirectory(prefix="regrapht-job-") as tmp:
        job_path = Path(tmp) / "job.pkl"
        result_path = Path(tmp) / "result.json"
        log_path = Path(tmp) / "output.log"
        job_path.write_bytes(pickle.dumps(job))
        started = time.perf_counter()
        with open(log_path, "wb") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", module, str(job_path), str(result_path)],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True, env={**os.environ, **(env or {})},
            )
            reason = ""
            while proc.poll() is None:
                resident = resident_bytes(proc.pid)
                if time.perf_counter() - started > timeout_s:
                    reason = f"timeout after {timeout_s:.0f} s (hang or far too slow)"
                elif cancel is not None and cancel.is_set():
                    reason = "cancelled"
                elif resident is not None and resident > limit:
                    reason = (f"exceeded the memory limit ({resident / 2**30:.1f} GiB resident, "
                              f"limit {limit / 2**30:.1f} GiB)")
                if reason:
                    _kill_group(proc)
                    break
                time.sleep(0.02)
        seconds = time.perf_counter() - started
        output = log_path.read_bytes()[-OUTPUT_TAIL:].decode("utf-8", "replace")
        if not reason and result_path.exists():
            try:
                return ChildResult(True, json.loads(result_path.read_text()), "", output, seconds)
            except json.JSONDecodeError:
                reason = "wrote an unreadable result"
        if not reason:
            reason = _describe_exit(proc.returncode)
        return ChildResult(False, {}, reason, output, seconds)


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def child_main(handler: Any) -> None:
    """Entry for child modules: read the job, call handler(job) -> dict, write the result."""
    job_path, result_path = Path(sys.argv[1]), Path(sys.argv[2])
    job = pickle.loads(job_path.read_bytes())
    result = handler(job)
    tmp = result_path.with_suffix(".tmp")
    tmp.write_text(json.dumps(result))
    os.replace(tmp, result_path)
