#!/usr/bin/env bash
# Set up the environment (if needed) and run the offline demo.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/duban demo "$@"
