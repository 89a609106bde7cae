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

import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from regrapht.bench.batch import ChatRequest
from regrapht.generate.llm import Completion, ModelError
from regrapht.generate.prompting import code_block_grammar

FENCE_OPEN = "```cuda\n"
FENCE = "```"


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
                 dtype: str = "bfloat16", max_tokens: int = 1024, temperature: float = 0.0,
                 seed: int = 0, max_batch: int = 64) -> None:
        self.path = path
        self.max_tokens = max_tokens
        self.temperature = temperature
        self.seed = seed
        self.max_batch = max(1, max_batch)
        self._torch, transformers = _import()
        self.load_seconds = 0.0
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
        seconds = time.perf_counter() - started
        width = enc["input_ids"].shape[1]
        prompt_lengths = enc["attention_mask"].sum(dim=1).tolist()
        eos = {self.tokenizer.eos_token_id, self.tokenizer.pad_token_id}
        configured = getattr(self.model.generation_config, "eos_token_id", None)
        eos |= set(configured if isinstance(configured, list) else [configured])
        results: dict[int, Completion] = {}
        for row, i in enumerate(order):
            new = out[row, width:].tolist()
            ended = False
            for cut, token in enumerate(new):
                if token in eos:
                    new, ended = new[:cut], True
                    break
            generated = self.tokenizer.decode(new, skip_special_tokens=True)
            if batch[i].grammar is not None:
                text, stopped = finish_code_block(cut_at_stop(generated, batch[i].stop)[0])
            else:
                text, stopped = cut_at_stop(generated, stops)
            results[i] = Completion(
                text=text, prompt_tokens=int(prompt_lengths[row]), completion_tokens=len(new),
                seconds=seconds,
                finish_reason="stop" if ended or stopped or len(new) < max_new else "length")
        return [results[i] for i in range(len(batch))]
