"""On the GPU machine: load the model through the transformers backend and time one batch.
usage: PYTHONPATH=/root/site:server python3 scripts/device/hf-smoke.py MODEL [BATCH] [CONVERT_DIR]
[continuous]"""
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from regrapht.bench.batch import ChatRequest
from regrapht.generate.hf_model import TransformersModel
from regrapht.generate.prompting import code_block_grammar

path = Path(sys.argv[1])
batch = int(sys.argv[2]) if len(sys.argv) > 2 else 8
convert = Path(sys.argv[3]) if len(sys.argv) > 3 else None
t = time.perf_counter()
try:
    model = TransformersModel(path, convert_dir=convert, max_batch=batch)
except Exception:
    traceback.print_exc()
    raise
print(f"loaded in {time.perf_counter() - t:.1f} s", flush=True)
asks = [f"Write a CUDA kernel and a launcher that adds {k} to every element of a float array."
        for k in range(batch)]
requests = [ChatRequest(({"role": "user", "content": a},), max_tokens=512,
                        grammar=code_block_grammar()) for a in asks]
for size in (1, batch):
    t = time.perf_counter()
    out = model.chat_many(requests[:size])
    dt = time.perf_counter() - t
    tokens = sum(c.completion_tokens for c in out)
    print(f"batch {size}: {dt:.1f} s, {tokens} tokens, {tokens / dt:.0f} tok/s, "
          f"finish {[c.finish_reason for c in out][:8]}", flush=True)
print(out[0].text[:400])
if sys.argv[4:] == ["continuous"]:
    t = time.perf_counter()
    cb = model.continuous()
    print(f"continuous batching ready in {time.perf_counter() - t:.1f} s", flush=True)
    for size in (1, batch):
        t = time.perf_counter()
        with ThreadPoolExecutor(size) as pool:
            got = list(pool.map(lambda r: cb.chat(list(r.messages), max_tokens=r.max_tokens,
                                                  grammar=r.grammar), requests[:size]))
        dt = time.perf_counter() - t
        tokens = sum(c.completion_tokens for c in got)
        same = sum(a.text == b.text for a, b in zip(got, out, strict=False))
        print(f"continuous {size}: {dt:.1f} s, {tokens} tokens, {tokens / dt:.0f} tok/s, "
              f"{same}/{size} same text as the static batch", flush=True)
    print(got[0].text[:400])
