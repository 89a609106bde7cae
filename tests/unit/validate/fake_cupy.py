"""A host-memory stand-in for the part of CuPy that regrapht.validate.gpu_child uses.

"Device arrays" are NumPy arrays in host memory behind a small wrapper (a NumPy subclass with
a `.data` property would break NumPy), and `.data.ptr` is the address of the host buffer, so a
candidate compiled with g++ whose `<name>_device` is plain host code can run on them. Only
names that real CuPy has are provided (e.g. there is no `cupy.cuda.runtime.getErrorString`):
a call the real module lacks must fail here too.

The same file serves as `cupy/__init__.py` for a child process (tests copy it there).
Module-level knobs: DEVICE_COUNT (0: no device), NO_DRIVER (getDeviceCount raises).
"""

from __future__ import annotations

import time
from types import SimpleNamespace
from typing import Any

import numpy as np

DEVICE_COUNT = 1
NO_DRIVER = False
DEVICE_NAME = b"Fake GPU (host memory)"

uint8 = np.uint8
uint32 = np.uint32
uint64 = np.uint64
float32 = np.float32
float64 = np.float64

_ERRORS = {
    0: ("cudaSuccess", "no error"),
    1: ("cudaErrorInvalidValue", "invalid argument"),
    2: ("cudaErrorMemoryAllocation", "out of memory"),
    9: ("cudaErrorInvalidConfiguration", "invalid configuration argument"),
    35: ("cudaErrorInsufficientDriver",
         "CUDA driver version is insufficient for CUDA runtime version"),
    100: ("cudaErrorNoDevice", "no CUDA-capable device is detected"),
    700: ("cudaErrorIllegalAddress", "an illegal memory access was encountered"),
}


class CUDARuntimeError(RuntimeError):
    """Like cupy_backends' CUDARuntimeError: built from a status, str() is 'name: message'."""

    def __init__(self, status: int) -> None:
        self.status = status
        name, msg = _ERRORS.get(status, ("cudaErrorUnknown", "unknown error"))
        super().__init__(f"{name}: {msg}")


class _MemoryPointer:
    def __init__(self, host: np.ndarray) -> None:
        self.ptr = int(host.ctypes.data)


class ndarray:  # noqa: N801 - CuPy's spelling
    """A 'device' array: owns a NumPy array that native code reaches through `.data.ptr`."""

    def __init__(self, host: np.ndarray) -> None:
        self._host = host

    @property
    def data(self) -> _MemoryPointer:
        return _MemoryPointer(self._host)

    @property
    def dtype(self) -> np.dtype:
        return self._host.dtype

    @property
    def size(self) -> int:
        return int(self._host.size)

    @property
    def shape(self) -> tuple[int, ...]:
        return self._host.shape

    @property
    def nbytes(self) -> int:
        return int(self._host.nbytes)

    def fill(self, value: Any) -> None:
        self._host.fill(value)

    def view(self, dtype: Any) -> ndarray:
        return ndarray(self._host.view(dtype))

    def copy(self) -> ndarray:
        return ndarray(self._host.copy())

    def __len__(self) -> int:
        return len(self._host)

    def __array__(self, *args: Any, **kwargs: Any) -> np.ndarray:
        # Real CuPy refuses implicit conversion; so does this fake.
        raise TypeError("Implicit conversion to a NumPy array is not allowed. "
                        "Please use `.get()` to construct a NumPy array explicitly.")

    def get(self) -> np.ndarray:
        return self._host.copy()

    def set(self, arr: np.ndarray) -> None:
        """Host -> 'device' copy into this (contiguous) array, as ndarray.set."""
        if np.asarray(arr).shape != self._host.shape:
            raise ValueError("Shape mismatch")
        self._host[...] = arr

    def __getitem__(self, key: Any) -> ndarray:
        # Basic slicing gives a view, as in CuPy: `.data.ptr` then points into the buffer.
        return ndarray(self._host[key])


def asarray(a: Any, dtype: Any = None) -> ndarray:
    """Host -> 'device': a copy, as a real transfer is (writes must not reach the original)."""
    if isinstance(a, ndarray):
        return a if dtype is None or np.dtype(dtype) == a.dtype else ndarray(a._host.astype(dtype))
    return ndarray(np.array(a, dtype=dtype, copy=True, order="C"))


def asnumpy(a: Any) -> np.ndarray:
    if isinstance(a, ndarray):
        return a._host.copy()
    return np.asarray(a)


def empty(shape: Any, dtype: Any = float) -> ndarray:
    return ndarray(np.empty(shape, dtype=dtype))


def zeros(shape: Any, dtype: Any = float) -> ndarray:
    return ndarray(np.zeros(shape, dtype=dtype))


def copyto(dst: ndarray, src: ndarray) -> None:
    dst._host[...] = src._host


class Event:
    """cupy.cuda.Event: record() takes a host timestamp (the fake 'stream' is synchronous)."""

    def __init__(self, block: bool = False, disable_timing: bool = False,
                 interprocess: bool = False) -> None:
        self.disable_timing = disable_timing
        self._when: float | None = None

    def record(self, stream: Any = None) -> None:
        self._when = time.perf_counter()

    def synchronize(self) -> None:
        if self._when is None:
            raise CUDARuntimeError(400)  # like cudaErrorInvalidResourceHandle

    @property
    def done(self) -> bool:
        return True


def get_elapsed_time(start_event: Event, end_event: Event) -> float:
    """Milliseconds between two recorded events, as cupy.cuda.get_elapsed_time."""
    if start_event._when is None or end_event._when is None:
        raise CUDARuntimeError(600)  # cudaErrorNotReady
    if start_event.disable_timing or end_event.disable_timing:
        raise CUDARuntimeError(1)
    return (end_event._when - start_event._when) * 1e3


def _get_device_count() -> int:
    if NO_DRIVER:
        raise CUDARuntimeError(35)
    return DEVICE_COUNT


def _get_device_properties(device: int) -> dict[str, Any]:
    if device >= _get_device_count():
        raise CUDARuntimeError(101)
    return {"name": DEVICE_NAME, "major": 9, "minor": 0, "multiProcessorCount": 132,
            "l2CacheSize": 50 << 20, "totalGlobalMem": 80 << 30}


def _device_synchronize() -> None:
    pass


runtime = SimpleNamespace(
    CUDARuntimeError=CUDARuntimeError,
    getDeviceCount=lambda: _get_device_count(),
    getDeviceProperties=lambda device: _get_device_properties(device),
    deviceSynchronize=lambda: _device_synchronize(),
)
cuda = SimpleNamespace(Event=Event, get_elapsed_time=get_elapsed_time, runtime=runtime)
