"""Element types beyond C arithmetic: how complex numbers and the file's structs are laid out
in NumPy (the harness's buffers), spelled on the host (the user's code) and on the device (the
launcher's parameters). docs/parameter-kinds.md is the contract; ctypes_map.py keeps the
arithmetic table this builds on."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from regrapht.harness.ctypes_map import CType, ctype_of
from regrapht.parse import CodeSite, ParamKind

COMPLEX: dict[str, tuple[str, str, np.dtype]] = {
    "complex<float>": ("std::complex<float>", "cuFloatComplex", np.dtype(np.complex64)),
    "complex<double>": ("std::complex<double>", "cuDoubleComplex", np.dtype(np.complex128)),
}


@dataclass(frozen=True)
class Element:
    """One element type as the harness handles it.

    kind: "arith" (incl. bool), "complex" or "struct"; host: the C++ spelling in the user's
    code and the shim; device: the spelling in the launcher's parameters; dtype: the NumPy
    layout (structured, C-aligned, for a struct)."""

    name: str
    kind: str
    host: str
    device: str
    dtype: np.dtype

    @property
    def arith(self) -> CType:
        return ctype_of(self.name)


def element(site: CodeSite, name: str) -> Element:
    """The Element for a Param's elem_type (or the return type); KeyError when unknown."""
    if name in COMPLEX:
        host, device, dtype = COMPLEX[name]
        return Element(name, "complex", host, device, dtype)
    struct = site.struct(name)
    if struct is not None:
        # C names a struct `struct Point` unless a typedef gave it a plain name.
        plain = site.language != "c" or struct.source.lstrip().startswith("typedef")
        host = name if plain else f"struct {name}"
        return Element(name, "struct", host, name, struct_dtype(site, name))
    t = ctype_of(name)
    return Element(name, "arith", t.c_name, t.c_name, t.dtype)


def struct_dtype(site: CodeSite, name: str) -> np.dtype:
    """The C layout of a struct of the file as a NumPy structured dtype (align=True gives C's
    padding rules for these field types)."""
    struct = site.struct(name)
    if struct is None:
        raise KeyError(f"struct '{name}' is not one regrapht can lay out")
    formats = []
    for f in struct.fields:
        base = COMPLEX[f.elem_type][2] if f.elem_type in COMPLEX else ctype_of(f.elem_type).dtype
        formats.append((base, (f.count,)) if f.count > 1 else base)
    return np.dtype({"names": [f.name for f in struct.fields], "formats": formats}, align=True)


def param_element(site: CodeSite, param_name: str) -> Element:
    return element(site, site.param(param_name).elem_type)


def host_container(site: CodeSite, param_name: str) -> str:
    """The C++ type a container parameter has in the user's code, e.g. 'std::vector<Point>'."""
    p = site.param(param_name)
    elem = element(site, p.elem_type).host
    if p.kind is ParamKind.VECTOR:
        return f"std::vector<{elem}>"
    if p.kind is ParamKind.STD_ARRAY:
        return f"std::array<{elem}, {p.extent}>"
    if p.kind is ParamKind.STRING:
        return "std::string"
    if p.kind is ParamKind.STRINGS:
        return "std::vector<std::string>"
    raise ValueError(f"'{param_name}' is not a container")


def layout_asserts(site: CodeSite) -> str:
    """static_asserts that the C++ compiler lays each struct out as NumPy does: a mismatch is a
    build error naming the struct, never silently shifted fields."""
    lines = []
    for s in site.structs:
        dtype = struct_dtype(site, s.name)
        assert dtype.fields is not None
        lines.append(f"static_assert(sizeof({s.name}) == {dtype.itemsize}, "
                     f"\"regrapht: layout of {s.name}\");")
        for f in s.fields:
            offset = dtype.fields[f.name][1]
            lines.append(f"static_assert(offsetof({s.name}, {f.name}) == {offset}, "
                         f"\"regrapht: layout of {s.name}.{f.name}\");")
    return "\n".join(lines) + ("\n" if lines else "")


def same(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal values, NaNs equal to NaNs; struct arrays compared byte for byte (NumPy cannot
    compare structured arrays with equal_nan)."""
    if a.dtype.names is not None or b.dtype.names is not None:
        return a.shape == b.shape and a.dtype == b.dtype and bool(
            np.array_equal(np.ascontiguousarray(a).view(np.uint8),
                           np.ascontiguousarray(b).view(np.uint8)))
    return bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
