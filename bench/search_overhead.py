"""The search's own overhead: everything in a run except model calls and validation.

Usage (any machine, repo root): PYTHONPATH=server python3 bench/search_overhead.py OUT_DIR
No model, no GPU: MCGS and the random walks run on a synthetic graph the size of a full one
(20 techniques, every technique after every other, ~3,000 worked examples with code of
realistic length) with a fake model and validator that take a fixed time per call. Reported:
the overhead in seconds (SearchOutcome.search_overhead_seconds) and its share of the run, at
the fake's costs and at the costs of a real run (the validator's measured median, 2.49 s on an
H100, and a model answer of 10 s on a laptop CPU). Writes search_overhead.json and .md.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

import networkx as nx

from regrapht.generate.llm import Completion, Message
from regrapht.graph import START, GraphView, Technique
from regrapht.graph.schema import Example
from regrapht.search import Problem, SearchSettings, search
from regrapht.validate.verdict import Stats, Status, Verdict

TECHNIQUES = 20
EXAMPLES_PER_EDGE = 8
MODEL_SECONDS, VALIDATE_SECONDS = 0.05, 0.02  # the fake's costs
REAL_MODEL_SECONDS, REAL_VALIDATE_SECONDS = 10.0, 2.49
CODE = """__global__ void k{i}(int n, const float *__restrict__ x, float *__restrict__ y) {{
    __shared__ float tile[256];
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) tile[threadIdx.x] = x[i] * {i}.0f;
    __syncthreads();
    if (i < n) y[i] = tile[threadIdx.x] + y[i];
}}
void k_device(int n, const float *x, float *y) {{ k{i}<<<(n + 255) / 256, 256>>>(n, x, y); }}
""" * 4
SOURCE = "void f(int n, const float *x, float *y) { for (int i = 0; i < n; i++) y[i] += x[i]; }"
FIRST: tuple[Message, ...] = ({"role": "system", "content": "You write CUDA."},
                              {"role": "user", "content": "Rewrite as CUDA:\n" + SOURCE * 20})


def big_graph(seed: int = 0) -> nx.DiGraph:
    rng = random.Random(seed)
    names = [START] + [f"technique {t}" for t in range(TECHNIQUES - 1)]
    g = nx.DiGraph()
    for name in names:
        g.add_node(name, technique=Technique(name, f"what {name} does, in two sentences."))
    for u in names:
        for v in names[1:]:
            if u != v:
                g.add_edge(u, v, examples=tuple(
                    Example(f"kernel{rng.randrange(300)}", "element-wise", "why " * 40,
                            "how " * 40, CODE.format(i=rng.randrange(99)),
                            CODE.format(i=rng.randrange(99)), 2.0, 1.0, "H100")
                    for _ in range(EXAMPLES_PER_EDGE)))
    return g


def ask(messages: list[Message], *, sample: int = 0) -> Completion:
    time.sleep(MODEL_SECONDS)
    return Completion("```cuda\n" + CODE.format(i=len(messages[-1]["content"]) % 97) + "```",
                      2000, 400, MODEL_SECONDS, "stop")


def evaluate(answers: list[str]) -> list[tuple[Verdict, str]]:
    out = []
    for answer in answers:
        time.sleep(VALIDATE_SECONDS)
        speed = 1.0 + (hash(answer) % 1000) / 100.0
        out.append((Verdict(Status.VERIFIED, "", reference=Stats.of([1.0]),
                            kernel=Stats.of([1.0 / speed]), end_to_end=Stats.of([1.0])), ""))
    return out


def measure(view: GraphView, method: str, budget: int, seed: int) -> dict[str, float]:
    problem = Problem(FIRST, SOURCE, "the launcher", view)
    settings = replace(SearchSettings(method=method, budget=budget, seed=seed, max_steps=6),
                       same_calls=True)
    started = time.perf_counter()
    outcome = search(problem, ask, evaluate, settings)
    wall = time.perf_counter() - started
    overhead = outcome.search_overhead_seconds
    calls = outcome.model_calls
    real = calls * (REAL_MODEL_SECONDS + REAL_VALIDATE_SECONDS)
    return {"calls": calls, "states": len(outcome.trace.nodes) - 1, "wall": wall,
            "overhead": overhead, "overhead_per_call": overhead / calls,
            "share_fake": overhead / wall, "share_real": overhead / (real + overhead)}


def main(out: Path) -> None:
    started = time.perf_counter()
    g = big_graph()
    view = GraphView.of(g)
    build = time.perf_counter() - started
    examples = sum(len(d["examples"]) for _, _, d in g.edges(data=True))
    rows = []
    for method, budget in (("regrapht-mcgs", 12), ("regrapht-mcgs", 200), ("regrapht", 12),
                           ("repair", 12)):
        runs = [measure(view, method, budget, seed) for seed in range(3)]
        rows.append({"method": method, "budget": budget,
                     **{k: statistics.median(r[k] for r in runs) for k in runs[0]}})
    result = {"graph": {"techniques": TECHNIQUES, "edges": g.number_of_edges(),
                        "examples": examples, "view_build_seconds": build},
              "fake_costs": {"model": MODEL_SECONDS, "validate": VALIDATE_SECONDS},
              "real_costs": {"model": REAL_MODEL_SECONDS, "validate": REAL_VALIDATE_SECONDS},
              "rows": rows}
    out.mkdir(parents=True, exist_ok=True)
    (out / "search_overhead.json").write_text(json.dumps(result, indent=1) + "\n")
    lines = [
        f"# Search overhead (graph: {TECHNIQUES} techniques, {g.number_of_edges()} edges, "
        f"{examples} examples; loading it into the search: {build:.2f} s, once per run)",
        "",
        f"Fake model {MODEL_SECONDS * 1000:.0f} ms and validator {VALIDATE_SECONDS * 1000:.0f} ms "
        "a call; same_calls; medians of 3 seeds. Real share: at 10 s a model answer (CPU laptop) "
        "and 2.49 s a validation (H100 median).",
        "",
        "| method | budget | states | overhead s | per call ms | share (fake costs) "
        "| share (real costs) |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r['method']} | {r['budget']} | {r['states']:.0f} | "
                     f"{r['overhead']:.3f} | {r['overhead_per_call'] * 1000:.2f} | "
                     f"{r['share_fake']:.2%} | {r['share_real']:.4%} |")
    (out / "search_overhead.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
