"""What can be done with the alt text once it is there: copy it, speak it, save it as speech."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from alttext_app.core.formats import format_alt_text, one_line
from alttext_app.core.settings import Settings
from alttext_app.gui.announce import Announcer, Kind
from alttext_app.gui.caption_panel import CaptionPanel
from alttext_app.gui.clipboard import set_clipboard
from alttext_app.gui.image_state import CurrentImage
from alttext_app.gui.speech_thread import SpeechController


class TextOutput(QObject):
    def __init__(
        self,
        window: QWidget,
        panel: CaptionPanel,
        speech: SpeechController,
        announcer: Announcer,
        settings: Callable[[], Settings],
        image: Callable[[], CurrentImage | None],
    ) -> None:
        super().__init__(window)
        self._window, self._panel, self._speech, self._say = window, panel, speech, announcer.tell
        self._settings, self._image = settings, image
        speech.saved.connect(lambda path: self._say(
            lambda: self.tr("Saved the speech to %1.").replace("%1", Path(path).name)))

    def format_name(self, fmt: str) -> str:
        names = {"plain": self.tr("plain text"), "html": self.tr("HTML"), "markdown": self.tr("Markdown")}
        return names.get(fmt, fmt)

    def alt_text(self) -> str:
        return one_line(self._panel.text())

    # Messages are given as `lambda: self.tr(...)`: the status line says them again after a
    # language switch.
    def copy(self, fmt: str | None = None, *, quiet: bool = False) -> bool:
        """Put the alt text on the clipboard; `quiet` (automatic copy) only updates the status."""
        fmt = fmt or self._settings().copy_format
        decorative = self._panel.decorative.isChecked()
        text = "" if decorative else self.alt_text()
        if decorative and fmt == "plain":
            self._say(lambda: self.tr("A decorative image has no alt text; copy as HTML or Markdown to get alt=\"\"."))
            return False
        if not text and not decorative:
            self._say(lambda: self.tr("There is no alt text to copy yet."))
            return False
        image = self._image()
        formatted = format_alt_text(text, fmt, image.path if image else None)
        # Rich editors take the HTML tag itself; code editors get it as text.
        set_clipboard(formatted, formatted if fmt == "html" else None)
        if quiet:
            self._say(lambda: self.tr("Description ready; copied as %1.").replace("%1", self.format_name(fmt)), Kind.STATUS)
        elif decorative:
            self._say(lambda: self.tr("Copied empty alt text (decorative) as %1.").replace("%1", self.format_name(fmt)))
        else:
            self._say(lambda: self.tr("Copied the alt text as %1.").replace("%1", self.format_name(fmt)))
        return True

    def speak(self) -> None:
        text = self.alt_text()
        if not text:
            self._say(lambda: self.tr("There is no alt text to read yet."))
            return
        self._speech.speak(text)

    def save_speech(self, path: str | None = None) -> None:
        text = self.alt_text()
        if not text:
            self._say(lambda: self.tr("There is no alt text to save yet."))
            return
        if path is None:
            image = self._image()
            stem = (image.stem if image else "") or "alt-text"
            path, _ = QFileDialog.getSaveFileName(
                self._window, self.tr("Save Speech"), str(Path.home() / f"{stem}.wav"), self.tr("WAV sound (*.wav)"))
        if path:
            self._speech.save_wav(text, path)
