"""A scripted stand-in for the language model: replays answers from a file. A test aid.

regrapht ships it so that end-to-end tests of the language server (and anyone debugging a
client) can drive the whole pipeline without loading a 1 GB model; it is never selected by
default, only by the language server's `scriptedModel` setting. It has the interface of
`llm.LocalModel` (`name`, `chat`) and does not import llama_cpp.

The file is JSON Lines, one answer per model call, used in order (the last one repeats):

    {"answer": "```cuda\\n__global__ void k(...) {...}\\n```"}
    {"answer": "...", "seconds_per_token": 0.05}
    {"error": "the model file is corrupt"}

`seconds_per_token` makes generation slow so that cancellation can be tested mid-answer: the
answer is streamed in small pieces and `cancel` is checked between any two of them, as the
real model does. An `error` line makes that call raise `ModelError` with the given message.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from regrapht.generate.llm import Completion, GenerationCancelled, Message, ModelError

PIECE = re.compile(r"\s*\S+|\s+")  # a word with the whitespace before it: a "token"


@dataclass(frozen=True)
class ScriptedAnswer:
    answer: str = ""
    seconds_per_token: float = 0.0
    error: str = ""


def read_script(path: Path) -> list[ScriptedAnswer]:
    """The answers of a script file; raises ModelError naming the line that is wrong."""
    try:
        lines = path.read_text().splitlines()
    except OSError as exc:
        raise ModelError(f"cannot read the scripted model {path}: {exc.strerror or exc}") from exc
    answers = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            answers.append(ScriptedAnswer(
                answer=str(entry.get("answer", "")),
                seconds_per_token=float(entry.get("seconds_per_token", 0.0)),
                error=str(entry.get("error", "")),
            ))
        except (ValueError, TypeError, AttributeError) as exc:
            raise ModelError(f"{path}:{number}: not a scripted answer ({exc})") from exc
    if not answers:
        raise ModelError(f"the scripted model {path} holds no answers")
    return answers


class ScriptedModel:
    """Replays the answers of a script file, one per `chat` call."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.answers = read_script(path)
        self.calls = 0

    @property
    def name(self) -> str:
        return f"scripted ({self.path.name})"

    def chat(
        self,
        messages: Sequence[Message],
        *,
        max_tokens: int | None = None,
        temperature: float | None = None,
        stop: Sequence[str] = (),
        grammar: str | None = None,
        cancel: threading.Event | None = None,
        on_token: Callable[[int], None] | None = None,
        seed: int | None = None,  # accepted for the ChatModel protocol; answers are replayed
    ) -> Completion:
        started = time.perf_counter()
        entry = self.answers[min(self.calls, len(self.answers) - 1)]
        self.calls += 1
        if entry.error:
            raise ModelError(entry.error)
        pieces: list[str] = []
        for count, piece in enumerate(PIECE.findall(entry.answer), 1):
            if cancel is not None and cancel.is_set():
                raise GenerationCancelled()
            if entry.seconds_per_token:
                # wait in short slices: a cancel is seen within 10 ms however slow the "model"
                deadline = time.perf_counter() + entry.seconds_per_token
                while (left := deadline - time.perf_counter()) > 0:
                    if cancel is not None and cancel.wait(min(left, 0.01)):
                        raise GenerationCancelled()
                    if cancel is None:
                        time.sleep(min(left, 0.01))
            pieces.append(piece)
            if on_token is not None:
                on_token(count)
        prompt = sum(len(m["content"].split()) for m in messages)
        return Completion("".join(pieces), prompt, len(pieces),
                          time.perf_counter() - started, "stop")
