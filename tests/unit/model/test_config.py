"""User settings: config file, invalid values, overrides and the model path precedence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from regrapht import config
from regrapht.config import Settings, load_settings, resolve_model_path


def write_config(env_root: Path, text: str) -> Path:
    path = env_root / "xdg-config" / "regrapht" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_defaults_without_config_file(clean_env: Path) -> None:
    assert load_settings({}) == (Settings(), [])


def test_config_file_values(clean_env: Path) -> None:
    write_config(
        clean_env,
        'model_path = "/models/m.gguf"\nn_gpu_layers = -1\nn_threads = 4\n'
        'temperature = 1\nmethod = "baseline"\noutput_mode = "replace"\n',
    )
    settings, warnings = load_settings({})
    assert warnings == []
    assert settings == Settings(
        model_path=Path("/models/m.gguf"),
        n_gpu_layers=-1,
        n_threads=4,
        temperature=1.0,
        method="baseline",
        output_mode="replace",
    )


def test_explicit_config_file_and_relative_model_path(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    explicit = clean_env / "elsewhere" / "my.toml"
    explicit.parent.mkdir()
    explicit.write_text('model_path = "models/m.gguf"\n')
    monkeypatch.setenv("REGRAPHT_CONFIG", str(explicit))
    assert config.config_file_path() == explicit
    settings, _ = load_settings({})
    assert settings.model_path == explicit.parent / "models" / "m.gguf"


INVALID = [
    ("n_gpu_layers", "-2", "n_gpu_layers"),
    ("n_gpu_layers", '"all"', "whole number"),
    ("n_threads", "0", "n_threads"),
    ("n_ctx", "true", "whole number"),
    ("n_ctx", "12.5", "whole number"),
    ("budget", "0", "budget"),
    ("repairs", "-1", "repairs"),
    ("output_mode", '"inplace"', "file, replace"),
    ("temperature", "7.0", "0 to 2"),
    ("temperature", '"hot"', "0 to 2"),
    ("method", '"Two Words"', "method name"),
    ("seed", "-3", "seed"),
    ("model_path", '""', "must be a path"),
    ("model_path", "3", "must be a path"),
]


@pytest.mark.parametrize(("key", "toml_value", "fragment"), INVALID)
def test_invalid_value_warns_and_keeps_default(
    clean_env: Path, key: str, toml_value: str, fragment: str
) -> None:
    write_config(clean_env, f"{key} = {toml_value}\nbudget = 5\n" if key != "budget" else
                 f"{key} = {toml_value}\n")  # fmt: skip
    settings, warnings = load_settings({})
    assert getattr(settings, key) == getattr(Settings(), key)
    assert len(warnings) == 1 and fragment in warnings[0] and "default" in warnings[0]
    if key != "budget":
        assert settings.budget == 5  # the valid keys next to it still apply


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("colour = 3\n", "unknown setting 'colour'"),
        ("n_ctx = = 3\n", "not valid TOML"),
        ("[section]\nn_ctx = 3\n", "unknown setting 'section'"),
    ],
)
def test_bad_file_warns_never_raises(clean_env: Path, text: str, fragment: str) -> None:
    write_config(clean_env, text)
    settings, warnings = load_settings({})
    assert settings == Settings()
    assert any(fragment in w for w in warnings)


def test_unreadable_file_warns(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REGRAPHT_CONFIG", str(clean_env))  # a directory, not a file
    settings, warnings = load_settings({})
    assert settings == Settings() and "cannot read config file" in warnings[0]


def test_cli_overrides_beat_file_and_none_means_not_given(clean_env: Path) -> None:
    write_config(clean_env, "budget = 3\nrepairs = 4\n")
    overrides: dict[str, Any] = {"budget": 10, "repairs": None, "n_ctx": 0}
    settings, warnings = load_settings(overrides)
    assert (settings.budget, settings.repairs, settings.n_ctx) == (10, 4, 8192)
    assert warnings == ["command line: n_ctx = 0 must be 256..1048576; using the default 8192"]


@pytest.mark.parametrize(
    ("flag", "env", "in_config", "expected_source"),
    [
        ("/flag.gguf", "/env.gguf", "/config.gguf", "flag"),
        (None, "/env.gguf", "/config.gguf", "env"),
        (None, None, "/config.gguf", "config"),
        (None, "", "/config.gguf", "config"),
        (None, None, None, "default"),
    ],
)
def test_model_path_precedence(
    clean_env: Path,
    monkeypatch: pytest.MonkeyPatch,
    flag: str | None,
    env: str | None,
    in_config: str | None,
    expected_source: str,
) -> None:
    if env is not None:
        monkeypatch.setenv("REGRAPHT_MODEL", env)
    if in_config is not None:
        write_config(clean_env, f'model_path = "{in_config}"\n')
    settings, _ = load_settings({})
    choice = config.choose_model_path(flag, settings)
    expected = {
        "flag": Path("/flag.gguf"),
        "env": Path("/env.gguf"),
        "config": Path("/config.gguf"),
        "default": clean_env / "xdg-cache/regrapht/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    }[expected_source]
    assert choice.source == expected_source
    assert choice.path == expected == resolve_model_path(flag, settings)


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"REGRAPHT_CACHE_DIR": "/c/r"}, "/c/r"),
        ({"XDG_CACHE_HOME": "/x"}, "/x/regrapht"),
        ({"XDG_CACHE_HOME": ""}, "home/.cache/regrapht"),
    ],
)
def test_cache_dir(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str
) -> None:
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    assert config.cache_dir() == clean_env / expected  # absolute `expected` replaces the root


def test_config_path_falls_back_to_home(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME")
    assert config.config_file_path() == clean_env / "home/.config/regrapht/config.toml"


def test_model_settings_carry_user_choices(tmp_path: Path) -> None:
    settings = Settings(n_threads=3, n_gpu_layers=-1, n_ctx=4096, seed=9, temperature=0.2)
    built = config.model_settings(settings, tmp_path / "m.gguf")
    assert (built.path, built.n_threads, built.n_gpu_layers, built.n_ctx) == (
        tmp_path / "m.gguf",
        3,
        -1,
        4096,
    )
    assert (built.seed, built.temperature) == (9, 0.2)
