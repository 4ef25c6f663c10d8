#!/usr/bin/env bash
# Set everything up and run the whole suite: format and lint, types, unit, HTTP and real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
export PYTHONDONTWRITEBYTECODE=1
echo "== ruff format --check"; .venv/bin/ruff format --check .
echo "== ruff check";          .venv/bin/ruff check .
echo "== mypy (finance/)";     .venv/bin/mypy
echo "== data validation";     .venv/bin/python -m finance validate data --quiet
echo "== pytest (unit, callbacks, HTTP, browser)"
.venv/bin/python -m pytest "$@"
