"""Search strategies over candidate rewrites: MCGS over the reasoning graph and the baselines.

The model and the evaluator are passed in (`Ask`, `EvaluateMany`); nothing here imports
llama_cpp or cupy. `search(problem, ask, evaluate, settings)` runs the method named in the
settings; `repair_search` is the one-shot + repair method on its own.
"""

from regrapht.search.methods import DEFAULT_METHOD, GRAPH_METHODS, METHODS, search
from regrapht.search.outcome import Attempt, SearchOutcome, SearchTrace, TraceNode, reward
from regrapht.search.problem import (
    DEFAULT_BUDGET,
    Ask,
    Evaluate,
    EvaluateMany,
    Problem,
    SearchSettings,
    one_by_one,
)
from regrapht.search.repair import repair_search

__all__ = [
    "DEFAULT_BUDGET", "DEFAULT_METHOD", "GRAPH_METHODS", "METHODS", "Ask", "Attempt", "Evaluate",
    "EvaluateMany", "Problem", "SearchOutcome", "SearchSettings", "SearchTrace", "TraceNode",
    "one_by_one", "repair_search", "reward", "search",
]
