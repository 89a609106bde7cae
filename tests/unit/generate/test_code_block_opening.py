"""The code-block grammar through llama.cpp without its per-token cost (llm.py): the answer is
opened with the fence inside the model's own chat prompt and stopped at the next fence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regrapht.generate.llm import FENCE, FENCE_OPEN, LocalModel, ModelSettings
from regrapht.generate.prompting import code_block_grammar

TEMPLATE = ("{% for m in messages %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n"
            "{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}")


class FakeLlama:
    """Enough of llama_cpp.Llama: a chat template in its metadata, byte-level tokens, and a
    completion stream that replays `pieces` and ends with `finish`."""

    def __init__(self, pieces: list[str], finish: str, template: str | None = TEMPLATE) -> None:
        self.metadata = {"tokenizer.chat_template": template} if template else {}
        self.pieces, self.finish = pieces, finish
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def tokenize(self, text: bytes, add_bos: bool = True, special: bool = False) -> list[int]:
        return list(text)

    def detokenize(self, tokens: list[int], special: bool = False) -> bytes:
        return {1: b"<|endoftext|>", 2: b"<|im_end|>"}[tokens[0]]

    def token_bos(self) -> int:
        return 1

    def token_eos(self) -> int:
        return 2

    def eval(self, tokens: list[int]) -> None:  # cancellable_prefill wraps it
        pass

    def _stream(self, key: str) -> Iterator[dict[str, Any]]:
        for i, piece in enumerate(self.pieces):
            last = i == len(self.pieces) - 1
            yield {"choices": [{key: piece, "finish_reason": self.finish if last else None}]}

    def create_completion(self, **options: Any) -> Iterator[dict[str, Any]]:
        self.calls.append(("completion", options))
        return self._stream("text")

    def create_chat_completion(self, **options: Any) -> Iterator[dict[str, Any]]:
        self.calls.append(("chat", options))
        return ({"choices": [{"delta": {"content": c["choices"][0]["text"]},
                              "finish_reason": c["choices"][0]["finish_reason"]}]}
                for c in self._stream("text"))


def model(fake: FakeLlama) -> LocalModel:
    m = LocalModel.__new__(LocalModel)  # no GGUF file: the fake stands in for llama.cpp
    m.settings = ModelSettings(path=Path("model.gguf"))
    m._llm = fake
    return m


ASK = [{"role": "user", "content": "add two arrays"}]
BODY = "__global__ void k() {}\n"
# (pieces streamed, finish, the answer's text)
CASES = [
    ([BODY], "stop", FENCE_OPEN + BODY + FENCE),          # stopped at the closing fence
    (["__global__ ", "void"], "length", FENCE_OPEN + "__global__ void"),  # cut: left open
    ([], "stop", FENCE_OPEN + FENCE),                     # an empty block is still a block
]


@pytest.mark.parametrize(("pieces", "finish", "text"), CASES)
def test_the_answer_is_the_grammar_language(pieces: list[str], finish: str, text: str) -> None:
    fake = FakeLlama(pieces, finish)
    answer = model(fake).chat(ASK, grammar=code_block_grammar(), stop=["<END>"])
    assert answer.text == text and answer.finish_reason == finish
    kind, options = fake.calls[0]
    prompt = bytes(options["prompt"]).decode()
    assert kind == "completion"
    chat = "<|im_start|>user\nadd two arrays<|im_end|>\n<|im_start|>assistant\n"
    assert prompt == chat + FENCE_OPEN
    assert options["stop"] == ["<END>", FENCE, "<|im_end|>"]


@pytest.mark.parametrize(("template", "grammar"), [
    (None, code_block_grammar()),  # no chat template to open the answer in: the real grammar
    (TEMPLATE, None),              # no grammar: a plain chat completion
])
def test_otherwise_it_is_a_chat_completion(template: str | None, grammar: str | None) -> None:
    fake = FakeLlama([BODY], "stop", template)
    answer = model(fake).chat(ASK, grammar=grammar)
    assert fake.calls[0][0] == "chat" and answer.text == BODY
    assert (fake.calls[0][1]["grammar"] is None) == (grammar is None)
