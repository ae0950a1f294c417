#!/usr/bin/env bash
# One command: set everything up (test packages too), then run the linters and the whole test suite
# headless. Extra arguments go to pytest. .ci/run calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check alttext_app tests benchmarks packaging scripts
.venv/bin/lint-imports
exec .venv/bin/python -m pytest "$@"
