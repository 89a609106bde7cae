"""On the GPU machine: load the model through the transformers backend and time one batch.
usage: PYTHONPATH=/root/site:server python3 scripts/device/hf-smoke.py MODEL [BATCH] [CONVERT_DIR]"""
import sys
import time
import traceback
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
print(out[0].text[:600])
