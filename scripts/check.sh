#!/usr/bin/env bash
# Static checks and unit tests in one command (no model, no GPU): ruff, mypy, pytest tests/unit,
# and the VS Code client's tsc --strict and eslint (npm run check) where npm ci has been run.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check server tests bench scripts
.venv/bin/mypy server/regrapht
PYTHONPATH=server .venv/bin/python -m pytest tests/unit -q "$@"
if [ -d node_modules/typescript ]; then
  npm run -s check
else
  echo "check: node_modules missing (npm ci): the TypeScript client was not checked" >&2
fi
