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
from regrapht.validate.launch import GeometryError, KernelLaunch, geometry

NVRTC_OPTIONS = ("--std=c++17",)


class NvrtcError(Exception):
    """NVRTC rejected the kernel, or it has no `__global__` function of the given name."""


class RawKernelEntry:
    """The candidate kernel compiled by NVRTC, launched on device buffers."""

    def __init__(self, cp: Any, launch: KernelLaunch, site: CodeSite) -> None:
        self.launch, self.site = launch, site
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
        # Grid and block per size set, worked out once: the kernel-only timing records its
        # start event before the launch, so host work there would be counted as GPU time.
        self._geometry: dict[tuple, tuple[tuple[int, ...], tuple[int, ...]]] = {}

    def environment(self, values: Mapping[str, Any]) -> dict[str, int | float]:
        """What grid and block expressions may name: scalar parameters and `<vector>_size`."""
        env: dict[str, int | float] = {}
        for p in self.site.params:
            if p.kind is ParamKind.SCALAR:
                env[p.name] = values[p.name]
            elif p.kind is ParamKind.VECTOR:
                env[f"{p.name}_size"] = int(values[p.name].size)
        return env

    def arguments(self, values: Mapping[str, Any]) -> tuple[Any, ...]:
        """Kernel arguments in order, scalars in their exact C type (CuPy would otherwise pass
        a Python int as a 64-bit integer)."""
        names = {p.name: p for p in self.site.params}
        args: list[Any] = []
        for name in self.launch.args:
            if name in names:
                p = names[name]
                args.append(ctype_of(p.elem_type).dtype.type(values[name])
                            if p.kind is ParamKind.SCALAR else values[name])
            elif name.endswith("_size") and name[:-5] in names:
                args.append(np.uint64(values[name[:-5]].size))
            else:
                raise GeometryError(f"kernel parameter '{name}' matches no parameter")
        return tuple(args)

    def call_device(self, values: Mapping[str, Any], _pointer_of: Any = None) -> tuple[Any, int]:
        """Launch on device buffers; (None, 0): launch faults show at the next synchronize,
        exactly as for the nvcc path."""
        env = self.environment(values)
        key = tuple(sorted(env.items()))
        if key not in self._geometry:
            self._geometry[key] = (geometry(self.launch.grid, env),
                                   geometry(self.launch.block, env))
        grid, block = self._geometry[key]
        self.kernel(grid, block, self.arguments(values))
        return None, 0


class DeviceRoundTrip:
    """The drop-in function's work without a host compiler: copy in, launch, synchronize, copy
    the written arrays back into the host arrays. Used where nvcc is missing; what it times
    is what the generated drop-in wrapper does."""

    def __init__(self, cp: Any, entry: RawKernelEntry, written: tuple[str, ...]) -> None:
        self.cp, self.entry, self.written = cp, entry, written

    def call_host(self, values: dict[str, Any]) -> tuple[Any, float]:
        cp = self.cp
        started = time.perf_counter()
        device = {k: (cp.asarray(v) if isinstance(v, np.ndarray) else v)
                  for k, v in values.items()}
        self.entry.call_device(device)
        cp.cuda.runtime.deviceSynchronize()
        for name in self.written:
            values[name][...] = cp.asnumpy(device[name]).reshape(values[name].shape)
        return None, time.perf_counter() - started
