"""Language-server settings: one dataclass with defaults, validated entry by entry.

Settings come from the client's initialization options and from workspace configuration
(section `regrapht`), both as a JSON object with camelCase keys:

    modelPath      GGUF model file (default: REGRAPHT_MODEL, the config file, the cache)
    gpuLayers      model layers offloaded to the GPU, -1 for all (default: config file, 0)
    threads        CPU threads for the model (default: config file, all physical cores)
    method         search method, a name of regrapht.search.METHODS (default "regrapht-mcgs":
                   Monte Carlo graph search; "repair": one shot, then compiler/test feedback)
    searchBudget   model calls per run, first answer included (default 12)
    outputMode     "file": write <stem>.cu beside the source; "replace": replace the function
                   in place (a .cu source only)
    useGpu         run candidates on the GPU when there is one (default true)
    graphPath      reasoning graph for hovers (default: the bundled shared_graph/graph.json)
    buildDir       where compiled artifacts go (default: the cache directory)
    scriptedModel  TEST AID: a JSON Lines file of answers replayed instead of a model
                   (generate/scripted.py); never set by default
    previewEdits   for clients with a preview UI (the VS Code extension sends true): a finished
                   run is handed to the client with a `regrapht/preview` request, and written
                   only when it answers "apply" (default false: ask only for unverified
                   results, then apply; see parallelize.py)

An unknown key or an invalid value never stops the server: it becomes a warning that names the
setting, and the default stands in. No lsprotocol here: the server turns warnings into messages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from regrapht.config import Settings
from regrapht.search import DEFAULT_BUDGET, DEFAULT_METHOD, METHODS

SECTION = "regrapht"
OUTPUT_MODES = ("file", "replace")


@dataclass(frozen=True)
class LspOptions:
    """Every language-server setting; the defaults are what a fresh install uses."""

    model_path: Path | None = None
    gpu_layers: int | None = None  # None: the config file's, else 0
    threads: int | None = None  # None: the config file's, else llama.cpp's choice
    method: str = DEFAULT_METHOD
    search_budget: int = DEFAULT_BUDGET
    output_mode: str = "file"
    use_gpu: bool = True
    graph_path: Path | None = None
    build_dir: Path | None = None
    scripted_model: Path | None = None
    preview_edits: bool = False

    @property
    def max_repairs(self) -> int:
        """Repairs after one answer (the `repair` method; other methods ignore it): as the
        command line's default, within the budget."""
        return min(self.search_budget - 1, Settings().repairs)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_in(low: int, high: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not _is_int(value) or not low <= value <= high:
            return f"must be a whole number from {low} to {high}"
        return None

    return check


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        return None if value in choices else f"must be one of {', '.join(map(repr, choices))}"

    return check


def _path(value: Any) -> str | None:
    return None if isinstance(value, str) and value.strip() else "must be a file path"


def _boolean(value: Any) -> str | None:
    return None if isinstance(value, bool) else "must be true or false"


# camelCase key -> (dataclass field, validator returning None or what is wrong)
_KEYS: dict[str, tuple[str, Callable[[Any], str | None]]] = {
    "modelPath": ("model_path", _path),
    "gpuLayers": ("gpu_layers", _int_in(-1, 1000)),
    "threads": ("threads", _int_in(1, 1024)),
    "method": ("method", _one_of(tuple(METHODS))),
    "searchBudget": ("search_budget", _int_in(1, 100)),
    "outputMode": ("output_mode", _one_of(OUTPUT_MODES)),
    "useGpu": ("use_gpu", _boolean),
    "graphPath": ("graph_path", _path),
    "buildDir": ("build_dir", _path),
    "scriptedModel": ("scripted_model", _path),
    "previewEdits": ("preview_edits", _boolean),
}
assert {f for f, _ in _KEYS.values()} == {f.name for f in fields(LspOptions)}
PATH_FIELDS = {"model_path", "graph_path", "build_dir", "scripted_model"}


def section_of(raw: Any) -> Mapping[str, Any]:
    """The `regrapht` section of initialization options or configuration; a flat object works
    too (`{"modelPath": ...}`), as does nothing at all (None)."""
    if not isinstance(raw, Mapping):
        return {}
    inner = raw.get(SECTION)
    return inner if isinstance(inner, Mapping) else raw


def parse_options(
    raw: Any, base: LspOptions | None = None, origin: str = "settings"
) -> tuple[LspOptions, list[str]]:
    """`base` (default: the defaults) updated with the valid entries of `raw`.

    Returns the options and one warning per entry that was unknown or invalid; a null value
    means "not set". Never raises.
    """
    options = base or LspOptions()
    warnings: list[str] = []
    if raw is not None and not isinstance(raw, Mapping):
        return options, [f"{origin}: expected an object of settings, got {type(raw).__name__}"]
    changes: dict[str, Any] = {}
    for key, value in section_of(raw).items():
        if value is None:
            continue
        if key not in _KEYS:
            warnings.append(f"{origin}: unknown setting {SECTION}.{key} ignored")
            continue
        name, check = _KEYS[key]
        problem = check(value)
        if problem is not None:
            default, kept = getattr(LspOptions(), name), getattr(options, name)
            shown = "not set" if kept is None else repr(str(kept) if name in PATH_FIELDS
                                                         else kept)
            using = f"using the default ({shown})" if kept == default else f"keeping {shown}"
            warnings.append(f"{origin}: {SECTION}.{key} = {value!r} {problem}; {using}")
            continue
        changes[name] = Path(value).expanduser() if name in PATH_FIELDS else value
    return replace(options, **changes), warnings
