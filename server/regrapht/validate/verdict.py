"""The verdict on one candidate: compiled / correct / timed, with reasons, numbers and logs."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from enum import StrEnum

from regrapht.validate.nvcc import KernelResources
from regrapht.validate.roofline import Roofline


class Status(StrEnum):
    VERIFIED = "verified"  # compiled, matched the reference, timed
    COMPILED_NOT_RUN = "compiled-not-run"  # no GPU here: correctness and speed not measured
    COMPILE_FAILED = "compile-failed"
    WRONG = "wrong"  # ran and disagreed with the reference
    CRASHED = "crashed"  # segfault, illegal address, hang, ...
    ASSEMBLY_FAILED = "assembly-failed"  # no usable code in the answer, or no drop-in possible


@dataclass(frozen=True)
class Stats:
    """Seconds per call over repeated runs."""

    median: float
    p25: float
    p75: float
    minimum: float
    maximum: float
    count: int

    @staticmethod
    def of(samples: list[float] | tuple[float, ...]) -> Stats:
        ordered = sorted(samples)
        if len(ordered) >= 2:
            q = statistics.quantiles(ordered, n=4, method="inclusive")  # as numpy.percentile
            p25, p75 = q[0], q[2]
        else:
            p25 = p75 = ordered[0]
        return Stats(statistics.median(ordered), p25, p75, ordered[0], ordered[-1], len(ordered))


@dataclass(frozen=True)
class Verdict:
    status: Status
    reason: str  # one line a user can act on ('' when verified)
    compiler_errors: str = ""
    compiler_log: str = ""
    kernels: tuple[KernelResources, ...] = ()
    compile_seconds: float = 0.0
    correctness_trials: int = 0
    reference: Stats | None = None
    kernel: Stats | None = None  # launcher on device buffers (kernel-only)
    end_to_end: Stats | None = None  # drop-in function incl. allocation and copies
    device: str = ""
    child_output: str = ""
    roofline: Roofline | None = None  # bytes, flops, measured bandwidth, memory floor
    # Where validation time went: ("compile", s), ("child start", s), ("check", s), ...
    phases: tuple[tuple[str, float], ...] = ()

    @property
    def suspicious(self) -> str:
        """'' or why the measured speed is beyond what the device allows (roofline.py)."""
        return self.roofline.suspicious if self.roofline else ""

    @property
    def compiled(self) -> bool:
        return self.status not in (Status.COMPILE_FAILED, Status.ASSEMBLY_FAILED)

    @property
    def correct(self) -> bool | None:
        if self.status is Status.VERIFIED:
            return True
        if self.status in (Status.WRONG, Status.CRASHED):
            return False
        return None  # not measured

    @property
    def speedup_kernel(self) -> float | None:
        if self.reference and self.kernel:
            return self.reference.median / self.kernel.median
        return None

    @property
    def speedup_end_to_end(self) -> float | None:
        if self.reference and self.end_to_end:
            return self.reference.median / self.end_to_end.median
        return None
