"""The editable alt-text field. Images pasted or dropped into it go to the window, not into text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Signal
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from alttext_app.gui import drop


class CaptionEdit(QPlainTextEdit):
    image_received = Signal(QMimeData)  # the window describes it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on, as in a form; alt text has no tabs
        self.retranslate()

    def retranslate(self) -> None:
        """Its name, description and hint in the current language; the text is the user's."""
        self.setAccessibleName(self.tr("Alt text"))
        self.setAccessibleDescription(self.tr("The description of the image. You can edit it before copying."))
        self.setPlaceholderText(self.tr("The description appears here. You can edit it."))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _is_image(self, source: QMimeData) -> bool:
        # A file URL or image data is an image to describe; plain text is pasted as text.
        return drop.has_image(source)

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt name
        return self._is_image(source) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt name
        if self._is_image(source):
            self.image_received.emit(source)
            return
        # Paste as plain text: alt text has no formatting and no line breaks.
        text = " ".join(source.text().split()) if source.hasText() else ""
        if text:
            self.insertPlainText(text)
