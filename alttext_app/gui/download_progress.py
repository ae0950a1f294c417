"""Download progress for people and screen readers: bytes, percent, and a word every 10 %."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from alttext_app.core.models.downloader import Progress
from alttext_app.core.models.store import format_bytes
from alttext_app.core.protocols import PullStage

STEPS = 1000  # progress bar resolution


class DownloadProgress(QWidget):
    """A progress bar and a text line; `say` hears "40 percent" once per tenth."""

    def __init__(self, say: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._say = say
        self._last_tenth = -1
        self.bar = QProgressBar(self)
        self.bar.setRange(0, STEPS)
        self.bar.setTextVisible(True)
        self.bar.setFormat("")
        self.bar.setAccessibleName(self.tr("Download progress"))
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setAccessibleDescription(self.tr("Download status"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.label)
        self.reset(self.tr("No download running."))

    def reset(self, text: str) -> None:
        self._last_tenth = -1
        self.bar.setValue(0)
        self.bar.setFormat("")
        self._set_text(text)

    def starting(self) -> None:
        self._last_tenth = -1
        self.bar.setValue(0)
        self.bar.setFormat(self.tr("Starting…"))

    def finish(self, text: str, *, complete: bool) -> None:
        if not complete:
            self.bar.setFormat("")
        self._set_text(text)

    def show_progress(self, progress: Progress) -> None:
        stage = PullStage(progress.stage)
        if stage is PullStage.METADATA:
            text = self.tr("Asking the model server for the file list…")
            self.bar.setFormat(self.tr("Starting…"))
        elif stage in (PullStage.INSTALL, PullStage.VERIFY, PullStage.EXPORT):
            text = self.tr("Checking and installing…")
            self.bar.setValue(STEPS)
            self.bar.setFormat(self.tr("%1%").replace("%1", "100"))
        else:
            percent = int(progress.fraction * 100)
            self.bar.setValue(int(progress.fraction * STEPS))
            self.bar.setFormat(self.tr("%1%").replace("%1", str(percent)))
            text = (self.tr("%1 of %2 (%3%)").replace("%1", format_bytes(progress.done_bytes))
                    .replace("%2", format_bytes(progress.total_bytes)).replace("%3", str(percent)))
            if percent // 10 > self._last_tenth:  # a polite word every 10 percent
                self._last_tenth = percent // 10
                self._say(self.tr("%1 percent").replace("%1", str(percent)))
        self._set_text(text)

    def _set_text(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setAccessibleDescription(text)
