"""The prompt-hash cache (a rerun costs no model call; the model is loaded on the first miss
only) and the batching plug point (concurrent calls reach a batch model together)."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from regrapht.bench.batch import BatchingModel, ChatRequest, SequentialBatch
from regrapht.bench.cache import CachingModel
from regrapht.generate.llm import Completion

MESSAGES = [{"role": "user", "content": "write a kernel"}]


class CountingModel:
    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def chat(self, messages: Sequence[dict[str, str]], **options: Any) -> Completion:
        self.calls += 1
        return Completion(f"answer {self.calls} seed={options.get('seed')}", 10, 5, 0.1, "stop")


def test_cache_answers_a_repeated_prompt_without_loading(tmp_path: Path) -> None:
    loads: list[CountingModel] = []

    def load() -> CountingModel:
        loads.append(CountingModel())
        return loads[-1]

    first = CachingModel(load, "model-a", tmp_path)
    a = first.chat(MESSAGES, seed=1)
    assert first.chat(MESSAGES, seed=1) == a and loads[0].calls == 1
    assert first.chat(MESSAGES, seed=2) != a and loads[0].calls == 2  # another seed: asked
    rerun = CachingModel(load, "model-a", tmp_path)
    assert rerun.chat(MESSAGES, seed=1) == a
    assert len(loads) == 1 and (rerun.hits, rerun.misses) == (1, 0)  # never loaded
    other = CachingModel(load, "model-b", tmp_path)  # another model: its own answers
    other.chat(MESSAGES, seed=1)
    assert len(loads) == 2


def test_damaged_entry_is_asked_again(tmp_path: Path) -> None:
    model = CountingModel()
    cache = CachingModel(lambda: model, "m", tmp_path)
    cache.chat(MESSAGES)
    for entry in tmp_path.rglob("*.json"):
        entry.write_text("{not json")
    cache.chat(MESSAGES)
    assert model.calls == 2


class RecordingBatch:
    name = "batch"

    def __init__(self) -> None:
        self.sizes: list[int] = []

    def chat_many(self, requests: Sequence[ChatRequest]) -> list[Completion]:
        self.sizes.append(len(requests))
        return [Completion(r.messages[-1]["content"].upper(), 1, 1, 0.0, "stop")
                for r in requests]


def test_concurrent_calls_form_one_batch() -> None:
    backend = RecordingBatch()
    model = BatchingModel(backend, max_batch=4, wait_seconds=5.0)
    start = threading.Barrier(4)
    answers: dict[int, str] = {}

    def call(i: int) -> None:
        start.wait()
        answers[i] = model.chat([{"role": "user", "content": f"task {i}"}]).text

    threads = [threading.Thread(target=call, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert backend.sizes == [4]  # full before the wait ran out
    assert answers == {i: f"TASK {i}" for i in range(4)}


def test_lone_call_is_sent_after_the_wait_and_errors_reach_the_caller() -> None:
    backend = RecordingBatch()
    model = BatchingModel(backend, max_batch=8, wait_seconds=0.01)
    assert model.chat(MESSAGES).text == "WRITE A KERNEL" and backend.sizes == [1]

    class Broken:
        name = "broken"

        def chat_many(self, requests: Sequence[ChatRequest]) -> list[Completion]:
            raise RuntimeError("out of memory")

    with pytest.raises(RuntimeError, match="out of memory"):
        BatchingModel(Broken(), wait_seconds=0.0).chat(MESSAGES)


def test_sequential_batch_over_a_chat_model() -> None:
    model = CountingModel()
    out = SequentialBatch(model).chat_many([ChatRequest(tuple(MESSAGES), seed=s)
                                            for s in (1, 2)])
    assert [c.text for c in out] == ["answer 1 seed=1", "answer 2 seed=2"]


def test_pool_answers_concurrent_calls_with_at_most_size_copies() -> None:
    from regrapht.bench.pool import ModelPool

    gate = threading.Barrier(3, timeout=5)  # three calls must be inside a model at once
    loaded: list[object] = []

    class Slow:
        name = "slow"

        def chat(self, messages: Sequence[dict[str, str]], **options: Any) -> Completion:
            gate.wait()
            return Completion("ok", 1, 1, 0.0, "stop")

    def load() -> Slow:
        loaded.append(object())
        return Slow()

    pool = ModelPool(load, size=3)
    answers: list[str] = []
    threads = [threading.Thread(target=lambda: answers.append(pool.chat(MESSAGES).text))
               for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == ["ok"] * 3 and len(loaded) == 3
    gate2 = CountingModel()
    small = ModelPool(lambda: gate2, size=1)  # one copy: calls take turns, it is reused
    for _ in range(4):
        small.chat(MESSAGES)
    assert gate2.calls == 4


def test_pool_loads_one_copy_at_a_time() -> None:
    """llama.cpp's CUDA set-up is not safe in several threads at once."""
    from regrapht.bench.pool import ModelPool

    loading, most = [0], [0]
    guard = threading.Lock()

    def load() -> CountingModel:
        with guard:
            loading[0] += 1
            most[0] = max(most[0], loading[0])
        time.sleep(0.05)
        with guard:
            loading[0] -= 1
        return CountingModel()

    pool = ModelPool(load, size=4)
    threads = [threading.Thread(target=pool.chat, args=(MESSAGES,)) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert most[0] == 1


def test_pool_gives_the_slot_back_when_a_load_fails() -> None:
    from regrapht.bench.pool import ModelPool

    attempts: list[int] = []

    def load() -> CountingModel:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("out of memory")
        return CountingModel()

    pool = ModelPool(load, size=1)
    with pytest.raises(RuntimeError):
        pool.chat(MESSAGES)
    assert pool.chat(MESSAGES).text.startswith("answer 1")  # the slot was not lost


# (copies, GGML_CUDA_DISABLE_GRAPHS before, after): graphs go off only for several copies,
# and a value the user set stays
GRAPHS = [(1, None, None), (2, None, "1"), (12, "0", "0")]


@pytest.mark.parametrize(("copies", "before", "after"), GRAPHS)
def test_several_copies_turn_cuda_graphs_off(monkeypatch: pytest.MonkeyPatch, copies: int,
                                             before: str | None, after: str | None) -> None:
    from regrapht.bench.pool import without_cuda_graphs

    if before is None:
        monkeypatch.delenv("GGML_CUDA_DISABLE_GRAPHS", raising=False)
    else:
        monkeypatch.setenv("GGML_CUDA_DISABLE_GRAPHS", before)
    without_cuda_graphs(copies)
    assert os.environ.get("GGML_CUDA_DISABLE_GRAPHS") == after  # monkeypatch restores it
