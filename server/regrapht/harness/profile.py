"""Build and profile the sequential reference once per request (CPU only, in a child process)."""

from __future__ import annotations

import statistics
import threading
from dataclasses import dataclass
from pathlib import Path

from regrapht.harness.isolation import run_child
from regrapht.harness.reference import DEFAULT_FLAGS, build_reference
from regrapht.parse import CodeSite, Overrides

TARGET_SECONDS = 0.1  # one reference call at the timing size
# All arrays together at the timing size. 256 MiB is several L2 caches on any current GPU (so
# timings measure memory, not cache), fits a small GPU and a laptop's RAM several times over,
# and keeps validating one candidate to a few seconds.
MAX_BYTES = 256 << 20
CHILD_TIMEOUT_S = 300


class ReferenceError(Exception):
    """The user's own code could not be built or run on generated inputs."""


@dataclass(frozen=True)
class ReferenceProfile:
    """What the pipeline knows about the sequential reference before any model call."""

    library: Path
    compile_command: tuple[str, ...]
    keeps_initial: tuple[str, ...]  # written arrays whose unwritten elements must be preserved
    correctness_sizes: tuple[tuple[tuple[str, int], ...], ...]
    timing_sizes: tuple[tuple[str, int], ...]
    samples: tuple[float, ...]  # seconds per call at the timing sizes
    assumptions: tuple[str, ...]

    @property
    def median_seconds(self) -> float:
        return statistics.median(self.samples)


def _frozen(sizes: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted((k, int(v)) for k, v in sizes.items()))


def profile_reference(
    site: CodeSite,
    overrides: Overrides,
    build_dir: Path,
    *,
    flags: tuple[str, ...] = DEFAULT_FLAGS,
    seed: int = 0,
    cancel: threading.Event | None = None,
) -> ReferenceProfile:
    built = build_reference(site, build_dir, flags)
    job = {
        "site": site, "overrides": overrides, "library": built.path, "seed": seed,
        "tasks": ["probe", "calibrate", "time"], "target_seconds": TARGET_SECONDS,
        "max_bytes": MAX_BYTES,
    }
    child = run_child("regrapht.harness.ref_child", job, timeout_s=CHILD_TIMEOUT_S, cancel=cancel)
    if not child.ok:
        last = [ln for ln in child.output.splitlines() if ln.startswith(("probe", "calibrate"))]
        where = f" while running {last[-1]}" if last else ""
        raise ReferenceError(
            f"the sequential reference {site.name} failed on generated inputs{where}: "
            f"{child.reason}. If an array's length or values are wrong, say so with a "
            f"`// regrapht: length ...` or `range ...` annotation.\n{child.output[-1500:]}"
        )
    r = child.result
    if "refused" in r:
        raise ReferenceError(r["refused"])
    return ReferenceProfile(
        library=built.path,
        compile_command=built.command,
        keeps_initial=tuple(r["probe"]["keeps_initial"]),
        correctness_sizes=tuple(_frozen(s) for s in r["correctness_sizes"]),
        timing_sizes=_frozen(r["time"]["sizes"]),
        samples=tuple(r["time"]["samples"]),
        assumptions=tuple(r["time"]["assumptions"]),
    )
