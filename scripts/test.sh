#!/usr/bin/env bash
# Set up the environment (if needed) and run every check: lint, types and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff" && ruff check .
echo "== mypy" && mypy
echo "== pytest" && pytest "$@"
