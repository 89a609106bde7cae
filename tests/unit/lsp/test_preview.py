"""The preview's pure parts: the text a replace-mode Apply would give, and reading the
client's answer (only a clear "apply" writes)."""

from __future__ import annotations

from collections import namedtuple
from typing import Any

import pytest

from regrapht.lsp.preview import APPLY, DISCARD, read_answer, replace_span

SOURCE = "int a;\nvoid f() {\n  loop();\n}\nint b;\n"

# (span: start line/char, end line/char exclusive, new text, expected)
SPANS = [
    ((1, 0, 3, 1), "void f() { gpu(); }", "int a;\nvoid f() { gpu(); }\nint b;\n"),
    ((0, 4, 0, 5), "z", "int z;\nvoid f() {\n  loop();\n}\nint b;\n"),
    ((4, 0, 5, 0), "", "int a;\nvoid f() {\n  loop();\n}\n"),  # to the end
]


@pytest.mark.parametrize(("span", "new", "expected"), SPANS)
def test_replace_span(span: tuple[int, int, int, int], new: str, expected: str) -> None:
    assert replace_span(SOURCE, span, new) == expected


Answer = namedtuple("Answer", "action")

ANSWERS: list[tuple[Any, str]] = [
    ({"action": "apply"}, APPLY), (Answer("apply"), APPLY), ("apply", APPLY),
    ({"action": "discard"}, DISCARD), ({"action": "Apply"}, DISCARD), (None, DISCARD),
    ({}, DISCARD), ("yes", DISCARD), (Answer(None), DISCARD),
]


@pytest.mark.parametrize(("answer", "expected"), ANSWERS)
def test_read_answer(answer: Any, expected: str) -> None:
    assert read_answer(answer) == expected
