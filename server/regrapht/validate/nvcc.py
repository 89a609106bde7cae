"""Compile a candidate with nvcc into a shared library; keep errors and ptxas resource usage.

Compiling needs no GPU, so this runs everywhere nvcc exists: registers and spills per kernel
come from `-Xptxas -v`, errors are kept verbatim (trimmed) for the repair loop and the report.
Artifacts are cached by a hash of the source and the command. `answer_terms` retells the
errors in the model's own coordinates for a repair prompt.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import os
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_ARCH = "sm_90"  # H100; used when no GPU is present to ask
COMPILE_TIMEOUT_S = 180
MAX_ERROR_LINES = 40

_ENTRY = re.compile(r"Compiling entry function '([^']+)' for '(sm_\w+)'")
_PROPS = re.compile(r"Function properties for (\S+)")
_STACK = re.compile(r"(\d+) bytes stack frame, (\d+) bytes spill stores, (\d+) bytes spill loads")
_USED = re.compile(r"Used (\d+) registers")
_SMEM = re.compile(r"(\d+) bytes smem")


@dataclass(frozen=True)
class KernelResources:
    name: str  # demangled when c++filt is available
    registers: int
    spill_stores: int
    spill_loads: int
    stack_bytes: int
    shared_bytes: int


@dataclass(frozen=True)
class CompileResult:
    ok: bool
    library: Path | None
    errors: str  # compiler errors, trimmed for a prompt ('' when ok)
    log: str  # everything nvcc printed
    kernels: tuple[KernelResources, ...]
    command: tuple[str, ...]
    seconds: float
    cached: bool


def find_nvcc() -> str | None:
    found = shutil.which("nvcc")
    if found:
        return found
    for root in (os.environ.get("CUDA_HOME"), os.environ.get("CUDA_PATH"), "/usr/local/cuda"):
        if root and (Path(root) / "bin" / "nvcc").is_file():
            return str(Path(root) / "bin" / "nvcc")
    return None


@functools.cache
def detect_arch() -> str:
    """sm_XY of the first GPU (nvidia-smi, asked once per process), else DEFAULT_ARCH."""
    smi = shutil.which("nvidia-smi")
    if smi:
        try:
            out = subprocess.run(
                [smi, "--query-gpu=compute_cap", "--format=csv,noheader"],
                capture_output=True, text=True, timeout=20,
            ).stdout.split()
            if out and re.fullmatch(r"\d+\.\d+", out[0]):
                return "sm_" + out[0].replace(".", "")
        except (OSError, subprocess.SubprocessError):
            pass
    return DEFAULT_ARCH


def _demangle(names: list[str]) -> dict[str, str]:
    tool = shutil.which("cu++filt") or shutil.which("c++filt")
    if not tool or not names:
        return {n: n for n in names}
    out = subprocess.run([tool], input="\n".join(names), capture_output=True, text=True).stdout
    demangled = out.splitlines()
    return dict(zip(names, demangled, strict=False)) if len(demangled) == len(names) else {}


def parse_ptxas(log: str) -> tuple[KernelResources, ...]:
    """Per-kernel registers, spills, stack and shared memory from `-Xptxas -v` output."""
    stats: dict[str, dict[str, int]] = {}
    current = None
    for line in log.splitlines():
        if m := (_ENTRY.search(line) or _PROPS.search(line)):
            current = m.group(1)
            stats.setdefault(current, {})
        elif current and (m := _STACK.search(line)):
            stack, stores, loads = (int(x) for x in m.groups())
            stats[current].update(stack=stack, stores=stores, loads=loads)
        elif current and (m := _USED.search(line)):
            stats[current]["registers"] = int(m.group(1))
            if s := _SMEM.search(line):
                stats[current]["smem"] = int(s.group(1))
    names = _demangle(list(stats))
    return tuple(
        KernelResources(
            name=names.get(raw, raw), registers=s.get("registers", 0),
            spill_stores=s.get("stores", 0), spill_loads=s.get("loads", 0),
            stack_bytes=s.get("stack", 0), shared_bytes=s.get("smem", 0),
        )
        for raw, s in stats.items()
        if "registers" in s
    )


def trim_errors(log: str, source_name: str) -> str:
    """The error lines (and the code lines nvcc quotes under them), at most MAX_ERROR_LINES."""
    keep = [
        line.replace(source_name, "candidate.cu")
        for line in log.splitlines()
        if line.strip() and "ptxas info" not in line and not _STACK.search(line)
        and "Function properties" not in line and "Used " not in line
    ]
    return "\n".join(keep[:MAX_ERROR_LINES])


_AT_LINE = re.compile(r"^\S*candidate\.cu\((\d+)\): (.*)$")
_COUNT = re.compile(r"^\d+ errors? detected in the compilation of ")


def _blocks(errors: str) -> list[tuple[int | None, str, list[str]]]:
    """nvcc's messages as (unit line or None, message, the lines quoted under it)."""
    blocks: list[tuple[int | None, str, list[str]]] = []
    for line in errors.splitlines():
        if m := _AT_LINE.match(line.strip()):
            blocks.append((int(m.group(1)), m.group(2), []))
        elif blocks and blocks[-1][0] is not None and line.startswith((" ", "\t")):
            blocks[-1][2].append(line)
        elif line.strip() and not _COUNT.match(line.strip()):
            blocks.append((None, line.strip(), []))
    return blocks


def _original_lines(unit: str, answer_lines: tuple[int, int], original: str
                    ) -> dict[int, int]:
    """Unit line -> line of the model's own code, for the answer's lines that regrapht's
    fixes (generate/fixups.py, contract_fixes.py) left as the model wrote them; a line the
    fixes added or changed has none."""
    first, last = answer_lines
    fixed = [ln.strip() for ln in unit.splitlines()[first - 1:last]]
    own = [ln.strip() for ln in original.strip().splitlines()]
    mapping: dict[int, int] = {}
    for block in difflib.SequenceMatcher(None, fixed, own, autojunk=False).get_matching_blocks():
        for k in range(block.size):
            mapping[first + block.a + k] = block.b + k + 1
    return mapping


def answer_terms(errors: str, answer_lines: tuple[int, int], contract: str, *,
                 unit: str = "", original: str = "") -> str:
    """nvcc's errors told in the model's own coordinates: an error inside the answer's code
    (lines `answer_lines` of the unit) as "line k of your code", with the line nvcc quotes; an
    error in the code regrapht generated around it summarised once, naming the `contract` the
    wrapper relies on, without quoting lines the model never wrote. Errors without a line
    (ptxas) are kept. With the `unit` and the model's `original` code, k counts the lines of
    the original (regrapht's fixes may add lines), and an error on a line a fix added is said
    to be in it. `answer_lines` (0, 0): the errors are returned unchanged."""
    first, last = answer_lines
    if first <= 0 or not errors:
        return errors
    own = _original_lines(unit, answer_lines, original) if unit and original else None
    out: list[str] = []
    outside: dict[str, None] = {}
    for line, message, quoted in _blocks(errors):
        if line is None:
            out.append(message)
        elif first <= line <= last:
            k = line - first + 1 if own is None else own.get(line)
            where = f"line {k} of your code" if k is not None else \
                "in a line regrapht added to your code (see its fixes)"
            out += [f"{where}: {message}", *quoted]
        elif not message.startswith("warning"):
            where = "before" if line < first else "after"
            outside[f"{message} (in the code regrapht generates {where} yours)"] = None
    if outside:
        out.append(f"The generated wrapper does not compile against your code; it relies on "
                   f"{contract}:")
        out += [f"  {m}" for m in outside]
        if any("__global__ function call must be configured" in m for m in outside):
            out.append("  (the launcher is a host function that launches your kernels; it must "
                       "not be declared `__global__`)")
        if any("expected" in m and "after" in m for m in outside):
            out.append("  (an error after your code often means a `{` or `(` of yours is "
                       "never closed)")
    return "\n".join(out[:MAX_ERROR_LINES])


def compile_candidate(source: str, build_dir: Path, arch: str | None = None) -> CompileResult:
    nvcc = find_nvcc()
    arch = arch or detect_arch()
    if nvcc is None:
        return CompileResult(False, None, "nvcc was not found on PATH or in CUDA_HOME", "", (),
                             (), 0.0, False)
    flags = ("-O3", "-std=c++17", f"-arch={arch}", "-Xptxas", "-v", "-Xcompiler", "-fPIC",
             "-shared")
    key = hashlib.sha256("\0".join([source, nvcc, *flags]).encode()).hexdigest()[:20]
    build_dir.mkdir(parents=True, exist_ok=True)
    src, lib, log_path = (build_dir / f"cand-{key}{ext}" for ext in (".cu", ".so", ".log"))
    command = (nvcc, *flags, "-o", str(lib), str(src))
    if lib.exists() and log_path.exists():
        log = log_path.read_text()
        return CompileResult(True, lib, "", log, parse_ptxas(log), command, 0.0, True)
    src.write_text(source)
    started = time.perf_counter()
    tmp = lib.with_suffix(".tmp.so")
    try:
        proc = subprocess.run(
            [*command[:-3], "-o", str(tmp), str(src)],
            capture_output=True, text=True, timeout=COMPILE_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return CompileResult(False, None, f"nvcc took longer than {COMPILE_TIMEOUT_S} s", "",
                             (), command, time.perf_counter() - started, False)
    seconds = time.perf_counter() - started
    log = (proc.stdout + proc.stderr).strip()
    if proc.returncode != 0:
        tmp.unlink(missing_ok=True)
        return CompileResult(False, None, trim_errors(log, str(src)) or "nvcc failed", log, (),
                             command, seconds, False)
    os.replace(tmp, lib)
    log_path.write_text(log)
    return CompileResult(True, lib, "", log, parse_ptxas(log), command, seconds, False)
