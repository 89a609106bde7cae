"""One llama.cpp context answering many requests at once: continuous batching on a GPU.

`LocalModel` answers one prompt at a time. On a GPU one token of one answer leaves the card
almost idle; several copies of the model in threads made 532 tokens/s together against 310 for
one on the H100, and without CUDA graphs (which several contexts crash with) 20 tokens/s per
answer (bench/results/2026-11-26-llama-cuda/). `BatchedModel` is a thread-safe `ChatModel` over
one context holding up to `sequences` answers, each a sequence of its own in llama.cpp's KV
cache: every decode step advances every answer in progress by one token, and the prompts of
requests that arrive are evaluated in the same steps with the room left in the batch (as
llama.cpp's own server does). Same model, same Q4 arithmetic, same prompt as `LocalModel`
(its chat template, the code-block fence opened in the prompt); greedy answers can differ from
one-at-a-time ones only by rounding in batched matrix products. Sampled answers (temperature
above 0) draw from the same distribution (llama-cpp-python's default top-k 40, top-p 0.95,
min-p 0.05) with a generator of their own, so not the same draws.

llama_cpp is reached through `llm._import_llama`: llm.py stays the one module importing it.
"""

from __future__ import annotations

import heapq
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from regrapht.generate.llm import (
    Completion,
    GenerationCancelled,
    LocalModel,
    Message,
    ModelError,
    ModelSettings,
    _import_llama,
    _is_code_block,
    _quiet_stderr,
    fenced_answer,
)

TOP_K, TOP_P, MIN_P = 40, 0.95, 0.05  # llama-cpp-python's create_completion defaults
UNUSED_CONTEXT = 256  # tokens of the loading LocalModel's own context


class AnswerText:
    """The bytes of one answer as its tokens arrive: it ends at the first stop string (cut
    before it), at an end-of-generation token, or after `max_tokens` tokens."""

    def __init__(self, stops: Sequence[str], max_tokens: int) -> None:
        self._stops = tuple(s.encode("utf-8") for s in stops if s)
        self._longest = max((len(s) for s in self._stops), default=1)
        self.max_tokens = max_tokens
        self.raw = bytearray()
        self.tokens = 0
        self.finish: str | None = None  # "stop" | "length" once it has ended

    def add(self, piece: bytes) -> str | None:
        """Append one token's bytes; the finish reason once the answer has ended."""
        start = max(0, len(self.raw) - self._longest + 1)  # a stop may straddle two tokens
        self.raw += piece
        self.tokens += 1
        found = [i for i in (self.raw.find(s, start) for s in self._stops) if i >= 0]
        if found:
            del self.raw[min(found):]
            self.finish = "stop"
        elif self.tokens >= self.max_tokens:
            self.finish = "length"
        return self.finish

    def end_of_generation(self) -> str:
        self.finish = "stop"
        return self.finish

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", "ignore")


def sample(logits: np.ndarray, temperature: float, rng: np.random.Generator) -> int:
    """The next token from one row of logits: greedy at temperature 0, else top-k, top-p and
    min-p filtered draws."""
    if temperature <= 0:
        return int(np.argmax(logits))
    if logits.size > TOP_K:
        top = np.argpartition(logits, -TOP_K)[-TOP_K:]
    else:
        top = np.arange(logits.size)
    top = top[np.argsort(logits[top])[::-1]]  # most likely first
    scaled = logits[top].astype(np.float64) / temperature
    probs = np.exp(scaled - scaled[0])
    probs /= probs.sum()
    keep = int(np.searchsorted(np.cumsum(probs), TOP_P)) + 1  # the smallest set reaching top-p
    keep = min(keep, int(np.count_nonzero(probs >= MIN_P * probs[0])))
    kept = probs[:max(keep, 1)]
    return int(top[rng.choice(kept.size, p=kept / kept.sum())])


def plan_step(wants: Sequence[tuple[int, bool, int]], room: int) -> list[tuple[int, int]]:
    """What one decode step holds: (slot, prompt tokens) per sequence in the order the batch
    lists them, 0 prompt tokens meaning the sequence's next token. `wants` is (slot, has a
    token to evaluate, prompt tokens left) per sequence, in arrival order. Every answer under
    way gets its token; prompts share the room left, first come first served.

    Listed by slot: llama.cpp splits a batch over several KV streams into micro-batches of
    sequences whose ids follow one another in the batch's order (llama_batch_allocr::
    split_equal, sequential), and each micro-batch costs a pass over the weights. On the H100,
    48 answers listed in arrival order took 19 ms a step when their slots came nearly in order
    and 81 ms when they came in the order earlier answers had freed them
    (bench/results/2026-11-26-llama-cuda/batched-smoke.txt, before this order). Slots are
    handed out lowest first, so that the ones in use stay together; a gap between them still
    starts a micro-batch of its own."""
    decoding = [slot for slot, has_token, _ in wants if has_token]
    left = room - len(decoding)
    prompts: dict[int, int] = {}
    for slot, has_token, prompt_left in wants:
        if not has_token and prompt_left > 0 and left > 0:
            prompts[slot] = min(prompt_left, left)
            left -= prompts[slot]
    return sorted([(slot, 0) for slot in decoding] + list(prompts.items()))


@dataclass(eq=False)
class _Sequence:
    """One request while the engine works on it (engine-thread state, never handed on)."""

    prompt: list[int]
    answer: AnswerText
    temperature: float
    rng: np.random.Generator
    opened: bool
    prompt_count: int
    cancel: threading.Event | None
    on_token: Callable[[int], None] | None
    started: float = field(default_factory=time.perf_counter)
    slot: int = -1  # llama.cpp sequence id while it holds one
    fed: int = 0  # prompt tokens evaluated so far
    next_token: int | None = None  # sampled, not yet evaluated
    done: threading.Event = field(default_factory=threading.Event)
    result: Completion | None = None
    error: BaseException | None = None


class BatchedModel:
    """A loaded GGUF model answering up to `sequences` chat requests at once, from any thread."""

    def __init__(self, settings: ModelSettings, sequences: int, *,
                 context_per_sequence: int | None = None, batch_tokens: int = 2048) -> None:
        self.settings = settings
        self.sequences = max(1, sequences)
        # the weights, tokenizer and chat template; its own context is never decoded in, so
        # it is kept small (the KV cache of settings.n_ctx tokens is 235 MB on the GPU)
        self._local = LocalModel(replace(settings, n_ctx=UNUSED_CONTEXT))
        llama_cpp = _import_llama()
        self._lib = llama_cpp
        self.context_per_sequence = context_per_sequence or settings.n_ctx
        params = llama_cpp.llama_context_default_params()
        params.n_ctx = self.sequences * self.context_per_sequence
        params.n_batch = batch_tokens
        params.n_ubatch = min(512, batch_tokens)
        params.n_seq_max = self.sequences
        params.kv_unified = False  # one KV stream per answer: none attends over the others'
        threads = settings.n_threads or max(1, (os.cpu_count() or 2) // 2)
        params.n_threads = params.n_threads_batch = threads
        model = self._local._llm.model
        with _quiet_stderr():
            self._ctx = llama_cpp.llama_init_from_model(model, params)
        if not self._ctx:
            raise ModelError(f"llama.cpp could not make a context for {self.sequences} "
                             f"sequences of {self.context_per_sequence} tokens")
        self._batch_tokens = batch_tokens
        self._batch = llama_cpp.llama_batch_init(batch_tokens, 0, 1)
        vocab = llama_cpp.llama_model_get_vocab(model)
        self._vocab = vocab
        self._n_vocab = int(llama_cpp.llama_vocab_n_tokens(vocab))
        self._memory = llama_cpp.llama_get_memory(self._ctx)
        self._cond = threading.Condition()
        self._waiting: list[_Sequence] = []
        self._active: list[_Sequence] = []
        self._free = list(range(self.sequences))  # a heap: the lowest free slot first
        self._closed = False
        self.steps = 0  # decode calls made (for reports and tests)
        self._thread = threading.Thread(target=self._run, name="llama-batch", daemon=True)
        self._thread.start()

    @property
    def name(self) -> str:
        return self._local.name

    def chat(self, messages: Sequence[Message], *, max_tokens: int | None = None,
             temperature: float | None = None, stop: Sequence[str] = (),
             grammar: str | None = None, cancel: threading.Event | None = None,
             on_token: Callable[[int], None] | None = None, seed: int | None = None
             ) -> Completion:
        """As `LocalModel.chat`; waits while the engine answers this request among others."""
        local = self._local
        opened = grammar is not None and _is_code_block(grammar)
        if grammar is not None and not opened:
            raise ModelError("the batched model takes the code-block grammar or none")
        if local._template is None:
            raise ModelError("the batched model needs the model's own chat template")
        prompt, stops = local.chat_prompt(messages, stop, fenced=opened)
        # a long prompt (a deep step's repair) gets what is left of the sequence's context:
        # an answer that reaches it is cut ("length"), not the whole run stopped
        limit = min(max_tokens or self.settings.max_tokens,
                    self.context_per_sequence - len(prompt))
        if limit < 1:
            raise ModelError(f"a prompt of {len(prompt)} tokens leaves no room in the "
                             f"{self.context_per_sequence} tokens a sequence holds")
        mine = _Sequence(
            prompt=prompt, answer=AnswerText(stops, limit),
            temperature=self.settings.temperature if temperature is None else temperature,
            rng=np.random.default_rng(self.settings.seed if seed is None else seed),
            opened=opened, prompt_count=local.prompt_tokens(messages), cancel=cancel,
            on_token=on_token)
        with self._cond:
            if self._closed:
                raise ModelError("the batched model was closed")
            self._waiting.append(mine)
            self._cond.notify_all()
        mine.done.wait()
        if mine.error is not None:
            raise mine.error
        assert mine.result is not None
        return mine.result

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join()
        self._lib.llama_batch_free(self._batch)
        self._lib.llama_free(self._ctx)

    # the engine thread

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    while not self._closed and not self._waiting and not self._active:
                        self._cond.wait()
                    if self._closed:
                        break
                    self._admit()
                self._drop_cancelled()
                if self._active:
                    self._step()
        except BaseException as exc:  # every caller learns of it; none waits forever
            self._fail_all(exc)
            return
        self._fail_all(ModelError("the batched model was closed"))

    def _admit(self) -> None:
        while self._waiting and self._free:
            seq = self._waiting.pop(0)
            seq.slot = heapq.heappop(self._free)
            self._active.append(seq)

    def _drop_cancelled(self) -> None:
        for seq in list(self._active):
            if seq.cancel is not None and seq.cancel.is_set():
                self._finish(seq, error=GenerationCancelled())

    def _step(self) -> None:
        """One decode: a token for every answer under way, prompt tokens in the room left."""
        batch = self._batch
        wants = [(seq.slot, seq.next_token is not None, len(seq.prompt) - seq.fed)
                 for seq in self._active]
        by_slot = {seq.slot: seq for seq in self._active}
        outputs: list[_Sequence] = []
        count = 0
        for slot, prompt_tokens in plan_step(wants, self._batch_tokens):
            seq = by_slot[slot]
            if prompt_tokens:
                tokens = range(seq.fed, seq.fed + prompt_tokens)
                seq.fed += prompt_tokens
            else:
                tokens = range(len(seq.prompt) + seq.answer.tokens - 1,
                               len(seq.prompt) + seq.answer.tokens)
            for pos in tokens:
                batch.token[count] = seq.prompt[pos] if prompt_tokens else seq.next_token
                batch.pos[count] = pos
                batch.n_seq_id[count] = 1
                batch.seq_id[count][0] = slot
                logits = not prompt_tokens or pos == len(seq.prompt) - 1
                batch.logits[count] = logits
                count += 1
                if logits:
                    outputs.append(seq)
            if not prompt_tokens:
                seq.next_token = None
        batch.n_tokens = count
        status = self._lib.llama_decode(self._ctx, batch)
        self.steps += 1
        if status != 0:
            raise ModelError(f"llama_decode failed ({status}) on a batch of {count} tokens")
        rows = np.ctypeslib.as_array(self._lib.llama_get_logits(self._ctx),
                                     shape=(len(outputs), self._n_vocab))
        for row, seq in zip(rows, outputs, strict=True):
            self._accept(seq, sample(row, seq.temperature, seq.rng))

    def _accept(self, seq: _Sequence, token: int) -> None:
        if self._lib.llama_vocab_is_eog(self._vocab, token):
            seq.answer.end_of_generation()
        else:
            piece = bytes(self._local._llm.detokenize([token]))
            seq.answer.add(piece)
            if seq.on_token is not None:
                seq.on_token(seq.answer.tokens)
        if seq.answer.finish is not None:
            self._finish(seq)
        else:
            seq.next_token = token

    def _finish(self, seq: _Sequence, error: BaseException | None = None) -> None:
        self._lib.llama_memory_seq_rm(self._memory, seq.slot, -1, -1)
        self._active.remove(seq)
        heapq.heappush(self._free, seq.slot)
        if error is None:
            text = seq.answer.text
            finish = seq.answer.finish or "stop"
            if seq.opened:
                text = fenced_answer(text, finish)
            seq.result = Completion(text=text, prompt_tokens=seq.prompt_count,
                                    completion_tokens=seq.answer.tokens,
                                    seconds=time.perf_counter() - seq.started,
                                    finish_reason=finish)
        seq.error = error
        seq.done.set()

    def _fail_all(self, error: BaseException) -> None:
        with self._cond:
            pending = self._active + self._waiting
            self._active, self._waiting = [], []
        for seq in pending:
            seq.error = error
            seq.done.set()
