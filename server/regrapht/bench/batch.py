"""Where a batch-capable model plugs in: concurrent `chat` calls grouped into one batch.

The runner runs several tasks at once in threads; each search asks the model one prompt at a
time (`ChatModel.chat`). A backend that generates many prompts together (transformers on the
GPU machine, left for later) implements `BatchChatModel.chat_many`; `BatchingModel` wraps it as
a `ChatModel`: a call waits until `max_batch` calls are pending or `wait_seconds` passed since
the first of them, then one thread sends them all as one batch and hands each caller its
answer. With J runner threads the batches hold up to J prompts from J different tasks.
`SequentialBatch` turns any `ChatModel` (llama.cpp) into a `BatchChatModel`, one by one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from regrapht.generate.llm import ChatModel, Completion, GenerationCancelled, Message


@dataclass(frozen=True)
class ChatRequest:
    messages: tuple[Message, ...]
    max_tokens: int | None = None
    temperature: float | None = None
    stop: tuple[str, ...] = ()
    grammar: str | None = None
    seed: int | None = None


class BatchChatModel(Protocol):
    @property
    def name(self) -> str: ...

    def chat_many(self, requests: Sequence[ChatRequest]) -> list[Completion]:
        """One answer per request, in order."""
        ...


class SequentialBatch:
    """A `BatchChatModel` over a plain `ChatModel`: the batch is answered one by one."""

    def __init__(self, model: ChatModel) -> None:
        self.model = model

    @property
    def name(self) -> str:
        return self.model.name

    def chat_many(self, requests: Sequence[ChatRequest]) -> list[Completion]:
        return [self.model.chat(list(r.messages), max_tokens=r.max_tokens,
                                temperature=r.temperature, stop=r.stop, grammar=r.grammar,
                                seed=r.seed) for r in requests]


@dataclass
class _Pending:
    request: ChatRequest
    done: threading.Event = field(default_factory=threading.Event)
    answer: Completion | None = None
    error: BaseException | None = None


class BatchingModel:
    """A thread-safe `ChatModel` that groups concurrent calls into `chat_many` batches."""

    def __init__(self, model: BatchChatModel, max_batch: int = 8,
                 wait_seconds: float = 0.05) -> None:
        self.model = model
        self.max_batch = max(1, max_batch)
        self.wait_seconds = wait_seconds
        self._lock = threading.Condition()
        self._queue: list[_Pending] = []
        self._first_at = 0.0
        self._busy = False  # a thread is sending a batch
        self.batches: list[int] = []  # sizes of the batches sent (for reports and tests)

    @property
    def name(self) -> str:
        return self.model.name

    def chat(self, messages: Sequence[Message], *, max_tokens: int | None = None,
             temperature: float | None = None, stop: Sequence[str] = (),
             grammar: str | None = None, cancel: threading.Event | None = None,
             on_token: Callable[[int], None] | None = None, seed: int | None = None
             ) -> Completion:
        if cancel is not None and cancel.is_set():
            raise GenerationCancelled()
        mine = _Pending(ChatRequest(tuple(messages), max_tokens, temperature, tuple(stop),
                                    grammar, seed))
        with self._lock:
            if not self._queue:
                self._first_at = time.monotonic()
            self._queue.append(mine)
            self._lock.notify_all()
        while not mine.done.is_set():
            batch = self._take_batch()
            if batch:
                self._send(batch)
            else:
                mine.done.wait(0.005)
        if mine.error is not None:
            raise mine.error
        assert mine.answer is not None
        return mine.answer

    def _take_batch(self) -> list[_Pending]:
        """The pending calls when it is time to send them and no other thread is sending."""
        with self._lock:
            if self._busy or not self._queue:
                return []
            full = len(self._queue) >= self.max_batch
            if not full and time.monotonic() - self._first_at < self.wait_seconds:
                return []
            batch, self._queue = self._queue[:self.max_batch], self._queue[self.max_batch:]
            self._first_at = time.monotonic()
            self._busy = True
            return batch

    def _send(self, batch: list[_Pending]) -> None:
        try:
            answers = self.model.chat_many([p.request for p in batch])
            if len(answers) != len(batch):
                raise RuntimeError(f"the batch model gave {len(answers)} answers to "
                                   f"{len(batch)} requests")
            for p, a in zip(batch, answers, strict=True):
                p.answer = a
        except BaseException as exc:  # every waiting caller learns of it
            for p in batch:
                p.error = exc
        finally:
            with self._lock:
                self._busy = False
                self.batches.append(len(batch))
            for p in batch:
                p.done.set()
