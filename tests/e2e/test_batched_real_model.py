"""The batched model (one llama.cpp context, several answers at once) with the real model on
this machine's CPU: answers that end where they should, a slot that keeps nothing of its last
answer, and a cancelled request that leaves the others alone."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest

from regrapht.generate.batched import BatchedModel
from regrapht.generate.llm import Completion, GenerationCancelled, LocalModel, ModelSettings
from regrapht.generate.prompting import code_block_grammar
from tests.conftest import real_model_path

pytestmark = [pytest.mark.model]

CODE = code_block_grammar()
REQUESTS = [  # (messages, grammar, max_tokens)
    ([{"role": "user", "content": "Write a CUDA kernel that adds two float arrays."}], CODE, 24),
    ([{"role": "user", "content": "Say hello in C."}], None, 16),
    ([{"role": "system", "content": "You are terse."},
      {"role": "user", "content": "Print 2+2 in C. Only the code."}], CODE, 80),
]


def settings() -> ModelSettings:
    return ModelSettings(path=real_model_path(), n_ctx=1024, n_threads=2)


@pytest.fixture(scope="module")
def batched() -> Iterator[BatchedModel]:
    model = BatchedModel(settings(), sequences=3)
    yield model
    model.close()


def ask_together(model: BatchedModel, cancel: threading.Event | None = None
                 ) -> list[Completion | BaseException]:
    answers: list[Completion | BaseException] = [RuntimeError("no answer")] * len(REQUESTS)

    def ask(i: int) -> None:
        messages, grammar, limit = REQUESTS[i]
        try:
            answers[i] = model.chat(messages, grammar=grammar, max_tokens=limit,
                                    cancel=cancel if i == 0 else None)
        except BaseException as exc:  # noqa: BLE001 - the test looks at it
            answers[i] = exc

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(REQUESTS))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    return answers


def test_a_slot_holds_nothing_of_its_last_answer(batched: BatchedModel) -> None:
    # Greedy answers are not compared with LocalModel's: it evaluates the prompt 64 tokens at a
    # time and the batched context all at once, and other shapes of the same products round
    # differently, which can flip a greedy pick. Asked again alone, the same request must get
    # the same answer: the context keeps nothing of an answer once it has ended.
    messages, grammar, limit = REQUESTS[2]
    first = batched.chat(messages, grammar=grammar, max_tokens=limit)
    batched.chat(*REQUESTS[0][:1], max_tokens=8)
    again = batched.chat(messages, grammar=grammar, max_tokens=limit)
    assert (again.text, again.finish_reason) == (first.text, first.finish_reason)
    assert first.prompt_tokens == LocalModel(settings()).prompt_tokens(messages)


def test_answers_together_end_where_they_should(batched: BatchedModel) -> None:
    together = ask_together(batched)
    assert all(isinstance(a, Completion) for a in together), together
    first, second, last = together
    assert isinstance(first, Completion) and isinstance(second, Completion)
    assert isinstance(last, Completion)
    assert (first.finish_reason, first.completion_tokens) == ("length", 24)
    assert first.text.startswith("```cuda\n") and not first.text.endswith("```")
    assert (second.finish_reason, second.completion_tokens) == ("length", 16)
    assert not second.text.startswith("```cuda")  # no grammar: the answer opens as it likes
    assert last.finish_reason == "stop" and last.completion_tokens < 80
    assert last.text.startswith("```cuda\n") and last.text.endswith("\n```")
    assert "printf" in last.text


def test_cancelled_request_leaves_the_others(batched: BatchedModel) -> None:
    cancel = threading.Event()
    threading.Timer(1.0, cancel.set).start()
    started = time.perf_counter()
    together = ask_together(batched, cancel)
    assert isinstance(together[0], GenerationCancelled)
    assert all(isinstance(a, Completion) for a in together[1:])
    assert time.perf_counter() - started < 120
    again = batched.chat(*REQUESTS[1][:1], max_tokens=4)  # the freed slot serves again
    assert again.completion_tokens == 4
