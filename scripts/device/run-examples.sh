#!/usr/bin/env bash
# On the GPU machine (device tool): parallelize every bundled example with the real model and
# the real validator, and pack the reports into $OUT. Expects wheels installed in /root/site
# (scripts/device/install-wheels.sh) and the model assembled at /root/model.gguf.
# Usage: bash scripts/device/run-examples.sh [EXAMPLE ...]   (default: all in examples/)
# EXAMPLE_TIMEOUT (seconds, default 400) bounds each example; Ctrl-C semantics (SIGINT) first.
# ARGS adds options to every run, e.g. ARGS="--method regrapht-mcgs --budget 12".
set -uo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH=/root/site:$PWD/server PYTHONUNBUFFERED=1
RES=${RES:-/root/results}
mkdir -p "$RES"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee "$RES/machine.txt"
nproc | sed 's/^/cpu cores: /' | tee -a "$RES/machine.txt"
python3 -c "import cupy; print('cupy', cupy.__version__)" | tee -a "$RES/machine.txt"
examples=("$@")
[ ${#examples[@]} -gt 0 ] || examples=(examples/*.c examples/*.cpp)
for f in "${examples[@]}"; do
  fn=$(grep -oE '^(void|double|float|int) [A-Za-z_0-9]+\(' "$f" | head -n 1 | sed -E 's/^[a-z]+ //; s/\(//')
  stem=$(basename "${f%.*}")
  cmd=(python3 -m regrapht parallelize "$f" --function "$fn" --model /root/model.gguf
       --out "$RES/$stem.cu" --report "$RES/$stem.report.json" --force ${ARGS:-})
  echo "\$ ${cmd[*]}" | tee -a "$RES/commands.txt"
  start=$(date +%s)
  timeout --signal=INT --kill-after=20 "${EXAMPLE_TIMEOUT:-400}" "${cmd[@]}" 2>&1 | tee "$RES/$stem.log"
  echo "exit ${PIPESTATUS[0]} after $(( $(date +%s) - start )) s" | tee -a "$RES/$stem.log"
  # Copy as we go: a call cut by its time limit still brings back what finished.
  cp "$RES/$stem".* "$RES/commands.txt" "$RES/machine.txt" "$OUT/" 2>/dev/null || true
done
python3 scripts/device/summarize.py "$RES" | tee "$RES/summary.md"
tar czf "$OUT/results.tgz" -C "$RES" .
cp "$RES/summary.md" "$OUT/"
