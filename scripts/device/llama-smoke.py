"""On the GPU machine: time the llama.cpp backend (the product's own Q4 model and code-block
grammar) with every layer on the GPU: one prompt, then N copies answering N prompts at once
(bench/pool.py's route). Run after build-llama-cuda.sh.
usage: PYTHONPATH=/root/site:server python3 scripts/device/llama-smoke.py MODEL N [THREADS]"""
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from regrapht.generate.llm import load_native_first

load_native_first()  # before the tree-sitter grammars (prompting): see its note

from regrapht.bench.pool import ModelPool, without_cuda_graphs  # noqa: E402
from regrapht.generate.llm import Completion, LocalModel, ModelSettings, backend_info  # noqa: E402
from regrapht.generate.prompting import code_block_grammar  # noqa: E402

path, copies = Path(sys.argv[1]), int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
without_cuda_graphs(copies)  # as `regrapht bench --model-copies` does
settings = ModelSettings(path=path, n_gpu_layers=-1, n_threads=threads)
t = time.perf_counter()
first = LocalModel(settings)
print(f"loaded in {time.perf_counter() - t:.1f} s", flush=True)
print(backend_info()["system_info"], flush=True)
made = [first]


def load() -> LocalModel:
    if made:
        return made.pop()
    return LocalModel(settings)


pool = ModelPool(load, copies)
asks = [f"Write a CUDA kernel and a launcher that adds {k} to every element of a float array, "
        "then squares it; use a grid-stride loop and check every CUDA call." for k in range(copies)]


def ask(a: str) -> Completion:
    return pool.chat([{"role": "user", "content": a}], max_tokens=512,
                     grammar=code_block_grammar())


for size in (1, copies, copies):  # the second round of N: every copy already loaded
    t = time.perf_counter()
    with ThreadPoolExecutor(size) as ex:
        out = list(ex.map(ask, asks[:size]))
    dt = time.perf_counter() - t
    tokens = sum(c.completion_tokens for c in out)
    print(f"llama x{size}: {dt:.1f} s, {tokens} tokens, {tokens / dt:.0f} tok/s, "
          f"per answer {[round(c.seconds, 1) for c in out][:8]}", flush=True)
print(out[0].text[:300])
