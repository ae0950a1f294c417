#!/usr/bin/env bash
# Reproduce assets/builtin/nanodet_m.onnx: a throwaway venv under /tmp holds TensorFlow + tf2onnx
# (never the project's venv: AltText runs the ONNX file with onnxruntime alone).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
work="${NANODET_WORK:-/tmp/nanodet-convert}"
command -v npm >/dev/null || { apt-get update && apt-get install -y nodejs npm; }
mkdir -p "$work"
if [ ! -x "$work/venv/bin/python" ]; then
    python3.11 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q "tensorflow-cpu==2.21.*" "tf2onnx==1.17.*" onnx onnxruntime
fi
cd "$here"
"$work/venv/bin/python" scripts/convert_nanodet.py --work "$work" --out assets/builtin
