#!/usr/bin/env bash
# Static checks and unit tests in one command (no model, no GPU): ruff, mypy, pytest tests/unit.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check server tests bench scripts
.venv/bin/mypy server/regrapht
PYTHONPATH=server .venv/bin/python -m pytest tests/unit -q "$@"
