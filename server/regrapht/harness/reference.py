"""The sequential reference: the user's own function compiled at -O3 into a shared library."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from regrapht.harness import shim
from regrapht.parse import CodeSite

DEFAULT_FLAGS = ("-O3", "-march=native")
COMPILE_TIMEOUT_S = 120


class BuildError(Exception):
    """A compiler rejected the code; `output` holds what it said."""

    def __init__(self, message: str, output: str = "") -> None:
        super().__init__(message)
        self.output = output


@dataclass(frozen=True)
class BuiltLibrary:
    path: Path
    command: tuple[str, ...]
    compiler_output: str


def reference_source(site: CodeSite) -> str:
    """Includes, the file-scope declarations the function uses (macros, types, constants, in
    the file's order), same-file helpers, the function itself and the C-ABI shim, in one unit:
    the function compiles as it does in its own file."""
    cplusplus = site.language != "c"
    prelude = shim.prelude(site, cplusplus)
    parts = [prelude, *site.includes]
    if site.language == "cuda":
        parts.append("#define __host__\n#define __device__\n#define __forceinline__ inline")
    parts += [item.text for item in site.context]
    parts += [*site.helpers, site.source, shim.host_entry(site, cplusplus=cplusplus,
                                                           synchronize_device=False)]
    return "\n".join(parts) + "\n"


def _compiler(language: str) -> list[str]:
    if language == "c":
        return [os.environ.get("CC", "cc"), "-std=gnu11", "-x", "c"]
    return [os.environ.get("CXX", "c++"), "-std=c++17", "-x", "c++"]


def build_reference(
    site: CodeSite, build_dir: Path, flags: tuple[str, ...] = DEFAULT_FLAGS
) -> BuiltLibrary:
    """Compile (or reuse, by content hash) the reference library."""
    source = reference_source(site)
    compiler = _compiler(site.language)
    if shutil.which(compiler[0]) is None:
        raise BuildError(f"no C/C++ compiler '{compiler[0]}' on PATH to build the reference")
    key = hashlib.sha256("\0".join([source, *compiler, *flags]).encode()).hexdigest()[:16]
    build_dir.mkdir(parents=True, exist_ok=True)
    out = build_dir / f"ref-{site.name}-{key}.so"
    src = build_dir / f"ref-{site.name}-{key}.{'c' if site.language == 'c' else 'cpp'}"
    command = (*compiler, *flags, "-fPIC", "-shared", "-o", str(out), str(src), "-lm")
    if out.exists():
        return BuiltLibrary(out, command, "")
    src.write_text(source)
    tmp = out.with_suffix(".tmp.so")
    proc = subprocess.run(
        [*command[:-4], "-o", str(tmp), str(src), "-lm"],
        capture_output=True, text=True, timeout=COMPILE_TIMEOUT_S,
    )
    if proc.returncode != 0:
        raise BuildError(
            f"the system compiler could not build {site.name} as a shared library "
            f"(the sequential reference):\n{proc.stderr.strip()}",
            proc.stderr,
        )
    os.replace(tmp, out)
    return BuiltLibrary(out, command, proc.stderr)
