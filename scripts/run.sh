#!/usr/bin/env bash
# One command: set everything up, then open AltText — or, with no display, caption the sample image.
# Usage: scripts/run.sh [IMAGE]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  exec .venv/bin/alttext-app "$@"
fi
echo "No display found: captioning on the command line instead."
exec .venv/bin/alttext caption "${@:-assets/samples/sample.jpg}"
