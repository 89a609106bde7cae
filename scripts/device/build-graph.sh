#!/usr/bin/env bash
# On the GPU machine (device tool): rebuild the bundled reasoning graph from the whole corpus,
# every step verified and timed, then its stats and picture. Expects the wheels in /root/site
# (scripts/device/install-wheels.sh). Verified steps are cached in /root/results/step-cache.jsonl
# (a folder that lives while the machine stays warm), so when a call hits the 10-minute limit
# the next call with the same command resumes where it stopped. Results go to $OUT as one
# tarball (graph.json, build.log, stats.txt, graph.html, step-cache.jsonl, machine.txt).
#   usage: bash scripts/device/build-graph.sh [SECONDS_FOR_THE_BUILD]   (default 540)
set -uo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH=/root/site:$PWD/server PYTHONUNBUFFERED=1
budget=${1:-540}
mkdir -p /root/results /tmp/graph-out
work=/tmp/graph-out
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv > "$work/machine.txt"
echo "\$ regrapht graph build --cache /root/results/step-cache.jsonl --out $work/graph.json" \
  >> /root/results/build.log
timeout "$budget" python3 -m regrapht graph build --cache /root/results/step-cache.jsonl \
  --out "$work/graph.json" --build-dir /root/build-graph 2>&1 | tee -a /root/results/build.log
status=${PIPESTATUS[0]}
echo "exit $status" | tee -a /root/results/build.log
cp /root/results/build.log /root/results/step-cache.jsonl "$work/" 2>/dev/null
if [ -f "$work/graph.json" ]; then
  python3 -m regrapht graph stats --graph "$work/graph.json" > "$work/stats.txt" 2>&1
  python3 -m regrapht graph show --graph "$work/graph.json" --out "$work/graph.html"
fi
tar -czf "$OUT/graph-build.tgz" -C "$work" .
echo "build exit $status; $(wc -l < /root/results/step-cache.jsonl) steps cached"
