"""Benchmark tasks: one folder per task with `task.toml`, the sequential source and a reference
CUDA solution (format: docs/benchmark-tasks.md). `load_tasks(DIR)` finds every `task.toml`
below DIR and returns frozen `Task`s; anything malformed raises `TaskFormatError` naming the
file and the field."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from regrapht.generate.interface import InterfaceError, check_binding_names, check_interface
from regrapht.generate.prompting import KernelInterface
from regrapht.graph.schema import KERNEL_CLASSES
from regrapht.parse import Overrides, UnsupportedCode, find_site, parse_overrides
from regrapht.validate.tolerance import Tolerance

TIERS = ("easy", "medium", "hard")
# Expert optimization steps per tier (method.md: easy 1-2, medium 3-5, hard more).
TIER_STEPS = {"easy": (1, 2), "medium": (3, 5), "hard": (6, 99)}
OTHER_CLASS = "other"
LANGUAGES = {".c": "c", ".cpp": "cpp", ".cc": "cpp", ".cxx": "cpp", ".cu": "cuda"}
TASK_FILE = "task.toml"
KNOWN_KEYS = {"name", "tier", "kernel_class", "language", "file", "function", "reference",
              "expert_steps", "annotations", "description", "origin", "tolerance", "interface"}


class TaskFormatError(ValueError):
    """A task folder that does not follow docs/benchmark-tasks.md; the message names the file
    and the field."""


@dataclass(frozen=True)
class Task:
    """One benchmark task.

    name: unique across a suite; the folder name by default.
    tier: "easy" | "medium" | "hard", fixed by len(expert_steps).
    kernel_class: one of the reasoning graph's KERNEL_CLASSES, or "other".
    source: the sequential file; function: its entry function.
    overrides: test-input annotations from task.toml (the source's own `// regrapht:` comments
        apply too; these win).
    reference: the verified CUDA solution: kernels + launcher `<function>_device` (or, with an
        interface, the one kernel); None where the task has none (needed only by
        `--verify-references`).
    expert_steps: the techniques of the reference trajectory, in order.
    """

    name: str
    tier: str
    kernel_class: str
    language: str
    folder: Path
    source: Path
    function: str
    reference: Path | None
    expert_steps: tuple[str, ...]
    overrides: Overrides = Overrides()
    tolerance: Tolerance | None = None
    interface: KernelInterface | None = None
    description: str = ""
    origin: str = "regrapht"


def _need(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in table:
        raise TaskFormatError(f"{where}: missing field '{key}'")
    value = table[key]
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise TaskFormatError(f"{where}: field '{key}' must be a non-empty {kind.__name__}")
    return value


def _optional_str(table: dict[str, Any], key: str, where: str, default: str = "") -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise TaskFormatError(f"{where}: field '{key}' must be a string")
    return value


def _tolerance(raw: Any, where: str) -> Tolerance | None:
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw:
        raise TaskFormatError(f"{where}: [tolerance] must be a table with rtol and/or "
                              "atol_per_sqrt_n")
    unknown = set(raw) - {"rtol", "atol_per_sqrt_n"}
    if unknown:
        raise TaskFormatError(f"{where}: unknown field(s) in [tolerance]: "
                              f"{', '.join(sorted(unknown))}")
    values = {}
    for key in ("rtol", "atol_per_sqrt_n"):
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                  or value < 0):
            raise TaskFormatError(f"{where}: tolerance.{key} must be a number >= 0")
        values[key] = float(value) if value is not None else None
    return Tolerance(**values)


def _bindings(raw: Any, where: str) -> tuple[tuple[str, str], ...]:
    """`bind = { N = "x.size()", result = "return" }`: what kernel parameters receive."""
    if raw is None:
        return ()
    if not isinstance(raw, dict) or not all(isinstance(v, (str, int)) and not isinstance(v, bool)
                                            for v in raw.values()):
        raise TaskFormatError(f"{where}: interface.bind must be a table of kernel parameter = "
                              "C expression over the function's parameters, e.g. "
                              "bind = { N = \"x.size()\" }")
    return tuple((str(name), str(value)) for name, value in raw.items())


def _check_against_source(interface: KernelInterface, source: Path, function: str,
                          where: str) -> None:
    """A binding's expression names only the function's parameters. Code the parser refuses is
    left to the benchmark's own report of the task (it says why and where)."""
    try:
        site = find_site(str(source), function)
    except (UnsupportedCode, ValueError, OSError):
        return
    try:
        check_interface(site, interface)
    except InterfaceError as exc:
        raise TaskFormatError(f"{where}: {_key(exc)}: {exc}") from None


def _key(exc: InterfaceError) -> str:
    return f"interface.bind.{exc.binding}" if exc.binding else "interface"


def _interface(raw: Any, where: str) -> KernelInterface | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise TaskFormatError(f"{where}: [interface] must be a table")
    unknown = set(raw) - {"signature", "grid", "block", "bind"}
    if unknown:
        raise TaskFormatError(f"{where}: unknown field(s) in [interface]: "
                              f"{', '.join(sorted(unknown))}")
    signature = _need(raw, "signature", str, f"{where} [interface]").strip().rstrip(";")
    if "__global__" not in signature or "(" not in signature:
        raise TaskFormatError(f"{where}: interface.signature must be a `__global__` function "
                              "declaration")
    grid = raw.get("grid")
    block = raw.get("block")
    for key, value in (("grid", grid), ("block", block)):
        if isinstance(value, int) and not isinstance(value, bool):
            continue
        if not isinstance(value, str) or not value.strip():
            raise TaskFormatError(f"{where}: interface.{key} must be a C expression (string) "
                                  "or an integer")
    interface = KernelInterface(signature, str(grid), str(block),
                                _bindings(raw.get("bind"), where))
    try:
        check_binding_names(interface)
    except InterfaceError as exc:
        raise TaskFormatError(f"{where}: {_key(exc)}: {exc}") from None
    return interface


def _annotations(raw: Any, where: str) -> Overrides:
    if raw is None:
        return Overrides()
    if isinstance(raw, list) and all(isinstance(x, str) for x in raw):
        raw = "\n".join(raw)
    if not isinstance(raw, str):
        raise TaskFormatError(f"{where}: field 'annotations' must be a string or a list of "
                              "strings in the `// regrapht:` mini-language")
    try:
        return parse_overrides(raw)
    except ValueError as exc:
        raise TaskFormatError(f"{where}: field 'annotations': {exc}") from None


def _steps(raw: Any, tier: str, where: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not raw or not all(isinstance(s, str) and s.strip()
                                                        for s in raw):
        raise TaskFormatError(f"{where}: field 'expert_steps' must be a non-empty list of "
                              "technique names")
    low, high = TIER_STEPS[tier]
    if not low <= len(raw) <= high:
        wanted = f"{low}-{high}" if high < 99 else f"{low} or more"
        raise TaskFormatError(f"{where}: tier '{tier}' needs {wanted} expert steps, "
                              f"expert_steps has {len(raw)}")
    return tuple(s.strip() for s in raw)


def _existing(folder: Path, name: str, field: str, where: str) -> Path:
    path = folder / name
    if Path(name).is_absolute() or ".." in Path(name).parts:
        raise TaskFormatError(f"{where}: field '{field}' must name a file inside the task folder")
    if not path.is_file():
        raise TaskFormatError(f"{where}: field '{field}': no such file {path}")
    return path


def parse_task(text: str, folder: Path, where: str = "") -> Task:
    """One task from the text of its task.toml; `folder` resolves its files."""
    where = where or str(folder / TASK_FILE)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TaskFormatError(f"{where}: not TOML ({exc})") from None
    unknown = set(table) - KNOWN_KEYS
    if unknown:
        raise TaskFormatError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}; known: "
                              f"{', '.join(sorted(KNOWN_KEYS))}")
    name = _optional_str(table, "name", where, folder.name).strip() or folder.name
    tier = _need(table, "tier", str, where)
    if tier not in TIERS:
        raise TaskFormatError(f"{where}: field 'tier' is '{tier}'; one of {', '.join(TIERS)}")
    kernel_class = _need(table, "kernel_class", str, where)
    if kernel_class not in (*KERNEL_CLASSES, OTHER_CLASS):
        raise TaskFormatError(f"{where}: field 'kernel_class' is '{kernel_class}'; one of "
                              f"{', '.join(KERNEL_CLASSES)}, {OTHER_CLASS}")
    source = _existing(folder, _need(table, "file", str, where), "file", where)
    language = _optional_str(table, "language", where, LANGUAGES.get(source.suffix, ""))
    if language not in set(LANGUAGES.values()):
        raise TaskFormatError(f"{where}: field 'language' is '{language}'; one of c, cpp, cuda "
                              "(or a file ending in .c, .cpp, .cu)")
    function = _need(table, "function", str, where).strip()
    reference = None  # optional: only --verify-references needs one (load_tasks)
    if "reference" in table or (folder / "reference.cu").is_file():
        reference = _existing(folder, _optional_str(table, "reference", where, "reference.cu"),
                              "reference", where)
    interface = _interface(table.get("interface"), where)
    if interface is not None and interface.bindings:
        _check_against_source(interface, source, function, where)
    return Task(
        name=name, tier=tier, kernel_class=kernel_class, language=language, folder=folder,
        source=source, function=function, reference=reference,
        expert_steps=_steps(table.get("expert_steps"), tier, where),
        overrides=_annotations(table.get("annotations"), where),
        tolerance=_tolerance(table.get("tolerance"), where),
        interface=interface,
        description=_optional_str(table, "description", where),
        origin=_optional_str(table, "origin", where, "regrapht"),
    )


def load_task(folder: Path) -> Task:
    path = folder / TASK_FILE
    try:
        text = path.read_text()
    except OSError as exc:
        raise TaskFormatError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return parse_task(text, folder, str(path))


def load_tasks(root: Path, only: tuple[str, ...] = (),
               require_references: bool = False) -> tuple[Task, ...]:
    """Every task below `root` (any depth), sorted by tier then name; `only` keeps those names.
    Raises TaskFormatError for a malformed task, a duplicate name or an empty folder, and with
    `require_references` (`--verify-references`) for a kept task without a reference solution."""
    if not root.is_dir():
        raise TaskFormatError(f"{root}: not a folder of tasks")
    tasks = [load_task(p.parent) for p in sorted(root.rglob(TASK_FILE))]
    if not tasks:
        raise TaskFormatError(f"{root}: no {TASK_FILE} below this folder")
    seen: dict[str, Path] = {}
    for t in tasks:
        if t.name in seen:
            raise TaskFormatError(f"{t.folder / TASK_FILE}: task name '{t.name}' is also used "
                                  f"by {seen[t.name] / TASK_FILE}")
        seen[t.name] = t.folder
    if only:
        missing = sorted(set(only) - set(seen))
        if missing:
            raise TaskFormatError(f"{root}: no task named {', '.join(missing)}")
        tasks = [t for t in tasks if t.name in only]
    missing_refs = [t for t in tasks if require_references and t.reference is None]
    if missing_refs:
        raise TaskFormatError(
            f"{missing_refs[0].folder / TASK_FILE}: task '{missing_refs[0].name}' has no reference "
            f"solution (reference.cu, or the field 'reference'), which --verify-references "
            f"checks; add one or leave that task out (--only)"
        )
    return tuple(sorted(tasks, key=lambda t: (TIERS.index(t.tier), t.name)))
