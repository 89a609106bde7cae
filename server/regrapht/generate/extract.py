"""Pull CUDA code out of a small model's answer, however it is wrapped.

Small models add prose, forget the closing fence, open with ```c++ or no fence at all, or add a
`main` and a host version of the original function. The extractor takes the fenced block that
looks most like CUDA (or the code-looking tail of an unfenced answer), then removes function
definitions the assembled file must not contain (`main`, and the original name, which the
generated drop-in wrapper defines).
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"```[ \t]*([A-Za-z0-9_+\-]*)[ \t]*\n(.*?)(?:```|\Z)", re.S)
_CODE_START = re.compile(r"^(#include|__global__|template\s*<|__device__|static|void|int)\b", re.M)


def _score(block: str) -> tuple[int, int]:
    return (block.count("__global__") + block.count("<<<"), len(block))


def extract_code(answer: str) -> str:
    """The code in `answer`, or '' when there is none."""
    blocks = [m.group(2) for m in _FENCE.finditer(answer)]
    if blocks:
        best = max(blocks, key=_score).strip()
        return best + "\n" if best else ""
    start = _CODE_START.search(answer)
    return answer[start.start():].strip() + "\n" if start else ""


def _skip_literal(text: str, i: int) -> int:
    """Index just past the comment or string literal starting at i (or i if none starts)."""
    if text.startswith("//", i):
        end = text.find("\n", i)
        return len(text) if end < 0 else end
    if text.startswith("/*", i):
        end = text.find("*/", i + 2)
        return len(text) if end < 0 else end + 2
    if text[i] in "\"'":
        quote, j = text[i], i + 1
        while j < len(text) and text[j] != quote:
            j += 2 if text[j] == "\\" else 1
        return j + 1
    return i


def matching_brace(text: str, open_index: int) -> int:
    """Index of the `}` closing the `{` at open_index, skipping comments and literals;
    -1 if none."""
    depth, i = 0, open_index
    while i < len(text):
        skipped = _skip_literal(text, i)
        if skipped != i:
            i = skipped
            continue
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def remove_definitions(code: str, names: tuple[str, ...]) -> tuple[str, list[str]]:
    """Delete top-level function *definitions* of `names` (declarations and calls stay)."""
    removed: list[str] = []
    for name in names:
        pattern = re.compile(
            r"^[ \t]*(?:extern\s+\"C\"\s+)?(?:static\s+|inline\s+|__host__\s+)*"
            r"[A-Za-z_][\w:<>\s\*&]*?\b" + re.escape(name) + r"\s*\([^;{)]*\)\s*\{",
            re.M,
        )
        while (m := pattern.search(code)) is not None:
            close = matching_brace(code, m.end() - 1)
            if close < 0:
                break
            code = code[: m.start()] + code[close + 1 :]
            removed.append(name)
    return code, removed
