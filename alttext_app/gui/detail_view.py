"""“More detail”: a longer description shown under the alt text, never in place of it.

The window runs `Session.describe_more` in its task runner and calls `show_detail`; the text is
read-only (the alt text stays what the user copies with Ctrl+Shift+C), can be copied on its own,
and is hidden until there is something to show. `show_detail` returns what to announce.
A language switch renames it; the detail text stays as it was written.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class DetailView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setMinimumHeight(80)
        self.label = QLabel()
        self.label.setBuddy(self.text)
        self.source = QLabel()
        self.copy_button = QPushButton()
        self._model = ""  # where the detail came from, said again after a language switch
        row = QHBoxLayout()
        row.addWidget(self.label)
        row.addStretch(1)
        row.addWidget(self.source)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.copy_button)
        self.copy_button.clicked.connect(self.copy)
        self.clear()
        self.retranslate()

    def retranslate(self) -> None:
        self.text.setAccessibleName(self.tr("More detail"))
        self.label.setText(self.tr("More detail"))
        self.copy_button.setAccessibleName(self.tr("Copy the detailed description"))  # before the text
        self.copy_button.setText(self.tr("Copy Detail"))
        self.source.setText(self.tr("from %1").replace("%1", self._model) if self._model else "")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def show_detail(self, text: str, model: str) -> str:
        self.text.setPlainText(text)
        self._model = model
        self.source.setText(self.tr("from %1").replace("%1", model))
        self.setVisible(True)
        return self.tr("More detail: %1").replace("%1", text)

    def clear(self) -> None:
        """A new image: the old detail no longer applies."""
        self.text.clear()
        self._model = ""
        self.source.clear()
        self.setVisible(False)

    def copy(self) -> None:
        if self.text.toPlainText():
            QGuiApplication.clipboard().setText(self.text.toPlainText())
