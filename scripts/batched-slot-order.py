"""Time the batched model's decode steps when the slots in use come out of order: a first
round of 4 answers that end in the reverse order of their slots (so that the slots come free
as 3, 2, 1, 0), then a second round of 4 answers of 24 tokens each. Runs on a CPU.
usage: PYTHONPATH=server python scripts/batched-slot-order.py [MODEL]"""
import sys
import threading
import time
from pathlib import Path

from regrapht.generate.batched import BatchedModel
from regrapht.generate.llm import ModelSettings

default = Path.home() / ".cache/regrapht/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
path = Path(sys.argv[1]) if len(sys.argv) > 1 else default
model = BatchedModel(ModelSettings(path=path, n_threads=2, n_ctx=1024), 4)


def together(limits: list[int]) -> None:
    threads = []
    for i, n in enumerate(limits):  # a little apart, so that they arrive in this order
        messages = [{"role": "user", "content": f"Count from {i} upwards in C."}]
        t = threading.Thread(target=model.chat, args=(messages,), kwargs={"max_tokens": n})
        t.start()
        threads.append(t)
        time.sleep(0.05)
    for t in threads:
        t.join()


for round_, limits in enumerate([[16, 12, 8, 4], [24, 24, 24, 24]]):
    started, steps = time.perf_counter(), model.steps
    together(limits)
    took, steps = time.perf_counter() - started, model.steps - steps
    print(f"round {round_}: {took:.2f} s, {steps} steps, {1000 * took / steps:.0f} ms a step",
          flush=True)
model.close()
