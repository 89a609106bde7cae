"""The prompt is evaluated in chunks with a cancellation check between them (llm.py)."""

from __future__ import annotations

import threading

import pytest

from regrapht.generate.llm import GenerationCancelled, cancellable_prefill


class FakeLlama:
    """Records what `eval` was given, as llama_cpp.Llama.eval appends to the evaluated tokens;
    sets `cancel` once it has seen `cancel_after` tokens (a request arriving mid-prompt)."""

    def __init__(self, cancel: threading.Event | None = None, cancel_after: int = 10**9) -> None:
        self.evaluated: list[int] = []
        self.calls: list[int] = []
        self.cancel, self.cancel_after = cancel, cancel_after

    def eval(self, tokens):
        self.calls.append(len(tokens))
        self.evaluated += list(tokens)
        if self.cancel is not None and len(self.evaluated) >= self.cancel_after:
            self.cancel.set()


# (prompt length, chunk, calls expected)
CASES = [(200, 64, [64, 64, 64, 8]), (64, 64, [64]), (1, 64, [1]), (0, 64, [])]


@pytest.mark.parametrize(("length", "chunk", "calls"), CASES)
def test_the_prompt_goes_in_chunks_and_in_order(length: int, chunk: int, calls: list[int]):
    llm = FakeLlama()
    with cancellable_prefill(llm, threading.Event(), chunk):
        llm.eval(list(range(length)))
    assert llm.calls == calls and llm.evaluated == list(range(length))
    llm.eval([1, 2, 3])  # the instance's own eval is back afterwards: one call
    assert llm.calls[-1] == 3


def test_a_cancel_mid_prompt_stops_before_the_next_chunk():
    cancel = threading.Event()
    llm = FakeLlama(cancel, cancel_after=100)
    with pytest.raises(GenerationCancelled), cancellable_prefill(llm, cancel, 64):
        llm.eval(list(range(1000)))
    assert llm.calls == [64, 64]  # 128 tokens seen: cancelled after the second chunk
    assert "eval" not in vars(llm)  # restored even when cancelled
