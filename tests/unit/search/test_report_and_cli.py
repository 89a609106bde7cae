"""The trace reaches the report and the terminal; the CLI selects the method and its budget;
the pipeline loads the graph only for the methods that use it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from regrapht.cli import build_parser
from regrapht.pipeline import Job, load_graph_view
from regrapht.report import search_line, trace_report
from regrapht.search import SearchSettings, search
from tests.unit.search.fakes import DIAMOND, FACTORS, FakeEvaluator, FakeModel, graph, problem


def mcgs_outcome():
    return search(problem(graph(DIAMOND)), FakeModel(), FakeEvaluator(FACTORS),
                  SearchSettings(budget=6))


def test_trace_report_holds_the_path_with_code_and_the_whole_tree():
    outcome = mcgs_outcome()
    report = trace_report(outcome)
    json.dumps(report)  # serializable as it is
    assert report["method"] == "regrapht-mcgs" and report["stop"] == "budget"
    assert report["tree_size"] == len(report["tree"]) - 1 == 6
    assert [s["technique"] for s in report["path"]] == [
        n.technique for n in outcome.trace.steps()]
    assert all("code" in s for s in report["path"]) and "code" not in report["tree"][1]
    assert report["overhead_seconds"] == outcome.search_overhead_seconds


def test_search_line_names_method_path_and_overhead():
    line = search_line(SimpleNamespace(outcome=mcgs_outcome()))
    assert line.startswith("search: regrapht-mcgs, 6 model call(s), 6 state(s), stopped: budget")
    assert "path: thread mapping (verified 4.00x) -> shared memory tiling" in line
    assert "search overhead" in line


ARGS = [
    # flags                                          attribute      value
    ([],                                             "method",      None),
    (["--method", "rag"],                            "method",      "rag"),
    (["--budget", "5"],                              "budget",      5),
    (["--same-calls"],                               "same_calls",  True),
    (["--seed", "3"],                                "seed",        3),
    (["--time-limit", "60"],                         "time_limit",  60.0),
]


@pytest.mark.parametrize(("flags", "attribute", "value"), ARGS)
def test_parallelize_flags(flags, attribute, value):
    args = build_parser().parse_args(["parallelize", "f.c", "-f", "f", *flags])
    assert getattr(args, attribute) == value


def test_unknown_method_is_a_usage_error(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["parallelize", "f.c", "-f", "f", "--method", "mcts"])
    assert "invalid choice: 'mcts'" in capsys.readouterr().err


GRAPH_LOADS = [
    # method            graph file              loaded
    ("regrapht-mcgs",   "good",                 True),
    ("rag",             "good",                 True),
    ("repair",          "good",                 False),
    ("standard",        "good",                 False),
    ("regrapht-mcgs",   "missing",              False),
]


@pytest.mark.parametrize(("method", "which", "loaded"), GRAPH_LOADS)
def test_pipeline_loads_the_graph_for_graph_methods(tmp_path, method, which, loaded):
    good = Path(__file__).resolve().parents[3] / "shared_graph" / "graph.json"
    path = good if which == "good" else tmp_path / "none.json"
    notes: list[str] = []
    view = load_graph_view(Job(Path("f.c"), method=method, graph_path=path), notes.append)
    assert (view is not None) == loaded
    assert bool(notes) == (which == "missing")


def test_the_search_imports_no_model_or_gpu_code():
    code = ("import sys, regrapht.search, regrapht.search.mcgs; "
            "print(sorted(m for m in ('llama_cpp', 'cupy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"PYTHONPATH": str(Path(__file__).resolve().parents[3] / "server")})
    assert out.stdout.strip() == "[]", out.stderr
