#!/usr/bin/env bash
# Re-pin every dependency, with hashes, into requirements/*.txt (see requirements/README.md).
#
#   bash scripts/lock.sh              # keep the current pins where the ranges still allow them
#   bash scripts/lock.sh --upgrade    # move everything to the newest versions the ranges allow
#
# Uses uv (from PyPI, installed into a throw-away venv in .venv-lock) to resolve for every
# platform and Python 3.11+ at once. Review `git diff requirements/`, run bash scripts/test.sh,
# and commit the lock files together with any pyproject.toml change.
set -euo pipefail
cd "$(dirname "$0")/.."
UV_VERSION="${UV_VERSION:-0.13.9}"
if [ ! -x .venv-lock/bin/uv ]; then
  python3 -m venv .venv-lock
  .venv-lock/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
compile() {
  local out=$1; shift
  .venv-lock/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes \
    --no-emit-package duban --custom-compile-command "bash scripts/lock.sh" \
    "$@" -o "$out"
}
compile requirements/runtime.txt pyproject.toml requirements/build.in --extra postgres "${@}"
compile requirements/dev.txt pyproject.toml requirements/build.in --group test "${@}"
echo "updated requirements/runtime.txt and requirements/dev.txt" >&2
