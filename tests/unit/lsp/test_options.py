"""Language-server settings: each entry valid or reported and replaced by the default."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from regrapht.lsp.options import LspOptions, parse_options

# (raw settings, expected field values, words of each warning, in order)
CASES: list[tuple[Any, dict[str, Any], list[str]]] = [
    (None, {}, []),
    ({}, {}, []),
    ({"regrapht": {"threads": 4}}, {"threads": 4}, []),  # the section
    ({"threads": 4, "gpuLayers": -1}, {"threads": 4, "gpu_layers": -1}, []),  # flat
    ({"modelPath": "~/m.gguf"}, {"model_path": Path("~/m.gguf").expanduser()}, []),
    ({"searchBudget": 5}, {"search_budget": 5}, []),
    ({"outputMode": "replace", "useGpu": False}, {"output_mode": "replace", "use_gpu": False},
     []),
    ({"scriptedModel": "/a.jsonl"}, {"scripted_model": Path("/a.jsonl")}, []),
    ({"previewEdits": True}, {"preview_edits": True}, []),
    ({"previewEdits": "yes"}, {}, ["regrapht.previewEdits = 'yes' must be true or false"]),
    ({"threads": None}, {}, []),  # null: not set
    ({"threads": 0}, {}, ["regrapht.threads = 0 must be a whole number from 1 to 1024; using "
                          "the default (not set)"]),
    ({"threads": True}, {}, ["regrapht.threads = True must be a whole number"]),
    ({"searchBudget": "3"}, {}, ["regrapht.searchBudget = '3'", "using the default (12)"]),
    ({"gpuLayers": -2}, {}, ["regrapht.gpuLayers = -2"]),
    ({"method": "magic"}, {}, ["regrapht.method = 'magic' must be one of", "'regrapht-mcgs'",
                               "'repair'"]),
    ({"outputMode": "inline"}, {}, ["must be one of 'file', 'replace'; using the default "
                                    "('file')"]),
    ({"useGpu": "yes"}, {}, ["regrapht.useGpu = 'yes' must be true or false"]),
    ({"modelPath": ""}, {}, ["regrapht.modelPath = '' must be a file path"]),
    ({"colour": "blue", "threads": 2}, {"threads": 2}, ["unknown setting regrapht.colour"]),
    ([1, 2], {}, ["expected an object of settings, got list"]),
]


@pytest.mark.parametrize(("raw", "expected", "warnings"), CASES)
def test_parse_options(raw: Any, expected: dict[str, Any], warnings: list[str]) -> None:
    options, got = parse_options(raw, origin="test")
    for name, value in vars(LspOptions()).items():
        assert getattr(options, name) == expected.get(name, value), name
    assert len(got) == (1 if warnings else 0), got
    for words in warnings:
        assert words in got[0]
    assert all(w.startswith("test: ") for w in got)


def test_later_settings_apply_on_top_of_earlier_ones() -> None:
    first, _ = parse_options({"threads": 2, "outputMode": "replace"})
    second, warnings = parse_options({"outputMode": "bad"}, base=first)
    assert second.threads == 2 and second.output_mode == "replace"
    assert len(warnings) == 1 and warnings[0].endswith("keeping 'replace'")


def test_search_budget_counts_the_first_answer() -> None:
    assert LspOptions(search_budget=1).max_repairs == 0
    assert LspOptions().max_repairs == 2  # as the command line's default
    assert LspOptions(search_budget=2).max_repairs == 1
