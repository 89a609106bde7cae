"""The NVRTC path's kernel arguments (validate/rawkernel.py), without a GPU: a fake `cp` whose
RawModule hands back a recording "kernel". Bound expressions are evaluated and passed in the
kernel parameter's C type; a value-returning function's slot is one device element holding the
initial value, and what the kernel leaves there is the return value."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from regrapht.generate.prompting import KernelInterface
from regrapht.parse import find_site
from regrapht.pipeline import nvrtc_launch
from regrapht.validate.rawkernel import DeviceRoundTrip, RawKernelEntry
from tests.unit.validate import fake_cupy

AXPY = """\
#include <vector>
void axpy(float a, const std::vector<float> &x, std::vector<float> &y) {
    for (size_t i = 0; i < x.size(); i++) y[i] += a * x[i];
}
"""
SUM = """\
#include <vector>
double sum(const std::vector<double> &x) {
    double s = 0.0;
    for (size_t i = 0; i < x.size(); i++) s += x[i];
    return s;
}
"""


class RecordingKernel:
    """Stands in for a compiled kernel: records each launch; `writes` is what it leaves in the
    pointer at index `into` (the return slot), as a kernel would."""

    def __init__(self, into: int | None = None, writes: float = 0.0) -> None:
        self.launches: list[tuple[Any, Any, tuple[Any, ...]]] = []
        self.into, self.writes = into, writes

    def __call__(self, grid: Any, block: Any, args: tuple[Any, ...]) -> None:
        self.launches.append((grid, block, args))
        if self.into is not None:
            self.seen_before = args[self.into].get()[0]
            args[self.into]._host[0] = self.writes


def fake_cp(kernel: RecordingKernel) -> Any:
    module = SimpleNamespace(get_function=lambda name: kernel)
    return SimpleNamespace(RawModule=lambda **_: module, asarray=fake_cupy.asarray,
                           asnumpy=fake_cupy.asnumpy, ndarray=fake_cupy.ndarray,
                           cuda=fake_cupy.cuda)


def entry(tmp_path: Path, source: str, name: str, interface: KernelInterface,
          kernel: RecordingKernel) -> RawKernelEntry:
    path = tmp_path / f"{name}.cpp"
    path.write_text(source)
    site = find_site(str(path), name)
    launch = nvrtc_launch(site, interface, interface.signature + " {}\n")
    return RawKernelEntry(fake_cp(kernel), launch, site)


AXPY_INTERFACE = KernelInterface("__global__ void axpy(float a, const float *x, float *y, "
                                 "size_t N)", "(x.size()+255)/256", "256", (("N", "x.size()"),))
SUM_INTERFACE = KernelInterface("__global__ void sumKernel(const double *x, size_t N, "
                                "double *sum)", "(x.size() + 255) / 256", "256",
                                (("N", "x.size()"), ("sum", "return = 1.5")))


def test_bound_size_is_passed_as_the_kernels_type(tmp_path: Path) -> None:
    kernel = RecordingKernel()
    raw = entry(tmp_path, AXPY, "axpy", AXPY_INTERFACE, kernel)
    assert raw.launch.name == "axpy_kernel"  # renamed: the drop-in function is `axpy`
    x, y = fake_cupy.asarray(np.ones(300, np.float32)), fake_cupy.asarray(np.zeros(300, "f4"))
    assert raw.call_device({"a": np.float32(2.0), "x": x, "y": y}) == (None, 0)
    grid, block, args = kernel.launches[0]
    assert (grid, block) == ((2,), (256,))
    assert [type(a) for a in args] == [np.float32, fake_cupy.ndarray, fake_cupy.ndarray,
                                       np.uint64]
    assert args[0] == 2.0 and args[1] is x and args[2] is y and args[3] == 300


ARGUMENTS = [
    # kernel signature, bindings, the argument types the kernel gets (after the arrays)
    ("__global__ void k(const float *x, float *y, int N, float a)",
     (("N", "x.size() / 2"),), [np.int32, np.float32]),
    ("__global__ void k(const float *x, float *y, unsigned long long N, double a)",
     (("N", "x.size()"),), [np.uint64, np.float64]),
]


@pytest.mark.parametrize(("signature", "bindings", "types"), ARGUMENTS, ids=["int", "wide"])
def test_scalars_take_the_kernel_parameters_types(tmp_path: Path, signature: str,
                                                  bindings: tuple, types: list) -> None:
    kernel = RecordingKernel()
    interface = KernelInterface(signature, "1", "256", bindings)
    raw = entry(tmp_path, AXPY, "axpy", interface, kernel)
    x, y = fake_cupy.asarray(np.ones(10, np.float32)), fake_cupy.asarray(np.zeros(10, "f4"))
    raw.call_device({"a": np.float32(3.0), "x": x, "y": y})
    args = kernel.launches[0][2]
    assert [type(a) for a in args[2:]] == types
    assert int(args[2]) == (5 if "/ 2" in bindings[0][1] else 10) and float(args[3]) == 3.0


def test_return_slot_is_filled_launched_and_read_back(tmp_path: Path) -> None:
    kernel = RecordingKernel(into=2, writes=42.25)
    raw = entry(tmp_path, SUM, "sum", SUM_INTERFACE, kernel)
    x = fake_cupy.asarray(np.arange(5, dtype=np.float64))
    assert raw.call_device({"x": x}) == (42.25, 0)
    slot = kernel.launches[0][2][2]
    assert isinstance(slot, fake_cupy.ndarray) and slot.dtype == np.float64 and slot.size == 1
    assert kernel.seen_before == 1.5  # the initial value, there before the launch
    assert kernel.launches[0][2][1] == 5 and type(kernel.launches[0][2][1]) is np.uint64


def test_round_trip_returns_the_value(tmp_path: Path) -> None:
    """Without nvcc the drop-in function's work is done from Python: it returns the value."""
    kernel = RecordingKernel(into=2, writes=-3.0)
    raw = entry(tmp_path, SUM, "sum", SUM_INTERFACE, kernel)
    returned, seconds = DeviceRoundTrip(raw.cp, raw, ()).call_host({"x": np.ones(4)})
    assert returned == -3.0 and seconds >= 0.0
