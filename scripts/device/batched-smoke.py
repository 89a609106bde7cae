"""On the GPU machine: time the batched llama.cpp route (generate/batched.py: one context, N
answers at once) with every layer on the GPU: one prompt alone, then N at once, twice.
Run after build-llama-cuda.sh.
usage: PYTHONPATH=/root/site:server python3 scripts/device/batched-smoke.py MODEL N"""
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from regrapht.generate.llm import load_native_first

load_native_first()  # before the tree-sitter grammars (prompting): see its note

from regrapht.generate.batched import BatchedModel  # noqa: E402
from regrapht.generate.llm import Completion, ModelSettings, backend_info  # noqa: E402
from regrapht.generate.prompting import code_block_grammar  # noqa: E402

path, sequences = Path(sys.argv[1]), int(sys.argv[2])
t = time.perf_counter()
model = BatchedModel(ModelSettings(path=path, n_gpu_layers=-1, n_threads=4), sequences)
print(f"loaded in {time.perf_counter() - t:.1f} s, {sequences} sequences of "
      f"{model.context_per_sequence} tokens", flush=True)
print(backend_info()["system_info"], flush=True)
asks = [f"Write a CUDA kernel and a launcher that adds {k} to every element of a float array, "
        "then squares it; use a grid-stride loop and check every CUDA call."
        for k in range(sequences)]


def ask(a: str) -> Completion:
    return model.chat([{"role": "user", "content": a}], max_tokens=512,
                      grammar=code_block_grammar())


for size in (1, sequences, sequences):
    t = time.perf_counter()
    steps = model.steps
    with ThreadPoolExecutor(size) as ex:
        out = list(ex.map(ask, asks[:size]))
    dt = time.perf_counter() - t
    tokens = sum(c.completion_tokens for c in out)
    print(f"batched x{size}: {dt:.1f} s, {tokens} tokens, {tokens / dt:.0f} tok/s, "
          f"{model.steps - steps} decode steps, per answer "
          f"{[round(c.seconds, 1) for c in out][:8]}", flush=True)
print(out[0].text[:300])
model.close()
