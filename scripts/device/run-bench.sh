#!/usr/bin/env bash
# On the GPU machine (device tool): the benchmark of issue 6. Verifies every task's reference
# solution, then runs the methods on every task with the same budget, resumably, and packs
# OUT. Expects the wheels installed in /root/site (scripts/device/install-wheels.sh) and the
# model at /root/model.gguf (scripts/device/assemble-model.sh). Results live in
# /root/bench/<NAME> while the machine stays warm; a call cut by the 10-minute limit is
# continued by the same command (--resume; model answers are cached by prompt hash). Each call
# copies what it has to $OUT/bench-<NAME>.tgz.
#   usage: bash scripts/device/run-bench.sh NAME [SECONDS] [-- extra regrapht bench options]
#   env:   METHODS (default all six), BUDGET (8), SAMPLES (1), JOBS (runs at a time, 64),
#          TASKS (bench/tasks), BACKEND (transformers: the model on the GPU, batched; llama:
#          llama.cpp, the product's own Q4 model: build it with CUDA there first,
#          build-llama-cuda.sh, and pass -- --parallel N with N = JOBS, one context answering
#          N runs at once; --model-copies N is the older route), SAME_CALLS (1: every method spends
#          the whole budget), VALIDATIONS (most at once; default one a core), GPU_LAYERS
#          (llama: -1, all)
set -uo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH=/root/site:$PWD/server PYTHONUNBUFFERED=1
name=${1:?usage: run-bench.sh NAME [SECONDS] [-- options]}
shift
seconds=540
if [ $# -gt 0 ] && [ "$1" != "--" ]; then seconds=$1; shift; fi
[ "${1:-}" = "--" ] && shift
res=/root/bench/$name
mkdir -p "$res"
# an earlier lease's results and model answers (cached by prompt hash): carry
# .devcarry/bench-NAME.tgz and .devcarry/bench-cache.tgz (what a call puts in $OUT) to go on
# with them on a fresh machine (the sequential timings in references/ are then the earlier
# machine's; machine.txt lists every machine that took part)
if [ -f ".devcarry/bench-$name.tgz" ] && [ ! -f "$res/raw.jsonl" ]; then
  tar xzf ".devcarry/bench-$name.tgz" -C "$res"
fi
if [ -f .devcarry/bench-cache.tgz ] && [ ! -d /root/bench/cache ]; then
  tar xzf .devcarry/bench-cache.tgz -C /root/bench
fi
cores=$(nproc)
jobs=${JOBS:-64}
{
  echo "== $(date -u +%FT%TZ) $(hostname)"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
  echo "cpu cores: $cores"
  python3 -c "import cupy; print('cupy', cupy.__version__)"
  python3 -c "import matplotlib; print('matplotlib', matplotlib.__version__)" 2>/dev/null \
    || echo "matplotlib: not installed (plots: regrapht bench report OUT elsewhere)"
  python3 -c "import torch, transformers; print('torch', torch.__version__, 'transformers', transformers.__version__)"
  lscpu | grep "Model name"
} >> "$res/machine.txt" 2>&1
cmd=(python3 -m regrapht bench "${TASKS:-bench/tasks}"
     --methods "${METHODS:-standard,cot,rag,repair,regrapht,regrapht-mcgs}"
     --budget "${BUDGET:-8}" --samples "${SAMPLES:-1}" --jobs "$jobs"
     --verify-references --model /root/model.gguf --backend "${BACKEND:-transformers}"
     --gpu-layers "${GPU_LAYERS:--1}"
     --convert-dir /root/bench/converted
     --cache /root/bench/cache --build-dir /root/bench/build --out "$res" --resume "$@")
[ "${SAME_CALLS:-0}" = 1 ] && cmd+=(--same-calls)
[ -n "${VALIDATIONS:-}" ] && cmd+=(--validations "$VALIDATIONS")
echo "\$ ${cmd[*]}" | tee -a "$res/commands.txt"
start=$(date +%s)
# SIGINT first: the runner stops between runs and keeps what finished.
timeout --signal=INT --kill-after=30 "$seconds" "${cmd[@]}" 2>&1 | tee -a "$res/run.log"
status=${PIPESTATUS[0]}
took=$(( $(date +%s) - start ))
echo "exit $status after $took s" | tee -a "$res/run.log"
if [ "$status" -eq 137 ]; then  # killed before it could log its own session: log it here
  # (124: stopped by SIGINT in time, and the runner logged the session itself)
  printf '{"finished": "%s", "command": "%s (killed at the time limit)", "wall_seconds": %s}\n' \
    "$(date -u +%FT%T)" "run-bench.sh $name" "$took" >> "$res/sessions.jsonl"
fi
python3 -m regrapht bench report "$res" >> "$res/run.log" 2>&1
tar czf "$OUT/bench-$name.tgz" -C "$res" --exclude=./build --exclude=./cache .
cp "$res/summary.md" "$OUT/" 2>/dev/null || true
tar czf "$OUT/bench-cache.tgz" -C /root/bench cache
echo "records: $(wc -l < "$res/raw.jsonl" 2>/dev/null || echo 0)"
