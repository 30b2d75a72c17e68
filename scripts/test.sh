#!/usr/bin/env bash
# Set up the environment (if needed) and run every check: lint, types and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff" && ruff check .
echo "== ruff format" && ruff format --check .
echo "== mypy" && mypy
if [ -z "${DUBAN_TEST_DATABASE_URL:-}" ]; then
  # A throwaway PostgreSQL server on loopback for the PostgreSQL adapter's tests (stopped on exit).
  echo "== postgres" && bash scripts/postgres.sh install
  pg_env=$(bash scripts/postgres.sh start)
  export $pg_env  # DUBAN_TEST_PG_DIR and DUBAN_TEST_DATABASE_URL
  trap 'bash scripts/postgres.sh stop "$DUBAN_TEST_PG_DIR"' EXIT
fi
export DUBAN_REQUIRE_POSTGRES=1  # the PostgreSQL variants must run here, never skip
# One worker per core, at most 4 (pytest-xdist; each worker has its own PostgreSQL database);
# tests of the same xdist_group share a worker. `bash scripts/test.sh -n 0` runs in one process.
echo "== pytest" && pytest -n auto --maxprocesses=4 --dist loadgroup "$@"
