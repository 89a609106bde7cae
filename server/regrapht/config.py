"""User settings: defaults, the TOML config file, command-line overrides, and where files live.

The config file is `$REGRAPHT_CONFIG`, else `${XDG_CONFIG_HOME:-~/.config}/regrapht/config.toml`,
with keys at top level (`model_path = "~/models/x.gguf"`, `n_gpu_layers = -1`). A bad file, an
unknown key or an invalid value never stops the program: it becomes a warning and the default
is used. The model path is chosen as --model flag > $REGRAPHT_MODEL > config > default cache.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from regrapht.generate.llm import ModelSettings
from regrapht.model import store

OUTPUT_MODES = ("file", "replace")


@dataclass(frozen=True)
class Settings:
    """Everything the user can set; the defaults are what a fresh install uses."""

    model_path: Path | None = None
    n_threads: int | None = None  # None: let llama.cpp use all physical cores
    n_gpu_layers: int = 0  # -1: offload every layer when the build supports it
    n_ctx: int = 8192
    method: str = "regrapht-mcgs"
    budget: int = 12  # model calls of the search (regrapht.search.DEFAULT_BUDGET)
    repairs: int = 2
    output_mode: str = "file"  # "file": write <name>.cu next to the source; "replace": in place
    temperature: float = 0.0
    seed: int = 0


@dataclass(frozen=True)
class ModelPathChoice:
    """The model path in effect and where it came from: flag, env, config or default."""

    path: Path
    source: str

    def describe_source(self) -> str:
        return {
            "flag": "--model flag",
            "env": "REGRAPHT_MODEL environment variable",
            "config": f"model_path in {config_file_path()}",
            "default": "default location",
        }.get(self.source, self.source)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_check(low: int, high: int | None = None) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not _is_int(value):
            return "must be a whole number"
        if value < low or (high is not None and value > high):
            return f"must be at least {low}" if high is None else f"must be {low}..{high}"
        return None

    return check


def _check_temperature(value: Any) -> str | None:
    if not (_is_int(value) or isinstance(value, float)) or not 0.0 <= value <= 2.0:
        return "must be a number from 0 to 2"
    return None


def _check_method(value: Any) -> str | None:
    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", value):
        return "must be a method name such as 'regrapht-mcgs'"
    return None


def _check_output_mode(value: Any) -> str | None:
    return None if value in OUTPUT_MODES else f"must be one of {', '.join(OUTPUT_MODES)}"


def _check_path(value: Any) -> str | None:
    return None if isinstance(value, str | Path) and str(value).strip() else "must be a path"


# key -> validator returning None when the value is fine, else what is wrong with it.
_VALIDATORS: dict[str, Callable[[Any], str | None]] = {
    "model_path": _check_path,
    "n_threads": _int_check(1, 1024),
    "n_gpu_layers": _int_check(-1),
    "n_ctx": _int_check(256, 1 << 20),
    "method": _check_method,
    "budget": _int_check(1, 1000),
    "repairs": _int_check(0, 100),
    "output_mode": _check_output_mode,
    "temperature": _check_temperature,
    "seed": _int_check(0, 2**32 - 1),
}
assert set(_VALIDATORS) == {f.name for f in fields(Settings)}


def config_file_path() -> Path:
    """`$REGRAPHT_CONFIG`, else `${XDG_CONFIG_HOME:-~/.config}/regrapht/config.toml`."""
    explicit = os.environ.get("REGRAPHT_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or "~/.config"
    return Path(base).expanduser() / "regrapht" / "config.toml"


def cache_dir() -> Path:
    """`$REGRAPHT_CACHE_DIR`, else `${XDG_CACHE_HOME:-~/.cache}/regrapht`."""
    explicit = os.environ.get("REGRAPHT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or "~/.cache"
    return Path(base).expanduser() / "regrapht"


def default_model_path() -> Path:
    """Where `regrapht model fetch` puts the default model unless told otherwise."""
    return cache_dir() / "models" / store.DEFAULT_MODEL.file_name


def _read_config_file(path: Path, warnings: list[str]) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        warnings.append(f"cannot read config file {path}: {exc.strerror or exc}; using defaults")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        warnings.append(f"config file {path} is not valid TOML ({exc}); using defaults")
    return {}


def _apply(
    settings: Settings,
    values: Mapping[str, Any],
    origin: str,
    warnings: list[str],
    base_dir: Path | None = None,
) -> Settings:
    """Return `settings` with the valid entries of `values`; the rest become warnings."""
    changes: dict[str, Any] = {}
    for key, value in values.items():
        if value is None:
            continue  # not given on the command line
        validate = _VALIDATORS.get(key)
        if validate is None:
            warnings.append(f"{origin}: unknown setting {key!r} ignored")
            continue
        problem = validate(value)
        if problem is not None:
            default = getattr(Settings(), key)
            warnings.append(f"{origin}: {key} = {value!r} {problem}; using the default {default!r}")
            continue
        if key == "model_path":
            path = Path(value).expanduser()
            value = base_dir / path if base_dir is not None and not path.is_absolute() else path
        elif key == "temperature":
            value = float(value)
        changes[key] = value
    return replace(settings, **changes)


def load_settings(cli_overrides: Mapping[str, Any]) -> tuple[Settings, list[str]]:
    """Defaults, then the config file, then `cli_overrides` (None values mean "not given").

    Never raises for bad input: problems come back as warnings and the defaults stand in.
    A relative model_path in the config file is taken relative to the file's directory.
    """
    warnings: list[str] = []
    path = config_file_path()
    from_file = _read_config_file(path, warnings)
    settings = _apply(Settings(), from_file, str(path), warnings, base_dir=path.parent)
    settings = _apply(settings, cli_overrides, "command line", warnings)
    return settings, warnings


def choose_model_path(flag: str | Path | None, settings: Settings) -> ModelPathChoice:
    """The model path with its source: flag > $REGRAPHT_MODEL > config file > default."""
    if flag is not None and str(flag).strip():
        return ModelPathChoice(Path(flag).expanduser(), "flag")
    env = os.environ.get("REGRAPHT_MODEL", "").strip()
    if env:
        return ModelPathChoice(Path(env).expanduser(), "env")
    if settings.model_path is not None:
        return ModelPathChoice(settings.model_path, "config")
    return ModelPathChoice(default_model_path(), "default")


def resolve_model_path(flag: str | Path | None, settings: Settings) -> Path:
    """The model path in effect: flag > $REGRAPHT_MODEL > config file `model_path` > default."""
    return choose_model_path(flag, settings).path


def model_settings(settings: Settings, path: Path) -> ModelSettings:
    """How to load the model at `path` with the user's settings."""
    return ModelSettings(
        path=path,
        n_ctx=settings.n_ctx,
        n_threads=settings.n_threads,
        n_gpu_layers=settings.n_gpu_layers,
        seed=settings.seed,
        temperature=settings.temperature,
    )
