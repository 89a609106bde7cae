"""The command line on bad input: one clear message, a distinct exit code, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.cli_runner import regrapht

SAXPY = "void saxpy(int n, float a, const float *x, float *y) {\n" \
        "    for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i];\n}\n"

KERNEL = ["--kernel", "__global__ void k(int count, float a, const float *x, float *y)",
          "--grid", "(n + 255) / 256", "--block", "256"]

# (file name, source, extra args, exit code, words the message must contain)
CASES = [
    ("syntax.c", "void f(int n, float *y) {\n  for (int i = 0; i < n; i++) y[i] = ;\n}\n",
     ["-f", "f"], 4, ["syntax error", ":2:"]),
    ("io.c", "#include <stdio.h>\nvoid f(int n, float *y) {\n"
     "  for (int i = 0; i < n; i++) printf(\"%f\", y[i]);\n}\n",
     ["-f", "f"], 4, ["I/O", ":3:"]),
    ("unknown_call.c", "float g(float);\nvoid f(int n, float *y) {\n"
     "  for (int i = 0; i < n; i++) y[i] = g(y[i]);\n}\n", ["-f", "f"], 4, ["'g'", ":3:"]),
    ("missing.c", SAXPY, ["-f", "nope"], 4, ["nope", "saxpy"]),
    ("badflag.c", SAXPY, ["-f", "saxpy", "--size", "n"], 2, ["size"]),
    ("badname.c", SAXPY, ["-f", "saxpy", "--output", "zz"], 2, ["zz", "not an array"]),
    ("at.c", SAXPY, ["--at", "two"], 2, ["LINE:COL"]),
    ("halfkernel.c", SAXPY, ["-f", "saxpy", "--kernel", "__global__ void k(int n)"], 2,
     ["--grid"]),
    ("bind_nothing.c", SAXPY, ["-f", "saxpy", *KERNEL, "--bind", "zz=n"], 2,
     ["binding zz=n", "has no parameter 'zz'"]),
    ("bind_unknown.c", SAXPY, ["-f", "saxpy", *KERNEL, "--bind", "count=m * 2"], 2,
     ["binding count=m * 2", "'m' is not a parameter of saxpy"]),
    ("bind_form.c", SAXPY, ["-f", "saxpy", *KERNEL, "--bind", "count"], 2, ["NAME=EXPR"]),
    ("bind_unbound.c", SAXPY, ["-f", "saxpy", *KERNEL], 2, ["count match no parameter", "--bind"]),
    ("bind_alone.c", SAXPY, ["-f", "saxpy", "--bind", "n=n"], 2, ["--kernel"]),
    ("kernel_form.c", SAXPY, ["-f", "saxpy", "--kernel", "saxpy_k", "--grid", "1", "--block",
                              "1"], 2, ["cannot read the kernel signature"]),
]


@pytest.mark.parametrize(("name", "source", "args", "code", "words"), CASES,
                         ids=[c[0] for c in CASES])
def test_bad_input_is_refused_clearly(tmp_path: Path, repo: Path, name: str, source: str,
                                      args: list[str], code: int, words: list[str]) -> None:
    path = tmp_path / name
    path.write_text(source)
    proc = regrapht("parallelize", str(path), *args, "--out", str(tmp_path / "out.cu"),
                    cwd=repo, env={"REGRAPHT_MODEL": str(tmp_path / "no-model.gguf")})
    assert proc.returncode == code, proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr
    assert proc.stderr.count("regrapht: error:") == 1
    assert "Traceback" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_missing_model_names_the_fix(tmp_path: Path, repo: Path) -> None:
    path = tmp_path / "saxpy.c"
    path.write_text(SAXPY)
    proc = regrapht("parallelize", str(path), "-f", "saxpy", cwd=repo,
                    env={"REGRAPHT_MODEL": str(tmp_path / "absent.gguf")})
    assert proc.returncode == 2
    assert "regrapht model fetch" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saxpy.c"]


BENCH_COUNTS = [
    # option           value   (each must be at least 1; nothing is run or written)
    ("--jobs",         "0"),
    ("--budget",       "0"),
    ("--validations",  "0"),
]


@pytest.mark.parametrize(("option", "value"), BENCH_COUNTS, ids=[c[0] for c in BENCH_COUNTS])
def test_bench_counts_below_one_are_refused(tmp_path: Path, repo: Path, option: str,
                                            value: str) -> None:
    out = tmp_path / "out"
    proc = regrapht("bench", "bench/tasks", "--methods", "standard", option, value,
                    "--out", str(out), cwd=repo,
                    env={"REGRAPHT_MODEL": str(tmp_path / "no-model.gguf")})
    assert proc.returncode == 2, proc.stderr
    assert "must be at least 1" in proc.stderr and option in proc.stderr
    assert not out.exists()
