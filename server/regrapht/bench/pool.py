"""Several copies of a model answering the runner's threads at once.

llama.cpp answers one prompt at a time per loaded model, but it lets go of Python's lock while
it computes, so N copies answer N prompts together: with a CUDA build on the GPU machine this
is the benchmark's route to throughput with the product's own model and arithmetic (the Q4
GGUF, the grammar), where transformers' bf16 batches ran at 70-90 ms a step
(bench/results/2026-11-26-bench-partial/). `ModelPool` is a thread-safe `ChatModel`: a call
takes a free copy (loading one, up to `size`, when all are busy) and gives it back after.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence

from regrapht.generate.llm import ChatModel, Completion, Message


def without_cuda_graphs(copies: int) -> None:
    """Before loading `copies` llama.cpp copies in one process: with more than one, turn off
    llama.cpp's CUDA graphs (unless the environment says otherwise). Several contexts decoding
    from several threads with them died with "CUDA error" in graph compute within seconds on
    the H100; without them they ran (bench/results/2026-11-26-llama-cuda/)."""
    if copies > 1:
        os.environ.setdefault("GGML_CUDA_DISABLE_GRAPHS", "1")


class ModelPool:
    def __init__(self, load: Callable[[], ChatModel], size: int) -> None:
        self._load = load
        self.size = max(1, size)
        self._free: list[ChatModel] = []
        self._count = 0  # copies loaded (free or busy)
        self._cond = threading.Condition()
        self._loading = threading.Lock()  # one load at a time: llama.cpp's CUDA set-up is not
        # safe in several threads at once (a process loading 8 together died on the H100)

    @property
    def name(self) -> str:
        with self._cond:
            models = list(self._free)
        return models[0].name if models else "pool"

    def _take(self) -> ChatModel:
        with self._cond:
            while not self._free and self._count >= self.size:
                self._cond.wait()
            if self._free:
                return self._free.pop()
            self._count += 1  # reserve the slot, load outside the lock
        try:
            with self._loading:
                return self._load()
        except BaseException:
            with self._cond:
                self._count -= 1
                self._cond.notify()
            raise

    def _give_back(self, model: ChatModel) -> None:
        with self._cond:
            self._free.append(model)
            self._cond.notify()

    def chat(self, messages: Sequence[Message], *, max_tokens: int | None = None,
             temperature: float | None = None, stop: Sequence[str] = (),
             grammar: str | None = None, cancel: threading.Event | None = None,
             on_token: Callable[[int], None] | None = None, seed: int | None = None
             ) -> Completion:
        model = self._take()
        try:
            return model.chat(messages, max_tokens=max_tokens, temperature=temperature,
                              stop=stop, grammar=grammar, cancel=cancel, on_token=on_token,
                              seed=seed)
        finally:
            self._give_back(model)
