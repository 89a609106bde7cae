"""An existing driver's kernel, bound to the function by expression, with the real compiler:
`--kernel ... --bind N=x.size()` (and `--bind sum=return` for a value-returning function) parsed
by the real command line, a scripted answer, the whole pipeline, nvcc (compile only, as
`--no-gpu` does); and the same two as benchmark tasks with `bind` in `[interface]` and no
reference.cu, through `regrapht bench`."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from regrapht.cli import build_parser
from regrapht.cli.parallelize_cmd import _interface
from regrapht.generate.scripted import ScriptedModel
from regrapht.pipeline import Job, run
from regrapht.report import overall_status
from tests.e2e.cli_runner import regrapht

pytestmark = pytest.mark.nvcc

AXPY = """\
#include <vector>
void axpy(float a, const std::vector<float> &x, std::vector<float> &y) {
    for (size_t i = 0; i < x.size(); i++) y[i] += a * x[i];
}
"""
AXPY_KERNEL = """\
__global__ void axpy(float a, const float *x, float *y, size_t N) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < N) y[i] += a * x[i];
}
"""
SUM = """\
#include <vector>
double sum(const std::vector<double> &x) {
    double s = 0.0;
    for (size_t i = 0; i < x.size(); i++) s += x[i];
    return s;
}
"""
SUM_KERNEL = """\
__global__ void sumKernel(const double *x, size_t N, double *sum) {
    size_t i = blockIdx.x * (size_t)blockDim.x + threadIdx.x;
    if (i < N) atomicAdd(sum, x[i]);
}
"""

CASES = [
    # name, source, answer, flags, lines the shipped file holds
    ("axpy", AXPY, AXPY_KERNEL,
     ["--kernel", "__global__ void axpy(float a, const float *x, float *y, size_t N)",
      "--grid", "(x.size()+255)/256", "--block", "256", "--bind", "N=x.size()"],
     ["axpy_kernel<<<(unsigned)((x_size+255)/256), (unsigned)(256)>>>(a, x, y, x_size);",
      "// Fixed by regrapht: kernel `axpy` renamed `axpy_kernel`",
      "void axpy(float a, const std::vector<float> &x, std::vector<float> &y) {"]),
    ("sum", SUM, SUM_KERNEL,
     ["--kernel", "__global__ void sumKernel(const double *x, size_t N, double *sum)",
      "--grid", "(x.size() + 255) / 256", "--block", "256", "--bind", "N=x.size()",
      "--bind", "sum=return"],
     ["sumKernel<<<(unsigned)((x_size + 255) / 256), (unsigned)(256)>>>"
      "(x, x_size, regrapht_result_);", "return (double)regrapht_value_;",
      "double sum(const std::vector<double> &x) {"]),
]


@pytest.mark.parametrize(("name", "source", "answer", "flags", "lines"), CASES,
                         ids=[c[0] for c in CASES])
def test_bound_kernel_compiles_through_the_pipeline(tmp_path: Path, name: str, source: str,
                                                    answer: str, flags: list[str],
                                                    lines: list[str]) -> None:
    path = tmp_path / f"{name}.cpp"
    path.write_text(source)
    args = build_parser().parse_args(["parallelize", str(path), "-f", name, "--no-gpu", *flags])
    script = tmp_path / "script.jsonl"
    script.write_text(json.dumps({"answer": f"```cuda\n{answer}```"}) + "\n")
    job = Job(path=path, function=name, interface=_interface(args), use_gpu=False,
              method="standard", budget=1, build_dir=tmp_path / "build")
    result = run(job, lambda: ScriptedModel(script))
    assert overall_status(result) == "compiled-not-run", result.outcome.attempts[-1].verdict
    for line in lines:
        assert line in result.shipped


def _task(root: Path, name: str, source: str, interface: str) -> None:
    folder = root / "easy" / name
    folder.mkdir(parents=True)
    (folder / f"{name}.cpp").write_text(source)
    (folder / "task.toml").write_text(f"""\
tier = "easy"
kernel_class = "other"
file = "{name}.cpp"
function = "{name}"
expert_steps = ["thread mapping"]

[interface]
{interface}
""")


def test_bound_tasks_run_without_a_reference_solution(tmp_path: Path, repo: Path) -> None:
    """An outside suite's tasks as docs/benchmark-tasks.md shows: bind in [interface], no
    reference.cu; one scripted answer (the two kernels) serves both tasks."""
    tasks = tmp_path / "tasks"
    _task(tasks, "axpy", AXPY, 'signature = "__global__ void axpy(float a, const float *x, '
          'float *y, size_t N)"\ngrid = "(x.size() + 255) / 256"\nblock = 256\n'
          'bind = { N = "x.size()" }')
    _task(tasks, "sum", SUM, 'signature = "__global__ void sumKernel(const double *x, '
          'size_t N, double *sum)"\ngrid = "(x.size() + 255) / 256"\nblock = 256\n'
          'bind = { N = "x.size()", sum = "return" }')
    script = tmp_path / "script.jsonl"
    script.write_text(json.dumps({"answer": f"```cuda\n{AXPY_KERNEL}\n{SUM_KERNEL}```"}) + "\n")
    out = tmp_path / "out"
    proc = regrapht("bench", str(tasks), "--methods", "standard", "--budget", "1", "--no-gpu",
                    "--no-plots", "--scripted-model", str(script), "--out", str(out), cwd=repo,
                    timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    rows = {r["task"]: r for r in map(json.loads, (out / "raw.jsonl").read_text().splitlines())}
    assert {t: r["status"] for t, r in rows.items()} == {"axpy": "compiled-not-run",
                                                         "sum": "compiled-not-run"}
    report = json.loads(gzip.decompress((out / "runs/sum/standard-0.json.gz").read_bytes()))
    assert report["settings"]["kernel_interface"]["bindings"] == [["N", "x.size()"],
                                                                  ["sum", "return"]]
    refused = regrapht("bench", str(tasks), "--methods", "none", "--verify-references",
                       "--no-gpu", "--out", str(tmp_path / "refs"), cwd=repo, timeout=600)
    assert refused.returncode == 2 and "task 'axpy' has no reference solution" in refused.stderr
