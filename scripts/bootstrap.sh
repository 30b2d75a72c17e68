#!/usr/bin/env bash
# Create (or reuse) the project's virtual environment in .venv and install Duban with its
# test tools, at the exact versions pinned (with hashes) in requirements/dev.txt.
# Idempotent: a second run reinstalls only when pyproject.toml or the lock file has changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-}"
if [ -z "$PYTHON" ]; then
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      PYTHON="$candidate"; break
    fi
  done
fi
if [ -z "$PYTHON" ]; then
  echo "Duban needs Python 3.11 or newer; none was found on PATH." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $PYTHON ..." >&2
  "$PYTHON" -m venv .venv
fi

stamp=.venv/.duban-installed
want=$(cat pyproject.toml requirements/dev.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing Duban and its test tools into .venv ..." >&2
  pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
  "${pip[@]}" --upgrade "pip>=24"
  "${pip[@]}" --require-hashes -r requirements/dev.txt
  "${pip[@]}" --no-deps --no-build-isolation -e .
  echo "$want" > "$stamp"
fi
