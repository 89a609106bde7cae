"""Fixed-interface candidates on the GPU through NVRTC: the kernel compiled by CuPy's
`RawModule` and launched from Python with the task's geometry (launch.py describes both).

Runs inside the GPU child only and never imports CuPy itself: the child hands its `cp` module
in (gpu_child.py stays the one module that imports CuPy). `RawKernelEntry.call_device` and
`DeviceRoundTrip.call_host` mirror NativeEntry's methods, so the checks and timings in
gpu_child.py treat both compile paths the same way. CuPy caches NVRTC's output on disk by a
hash of the source and options (~/.cupy/kernel_cache), so a candidate seen before is not
compiled again.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import numpy as np

from regrapht.harness.ctypes_map import ctype_of
from regrapht.parse import CodeSite, ParamKind
from regrapht.validate.launch import GeometryError, KernelLaunch, geometry, scalar

NVRTC_OPTIONS = ("--std=c++17",)


class NvrtcError(Exception):
    """NVRTC rejected the kernel, or it has no `__global__` function of the given name."""


class RawKernelEntry:
    """The candidate kernel compiled by NVRTC, launched on device buffers."""

    def __init__(self, cp: Any, launch: KernelLaunch, site: CodeSite) -> None:
        self.cp, self.launch, self.site = cp, launch, site
        started = time.perf_counter()
        try:
            module = cp.RawModule(code=launch.source, options=NVRTC_OPTIONS,
                                  name_expressions=(launch.name,))
            self.kernel = module.get_function(launch.name)  # compiles here (lazily)
        except cp.cuda.compiler.CompileException as exc:
            raise NvrtcError(exc.get_message() if hasattr(exc, "get_message")
                             else str(exc)) from None
        except Exception as exc:  # no such kernel, or NVRTC itself cannot be loaded
            raise NvrtcError(f"{type(exc).__name__}: {exc}") from None
        self.compile_seconds = time.perf_counter() - started
        self._geometry: dict[tuple, tuple[Any, ...]] = {}  # per size set: _worked_out

    def environment(self, values: Mapping[str, Any]) -> dict[str, int | float]:
        """What grid and block expressions may name: scalar parameters and `<vector>_size`."""
        env: dict[str, int | float] = {}
        for p in self.site.params:
            if p.kind is ParamKind.SCALAR:
                env[p.name] = values[p.name]
            elif p.kind is ParamKind.VECTOR:
                env[f"{p.name}_size"] = int(values[p.name].size)
        return env

    def _scalar(self, index: int, expr: str, env: Mapping[str, int | float]) -> Any:
        """A scalar kernel argument in its exact C type (CuPy would otherwise pass a Python
        int as a 64-bit integer): the kernel parameter's type, else the function's."""
        c_type = self.launch.types[index] if index < len(self.launch.types) else ""
        names = {p.name: p for p in self.site.params}
        if not c_type and expr in names:
            c_type = names[expr].elem_type
        elif not c_type and expr.endswith("_size") and expr[:-5] in names:
            c_type = "size_t"
        if not c_type:
            raise GeometryError(f"cannot tell the C type of kernel argument '{expr}'; give "
                                "the kernel parameter an arithmetic type")
        return ctype_of(c_type).dtype.type(scalar(expr, env))

    def _worked_out(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        """(grid, block, scalar arguments by index, initial value) for these sizes, worked out
        once: the kernel-only timing records its start event before the launch, so host work
        there would be counted as GPU time."""
        env = self.environment(values)
        key = tuple(sorted(env.items()))
        if key not in self._geometry:
            arrays = {p.name for p in self.site.params if p.kind is not ParamKind.SCALAR}
            scalars = {i: self._scalar(i, expr, env) for i, expr in enumerate(self.launch.args)
                       if i != self.launch.result and expr not in arrays}
            initial = scalar(self.launch.initial, env) if self.launch.result is not None else 0
            self._geometry[key] = (geometry(self.launch.grid, env),
                                   geometry(self.launch.block, env), scalars, initial)
        return self._geometry[key]

    def arguments(self, values: Mapping[str, Any], result: Any = None) -> tuple[Any, ...]:
        """Kernel arguments in order: arrays by name, scalars evaluated in their C types, and
        `result` (a one-element device array) where the kernel writes the return value."""
        scalars = self._worked_out(values)[2]
        return tuple(result if i == self.launch.result else scalars[i] if i in scalars
                     else values[expr] for i, expr in enumerate(self.launch.args))

    def _result_slot(self, values: Mapping[str, Any]) -> Any:
        """One device element of the return value, holding its initial value."""
        dtype = ctype_of(self.launch.result_type or self.site.return_type).dtype
        return self.cp.asarray(np.full(1, self._worked_out(values)[3], dtype=dtype))

    def call_device(self, values: Mapping[str, Any], _pointer_of: Any = None) -> tuple[Any, int]:
        """Launch on device buffers; (return value or None, 0): launch faults show at the next
        synchronize, exactly as for the nvcc path (a value-returning function's value cannot
        be read back then, and is None)."""
        grid, block, _, _ = self._worked_out(values)
        slot = self._result_slot(values) if self.launch.result is not None else None
        self.kernel(grid, block, self.arguments(values, slot))
        if slot is None:
            return None, 0
        try:
            return slot.get()[0].item(), 0  # copies back, after the kernel
        except self.cp.cuda.runtime.CUDARuntimeError:
            return None, 0


class DeviceRoundTrip:
    """The drop-in function's work without a host compiler: copy in, launch, synchronize, copy
    the written arrays back into the host arrays and return the function's value. Used where
    nvcc is missing; what it times is what the generated drop-in wrapper does."""

    def __init__(self, cp: Any, entry: RawKernelEntry, written: tuple[str, ...]) -> None:
        self.cp, self.entry, self.written = cp, entry, written

    def call_host(self, values: dict[str, Any]) -> tuple[Any, float]:
        cp = self.cp
        started = time.perf_counter()
        device = {k: (cp.asarray(v) if isinstance(v, np.ndarray) else v)
                  for k, v in values.items()}
        returned, _ = self.entry.call_device(device)
        cp.cuda.runtime.deviceSynchronize()
        for name in self.written:
            values[name][...] = cp.asnumpy(device[name]).reshape(values[name].shape)
        return returned, time.perf_counter() - started
