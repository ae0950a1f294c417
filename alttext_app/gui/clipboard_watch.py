"""Watch the clipboard (opt-in): every new image copied anywhere is handed on to be described.

Clipboards change in bursts (a browser offers several formats one after another; clipboard
managers take the data and offer it again), so a change is acted on only after it has been quiet
for `debounce_ms`, and the same picture twice in a row counts once. AltText's own copies are
never described: they carry AltText's marker format (gui/clipboard.py) or are still owned here.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QClipboard, QImage
from PySide6.QtWidgets import QApplication

from alttext_app.gui.clipboard import is_own_copy

DEBOUNCE_MS = 400


def image_fingerprint(image: QImage) -> str:
    image = image.convertToFormat(QImage.Format.Format_RGBA8888)
    digest = hashlib.sha256(bytes(image.constBits())[: image.sizeInBytes()])
    digest.update(f"{image.width()}x{image.height()}".encode())
    return digest.hexdigest()


class ClipboardWatcher(QObject):
    imageCopied = Signal(QImage)  # noqa: N815 - Qt signal naming

    def __init__(self, clipboard: QClipboard | None = None, debounce_ms: int = DEBOUNCE_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clipboard = clipboard or QApplication.clipboard()
        self._enabled = False
        self._last = ""
        self._timer = QTimer(self, singleShot=True, interval=debounce_ms)
        self._timer.timeout.connect(self._settled)
        self.clipboard.dataChanged.connect(self._changed)

    @property
    def enabled(self) -> bool:
        return self._enabled

    def set_enabled(self, on: bool) -> None:
        """Start or stop watching; what is on the clipboard when watching starts is not new."""
        self._enabled = on
        self._timer.stop()
        self._last = self._current_fingerprint() if on else ""

    def _changed(self) -> None:
        if self._enabled:
            self._timer.start()

    def _current_fingerprint(self) -> str:
        mime = self.clipboard.mimeData()
        if mime is None or not mime.hasImage():
            return ""
        image = self.clipboard.image()
        return "" if image.isNull() else image_fingerprint(image)

    def _settled(self) -> None:
        mime = self.clipboard.mimeData()
        if not self._enabled or mime is None or not mime.hasImage() or is_own_copy(mime):
            return
        image = self.clipboard.image()
        if image.isNull():
            return
        fingerprint = image_fingerprint(image)
        if fingerprint == self._last:
            return
        self._last = fingerprint
        self.imageCopied.emit(image)
