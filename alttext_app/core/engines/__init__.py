"""Captioning engines for Hugging Face models: PyTorch (transformers) and ONNX Runtime backends.

`load_captioner(model_dir, backend, device)` is what `core.service` calls. Importing this package
does not import torch or transformers; only the torch backend and the exporter do.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from alttext_app.core.captioner import Captioner
from alttext_app.core.engines.manifest import is_onnx_export
from alttext_app.core.errors import ModelError
from alttext_app.core.protocols import Backend

log = logging.getLogger(__name__)

# OpenMP threads that wait at a barrier sleep instead of spinning, so torch on a busy desktop
# does not burn the cores other programs (and its own late threads) need. Read once, when torch
# loads its OpenMP runtime: this package is imported before torch is.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

BACKENDS = Backend.choices()


def torch_available() -> bool:
    import importlib.util

    try:
        return all(importlib.util.find_spec(name) is not None for name in ("torch", "transformers"))
    except (ImportError, ValueError):  # a broken or blocked install counts as absent
        return False


EXPORT_MODULES = ("torch", "transformers", "onnx")


def require_export_tools(consequence: str = "") -> None:
    """Raise one sentence when exporting to ONNX is impossible here (no PyTorch, transformers or
    onnx, e.g. in the bundle). Imports them for real: a present but broken install counts too."""
    import importlib

    for name in EXPORT_MODULES:
        try:
            importlib.import_module(name)
        except Exception as exc:  # ImportError, or OSError from a broken native library
            log.info("export unavailable: %s cannot be imported", name, exc_info=True)
            tail = f"; {consequence}" if consequence else ""
            raise ModelError(
                f"Exporting to ONNX needs PyTorch, transformers and onnx, which this installation "
                f"does not have{tail}."
            ) from exc


def load_captioner(model_dir: str | Path, backend: str = "auto", device: str = "auto") -> Captioner:
    """A loaded captioner for a model folder; `auto` picks ONNX when the folder holds an export."""
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise ModelError(f"The model folder “{model_dir}” does not exist.")
    if backend not in BACKENDS:
        raise ModelError(f"Unknown backend “{backend}”; use auto, torch or onnx.")
    exported = is_onnx_export(model_dir)
    if backend == "auto":
        backend = "onnx" if exported else "torch"
    if backend == "onnx":
        if not exported:
            raise ModelError(
                f"“{model_dir.name}” is not an ONNX export; make one with “alttext export”."
            )
        from alttext_app.core.engines.onnx_backend import OnnxCaptioner

        return OnnxCaptioner(model_dir, device=device)
    if exported:
        raise ModelError(f"“{model_dir.name}” is an ONNX export; use the onnx backend for it.")
    if not torch_available():
        raise ModelError(
            "Running this model needs PyTorch, which is not installed; export it to ONNX instead."
        )
    from alttext_app.core.engines.torch_backend import TorchCaptioner

    return TorchCaptioner(model_dir, device=device)
