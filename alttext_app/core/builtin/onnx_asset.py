"""Open the built-in describer's ONNX networks the same way: manifest entry, sha256, one session.

Sessions run with spinning threads switched off: ONNX Runtime's workers otherwise busy-wait
between operators, which on a shared 2-core machine burned about as much CPU as the detector's
real work (NanoDet-m: 105 ms CPU per image with spinning, 60 ms without, same outputs).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from alttext_app.core.checksums import sha256_file
from alttext_app.core.errors import ModelError

log = logging.getLogger(__name__)

MISSING = "The built-in describer is missing; reinstall AltText."
DAMAGED = "The built-in describer's model file is damaged; reinstall AltText."


def manifest_entry(model_dir: Path, key: str | None = None) -> dict[str, Any]:
    """The manifest (or its `key` section); a missing or unreadable one is one clear error."""
    try:
        manifest = json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))
        return manifest[key] if key else manifest
    except (OSError, ValueError, KeyError) as exc:
        log.error("built-in manifest unreadable (%s): %s", key or "classifier", exc)
        raise ModelError(MISSING) from exc


def verify(path: Path, expected: str | None) -> None:
    if sha256_file(path) != expected:
        log.error("checksum mismatch for %s", path)
        raise ModelError(DAMAGED)


def open_session(path: Path, *, threads: int = 0) -> Any:
    """One CPU InferenceSession (threads=0: ONNX Runtime's default, one per core)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    if threads:
        options.intra_op_num_threads = threads
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.log_severity_level = 3
    try:
        return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    except Exception as exc:  # onnxruntime raises its own exception types
        log.exception("loading %s failed", path)
        raise ModelError("The built-in describer could not be loaded.") from exc


def open_network(model_dir: Path, key: str | None, *, verify_sha: bool = True, threads: int = 0) -> Any:
    """The session for the manifest entry `key` (None: the top-level classifier entry)."""
    entry = manifest_entry(model_dir, key)
    try:
        path = model_dir / entry["file"]
    except (KeyError, TypeError) as exc:
        raise ModelError(MISSING) from exc
    if verify_sha:
        verify(path, entry.get("sha256"))
    return open_session(path, threads=threads)
