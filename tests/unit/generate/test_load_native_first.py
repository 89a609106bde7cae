"""The entry point loads llama.cpp first (llm.load_native_first); a missing or broken
llama-cpp-python must not stop the command line from starting."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import ModuleType

import pytest

from regrapht.generate.llm import load_native_first


class Broken:
    """A module finder whose `llama_cpp` fails to import with `error`."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def find_spec(self, name: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> None:
        if name == "llama_cpp":
            raise self.error


@pytest.mark.parametrize("error", [
    ImportError("No module named 'llama_cpp'"),                    # not installed
    OSError("libllama.so: cannot open shared object file"),       # its library is missing
    RuntimeError("Failed to load shared library 'libllama.so'"),  # llama-cpp-python's wording
])
def test_a_missing_or_broken_llama_cpp_is_passed_over(monkeypatch: pytest.MonkeyPatch,
                                                      error: Exception) -> None:
    monkeypatch.delitem(sys.modules, "llama_cpp", raising=False)
    monkeypatch.setattr(sys, "meta_path", [Broken(error), *sys.meta_path])
    load_native_first()  # no exception
    assert "llama_cpp" not in sys.modules
