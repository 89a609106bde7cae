#!/usr/bin/env bash
# On the GPU machine (device tool): check and time the reference solutions of benchmark suites
# (no model needed): `regrapht bench SUITE --methods none --verify-references` for each suite
# named, results packed into $OUT/<name>.tgz with the summary beside it. Expects the carried
# wheels in .whl/ (scripts/device/install-wheels.sh installs them).
#   usage: bash scripts/device/verify-references.sh NAME=SUITE_DIR [NAME=SUITE_DIR ...]
#   env:   EXTRA_ARGS (more `regrapht bench` options for every suite, e.g. "--only TASK ..."),
#          LIMIT (seconds for each suite; then SIGINT: the runner keeps what finished)
set -uo pipefail
cd "$(dirname "$0")/../.."
bash scripts/device/install-wheels.sh >/dev/null
export PYTHONPATH=/root/site:$PWD/server PYTHONUNBUFFERED=1
{
  echo "== $(date -u +%FT%TZ) $(hostname)"
  nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv
  nvcc --version | tail -2
  python3 -c "import cupy; print('cupy', cupy.__version__)"
  echo "cpu cores: $(nproc)"
} > "$OUT/machine.txt" 2>&1
for pair in "$@"; do
  name=${pair%%=*} suite=${pair#*=}
  res=/root/verify/$name
  mkdir -p "$res"
  cmd=(python3 -m regrapht bench "$suite" --methods none --verify-references --no-plots
       --jobs "$(nproc)" --build-dir /root/verify/build --out "$res")
  # shellcheck disable=SC2206  # EXTRA_ARGS is a list of words on purpose
  [ -n "${EXTRA_ARGS:-}" ] && cmd+=(${EXTRA_ARGS})
  echo "\$ ${cmd[*]}" > "$res/commands.txt"
  timeout --signal=INT --kill-after=20 "${LIMIT:-3600}" "${cmd[@]}" > "$res/run.log" 2>&1
  echo "$name: exit $? $(grep -c . "$res/raw.jsonl" 2>/dev/null) record(s)"
  tar czf "$OUT/$name.tgz" -C "$res" --exclude=./build --exclude=./cache .
  cp "$res/summary.md" "$OUT/$name-summary.md" 2>/dev/null || true
done
