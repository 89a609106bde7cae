"""Frozen description of one code site: what the parser hands to the rest of the pipeline.

Everything downstream (harness, generation, validation, reports) reads these types and never
goes back to the syntax tree. Lines and columns are 1-based, as editors show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class ParamKind(StrEnum):
    """How a parameter is passed."""

    SCALAR = "scalar"  # int n, float a, const double alpha
    POINTER = "pointer"  # float *x, const float *x, float *__restrict__ x
    ARRAY = "array"  # float x[], const int idx[]
    VECTOR = "vector"  # std::vector<float> &v, const std::vector<int> &v
    SCALAR_REF = "scalar_ref"  # float &out (C++ reference to a scalar)
    STD_ARRAY = "std_array"  # std::array<float, 8> &a (value, & and const& forms)
    STRING = "string"  # const std::string &s, std::string s, std::string &out
    STRINGS = "strings"  # const std::vector<std::string> &words


class ArrayRole(StrEnum):
    """What the values of an array mean, which decides how test inputs are drawn."""

    DATA = "data"  # plain values
    INDEX = "index"  # values used as subscripts into another array (x[col[j]], hist[bin[i]])
    OFFSETS = "offsets"  # monotone offsets used as loop bounds (row_ptr[i] .. row_ptr[i+1])


@dataclass(frozen=True)
class SourceSpan:
    """A region of the source file (1-based lines and columns, end inclusive)."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class Param:
    """One parameter of the function, as the user wrote it."""

    name: str
    c_type: str  # the declared type as written, e.g. "const float *", "std::vector<double> &"
    kind: ParamKind
    elem_type: str  # scalar type, or element type of a pointer/array/vector: "float", "int",
    # "bool", "complex<float>", "complex<double>", a struct of the file ("Particle"), or
    # "char" for std::string and std::vector<std::string>
    is_const: bool  # const scalar, or const pointee / const vector
    # Element count fixed by the type: `float c[8]`, `std::array<double, 9>` -> "8", "9".
    extent: str | None = None
    by_value: bool = False  # a container passed by value: the caller never sees its changes


@dataclass(frozen=True)
class ArrayInfo:
    """How the function uses one array-like parameter (pointer, array, vector, scalar ref)."""

    name: str
    read: bool
    written: bool
    # C expression over the function's scalar parameters giving the element count, e.g.
    # "n", "n * m", "n + 1", "nnz"; None when it cannot be derived (an annotation must say).
    length: str | None
    role: ArrayRole = ArrayRole.DATA
    # For INDEX arrays: the array they subscript (values are drawn in [0, len(target))).
    # For OFFSETS arrays: the array whose range they delimit (values are monotone in [0, len]).
    target: str | None = None
    # An output std::vector / std::string the function grows (push_back, resize, +=...): its
    # length is learnt from the reference on each trial (docs/parameter-kinds.md).
    grows: bool = False


@dataclass(frozen=True)
class LoopInfo:
    """One `for`/`while` loop of the function, outermost first in `CodeSite.loops`."""

    span: SourceSpan
    depth: int  # 0 for an outermost loop
    kind: str  # "for" | "while" | "do"
    var: str | None  # induction variable of a canonical for loop
    start: str | None  # C expression of the first value, e.g. "0"
    bound: str | None  # C expression of the exclusive upper bound, e.g. "n", "n - 1"
    step: str | None  # C expression of the increment, e.g. "1"
    carried: tuple[str, ...] = ()  # scalars/arrays written in one iteration and read in a later one


@dataclass(frozen=True)
class Overrides:
    """What a user states about test inputs, from a comment annotation or CLI flags.

    Annotation syntax (a comment directly above the function, one directive per line or
    separated by ';'):

        // regrapht: size n=1000000 m=512
        // regrapht: range x=-1:1 idx=0:99
        // regrapht: output y
        // regrapht: length col=nnz val=nnz
    """

    sizes: tuple[tuple[str, int], ...] = ()
    ranges: tuple[tuple[str, float, float], ...] = ()
    outputs: tuple[str, ...] = ()
    lengths: tuple[tuple[str, str], ...] = ()
    # Bounds of grown outputs (`capacity out=n * n`), and grown outputs compared as multisets.
    capacities: tuple[tuple[str, str], ...] = ()
    unordered: tuple[str, ...] = ()

    def merged_with(self, other: Overrides) -> Overrides:
        """Entries of `other` win over entries of `self` for the same parameter."""

        def merge(a: tuple, b: tuple) -> tuple:
            names = {entry[0] for entry in b}
            return tuple(e for e in a if e[0] not in names) + b

        outputs = tuple(dict.fromkeys(self.outputs + other.outputs))
        return Overrides(
            sizes=merge(self.sizes, other.sizes),
            ranges=merge(self.ranges, other.ranges),
            outputs=outputs,
            lengths=merge(self.lengths, other.lengths),
            capacities=merge(self.capacities, other.capacities),
            unordered=tuple(dict.fromkeys(self.unordered + other.unordered)),
        )


@dataclass(frozen=True)
class StructField:
    """One field of a struct defined in the file: `double pos[3];` -> ("pos", "double", 3)."""

    name: str
    elem_type: str  # normalised arithmetic type, "bool", "complex<float>" or "complex<double>"
    count: int = 1  # > 1 for a fixed array field


@dataclass(frozen=True)
class StructDef:
    """A struct (or class of plain fields) defined in the file, used in the interface."""

    name: str
    fields: tuple[StructField, ...]
    source: str  # its definition as written, e.g. "struct Point { float x, y; };"


@dataclass(frozen=True)
class ContextItem:
    """A file-scope declaration the function needs, carried with it wherever it is compiled.

    kind: "macro" (#define), "type" (struct/class/enum/typedef/using), "constant" (a const or
    constexpr global, lookup tables included: on the GPU it becomes a device constant).
    """

    kind: str
    name: str
    text: str  # verbatim source


@dataclass(frozen=True)
class CodeSite:
    """A function chosen for offloading, with everything the pipeline needs to know."""

    path: str
    language: str  # "c" | "cpp" | "cuda"
    name: str
    return_type: str  # "void", "float", ...
    signature: str  # the declaration as written, without the body: "void saxpy(int n, ...)"
    source: str  # the function's full text
    span: SourceSpan
    params: tuple[Param, ...]
    arrays: tuple[ArrayInfo, ...]  # one entry per array-like parameter, in parameter order
    loops: tuple[LoopInfo, ...]
    size_params: tuple[str, ...]  # integer scalar parameters that bound loops or lengths
    # Standard headers the function needs (#include lines from the file, verbatim).
    includes: tuple[str, ...] = ()
    # Source text of same-file helper functions the function calls (callee before caller).
    helpers: tuple[str, ...] = ()
    annotations: Overrides = field(default_factory=Overrides)
    focus_loop: int | None = None  # index into `loops` of the loop the request pointed at
    # Structs of the file that the parameters or the return value use (element types).
    structs: tuple[StructDef, ...] = ()
    # File-scope declarations the function (or its helpers) uses, in source order.
    context: tuple[ContextItem, ...] = ()

    def struct(self, name: str) -> StructDef | None:
        for s in self.structs:
            if s.name == name:
                return s
        return None

    def param(self, name: str) -> Param:
        for p in self.params:
            if p.name == name:
                return p
        raise KeyError(name)

    def array(self, name: str) -> ArrayInfo:
        for a in self.arrays:
            if a.name == name:
                return a
        raise KeyError(name)


class UnsupportedCode(Exception):
    """The code cannot be offloaded safely; says why and where (1-based line:column)."""

    def __init__(self, reason: str, path: str = "", line: int = 0, column: int = 0) -> None:
        self.reason = reason
        self.path = path
        self.line = line
        self.column = column
        where = f"{path}:{line}:{column}: " if line else (f"{path}: " if path else "")
        super().__init__(f"{where}{reason}")
