"""Parse C/C++/CUDA source and describe one function for offloading (see site.py for types)."""

from regrapht.parse.annotations import parse_overrides
from regrapht.parse.nest import parallel_loops
from regrapht.parse.parser import find_site, list_functions
from regrapht.parse.site import (
    ArrayInfo,
    ArrayRole,
    CodeSite,
    LoopInfo,
    Overrides,
    Param,
    ParamKind,
    SourceSpan,
    UnsupportedCode,
)

__all__ = [
    "ArrayInfo",
    "ArrayRole",
    "CodeSite",
    "LoopInfo",
    "Overrides",
    "Param",
    "ParamKind",
    "SourceSpan",
    "UnsupportedCode",
    "find_site",
    "list_functions",
    "parallel_loops",
    "parse_overrides",
]
