"""The batched model's per-answer bookkeeping: where an answer ends, and how a token is drawn."""

from __future__ import annotations

import numpy as np
import pytest

from regrapht.generate.batched import AnswerText, plan_step, sample

STOPS = ("```", "<|im_end|>")


@pytest.mark.parametrize("pieces, max_tokens, text, finish, tokens", [
    ([b"a", b"b", b"c"], 10, "abc", None, 3),                      # under way
    ([b"a", b"b", b"c"], 3, "abc", "length", 3),                    # the token limit
    ([b"x = 1;\n", b"```", b"more"], 10, "x = 1;\n", "stop", 2),   # a stop: cut before it
    ([b"x;\n`", b"``\n"], 10, "x;\n", "stop", 2),                  # a stop over two tokens
    ([b"ok", b"<|im_", b"end|>"], 10, "ok", "stop", 3),             # the template's end
    ([b"``", b"x"], 10, "``x", None, 2),                            # not a stop
    (["é".encode()[:1]], 10, "", None, 1),                     # half a character, so far
], ids=lambda v: repr(v))
def test_answer_ends(pieces: list[bytes], max_tokens: int, text: str, finish: str | None,
                     tokens: int) -> None:
    answer = AnswerText(STOPS, max_tokens)
    for piece in pieces:
        if answer.add(piece) is not None:
            break
    assert (answer.text, answer.finish, answer.tokens) == (text, finish, tokens)


def test_end_of_generation_token_stops() -> None:
    answer = AnswerText(STOPS, 10)
    answer.add(b"done")
    assert answer.end_of_generation() == "stop"
    assert (answer.text, answer.tokens) == ("done", 1)


def test_bytes_of_one_character_over_two_tokens() -> None:
    answer = AnswerText(STOPS, 10)
    encoded = "é".encode()
    answer.add(encoded[:1])
    answer.add(encoded[1:])
    assert answer.text == "é"


LOGITS = np.array([0.0, 5.0, 4.9, -3.0, 1.0], dtype=np.float32)


@pytest.mark.parametrize("temperature, drawn", [
    (0.0, {1}),              # greedy: the largest logit
    (1.0, {1, 2}),           # top-p 0.95 is reached by the two best (52% and 47%)
    (100.0, {0, 1, 2, 3, 4}),  # nearly flat: every token is kept
])
def test_sample_draws_from_kept_tokens(temperature: float, drawn: set[int]) -> None:
    rng = np.random.default_rng(0)
    assert {sample(LOGITS, temperature, rng) for _ in range(300)} == drawn


def test_sample_min_p_drops_the_unlikely() -> None:
    logits = np.array([10.0, 9.0, 7.0, 6.5], dtype=np.float32)  # 69%, 25%, 3.4%, 2.1%: top-p
    rng = np.random.default_rng(0)                              # keeps 3, min-p (5% of 69%) 2
    assert {sample(logits, 1.0, rng) for _ in range(300)} == {0, 1}


def test_sample_same_seed_same_draws() -> None:
    a = [sample(LOGITS, 1.0, np.random.default_rng(7)) for _ in range(5)]
    b = [sample(LOGITS, 1.0, np.random.default_rng(7)) for _ in range(5)]
    assert a == b


@pytest.mark.parametrize("wants, room, planned", [
    # (slot, has a token, prompt tokens left) in arrival order -> (slot, prompt tokens) by slot
    ([(5, True, 0), (2, True, 0), (9, True, 0)], 64, [(2, 0), (5, 0), (9, 0)]),
    ([(3, False, 100), (1, True, 0)], 64, [(1, 0), (3, 63)]),        # a token each first
    ([(4, False, 50), (0, False, 50), (2, True, 0)], 64, [(0, 13), (2, 0), (4, 50)]),
    ([(1, False, 10), (0, True, 0)], 1, [(0, 0)]),                    # no room left for prompts
    ([(7, False, 0), (6, True, 0)], 8, [(6, 0)]),                     # nothing to evaluate
], ids=lambda v: repr(v))
def test_step_plan_lists_sequences_by_slot(wants, room, planned) -> None:
    assert plan_step(wants, room) == planned
