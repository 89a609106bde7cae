#!/usr/bin/env bash
# Set up, then parallelize a bundled example (a dense matrix product) with the local model.
# On a GPU machine the rewrite is checked against the -O3 sequential code and timed; elsewhere
# it is compiled with nvcc and the report says plainly that nothing was run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p build/demo
# --force: a second demo replaces the first one's result (its own files, never the example)
.venv/bin/regrapht parallelize examples/matmul.c --function matmul --force \
  --out build/demo/matmul_cuda.cu --report build/demo/matmul.report.json "$@"
