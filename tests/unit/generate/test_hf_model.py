"""The transformers backend's text handling (no torch needed: the model is faked)."""

from __future__ import annotations

from typing import Any

import pytest

from regrapht.bench.batch import ChatRequest
from regrapht.generate import hf_model
from regrapht.generate.prompting import code_block_grammar

STOPS = [
    # text                      stops             expected
    ("abc</s>def",              ("</s>",),        ("abc", True)),
    ("abc",                     ("</s>",),        ("abc", False)),
    ("a;b;c",                   (";", "b"),       ("a", True)),   # the first one in the text
    ("abc",                     ("",),            ("abc", False)),  # an empty stop never hits
]


@pytest.mark.parametrize(("text", "stops", "expected"), STOPS)
def test_cut_at_stop(text: str, stops: tuple[str, ...], expected: tuple[str, bool]) -> None:
    assert hf_model.cut_at_stop(text, stops) == expected


FENCES = [
    # generated after "```cuda\n"          expected answer                          closed
    ("__global__ void k() {}\n```",        "```cuda\n__global__ void k() {}\n```",  True),
    ("int x;\n```\nThis kernel adds.",     "```cuda\nint x;\n```",                  True),
    ("int x;\n",                           "```cuda\nint x;\n",                     False),
]


@pytest.mark.parametrize(("generated", "expected", "closed"), FENCES)
def test_finish_code_block(generated: str, expected: str, closed: bool) -> None:
    assert hf_model.finish_code_block(generated) == (expected, closed)


def test_batch_groups_split_by_decoding_options_and_size() -> None:
    msg = ({"role": "user", "content": "x"},)
    requests = [ChatRequest(msg, max_tokens=512), ChatRequest(msg, max_tokens=1024),
                ChatRequest(msg, max_tokens=512), ChatRequest(msg, max_tokens=512),
                ChatRequest(msg, max_tokens=512, temperature=0.7)]
    assert hf_model.batch_groups(requests, max_batch=2) == [[0, 2], [3], [1], [4]]


class FakeTokenizer:
    eos_token_id = 0
    pad_token_id = 1

    def decode(self, ids: list[int], skip_special_tokens: bool = True) -> str:
        return "".join(chr(i) for i in ids)

    def apply_chat_template(self, messages: list[dict[str, str]], tokenize: bool,
                            add_generation_prompt: bool) -> str:
        return "|".join(m["content"] for m in messages) + "|assistant|"


def fake_model() -> hf_model.TransformersModel:
    model: Any = hf_model.TransformersModel.__new__(hf_model.TransformersModel)
    model.tokenizer = FakeTokenizer()
    model.model = type("M", (), {"generation_config": type("G", (), {"eos_token_id": [2, 0]})})()
    return model


def ids(text: str) -> list[int]:
    return [ord(c) for c in text]


COMPLETIONS = [
    # grammar  generated ids                      expected text                   finish  tokens
    (True,  ids("int x;\n```\nmore") + [0, 66],  "```cuda\nint x;\n```",          "stop",   15),
    (True,  ids("int x;"),                        "```cuda\nint x;",               "length", 6),
    (False, ids("hello") + [2],                   "hello",                         "stop",   5),
    (False, ids("hello"),                         "hello",                         "length", 5),
]


@pytest.mark.parametrize(("grammar", "new", "text", "finish", "tokens"), COMPLETIONS)
def test_completion(grammar: bool, new: list[int], text: str, finish: str, tokens: int) -> None:
    request = ChatRequest(({"role": "user", "content": "q"},),
                          grammar=code_block_grammar() if grammar else None)
    done = fake_model().completion(request, new, prompt_tokens=9, seconds=1.5,
                                   max_new=len(new))
    assert (done.text, done.finish_reason, done.completion_tokens) == (text, finish, tokens)
    assert (done.prompt_tokens, done.seconds) == (9, 1.5)


def test_prompt_opens_the_code_block_only_under_the_grammar() -> None:
    model = fake_model()
    msg = ({"role": "user", "content": "q"},)
    assert model.prompt_text(ChatRequest(msg, grammar=code_block_grammar())).endswith(
        "|assistant|```cuda\n")
    assert model.prompt_text(ChatRequest(msg)).endswith("|assistant|")
    with pytest.raises(hf_model.ModelError, match="only takes the code-block grammar"):
        model.prompt_text(ChatRequest(msg, grammar='root ::= "x"'))
