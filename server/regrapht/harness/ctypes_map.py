"""C arithmetic types -> (ctypes type, NumPy dtype), the one table every native call uses."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CType:
    """How one C element type travels between NumPy arrays and native code."""

    c_name: str  # canonical C spelling used in generated shims
    ctype: type  # ctypes scalar type
    dtype: np.dtype
    is_float: bool
    is_signed: bool


def _t(c_name: str, ctype: type, dtype: str, is_float: bool = False, signed: bool = True) -> CType:
    return CType(c_name, ctype, np.dtype(dtype), is_float, signed)


_TABLE: dict[str, CType] = {
    "float": _t("float", ctypes.c_float, "float32", is_float=True),
    "double": _t("double", ctypes.c_double, "float64", is_float=True),
    "int": _t("int", ctypes.c_int, "int32"),
    "signed": _t("int", ctypes.c_int, "int32"),
    "signed int": _t("int", ctypes.c_int, "int32"),
    "unsigned": _t("unsigned int", ctypes.c_uint, "uint32", signed=False),
    "unsigned int": _t("unsigned int", ctypes.c_uint, "uint32", signed=False),
    "short": _t("short", ctypes.c_short, "int16"),
    "unsigned short": _t("unsigned short", ctypes.c_ushort, "uint16", signed=False),
    "long": _t("long", ctypes.c_long, "int64"),
    "long int": _t("long", ctypes.c_long, "int64"),
    "unsigned long": _t("unsigned long", ctypes.c_ulong, "uint64", signed=False),
    "long long": _t("long long", ctypes.c_longlong, "int64"),
    "unsigned long long": _t("unsigned long long", ctypes.c_ulonglong, "uint64", signed=False),
    "char": _t("char", ctypes.c_byte, "int8"),
    "signed char": _t("signed char", ctypes.c_byte, "int8"),
    "unsigned char": _t("unsigned char", ctypes.c_ubyte, "uint8", signed=False),
    "bool": _t("bool", ctypes.c_bool, "bool"),
    "_Bool": _t("_Bool", ctypes.c_bool, "bool"),
    "size_t": _t("size_t", ctypes.c_size_t, "uint64", signed=False),
    "ptrdiff_t": _t("ptrdiff_t", ctypes.c_ssize_t, "int64"),
    "int8_t": _t("int8_t", ctypes.c_int8, "int8"),
    "uint8_t": _t("uint8_t", ctypes.c_uint8, "uint8", signed=False),
    "int16_t": _t("int16_t", ctypes.c_int16, "int16"),
    "uint16_t": _t("uint16_t", ctypes.c_uint16, "uint16", signed=False),
    "int32_t": _t("int32_t", ctypes.c_int32, "int32"),
    "uint32_t": _t("uint32_t", ctypes.c_uint32, "uint32", signed=False),
    "int64_t": _t("int64_t", ctypes.c_int64, "int64"),
    "uint64_t": _t("uint64_t", ctypes.c_uint64, "uint64", signed=False),
}


def ctype_of(elem_type: str) -> CType:
    """The table entry for a normalised element type; KeyError names what is supported."""
    key = " ".join(elem_type.replace("std::", "").split())
    try:
        return _TABLE[key]
    except KeyError:
        raise KeyError(
            f"element type '{elem_type}' is not supported; supported: {', '.join(sorted(_TABLE))}"
        ) from None
