"""Parse C/C++/CUDA source and describe one function for offloading (see site.py for types)."""

from regrapht.parse.annotations import parse_overrides
from regrapht.parse.nest import parallel_loops
from regrapht.parse.parser import find_site, list_functions
from regrapht.parse.site import (
    ArrayInfo,
    ArrayRole,
    CodeSite,
    ContextItem,
    LoopInfo,
    Overrides,
    Param,
    ParamKind,
    SourceSpan,
    StructDef,
    StructField,
    UnsupportedCode,
)

__all__ = [
    "ArrayInfo",
    "ArrayRole",
    "CodeSite",
    "ContextItem",
    "LoopInfo",
    "Overrides",
    "Param",
    "ParamKind",
    "SourceSpan",
    "StructDef",
    "StructField",
    "UnsupportedCode",
    "find_site",
    "list_functions",
    "parallel_loops",
    "parse_overrides",
]
