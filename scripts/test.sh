#!/usr/bin/env bash
# Set up, then run every test: unit tests, the command line end to end with the real model on
# this machine, and (on a GPU machine) the GPU tests. A missing model fails, it is not skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
REGRAPHT_E2E_MODEL=1 .venv/bin/python -m pytest "$@"
