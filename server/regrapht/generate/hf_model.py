"""The same GGUF model through PyTorch + transformers, for the GPU machine's benchmark: the only
module that imports torch and transformers.

llama.cpp (generate/llm.py) answers one prompt at a time; a benchmark asks hundreds. On a GPU,
transformers loads the GGUF file dequantized (bf16 by default) and generates a batch of prompts
in one `generate` call. `TransformersModel` is a `bench.batch.BatchChatModel`; `BatchingModel`
turns the runner's concurrent calls into its batches.

- Loading dequantizes the GGUF file once (about a minute for 1.5B parameters) and keeps the
  result in `convert_dir` (safetensors + tokenizer) so that the next process loads in seconds.
  The key is the file's name and size; the GGUF file stays the model's identity.
- The code-block grammar (prompting.code_block_grammar) is the only grammar it takes: the answer
  is started with "```cuda\\n" and stops at the next "```", which is exactly the language the
  grammar allows. Any other grammar is refused (ModelError).
- Requests are batched by what the decoding shares (max_tokens, temperature, stop strings,
  grammar), left-padded and sorted by prompt length. Greedy answers do not depend on the batch
  beyond bf16 rounding; sampled ones take their seed from the first request of the batch.
- A completion's `seconds` is the wall time of the batch it was generated in.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from regrapht.bench.batch import ChatRequest
from regrapht.generate.llm import (
    ANSWER_TOKENS,
    FENCE,
    FENCE_OPEN,
    Completion,
    GenerationCancelled,
    Message,
    ModelError,
)
from regrapht.generate.prompting import code_block_grammar

MEMORY_FRACTION = 0.5  # of the GPU's memory, for this process (model, batches, KV caches)


def _import() -> tuple[Any, Any]:
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise ModelError("the transformers backend needs torch and transformers "
                         f"(and gguf to read the model file): {exc}") from exc
    return torch, transformers


def convert_key(path: Path) -> str:
    return f"{path.stem}-{path.stat().st_size}"


def cut_at_stop(text: str, stops: Sequence[str]) -> tuple[str, bool]:
    """`text` up to the first stop string (excluded, as llama.cpp does); True if one was hit."""
    hits = [i for i in (text.find(s) for s in stops if s) if i >= 0]
    return (text[:min(hits)], True) if hits else (text, False)


def finish_code_block(generated: str) -> tuple[str, bool]:
    """The grammar's answer: the opening fence, the body, the closing fence (if generated)."""
    end = generated.find(FENCE)
    if end < 0:
        return FENCE_OPEN + generated, False
    return FENCE_OPEN + generated[:end] + FENCE, True


def batch_groups(requests: Sequence[ChatRequest], max_batch: int
                 ) -> list[list[int]]:
    """Indices of `requests` in batches: same decoding options, at most `max_batch` each."""
    groups: dict[tuple[Any, ...], list[int]] = {}
    for i, r in enumerate(requests):
        groups.setdefault((r.max_tokens, r.temperature, r.stop, r.grammar), []).append(i)
    out: list[list[int]] = []
    for members in groups.values():
        for start in range(0, len(members), max_batch):
            out.append(members[start:start + max_batch])
    return out


def _keep(model: Any, tok: Any, saved: Path) -> None:
    """Save the dequantized model for the next process (transformers refuses to serialize a
    model it marked GGUF-quantized, although its weights are plain tensors now)."""
    model.hf_quantizer = None
    for holder in (model.config, getattr(model, "generation_config", None)):
        if holder is not None and hasattr(holder, "quantization_config"):
            delattr(holder, "quantization_config")
    if hasattr(model, "is_quantized"):
        model.is_quantized = False
    tmp = saved.with_name(saved.name + ".tmp")
    model.save_pretrained(tmp)
    tok.save_pretrained(tmp)
    tmp.rename(saved)


class TransformersModel:
    """A `BatchChatModel`: the GGUF model, dequantized, generating batches on one device."""

    def __init__(self, path: Path, *, convert_dir: Path | None = None, device: str = "cuda",
                 dtype: str = "bfloat16", max_tokens: int = ANSWER_TOKENS, temperature: float = 0.0,
                 seed: int = 0, max_batch: int = 64) -> None:
        self.path = path
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.seed = seed
        self.max_batch = max(1, max_batch)
        self._torch, transformers = _import()
        self._lock = threading.Lock()
        started = time.perf_counter()
        self.tokenizer, self.model = self._load(transformers, convert_dir, device, dtype)
        self.load_seconds = time.perf_counter() - started
        self.tokenizer.padding_side = "left"
        if self.tokenizer.pad_token is None:
            self.tokenizer.pad_token = self.tokenizer.eos_token
        self._name = path.name

    def _load(self, transformers: Any, convert_dir: Path | None, device: str, dtype: str
              ) -> tuple[Any, Any]:
        torch_dtype = getattr(self._torch, dtype)
        auto_tok, auto_model = transformers.AutoTokenizer, transformers.AutoModelForCausalLM
        saved = convert_dir / convert_key(self.path) if convert_dir is not None else None
        try:
            if saved is not None and (saved / "config.json").is_file():
                tok = auto_tok.from_pretrained(saved)
                model = auto_model.from_pretrained(saved, dtype=torch_dtype)
            else:
                where, name = str(self.path.parent), self.path.name
                tok = auto_tok.from_pretrained(where, gguf_file=name)
                model = auto_model.from_pretrained(where, gguf_file=name, dtype=torch_dtype)
                if saved is not None:
                    try:
                        _keep(model, tok, saved)
                    except (OSError, ValueError, AttributeError) as exc:  # next load converts
                        print(f"regrapht: dequantized model not kept: {exc}", file=sys.stderr)
        except (OSError, ValueError, ImportError) as exc:
            raise ModelError(f"transformers could not load {self.path}: {exc}") from exc
        if device.startswith("cuda"):
            # the validator's children (CuPy, up to 256 MiB an array) share this GPU: the
            # model's caching allocator must not take it all (they ran out of memory)
            self._torch.cuda.set_per_process_memory_fraction(MEMORY_FRACTION)
        return tok, model.to(device).eval()

    @property
    def name(self) -> str:
        return self._name

    def prompt_text(self, request: ChatRequest) -> str:
        if request.grammar is not None and request.grammar != code_block_grammar():
            raise ModelError("the transformers backend only takes the code-block grammar")
        text = str(self.tokenizer.apply_chat_template(list(request.messages), tokenize=False,
                                                      add_generation_prompt=True))
        return text + FENCE_OPEN if request.grammar is not None else text

    def chat_many(self, requests: Sequence[ChatRequest]) -> list[Completion]:
        answers: list[Completion | None] = [None] * len(requests)
        with self._lock:  # one generate at a time on the device
            for group in batch_groups(requests, self.max_batch):
                for i, done in zip(group, self._generate_fitting([requests[i] for i in group]),
                                   strict=True):
                    answers[i] = done
        return [a for a in answers if a is not None]

    def _generate_fitting(self, batch: Sequence[ChatRequest]) -> list[Completion]:
        """`_generate`, halving the batch while the device runs out of memory."""
        try:
            return self._generate(batch)
        except self._torch.OutOfMemoryError:
            self._torch.cuda.empty_cache()
            if len(batch) == 1:
                raise
            half = len(batch) // 2
            return self._generate_fitting(batch[:half]) + self._generate_fitting(batch[half:])

    def _generate(self, batch: Sequence[ChatRequest]) -> list[Completion]:
        torch = self._torch
        first = batch[0]
        temperature = self.temperature if first.temperature is None else first.temperature
        max_new = first.max_tokens or self.max_tokens
        stops = list(first.stop) + ([FENCE] if first.grammar is not None else [])
        texts = [self.prompt_text(r) for r in batch]
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        enc = self.tokenizer([texts[i] for i in order], return_tensors="pt", padding=True,
                             add_special_tokens=False).to(self.model.device)
        options: dict[str, Any] = {"max_new_tokens": max_new, "pad_token_id":
                                   self.tokenizer.pad_token_id}
        if stops:
            options.update(stop_strings=stops, tokenizer=self.tokenizer)
        if temperature and temperature > 0:
            torch.manual_seed(self.seed if first.seed is None else first.seed)
            options.update(do_sample=True, temperature=temperature, top_p=1.0, top_k=0)
        else:
            options.update(do_sample=False, temperature=None, top_p=None, top_k=None)
        started = time.perf_counter()
        with torch.inference_mode():
            out = self.model.generate(**enc, **options)
        torch.cuda.empty_cache()  # give the batch's memory back for the validator's children
        seconds = time.perf_counter() - started
        width = enc["input_ids"].shape[1]
        prompt_lengths = enc["attention_mask"].sum(dim=1).tolist()
        results: dict[int, Completion] = {}
        for row, i in enumerate(order):
            results[i] = self.completion(batch[i], out[row, width:].tolist(),
                                         int(prompt_lengths[row]), seconds, max_new)
        return [results[i] for i in range(len(batch))]

    @functools.cached_property
    def eos_ids(self) -> frozenset[int]:
        """Tokens that end an answer: the tokenizer's and the model's generation config's."""
        eos = {self.tokenizer.eos_token_id, self.tokenizer.pad_token_id}
        configured = getattr(self.model.generation_config, "eos_token_id", None)
        eos |= set(configured if isinstance(configured, list) else [configured])
        return frozenset(int(e) for e in eos if e is not None)

    def completion(self, request: ChatRequest, new: list[int], prompt_tokens: int,
                   seconds: float, max_new: int) -> Completion:
        """The answer to `request` from its generated token ids (cut at the first end token,
        the stop strings, and for the code-block grammar the closing fence)."""
        eos = self.eos_ids
        ended = False
        for cut, token in enumerate(new):
            if token in eos:
                new, ended = new[:cut], True
                break
        generated = self.tokenizer.decode(new, skip_special_tokens=True)
        if request.grammar is not None:
            text, stopped = finish_code_block(cut_at_stop(generated, request.stop)[0])
        else:
            text, stopped = cut_at_stop(generated, request.stop)
        return Completion(
            text=text, prompt_tokens=prompt_tokens, completion_tokens=len(new), seconds=seconds,
            finish_reason="stop" if ended or stopped or len(new) < max_new else "length")

    def continuous(self) -> ContinuousModel:
        """This model behind transformers' continuous batching (a `ChatModel`)."""
        return ContinuousModel(self)


class _Slot:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.output: Any = None


class _Lane:
    """One continuous batching manager (greedy, or sampled at one temperature) and the thread
    that hands its finished requests to the callers waiting for them."""

    def __init__(self, base: TransformersModel, temperature: float, seed: int) -> None:
        _, transformers = _import()
        sampled = temperature > 0
        config = transformers.GenerationConfig(
            max_new_tokens=base.max_tokens, do_sample=sampled,
            temperature=temperature if sampled else None, top_k=0 if sampled else None,
            top_p=1.0 if sampled else None, eos_token_id=sorted(base.eos_ids),
            pad_token_id=base.tokenizer.pad_token_id)
        # each lane's KV cache takes at most 25% of the free GPU memory (validator children,
        # one CUDA context each, run beside it); no CUDA graphs: two lanes decode from two
        # threads, and a graph captured in one would see the other's launches
        batching = transformers.ContinuousBatchingConfig(
            max_memory_percent=0.25, use_cuda_graph=False, seed=seed)
        self.manager = base.model.init_continuous_batching(
            generation_config=config, continuous_batching_config=batching)
        base.model.__dict__.pop("_cached_continuous_batching_manager", None)  # one per lane
        # started from a daemon thread, the manager's generation thread is a daemon too (threads
        # inherit it): a benchmark that ends, or is interrupted, exits instead of waiting on it
        starter = threading.Thread(target=self.manager.start, daemon=True)
        starter.start()
        starter.join()
        self._lock = threading.Lock()
        self._waiting: dict[str, _Slot] = {}
        self._count = 0
        self._prefix = f"t{temperature:g}-"
        threading.Thread(target=self._route, name="cb-router", daemon=True).start()

    def _route(self) -> None:
        while True:
            result = self.manager.get_result(timeout=0.2)
            if result is None:
                if not self.manager.is_running():
                    with self._lock:
                        for slot in self._waiting.values():
                            slot.done.set()  # output None: the caller raises
                        self._waiting.clear()
                continue
            if result.is_finished():
                with self._lock:
                    found = self._waiting.pop(str(result.request_id), None)
                if found is not None:
                    found.output = result
                    found.done.set()

    def generate(self, ids: list[int], max_new: int, cancel: threading.Event | None) -> Any:
        slot = _Slot()
        with self._lock:
            self._count += 1
            request_id = f"{self._prefix}{self._count}"
            self._waiting[request_id] = slot
        self.manager.add_request(ids, request_id=request_id, max_new_tokens=max_new)
        while not slot.done.wait(0.1):
            if cancel is not None and cancel.is_set():
                self.manager.cancel_request(request_id)
                with self._lock:
                    self._waiting.pop(request_id, None)
                raise GenerationCancelled()
        out = slot.output
        if out is None or out.error:
            raise ModelError(f"continuous batching failed: "
                             f"{getattr(out, 'error', None) or 'its generation thread stopped'}")
        return out


class ContinuousModel:
    """A thread-safe `ChatModel` over transformers' continuous batching: paged attention, each
    request joins the running batch when it arrives and leaves when it ends (no padding, no
    waiting for the batch's longest answer). Greedy requests go to one lane, sampled ones to a
    lane of their temperature (at most `MAX_LANES`); a sampled lane's seed is the first seed
    it was asked with (per-request seeds are not supported by the manager). Stop strings and
    the code-block grammar are applied to the answer afterwards."""

    MAX_LANES = 3

    def __init__(self, base: TransformersModel) -> None:
        self.base = base
        self._lock = threading.Lock()
        self._lanes: dict[float, _Lane] = {0.0: _Lane(base, 0.0, base.seed)}

    @property
    def name(self) -> str:
        return self.base.name

    def _lane(self, temperature: float, seed: int | None) -> _Lane:
        with self._lock:
            lane = self._lanes.get(temperature)
            if lane is None:
                if len(self._lanes) >= self.MAX_LANES:
                    raise ModelError(f"continuous batching: more than {self.MAX_LANES} "
                                     "temperatures in one run")
                lane = _Lane(self.base, temperature, self.base.seed if seed is None else seed)
                self._lanes[temperature] = lane
            return lane

    def chat(self, messages: Sequence[Message], *, max_tokens: int | None = None,
             temperature: float | None = None, stop: Sequence[str] = (),
             grammar: str | None = None, cancel: threading.Event | None = None,
             on_token: Callable[[int], None] | None = None, seed: int | None = None
             ) -> Completion:
        request = ChatRequest(tuple(messages), max_tokens, temperature, tuple(stop), grammar,
                              seed)
        ids = list(self.base.tokenizer(self.base.prompt_text(request), add_special_tokens=False
                                       )["input_ids"])
        max_new = max_tokens or self.base.max_tokens
        effective = self.base.temperature if temperature is None else temperature
        started = time.perf_counter()
        out = self._lane(max(0.0, effective), seed).generate(ids, max_new, cancel)
        return self.base.completion(request, list(out.generated_tokens), len(ids),
                                    time.perf_counter() - started, max_new)
