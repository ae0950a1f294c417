"""Captioning off the GUI thread: one QRunnable per request, latest request wins.

Workers never touch widgets; they emit signals carrying the request id, and `CaptionRunner` (which
lives on the GUI thread) forwards only the current request's signals. Older requests get their
abort flag set, so a model checking `should_abort` between steps stops early.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from alttext_app.core.alttext_rules import DEFAULT_MAX_CHARS
from alttext_app.core.captioner import CaptionOptions, check_abort
from alttext_app.core.errors import Cancelled, user_message
from alttext_app.core.images import load_image
from alttext_app.core.pipeline import caption_image
from alttext_app.core.service import ModelService, default_service

log = logging.getLogger(__name__)

PREVIEW_MAX = 1600  # preview pixels on the long side: sharp on big screens, cheap to pass around


@dataclass(frozen=True)
class CaptionRequest:
    source: str | Path | bytes  # a file path or encoded image bytes (paste, drop)
    model: str = "auto"
    backend: str = "auto"
    device: str = "auto"
    max_chars: int = DEFAULT_MAX_CHARS

    @property
    def path(self) -> str | None:
        return str(self.source) if isinstance(self.source, (str, Path)) else None


class WorkerSignals(QObject):
    """Signals of one worker; each carries the request id so stale ones can be dropped."""

    started = Signal(int)
    progress = Signal(int, str)  # stage, for the status line
    preview = Signal(int, object)  # a PIL RGB thumbnail
    result = Signal(int, object)  # CaptionResult
    error = Signal(int, str)  # one sentence for people
    finished = Signal(int)


class CaptionWorker(QRunnable):
    def __init__(self, request_id: int, request: CaptionRequest, service: ModelService) -> None:
        super().__init__()
        self.request_id = request_id
        self.request = request
        self.service = service
        self.signals = WorkerSignals()
        self._abort = threading.Event()
        # Python keeps the worker (and its signals object) alive until `finished` is handled;
        # a C++ auto-delete could drop queued signals.
        self.setAutoDelete(False)

    def abort(self) -> None:
        self._abort.set()

    def should_abort(self) -> bool:
        return self._abort.is_set()

    def run(self) -> None:  # runs on a pool thread: no widgets here
        rid, signals, request = self.request_id, self.signals, self.request
        signals.started.emit(rid)
        try:
            check_abort(self.should_abort)
            signals.progress.emit(rid, "Reading the image…")
            image = load_image(request.source)
            signals.preview.emit(rid, _thumbnail(image))
            check_abort(self.should_abort)
            signals.progress.emit(rid, "Loading the describer…")
            self.service.get(request.model, request.backend, request.device)
            check_abort(self.should_abort)
            signals.progress.emit(rid, "Describing the image…")
            result = caption_image(
                image,
                model=request.model,
                backend=request.backend,
                device=request.device,
                options=CaptionOptions(max_chars=request.max_chars),
                should_abort=self.should_abort,
                service=self.service,
            )
            result.path = request.path
            check_abort(self.should_abort)
            signals.result.emit(rid, result)
        except Cancelled:
            log.info("caption request %d cancelled", rid)
        except Exception as exc:  # every failure becomes one sentence; details go to the log
            log.warning("caption request %d failed", rid, exc_info=True)
            signals.error.emit(rid, user_message(exc))
        finally:
            signals.finished.emit(rid)


def _thumbnail(image: Image.Image) -> Image.Image:
    thumb = image.copy()
    thumb.thumbnail((PREVIEW_MAX, PREVIEW_MAX))
    return thumb


class CaptionRunner(QObject):
    """Starts workers and re-emits only the latest request's signals (on the GUI thread)."""

    started = Signal()
    progress = Signal(str)
    preview = Signal(object)
    result = Signal(object)
    error = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, service: ModelService | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service or default_service()
        # One worker thread: a superseded request aborts at its next check, then the new one runs.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._current_id = 0
        self._current: CaptionWorker | None = None
        self._workers: dict[int, CaptionWorker] = {}

    @property
    def busy(self) -> bool:
        return self._current is not None

    def submit(self, request: CaptionRequest) -> int:
        self.cancel()
        self._current_id += 1
        worker = CaptionWorker(self._current_id, request, self.service)
        s = worker.signals
        s.started.connect(self._on_started)
        s.progress.connect(self._on_progress)
        s.preview.connect(self._on_preview)
        s.result.connect(self._on_result)
        s.error.connect(self._on_error)
        s.finished.connect(self._on_finished)
        self._current = worker
        self._workers[worker.request_id] = worker
        self.busy_changed.emit(True)
        self.pool.start(worker)
        return worker.request_id

    def cancel(self) -> None:
        """Abort the pending request; its late signals are ignored."""
        if self._current is not None:
            self._current.abort()
            self._current = None
            self.busy_changed.emit(False)

    def wait(self, msecs: int = 10_000) -> bool:
        return self.pool.waitForDone(msecs)

    def _is_current(self, rid: int) -> bool:
        return self._current is not None and rid == self._current.request_id

    def _on_started(self, rid: int) -> None:
        if self._is_current(rid):
            self.started.emit()

    def _on_progress(self, rid: int, text: str) -> None:
        if self._is_current(rid):
            self.progress.emit(text)

    def _on_preview(self, rid: int, image: object) -> None:
        if self._is_current(rid):
            self.preview.emit(image)

    def _on_result(self, rid: int, result: object) -> None:
        if self._is_current(rid):
            self._current = None
            self.busy_changed.emit(False)
            self.result.emit(result)

    def _on_error(self, rid: int, message: str) -> None:
        if self._is_current(rid):
            self._current = None
            self.busy_changed.emit(False)
            self.error.emit(message)

    def _on_finished(self, rid: int) -> None:
        self._workers.pop(rid, None)
        if self._is_current(rid):  # finished with neither result nor error: cancelled
            self._current = None
            self.busy_changed.emit(False)
