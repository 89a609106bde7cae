#!/usr/bin/env bash
# On the GPU machine: install the carried wheels (.whl/) into /root/site, which lives as long as
# the machine stays warm. The machine has no network and no pip index.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade \
  --target /root/site .whl/*.whl
echo "installed: $(ls /root/site | tr '\n' ' ')"
