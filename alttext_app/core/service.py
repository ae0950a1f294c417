"""One long-lived model service: loads captioners once and keeps them, keyed by (model, backend, device).

Model names:
- "builtin": the built-in describer (weights shipped with the app).
- "auto" or "": the active installed model if there is one, else the built-in describer.
- a folder path: a model folder in Hugging Face format, or an ONNX export made by `alttext export`.
- any other name: an installed model in the user's model folder (see alttext_app.core.models).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from alttext_app.core.captioner import Captioner
from alttext_app.core.errors import ModelNotFoundError
from alttext_app.core.protocols import Backend, Device

log = logging.getLogger(__name__)

BUILTIN = "builtin"
AUTO = "auto"
BACKENDS = Backend.choices()
DEVICES = tuple(Device)


def resolve_model_dir(name: str) -> Path | None:
    """A folder for a model name or path, or None for the built-in describer. "auto" here is the
    recommended installed model (the Session resolves the user's choice before calling)."""
    if name in ("", AUTO):
        from alttext_app.core.models.store import active_model_dir

        return active_model_dir(AUTO)
    if name == BUILTIN:
        return None
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    from alttext_app.core.models.store import installed_model_dir

    found = installed_model_dir(name)
    if found is None:
        raise ModelNotFoundError(
            f"No model called “{name}” is installed; see “alttext models list”."
        )
    return found


class ModelService:
    """Thread-safe cache of loaded captioners. Loading happens in the caller's (worker) thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, str, str], Captioner] = {}

    def get(self, model: str = AUTO, backend: str = "auto", device: str = "auto") -> Captioner:
        model_dir = resolve_model_dir(model)
        key = (str(model_dir) if model_dir else BUILTIN, backend, device)
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                return cached
            captioner = self._load(model_dir, backend, device)
            self._cache[key] = captioner
            log.info("loaded %s (%s on %s)", captioner.model_name, captioner.backend, captioner.device)
            return captioner

    @staticmethod
    def _load(model_dir: Path | None, backend: str, device: str) -> Captioner:
        if model_dir is None:
            from alttext_app.core.builtin import load_builtin

            return load_builtin()
        from alttext_app.core.engines import load_captioner
        from alttext_app.core.models.store import load_dir_for

        # An installed model with an ONNX export (e.g. onnx-int8/) runs from the export.
        return load_captioner(load_dir_for(model_dir, backend), backend=backend, device=device)

    def forget(self, model_dir: Path) -> None:
        """Drop cached captioners of a model folder (it was removed, replaced or exported)."""
        prefix = str(model_dir)
        with self._lock:
            stale = [key for key in self._cache if key[0] == prefix or key[0].startswith(prefix + "/")]
            for key in stale:
                captioner = self._cache.pop(key)
                try:
                    captioner.close()
                except Exception:  # closing must never break the caller
                    log.exception("closing a captioner failed")

    def clear(self) -> None:
        with self._lock:
            for captioner in self._cache.values():
                try:
                    captioner.close()
                except Exception:  # closing must never break shutdown
                    log.exception("closing a captioner failed")
            self._cache.clear()


_default: ModelService | None = None
_default_lock = threading.Lock()


def default_service() -> ModelService:
    global _default
    with _default_lock:
        if _default is None:
            _default = ModelService()
        return _default
