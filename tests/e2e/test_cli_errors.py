"""The command line on bad input: one clear message, a distinct exit code, nothing written."""

from __future__ import annotations

import os
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
    # issue 21: test-input flags are checked against the function before any work
    ("size_unknown.c", SAXPY, ["-f", "saxpy", "--size", "zz=10"], 2,
     ["--size zz=10", "no parameter 'zz'", "n, a, x, y"]),
    ("range_unknown.c", SAXPY, ["-f", "saxpy", "--range", "q=0:1"], 2,
     ["--range q=", "no parameter 'q'", "n, a, x, y"]),
    ("range_field.c", SAXPY, ["-f", "saxpy", "--range", "Point.x=0:1"], 2, ["Point.x"]),
    ("size_huge.c", SAXPY, ["-f", "saxpy", "--size", "n=100000000000000000000"], 2,
     ["too large for 'int n'", "2147483647"]),
    ("size_float.c", SAXPY, ["-f", "saxpy", "--size", "a=10"], 2, ["not an integer parameter"]),
    ("length_open.c", SAXPY, ["-f", "saxpy", "--length", "x=n+"], 2, ["'length x=n+'"]),
    ("length_paren.c", SAXPY, ["-f", "saxpy", "--length", "x=)"], 2, ["'length x=)'"]),
    ("length_name.c", SAXPY, ["-f", "saxpy", "--length", "x=n*q"], 2,
     ["--length x=n*q", "no parameter 'q'"]),
    ("comment_size.c", "// regrapht: size zz=10\n" + SAXPY, ["-f", "saxpy"], 2,
     ["// regrapht: size zz=10", "no parameter 'zz'"]),
    ("time_nan.c", SAXPY, ["-f", "saxpy", "--time-limit", "nan"], 2, ["--time-limit", "nan"]),
    ("time_inf.c", SAXPY, ["-f", "saxpy", "--time-limit", "inf"], 2, ["--time-limit", "inf"]),
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


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every path under `folder` with its bytes (a folder: 'dir'), to compare before and after."""
    return {str(p.relative_to(folder)): "dir" if p.is_dir() else p.read_bytes()
            for p in sorted(folder.rglob("*"))}


def _prepare(tmp: Path, setup: str) -> None:
    """Things beside saxpy.c: 'dir:D' a folder, 'file:F' an old output, 'hard:F' / 'sym:F' a
    hard or symbolic link to the source, 'ro:D' a read-only folder."""
    for item in filter(None, setup.split()):
        kind, _, name = item.partition(":")
        path = tmp / name
        if kind == "dir":
            path.mkdir()
        elif kind == "file":
            path.write_text("an earlier result\n")
        elif kind == "hard":
            path.hardlink_to(tmp / "saxpy.c")
        elif kind == "sym":
            path.symlink_to(tmp / "saxpy.c")
        elif kind == "ro":
            path.mkdir()
            path.chmod(0o555)


# issue 21: outputs are checked before any work (so before the missing model is noticed):
# never an input, never a path that cannot be written, an existing file only with --force.
# (id, setup, arguments after `-f saxpy` ({tmp}: the folder), exit code, words)
OUTPUT_CASES = [
    ("out_is_source", "", ["--out", "{tmp}/saxpy.c"], 2, ["--out", "saxpy.c", "input file"]),
    ("report_is_source", "", ["--report", "{tmp}/saxpy.c"], 2, ["--report", "input file"]),
    ("out_is_source_relative", "dir:sub", ["--out", "{tmp}/sub/../saxpy.c"], 2, ["input file"]),
    ("out_hard_link", "hard:same.cu", ["--out", "{tmp}/same.cu", "--force"], 2,
     ["same.cu", "input file"]),
    ("out_symlink", "sym:same.cu", ["--out", "{tmp}/same.cu", "--force"], 2, ["input file"]),
    ("out_is_model", "", ["--out", "{tmp}/model.gguf", "--model", "{tmp}/model.gguf"], 2,
     ["input file"]),
    ("out_is_report", "", ["--out", "{tmp}/a.cu", "--report", "{tmp}/a.cu"], 2,
     ["--report", "also --out"]),
    ("out_directory", "dir:adir", ["--out", "{tmp}/adir"], 2, ["--out", "adir", "directory"]),
    ("report_directory", "dir:adir", ["--report", "{tmp}/adir"], 2, ["--report", "directory"]),
    ("out_under_file", "", ["--out", "{tmp}/saxpy.c/x.cu"], 2,
     ["saxpy.c/x.cu", "not a directory"]),
    ("out_in_proc", "", ["--out", "/proc/regrapht_x.cu"], 2,
     ["/proc/regrapht_x.cu", "cannot be written"]),
    ("report_in_proc", "", ["--report", "/proc/regrapht_x.json"], 2, ["cannot be written"]),
    ("out_exists", "file:old.cu", ["--out", "{tmp}/old.cu"], 2, ["old.cu", "exists", "--force"]),
    ("default_out_exists", "file:saxpy_cuda.cu", [], 2, ["saxpy_cuda.cu", "--force"]),
    ("default_report_exists", "file:saxpy_cuda.report.json", [], 2,
     ["saxpy_cuda.report.json", "--force"]),
    # with --force the check passes and the run goes on to the model, which is missing here
    ("force_replaces_later", "file:old.cu", ["--out", "{tmp}/old.cu", "--force"], 2,
     ["regrapht model fetch"]),
    pytest.param("out_read_only", "ro:locked", ["--out", "{tmp}/locked/x.cu"], 2,
                 ["locked/x.cu", "cannot be written"], id="out_read_only",
                 marks=pytest.mark.skipif(os.geteuid() == 0, reason="root writes anywhere")),
]


@pytest.mark.parametrize(("name", "setup", "args", "code", "words"), OUTPUT_CASES,
                         ids=[getattr(c, "id", None) or c[0] for c in OUTPUT_CASES])
def test_outputs_are_checked_before_any_work(tmp_path: Path, repo: Path, name: str,
                                             setup: str, args: list[str], code: int,
                                             words: list[str]) -> None:
    (tmp_path / "saxpy.c").write_text(SAXPY)
    _prepare(tmp_path, setup)
    before = _snapshot(tmp_path)
    proc = regrapht("parallelize", str(tmp_path / "saxpy.c"), "-f", "saxpy",
                    *(a.format(tmp=tmp_path) for a in args), cwd=repo,
                    env={"REGRAPHT_MODEL": str(tmp_path / "no-model.gguf")})
    assert proc.returncode == code, proc.stderr
    for word in words:
        assert word in proc.stderr, proc.stderr
    assert proc.stderr.count("regrapht: error:") == 1
    assert "Traceback" not in proc.stderr
    assert _snapshot(tmp_path) == before  # nothing written, replaced or left as .tmp


def test_latin1_source_is_read(tmp_path: Path, repo: Path) -> None:
    """Issue 21: a Latin-1 byte (0xe9, an accent in a comment) was refused as "'utf-8' codec
    can't decode byte 0xe9" with no file name. A file that is not UTF-8 is read as Latin-1 (every
    byte decodes; compilers take such bytes in comments and strings), and nothing is said: the
    run goes on, here to the model check."""
    path = tmp_path / "latin.c"
    path.write_bytes(b"/* caf\xe9: y = a * x + y */\n" + SAXPY.encode())
    proc = regrapht("parallelize", str(path), "-f", "saxpy", cwd=repo,
                    env={"REGRAPHT_MODEL": str(tmp_path / "no-model.gguf")})
    assert proc.returncode == 2, proc.stderr
    assert "regrapht model fetch" in proc.stderr and "codec" not in proc.stderr, proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["latin.c"]


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
