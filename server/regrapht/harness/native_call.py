"""Calling the ABI entry points of shim.py through ctypes, with host or device buffers."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from regrapht.harness.ctypes_map import ctype_of
from regrapht.harness.shim import RET_ARG
from regrapht.parse import CodeSite, ParamKind

PointerOf = Callable[[Any], int]  # buffer -> address (NumPy: .ctypes.data, CuPy: .data.ptr)


def host_pointer(array: Any) -> int:
    return int(array.ctypes.data)


def _arguments(
    site: CodeSite, values: Mapping[str, Any], pointer_of: PointerOf
) -> tuple[list[Any], list[Any], Any]:
    argtypes: list[Any] = []
    args: list[Any] = []
    for p in site.params:
        if p.kind is ParamKind.SCALAR:
            ctype = ctype_of(p.elem_type).ctype
            argtypes.append(ctype)
            args.append(ctype(values[p.name]))
        else:
            argtypes.append(ctypes.c_void_p)
            args.append(ctypes.c_void_p(pointer_of(values[p.name])))
            if p.kind is ParamKind.VECTOR:
                argtypes.append(ctypes.c_size_t)
                args.append(ctypes.c_size_t(int(values[p.name].size)))
    ret = None
    if site.return_type != "void":
        ret = ctype_of(site.return_type).ctype()
        argtypes.append(ctypes.c_void_p)
        args.append(ctypes.cast(ctypes.pointer(ret), ctypes.c_void_p))
    return argtypes, args, ret


class NativeEntry:
    """A loaded shared library exposing regrapht_host_entry (and maybe regrapht_device_entry)."""

    def __init__(self, library: Path, site: CodeSite) -> None:
        self.site = site
        self._lib = ctypes.CDLL(str(library), mode=ctypes.RTLD_LOCAL)

    def call_host(self, values: Mapping[str, Any]) -> tuple[Any, float]:
        """Run the user-facing function on host buffers; returns (return value, seconds)."""
        argtypes, args, ret = _arguments(self.site, values, host_pointer)
        seconds = ctypes.c_double(0.0)
        fn = self._lib.regrapht_host_entry
        fn.argtypes = [*argtypes, ctypes.POINTER(ctypes.c_double)]
        fn.restype = None
        fn(*args, ctypes.byref(seconds))
        return (ret.value if ret is not None else None), seconds.value

    def call_device(self, values: Mapping[str, Any], pointer_of: PointerOf) -> tuple[Any, int]:
        """Run the device launcher on device buffers; returns (return value, CUDA error code)."""
        argtypes, args, ret = _arguments(self.site, values, pointer_of)
        fn = self._lib.regrapht_device_entry
        fn.argtypes = argtypes
        fn.restype = ctypes.c_int
        status = fn(*args)
        return (ret.value if ret is not None else None), int(status)


__all__ = ["NativeEntry", "host_pointer", "RET_ARG"]
