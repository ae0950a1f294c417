"""“More detail”: a longer description shown under the alt text, never in place of it.

The window runs `Session.describe_more` in its task runner and calls `show_detail`; the text is
read-only (the alt text stays what the user copies with Ctrl+Shift+C), can be copied on its own,
and is hidden until there is something to show. `show_detail` returns what to announce.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget


class DetailView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("More detail"))
        self.text.setMinimumHeight(80)
        self.label = QLabel(self.tr("More detail"))
        self.label.setBuddy(self.text)
        self.source = QLabel()
        self.copy_button = QPushButton(self.tr("Copy Detail"))
        self.copy_button.setAccessibleName(self.tr("Copy the detailed description"))
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

    def show_detail(self, text: str, model: str) -> str:
        self.text.setPlainText(text)
        self.source.setText(self.tr("from %1").replace("%1", model))
        self.setVisible(True)
        return self.tr("More detail: %1").replace("%1", text)

    def clear(self) -> None:
        """A new image: the old detail no longer applies."""
        self.text.clear()
        self.source.clear()
        self.setVisible(False)

    def copy(self) -> None:
        if self.text.toPlainText():
            QGuiApplication.clipboard().setText(self.text.toPlainText())
