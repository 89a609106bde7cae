#!/usr/bin/env bash
# On the GPU machine (device tool): the validator gallery (tests/gpu) and the validation-speed
# measurement, with logs written to $OUT. No model needed. Expects the wheels in /root/site
# (scripts/device/install-wheels.sh); pytest comes from the machine's Python or a carried wheel.
set -uo pipefail
cd "$(dirname "$0")/../.."
export PYTHONPATH=/root/site:$PWD/server PYTHONUNBUFFERED=1
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv | tee "$OUT/machine.txt"
python3 -c "import cupy; print('cupy', cupy.__version__)" | tee -a "$OUT/machine.txt"
echo '$ python3 -m pytest tests/gpu -v -s -p no:cacheprovider' > "$OUT/gallery.log"
python3 -m pytest tests/gpu -v -s -p no:cacheprovider 2>&1 | tee -a "$OUT/gallery.log" | grep -E "GALLERY|passed|failed|PASSED|FAILED" 
echo "exit ${PIPESTATUS[0]}" | tee -a "$OUT/gallery.log"
python3 bench/validate_speed.py "$OUT" 2>&1 | tee "$OUT/validate_speed.log"
