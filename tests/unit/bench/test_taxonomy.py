"""The failure taxonomy: rows of (attempt record fragment -> category), with error strings
copied from bench/results/2026-11-26-llama-cuda-rerun, and the table `regrapht bench report`
appends to summary.md, from a small synthetic results folder."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from regrapht.bench.report import write_report
from regrapht.bench.runner import BenchSettings, open_output
from regrapht.bench.taxonomy import CATEGORIES, AttemptRecord, classify, step_kind

OK = "```cuda\n__global__ void k(int n, float *y) { y[0] = 1; }\n```"
OTHER = "```cuda\n__global__ void k(int n, float *y) { y[1] = 2; }\n```"
OPEN = "```cuda\n__global__ void k(int n, float *y) {\n    if (n) { y[0] = 1;\n}\n```"

# collatz_steps_u32 rag #0
GLOBAL_LAUNCHER = ('candidate.cu(41): error: a __global__ function call must be configured\n'
                   '      collatz_steps_u32_device(n, d_start_, d_steps_);\n      ^\n')
# lj_forces_cutoff_f32 regrapht #0
FEW_ARGS = ('candidate.cu(65): error: too few arguments in function call\n'
            '      lj_forces_cutoff_f32_device(n, m, d_p_, d_q_, d_f_);\n'
            '                                                        ^\n')
# bias_relu_rows_f32 regrapht #1
MISSING = ('candidate.cu(55): error: identifier "bias_relu_rows_f32_device" is undefined\n'
           '      bias_relu_rows_f32_device(n, m, d_x_, d_b_, d_y_);\n      ^\n')
# collatz_steps_u32 regrapht #0
WRAPPER_SYNTAX = ('candidate.cu(89): error: expected an expression\n  extern "C" void '
                  'collatz_steps_u32(int n, const unsigned int *start, unsigned int *steps) {\n'
                  '  ^\n')
# bilateral5x5_clamp_f32 regrapht #0 (fixed interface): the first error is an undefined name
REDEFINED = ('candidate.cu(32): error: identifier "inv_2ss" is undefined\n'
             '              float wgt = expf(-(float)(dx * dx + dy * dy) * inv_2ss);\n'
             '                                                             ^\n'
             'candidate.cu(61): error: function "bilateral5x5_clamp_f32_device" has already '
             'been defined\n')
# adam_step_f32 regrapht-mcgs #0
UNDEFINED = ('candidate.cu(25): error: identifier "b1" is undefined\n'
             '          m[i] = b1 * m[i] + (1.0f - b1) * g[i];\n                 ^\n')
# adam_step_f32 rag #0
TYPE = ('candidate.cu(25): error: expression must have integral or unscoped enum type\n'
        '      __attribute__((shared)) float sm[m];\n                                       ^\n')
# dia_spmv_f32 cot #0
HOST_CALL = ('candidate.cu(34): error: calling a __host__ function("isWithinBounds(int, int)") '
             'from a __global__ function("dotProductKernel") is not allowed\n'
             'candidate.cu(34): error: identifier "isWithinBounds" is undefined in device code\n')
# back_subst_upper_batched_f32 regrapht #3
VLA = ('candidate.cu(22): error: a variable length array cannot have static storage duration\n'
       '      __attribute__((shared)) float hs[s][s];\n                                    ^\n')
# the same error told in the model's coordinates (validate/nvcc.answer_terms)
UNDEFINED_RETOLD = ('line 8 of your code: error: identifier "b1" is undefined\n'
                    '          m[i] = b1 * m[i] + (1.0f - b1) * g[i];\n')
SIGNATURE_RETOLD = ("The generated wrapper does not compile against your code; it relies on the "
                    "launcher signature `void f_device(int n, float *y)`:\n  error: too few "
                    "arguments in function call (in the code regrapht generates after yours)\n")

WRONG = ("output 'p' 1 of 100003 elements differ; first at index 95152: got np.float32(0.59), "
         "expected np.float32(0.63) at sizes {'n': 100003} (seed 11)")
NEVER = ("output 'out' 561 of 1089 elements differ; first at index 528 (row 16, column 0): got "
         "np.float32(nan), expected np.float32(0.92); 561 elements were never written (still "
         "the NaN poison)")
OOB = ("wrote past the end of 'a' (element 7 of an array of 7): an out-of-bounds write; is a "
       "bound check missing?")
SEGV = "the candidate killed by SIGSEGV during the device trial at sizes {'n': 7} (seed 11)"
TIMEOUT = ("the candidate timeout after 120 s (hang or far too slow) during the timing "
           "kernel-only at sizes {'n': 30000000}")
LAUNCH = ("the launcher left CUDA error 1 (cudaErrorInvalidValue: invalid argument) at sizes "
          "{'n': 7} (seed 11)")

ROWS: list[tuple[str, dict[str, Any], str]] = [
    ("verified",       {"status": "verified"},                                "verified"),
    ("no-op verified", {"status": "verified", "parent_answer": OK},           "no-op"),
    ("no-op comments", {"status": "wrong", "reason": WRONG,
                        "parent_answer": OK.replace("{ y", "{ // same\n y")}, "no-op"),
    ("changed",        {"status": "verified", "parent_answer": OTHER},        "verified"),
    ("cut, old record", {"status": "compile-failed", "compiler_errors": UNDEFINED,
                         "completion_tokens": 1024},                          "cut"),
    ("cut recorded",   {"status": "compile-failed", "cut": True},            "cut"),
    ("long, not cut",  {"status": "compile-failed", "compiler_errors": UNDEFINED,
                        "completion_tokens": 1500, "cut": False},
                       "compile: undefined identifier"),
    ("no kernel",      {"status": "assembly-failed",
                        "reason": "the answer holds no `__global__` kernel"}, "assembly"),
    ("unbalanced",     {"status": "compile-failed", "compiler_errors": UNDEFINED,
                        "answer": OPEN},                  "compile: syntax/truncated"),
    ("wrapper syntax", {"status": "compile-failed", "compiler_errors": WRAPPER_SYNTAX,
                        "function": "collatz_steps_u32"}, "compile: syntax/truncated"),
    ("redefined",      {"status": "compile-failed", "compiler_errors": REDEFINED,
                        "function": "bilateral5x5_clamp_f32", "fixed_interface": True},
                       "compile: harness launcher redefined"),
    ("global",         {"status": "compile-failed", "compiler_errors": GLOBAL_LAUNCHER,
                        "function": "collatz_steps_u32"}, "contract: __global__ launcher"),
    ("signature",      {"status": "compile-failed", "compiler_errors": FEW_ARGS,
                        "function": "lj_forces_cutoff_f32"}, "contract: launcher signature"),
    ("signature told", {"status": "compile-failed", "compiler_errors": SIGNATURE_RETOLD,
                        "function": "f"},                 "contract: launcher signature"),
    ("missing",        {"status": "compile-failed", "compiler_errors": MISSING,
                        "function": "bias_relu_rows_f32"}, "contract: launcher missing"),
    ("undefined",      {"status": "compile-failed", "compiler_errors": UNDEFINED,
                        "function": "adam_step_f32"},     "compile: undefined identifier"),
    ("undefined told", {"status": "compile-failed", "compiler_errors": UNDEFINED_RETOLD},
                       "compile: undefined identifier"),
    ("type",           {"status": "compile-failed", "compiler_errors": TYPE}, "compile: type"),
    ("host call",      {"status": "compile-failed", "compiler_errors": HOST_CALL},
                       "compile: host function in device code"),
    ("vla",            {"status": "compile-failed", "compiler_errors": VLA}, "compile: other"),
    ("wrong",          {"status": "wrong", "reason": WRONG},                  "wrong output"),
    ("never written",  {"status": "wrong", "reason": NEVER},                  "never written"),
    ("out of bounds",  {"status": "wrong", "reason": OOB},                    "out-of-bounds"),
    ("launch error",   {"status": "wrong", "reason": LAUNCH},                 "crash"),
    ("segv",           {"status": "crashed", "reason": SEGV},                 "crash"),
    ("timing error",   {"status": "crashed", "reason": "CUDA error 1 while timing"}, "crash"),
    ("timeout",        {"status": "crashed", "reason": TIMEOUT},              "timeout"),
    ("not run",        {"status": "compiled-not-run"},                        "compiled, not run"),
]


@pytest.mark.parametrize(("fragment", "category"), [r[1:] for r in ROWS],
                         ids=[r[0] for r in ROWS])
def test_classify(fragment: dict[str, Any], category: str) -> None:
    record = AttemptRecord(**{"answer": OK, **fragment})
    assert classify(record) == category
    assert category in CATEGORIES


@pytest.mark.parametrize(("index", "kind", "phase", "expected"), [
    (0, "step", "expand", "first answer"),
    (0, "first", "first", "first answer"),
    (1, "repair", "repair", "repair"),
    (2, "step", "expand", "graph step"),
    (3, "step", "walk", "graph step"),
    (4, "step", "rollout", "rollout"),
    (5, "step", "redraw", "redraw"),
    (6, "sample", "", "redraw"),
])
def test_step_kind(index: int, kind: str, phase: str, expected: str) -> None:
    assert step_kind(index, kind, phase) == expected


def _attempt(index: int, kind: str, status: str, answer: str, **verdict: str) -> dict[str, Any]:
    return {"index": index, "kind": kind, "completion_tokens": 10, "answer": answer,
            "verdict": {"status": status, "reason": verdict.get("reason", ""),
                        "compiler_errors": verdict.get("compiler_errors", "")}}


def _node(id_: int, parent: int | None, phase: str, attempt: int | None, note: str = ""
          ) -> dict[str, Any]:
    return {"id": id_, "parent": parent, "phase": phase, "attempt": attempt, "note": note}


def _write_run(out: Path, task: str, method: str, attempts: list[dict[str, Any]],
               tree: list[dict[str, Any]], redrawn: int = 0) -> None:
    report = {"source": {"function": task}, "settings": {"method": method},
              "attempts": attempts,
              "search": {"tree": tree, "duplicates_redrawn": redrawn}}
    path = out / "runs" / task / f"{method}-0.json.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(json.dumps(report).encode()))


def test_report_appends_the_taxonomy(tmp_path: Path) -> None:
    log = open_output(tmp_path, BenchSettings(methods=("repair", "regrapht-mcgs"), budget=3,
                                              model_id="m:1"), resume=False)
    for method, status in (("repair", "wrong"), ("regrapht-mcgs", "verified")):
        log.append({"task": "f", "tier": "easy", "kernel_class": "element-wise",
                    "method": method, "sample": 0, "status": status, "speedup_kernel": 2.0,
                    "speedup_end_to_end": 1.0, "suspicious": False})
    # repair: a first answer failing on an undefined name, a repair returning it unchanged,
    # then a repair that is wrong
    _write_run(tmp_path, "f", "repair", [
        _attempt(0, "first", "compile-failed", OK, compiler_errors=UNDEFINED),
        _attempt(1, "repair", "compile-failed", OK, compiler_errors=UNDEFINED),
        _attempt(2, "repair", "wrong", OTHER, reason=WRONG),
        {**_attempt(3, "repair", "compile-failed", OPEN, compiler_errors=UNDEFINED), "cut": True},
    ], [_node(0, None, "root", None), _node(1, 0, "first", 0), _node(2, 1, "repair", 1),
        _node(3, 2, "repair", 2), _node(4, 3, "repair", 3)], redrawn=2)
    # mcgs: a step failing on the launcher contract, its repair verified, a rollout unchanged
    _write_run(tmp_path, "f", "regrapht-mcgs", [
        _attempt(0, "step", "compile-failed", OTHER, compiler_errors=MISSING.replace(
            "bias_relu_rows_f32", "f")),
        _attempt(1, "repair", "verified", OK),
        _attempt(2, "step", "verified", OK.replace("{ y", "{\n  y")),
    ], [_node(0, None, "root", None), _node(1, 0, "expand", 0),
        _node(2, 0, "repair", 1, note="repairs state 1"), _node(3, 2, "rollout", 2)])
    write_report(tmp_path, 1, plots=False)
    text = (tmp_path / "summary.md").read_text()
    section = text[text.index("## Where candidates die"):]
    assert "| category | regrapht-mcgs | repair | all |" in section
    assert "| verified | 1 | 0 | 1 |" in section
    assert "| no-op | 1 | 1 | 2 |" in section
    assert "| contract: launcher missing | 1 | 0 | 1 |" in section
    assert "| compile: undefined identifier | 0 | 1 | 1 |" in section
    assert "| wrong output | 0 | 1 | 1 |" in section
    assert "| cut | 0 | 1 | 1 |" in section  # the report's own `cut` flag
    assert "| **attempts** | 3 | 4 | 7 |" in section
    assert "| category | first answer | repair | rollout | all |" in section
    assert "| no-op | 0 | 1 | 1 | 2 |" in section
    assert "(of the 2: verified 1, compile: undefined identifier 1)" in section
    assert "drawn again (sampled) instead of compiled again: repair 2." in section
