"""The drop-in replacement: the user's own signature, generated (never written by the model).

It allocates device buffers, copies in what the function reads (and outputs whose unwritten
elements must survive), calls the launcher `<name>_device`, checks for errors and copies the
results back. Each parameter kind of docs/parameter-kinds.md has its marshalling here: complex
values reinterpreted as cuFloatComplex / cuDoubleComplex (the same layout), std::vector<bool>
through a bool buffer, strings as bytes, a vector of strings as characters plus offsets, and a
grown output as a buffer of its bound plus a device counter.
"""

from __future__ import annotations

import re

from regrapht.generate.errors import AssemblyError
from regrapht.harness import shim
from regrapht.harness.inputs import capacity_exprs
from regrapht.harness.layout import element
from regrapht.parse import ArrayInfo, ArrayRole, CodeSite, Overrides, Param, ParamKind

_CHECK = "    REGRAPHT_CHECK({});"


def size_expr(expr: str) -> str:
    """A length expression evaluated in size_t, so n * m cannot overflow int."""
    expr = shim.SIZE_CALL.sub(r"\1.size()", expr)
    return re.sub(r"(?<![\w.:<])([A-Za-z_]\w*)\b(?!\s*[.(\[<:])", r"((size_t)(\1))", expr)


def _length_code(site: CodeSite, a: ArrayInfo, arrays: dict[str, ArrayInfo]) -> str:
    kind = site.param(a.name).kind
    if kind is ParamKind.SCALAR_REF:
        return "1"
    if kind in (ParamKind.VECTOR, ParamKind.STRING):  # a container knows its own length
        return f"{a.name}.size()"
    if a.length is not None:
        return size_expr(a.length)
    for off in arrays.values():  # delimited by offsets: the last offset is the element count
        if off.role is ArrayRole.OFFSETS and off.length is not None:
            return f"((size_t)({off.name}[{size_expr(off.length)} - 1]))"
    raise AssemblyError(
        f"cannot tell how many elements '{a.name}' has, so no drop-in wrapper can copy it to the "
        f"GPU; state it with a comment above the function, e.g. `// regrapht: length {a.name}=n`"
    )


def _cpp_signature(signature: str) -> str:
    """C99 spellings nvcc's C++ front end does not take."""
    signature = re.sub(r"\brestrict\b", "__restrict__", signature)
    return re.sub(r"\b_Bool\b", "bool", signature)


def _replaces(site: CodeSite, name: str) -> bool:
    """Whether the function starts a grown output afresh (clear, resize, assign, `=`); if it
    only appends (push_back), the wrapper appends to what the caller passed, as it does."""
    pattern = rf"\b{re.escape(name)}\s*(\.\s*(clear|resize|assign)\s*\(|=(?!=))"
    return re.search(pattern, site.source) is not None


class _Wrapper:
    """The lines of one drop-in function, parameter by parameter."""

    def __init__(self, site: CodeSite, arrays: tuple[ArrayInfo, ...],
                 keeps_initial: tuple[str, ...], overrides: Overrides) -> None:
        self.site, self.keeps, self.overrides = site, keeps_initial, overrides
        self.arrays = arrays
        self.by_name = {a.name: a for a in arrays}
        self.lines: list[str] = []
        self.back: list[str] = []
        self.frees: list[str] = []
        self.args: list[str] = []

    def buffer(self, name: str, device_type: str, count: str) -> str:
        dev = f"d_{name}_"
        nbytes = f"({count}) * sizeof({device_type})"
        self.lines += [f"    {device_type} *{dev} = NULL;",
                       _CHECK.format(f"cudaMalloc((void **)&{dev}, {nbytes} > 0 ? {nbytes} : 1)")]
        self.frees.append(_CHECK.format(f"cudaFree({dev})"))
        return dev

    def copy_in(self, dev: str, host: str, nbytes: str) -> None:
        self.lines.append(_CHECK.format(f"cudaMemcpy({dev}, {host}, {nbytes}, "
                                        "cudaMemcpyHostToDevice)"))

    def copy_out(self, host: str, dev: str, nbytes: str) -> None:
        self.back.append(_CHECK.format(f"cudaMemcpy({host}, {dev}, {nbytes}, "
                                       "cudaMemcpyDeviceToHost)"))

    def scalar(self, p: Param) -> None:
        e = element(self.site, p.elem_type)
        if e.kind == "complex":  # std::complex and cuComplex share their layout
            self.args.append(f"*reinterpret_cast<const {e.device} *>(&{p.name})")
        else:
            self.args.append(p.name)

    def strings(self, p: Param) -> None:
        n = p.name
        self.lines += [
            f"    std::vector<size_t> {n}_off_({n}.size() + 1, 0);",
            f"    for (size_t k = 0; k < {n}.size(); ++k) "
            f"{n}_off_[k + 1] = {n}_off_[k] + {n}[k].size();",
            f"    std::vector<char> {n}_chars_({n}_off_.back() + 1);",
            f"    for (size_t k = 0; k < {n}.size(); ++k) "
            f"std::memcpy({n}_chars_.data() + {n}_off_[k], {n}[k].data(), {n}[k].size());",
        ]
        chars = self.buffer(f"{n}_chars", "char", f"{n}_chars_.size()")
        offsets = self.buffer(f"{n}_off", "size_t", f"{n}_off_.size()")
        self.copy_in(chars, f"{n}_chars_.data()", f"{n}_chars_.size()")
        self.copy_in(offsets, f"{n}_off_.data()", f"{n}_off_.size() * sizeof(size_t)")
        self.args += [chars, offsets, f"{n}.size()"]

    def grown(self, p: Param, a: ArrayInfo) -> None:
        n, t = p.name, element(self.site, p.elem_type).device
        exprs = [size_expr(e) for e in capacity_exprs(self.site, self.overrides, a, self.arrays)]
        bound = exprs[0] if len(exprs) == 1 else f"std::max<size_t>({{{', '.join(exprs)}}})"
        self.lines.append(f"    const size_t {n}_cap_ = {bound};")
        dev = self.buffer(n, t, f"{n}_cap_")
        counter = self.buffer(f"{n}_count", "unsigned long long", "1")
        self.lines.append(_CHECK.format(f"cudaMemset({counter}, 0, sizeof(unsigned long long))"))
        start = "0" if _replaces(self.site, n) else f"{n}.size()"
        self.back += [
            f"    unsigned long long {n}_count_ = 0;",
            _CHECK.format(f"cudaMemcpy(&{n}_count_, {counter}, sizeof({n}_count_), "
                          "cudaMemcpyDeviceToHost)"),
            f"    if ({n}_count_ > {n}_cap_) {n}_count_ = {n}_cap_;",
            f"    const size_t {n}_old_ = {start};",
            f"    {n}.resize({n}_old_ + (size_t){n}_count_);",
        ]
        nbytes = f"(size_t){n}_count_ * sizeof({t})"
        if p.elem_type == "bool" and p.kind is ParamKind.VECTOR:
            self.back += [f"    std::vector<char> {n}_tmp_((size_t){n}_count_ + 1);",
                          _CHECK.format(f"cudaMemcpy({n}_tmp_.data(), {dev}, {nbytes}, "
                                        "cudaMemcpyDeviceToHost)"),
                          f"    for (size_t k = 0; k < (size_t){n}_count_; ++k) "
                          f"{n}[{n}_old_ + k] = {n}_tmp_[k] != 0;"]
        else:  # &out[old] of an empty output would be out of range: copy only what there is
            self.back.append(f"    if ({n}_count_ > 0) REGRAPHT_CHECK(cudaMemcpy(&{n}[{n}_old_], "
                             f"{dev}, {nbytes}, cudaMemcpyDeviceToHost));")
        self.args += [dev, f"{n}_cap_", f"(unsigned long long *){counter}"]

    def array(self, p: Param, a: ArrayInfo) -> None:
        n, t = p.name, element(self.site, p.elem_type).device
        count = f"{n}_len_"
        self.lines.append(f"    const size_t {count} = {_length_code(self.site, a, self.by_name)};")
        dev = self.buffer(n, t, count)
        nbytes = f"{count} * sizeof({t})"
        host = {ParamKind.VECTOR: f"{n}.data()", ParamKind.STRING: f"{n}.data()",
                ParamKind.STD_ARRAY: f"{n}.data()", ParamKind.SCALAR_REF: f"&{n}"}.get(p.kind, n)
        vector_bool = p.kind is ParamKind.VECTOR and p.elem_type == "bool"
        if vector_bool:  # std::vector<bool> packs bits and has no data(): go through bools
            self.lines += [f"    std::vector<char> {n}_tmp_({count} + 1);",
                           f"    for (size_t k = 0; k < {count}; ++k) {n}_tmp_[k] = {n}[k];"]
            host = f"{n}_tmp_.data()"
        if a.read or a.name in self.keeps or not a.written:
            self.copy_in(dev, host, nbytes)
        if a.written and not p.is_const and not p.by_value:
            target = f"const_cast<char *>({n}.data())" if p.kind is ParamKind.STRING else host
            self.copy_out(target, dev, nbytes)
            if vector_bool:
                self.back.append(f"    for (size_t k = 0; k < {count}; ++k) "
                                 f"{n}[k] = {n}_tmp_[k] != 0;")
        self.args.append(dev)
        if p.kind in shim.SIZED:
            self.args.append(f"{n}.size()")

    def text(self) -> str:
        site = self.site
        for p in site.params:
            if p.kind is ParamKind.SCALAR:
                self.scalar(p)
            elif p.kind is ParamKind.STRINGS:
                self.strings(p)
            elif self.by_name[p.name].grows:
                self.grown(p, self.by_name[p.name])
            else:
                self.array(p, self.by_name[p.name])
        call = f"{site.name}_device({', '.join(self.args)})"
        body = list(self.lines)
        if site.return_type == "void":
            body.append(f"    {call};")
        else:
            body.append(f"    const {shim.return_device_type(site)} result_ = {call};")
        body += ["    REGRAPHT_CHECK(cudaGetLastError());", *self.back, *self.frees]
        if site.return_type != "void":
            e = element(site, site.return_type)
            body.append(f"    return *reinterpret_cast<const {e.host} *>(&result_);"
                        if e.kind == "complex" else "    return result_;")
        extern = 'extern "C" ' if site.language == "c" else ""
        return (
            "// Drop-in replacement with the original signature "
            "(generated by regrapht, not the model):\n"
            f"// copies inputs to the GPU, runs {site.name}_device, copies results back.\n"
            f"{extern}{_cpp_signature(site.signature.strip())} {{\n" + "\n".join(body) + "\n}\n"
        )


def drop_in_wrapper(
    site: CodeSite, arrays: tuple[ArrayInfo, ...], keeps_initial: tuple[str, ...],
    overrides: Overrides | None = None,
) -> str:
    """The user-facing function of the shipped file (`overrides`: the run's annotations and
    flags, for a grown output's `capacity`)."""
    return _Wrapper(site, arrays, keeps_initial, overrides or site.annotations).text()
