"""AltText: offline, private alt text for any image."""

import os

# Private by default: onnxruntime (1.31 on Linux) sends usage events unless told not to, and
# huggingface_hub reports usage on downloads. Must be set before either is imported.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

__version__ = "0.1.0"
APP_NAME = "AltText"
