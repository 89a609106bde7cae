"""On the GPU machine: load the model through the transformers backend and time one batch of
N prompts, padded (static) or continuously batched (N threads asking at once).
usage: PYTHONPATH=/root/site:server python3 scripts/device/hf-smoke.py MODEL N CONVERT_DIR
       static|continuous"""
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from regrapht.bench.batch import ChatRequest
from regrapht.generate.hf_model import TransformersModel
from regrapht.generate.llm import Completion
from regrapht.generate.prompting import code_block_grammar

path, batch, convert, mode = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]
t = time.perf_counter()
model = TransformersModel(path, convert_dir=convert, max_batch=batch)
print(f"loaded in {time.perf_counter() - t:.1f} s", flush=True)
asks = [f"Write a CUDA kernel and a launcher that adds {k} to every element of a float array."
        for k in range(batch)]
requests = [ChatRequest(({"role": "user", "content": a},), max_tokens=512,
                        grammar=code_block_grammar()) for a in asks]
ask: Callable[[ChatRequest], Completion] | None = None
if mode == "continuous":
    t = time.perf_counter()
    cb = model.continuous()
    print(f"continuous batching ready in {time.perf_counter() - t:.1f} s", flush=True)

    def ask(r: ChatRequest) -> Completion:
        return cb.chat(list(r.messages), max_tokens=r.max_tokens, grammar=r.grammar)
for size in (1, batch):
    t = time.perf_counter()
    if ask is None:
        out = model.chat_many(requests[:size])
    else:
        with ThreadPoolExecutor(size) as pool:
            out = list(pool.map(ask, requests[:size]))
    dt = time.perf_counter() - t
    tokens = sum(c.completion_tokens for c in out)
    print(f"{mode} {size}: {dt:.1f} s, {tokens} tokens, {tokens / dt:.0f} tok/s, "
          f"finish {[c.finish_reason for c in out][:8]}", flush=True)
print(out[0].text[:400])
