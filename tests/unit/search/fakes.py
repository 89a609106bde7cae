"""A fake model and a fake validator for the search tests, and small graphs to search.

The model answers with a CUDA comment listing the techniques applied so far (read back from the
current code in the prompt) plus the new one; the validator turns that list into a verdict:
wrong when any technique on it is marked failing, else verified with the product of the
techniques' speedup factors. So a search's tree is a pure function of graph, factors and seed.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

import networkx as nx

from regrapht.generate.llm import Completion, GenerationCancelled, Message
from regrapht.graph import START, GraphView, Technique
from regrapht.graph.schema import Example
from regrapht.search import Problem
from regrapht.validate.roofline import Roofline
from regrapht.validate.verdict import Stats, Status, Verdict

SOURCE = "void saxpy(int n, float a, const float *x, float *y) {\n" \
         "    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];\n}\n"
FIRST: tuple[Message, ...] = (
    {"role": "system", "content": "You are an expert CUDA C++ engineer."},
    {"role": "user", "content": "Rewrite this sequential C function as CUDA.\n" + SOURCE},
)
CONTRACT = "the launcher signature `void saxpy_device(int n, float a, const float *x, float *y)`"
APPLIED = re.compile(r"// applied: (.*)")
STEP = re.compile(r"## Optimization step: (.*)")


def technique_of(messages: list[Message]) -> str:
    text = messages[-1]["content"]
    if len(messages) > 2:
        return "repair"
    step = STEP.search(text)
    if step:
        return step.group(1).strip()
    if "Think step by step" in text:
        return "chain of thought"
    if "For reference" in text:
        return "retrieval"
    return "one shot"


def applied_before(messages: list[Message]) -> list[str]:
    found = APPLIED.search(messages[-1]["content"])
    return [t for t in found.group(1).split(", ") if t] if found else []


@dataclass
class FakeModel:
    """Deterministic answers keyed by technique; optionally slow, checking cancel per token."""

    cancel: threading.Event | None = None
    token_seconds: float = 0.0
    tokens: int = 10
    prompts: list[list[Message]] = field(default_factory=list)

    def __call__(self, messages: list[Message], *, sample: int = 0) -> Completion:
        self.prompts.append([dict(m) for m in messages])
        for _ in range(self.tokens):
            if self.cancel is not None and self.cancel.is_set():
                raise GenerationCancelled()
            if self.token_seconds:
                time.sleep(self.token_seconds)
        chain = [*applied_before(messages), technique_of(messages)]
        text = f"```cuda\n// applied: {', '.join(chain)}\n// sample {sample}\n" \
               "__global__ void k(int n, float *y) {}\n```"
        return Completion(text, 100, self.tokens, self.token_seconds * self.tokens, "stop")


def verified(speedup: float, roofline_fraction: float | None = None) -> Verdict:
    roof = None
    if roofline_fraction is not None:
        kernel = 1.0 / speedup
        roof = Roofline(1 << 30, None, 1e12, roofline_fraction * kernel, kernel, True, "")
    return Verdict(Status.VERIFIED, "", reference=Stats.of([1.0]),
                   kernel=Stats.of([1.0 / speedup]), end_to_end=Stats.of([1.0 / speedup]),
                   roofline=roof)


WRONG = Verdict(Status.WRONG, "y differs from the reference", reference=Stats.of([1.0]))


@dataclass
class FakeEvaluator:
    """factors: technique -> speedup factor (None: the step is wrong); unknown ones: 1.0.
    roofline: techniques whose result reaches the memory floor."""

    factors: dict[str, float | None]
    roofline: frozenset[str] = frozenset()
    batches: list[int] = field(default_factory=list)
    cancel_after: int | None = None  # set `cancel` after this many evaluations
    cancel: threading.Event | None = None

    def __call__(self, answers: list[str]) -> list[tuple[Verdict, str]]:
        self.batches.append(len(answers))
        if (self.cancel is not None and self.cancel_after is not None
                and sum(self.batches) >= self.cancel_after):
            self.cancel.set()
        return [self.one(a) for a in answers]

    def one(self, answer: str) -> tuple[Verdict, str]:
        found = APPLIED.search(answer)
        chain = found.group(1).split(", ") if found else []
        speedup = 1.0
        for t in chain:
            factor = self.factors.get(t, 1.0)
            if factor is None:
                return WRONG, ""
            speedup *= factor
        fraction = 0.9 if set(chain) & self.roofline else None
        return verified(speedup, fraction), f"// shipped {', '.join(chain)}\n"


def example(source: str, code_before: str = "void f() {}") -> Example:
    return Example(source, "element-wise", f"why {source}", f"how {source}", code_before,
                   "__global__ void g() {}", 2.0, 1.0, "H100")


def graph(edges: list[tuple[str, str]], sources: dict[tuple[str, str], list[str]] | None = None,
          needs: dict[str, int] | None = None) -> GraphView:
    """A graph with these edges (START is 'start'); each edge holds one example named after it,
    or the examples named in `sources`; `needs` gives techniques' min_parallel_loops."""
    g = nx.DiGraph()
    g.add_node(START, technique=Technique(START, "the sequential code"))
    for u, v in edges:
        u = START if u == "start" else u
        for name in (u, v):
            if name not in g:
                g.add_node(name, technique=Technique(name, f"what {name} does",
                                                     min_parallel_loops=(needs or {}).get(name, 1)))
        names = (sources or {}).get((u, v), [f"{u}->{v}"])
        g.add_edge(u, v, examples=tuple(example(n) for n in names))
    return GraphView.of(g)


def problem(view: GraphView | None, parallel_loops: int = 1) -> Problem:
    return Problem(FIRST, SOURCE, CONTRACT, view, parallel_loops)


# A diamond with a cycle: tiling and unrolling lead to each other.
DIAMOND = [("start", "thread mapping"), ("start", "grid-stride loop"),
           ("thread mapping", "shared memory tiling"), ("thread mapping", "loop unrolling"),
           ("grid-stride loop", "loop unrolling"), ("shared memory tiling", "loop unrolling"),
           ("loop unrolling", "shared memory tiling"), ("loop unrolling", "fast math intrinsics")]
FACTORS: dict[str, float | None] = {
    "thread mapping": 4.0, "grid-stride loop": 3.0, "shared memory tiling": 2.0,
    "loop unrolling": 1.2, "fast math intrinsics": None, "one shot": 3.5,
    "chain of thought": 3.6, "retrieval": 3.8, "repair": 3.0,
}
