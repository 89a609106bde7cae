"""Calling the ABI entry points of shim.py through ctypes, with host or device buffers."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

from regrapht.harness.inputs import count_key, offsets_key
from regrapht.harness.layout import element
from regrapht.harness.shim import RET_ARG, SIZED, grows
from regrapht.parse import CodeSite, ParamKind

PointerOf = Callable[[Any], int]  # buffer -> address (NumPy: .ctypes.data, CuPy: .data.ptr)


def host_pointer(array: Any) -> int:
    return int(array.ctypes.data)


def _pointer(address: int) -> ctypes.c_void_p:
    return ctypes.c_void_p(address)


def _arguments(
    site: CodeSite, values: Mapping[str, Any], pointer_of: PointerOf
) -> tuple[list[Any], list[Any], Any]:
    argtypes: list[Any] = []
    args: list[Any] = []

    def add(kind: Any, value: Any) -> None:
        argtypes.append(kind)
        args.append(value)

    for p in site.params:
        value = values[p.name]
        if p.kind is ParamKind.SCALAR and not isinstance(value, np.ndarray):
            ctype = element(site, p.elem_type).arith.ctype
            add(ctype, ctype(value))
        elif p.kind is ParamKind.SCALAR:  # complex or struct: through a pointer, always host
            add(ctypes.c_void_p, _pointer(host_pointer(value)))
        else:
            add(ctypes.c_void_p, _pointer(pointer_of(value)))
            if p.kind in SIZED:  # elements, not bytes: a struct travels as bytes on a GPU
                count = int(value.nbytes) // element(site, p.elem_type).dtype.itemsize
                add(ctypes.c_size_t, ctypes.c_size_t(count))
                if grows(site, p.name):
                    add(ctypes.c_void_p, _pointer(pointer_of(values[count_key(p.name)])))
            elif p.kind is ParamKind.STRINGS:
                offsets = values[offsets_key(p.name)]
                add(ctypes.c_size_t, ctypes.c_size_t(int(value.shape[0])))
                add(ctypes.c_void_p, _pointer(pointer_of(offsets)))
                add(ctypes.c_size_t, ctypes.c_size_t(int(offsets.shape[0]) - 1))
    ret = None
    if site.return_type != "void":
        ret = np.zeros(1, dtype=element(site, site.return_type).dtype)
        add(ctypes.c_void_p, _pointer(host_pointer(ret)))
    return argtypes, args, ret


def _returned(site: CodeSite, ret: np.ndarray | None) -> Any:
    """A returned arithmetic value as a Python scalar; a complex or struct one as its
    one-element array (compared like an output)."""
    if ret is None:
        return None
    return ret[0].item() if element(site, site.return_type).kind == "arith" else ret


class NativeEntry:
    """A loaded shared library exposing regrapht_host_entry (and maybe regrapht_device_entry)."""

    def __init__(self, library: Path, site: CodeSite) -> None:
        self.site = site
        self._lib = ctypes.CDLL(str(library), mode=ctypes.RTLD_LOCAL)

    def call_host(self, values: Mapping[str, Any]) -> tuple[Any, float]:
        """Run the user-facing function on host buffers; returns (return value, seconds).
        A grown output's count is left in values[count_key(name)]."""
        argtypes, args, ret = _arguments(self.site, values, host_pointer)
        seconds = ctypes.c_double(0.0)
        fn = self._lib.regrapht_host_entry
        fn.argtypes = [*argtypes, ctypes.POINTER(ctypes.c_double)]
        fn.restype = None
        fn(*args, ctypes.byref(seconds))
        return _returned(self.site, ret), seconds.value

    def call_device(self, values: Mapping[str, Any], pointer_of: PointerOf) -> tuple[Any, int]:
        """Run the device launcher on device buffers; returns (return value, CUDA error code)."""
        argtypes, args, ret = _arguments(self.site, values, pointer_of)
        fn = self._lib.regrapht_device_entry
        fn.argtypes = argtypes
        fn.restype = ctypes.c_int
        status = fn(*args)
        return _returned(self.site, ret), int(status)


__all__ = ["NativeEntry", "host_pointer", "RET_ARG"]
