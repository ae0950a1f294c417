"""Ask about the image: a question field (Enter asks), the answers so far for this image, copy.

The panel runs nothing itself: it emits `ask_requested(question)`; the window runs
`Session.ask` in its task runner and hands back `show_answer` / `show_error`, which return the
sentence to announce and speak. History is kept per image (`set_image(key)`), so going back to
an image brings its questions back. The typed question is never lost: it leaves the field only
once it has been answered. A language switch renders the labels and the history again.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MAX_QUESTION_CHARS = 300


@dataclass(frozen=True)
class Exchange:
    question: str
    answer: str


class AskPanel(QWidget):
    ask_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._histories: dict[str, list[Exchange]] = {}
        self._image: str | None = None
        self._pending: str | None = None

        self.question = QLineEdit()
        self.question.setMaxLength(MAX_QUESTION_CHARS)
        self.label = QLabel()
        self.label.setBuddy(self.question)
        self.ask_button = QPushButton()
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.history.setAlternatingRowColors(True)
        self.copy_button = QPushButton()
        self.retranslate()

        row = QHBoxLayout()
        row.addWidget(self.question, 1)
        row.addWidget(self.ask_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addLayout(row)
        layout.addWidget(self.history, 1)
        layout.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.setTabOrder(self.question, self.ask_button)
        self.setTabOrder(self.ask_button, self.history)
        self.setTabOrder(self.history, self.copy_button)

        self.question.returnPressed.connect(self.submit)
        self.ask_button.clicked.connect(self.submit)
        self.copy_button.clicked.connect(self.copy_answer)
        copy = QShortcut(QKeySequence.StandardKey.Copy, self.history)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_answer)
        self._update_buttons()

    def retranslate(self) -> None:
        """Labels and names in the current language (names first: a text change sends the name);
        the history is written again; the question being typed stays as it is."""
        self.question.setPlaceholderText(self.tr("For example: What does the sign say?"))
        self.question.setAccessibleName(self.tr("Question about the image"))
        self.label.setText(self.tr("Ask about the image (Alt+Q)"))
        self.ask_button.setAccessibleName(self.tr("Ask the question"))
        self.ask_button.setText(self.tr("Ask"))
        self.history.setAccessibleName(self.tr("Questions and answers"))
        self.copy_button.setAccessibleName(self.tr("Copy the selected answer"))
        self.copy_button.setText(self.tr("Copy Answer"))
        for row, exchange in enumerate(self.exchanges()[:self.history.count()]):
            self._word_item(self.history.item(row), exchange)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # --- what the window calls ---------------------------------------------------------------
    def set_image(self, key: str | None) -> None:
        """Show the questions asked about this image (None: no image, nothing to ask)."""
        self._image = key
        self._pending = None
        self.history.clear()
        for exchange in self._histories.get(key or "", []):
            self._add_item(exchange)
        self._update_buttons()

    def show_answer(self, question: str, answer: str) -> str:
        """Record an answer; returns what to announce and speak."""
        self._pending = None
        exchange = Exchange(question, answer)
        if self._image is not None:
            self._histories.setdefault(self._image, []).append(exchange)
        item = self._add_item(exchange)
        self.history.setCurrentItem(item)
        if " ".join(self.question.text().split()) == question:
            self.question.clear()  # answered: the field is free for the next question
        self._update_buttons()
        return self.tr("Answer: %1").replace("%1", answer)

    def show_error(self, question: str, message: str) -> str:
        """The question stays in the field so it can be asked again; returns what to announce."""
        self._pending = None
        self._update_buttons()
        return message

    @property
    def busy(self) -> bool:
        return self._pending is not None

    def exchanges(self) -> list[Exchange]:
        return list(self._histories.get(self._image or "", []))

    # --- user actions ------------------------------------------------------------------------
    def submit(self) -> None:
        question = " ".join(self.question.text().split())
        if not question or self._image is None or self._pending is not None:
            return
        self._pending = question
        self._update_buttons()
        self.ask_requested.emit(question)

    def copy_answer(self) -> str | None:
        item = self.history.currentItem() or self.history.item(self.history.count() - 1)
        if item is None:
            return None
        answer = item.data(Qt.ItemDataRole.UserRole)
        QGuiApplication.clipboard().setText(answer)
        return answer

    def _add_item(self, exchange: Exchange) -> QListWidgetItem:
        item = QListWidgetItem()
        self._word_item(item, exchange)
        item.setData(Qt.ItemDataRole.UserRole, exchange.answer)
        self.history.addItem(item)
        return item

    def _word_item(self, item: QListWidgetItem, exchange: Exchange) -> None:
        item.setText(self.tr("Q: %1\nA: %2").replace("%1", exchange.question).replace("%2", exchange.answer))
        item.setData(Qt.ItemDataRole.AccessibleTextRole,
                     self.tr("Question: %1. Answer: %2").replace("%1", exchange.question)
                     .replace("%2", exchange.answer))

    def _update_buttons(self) -> None:
        ready = self._image is not None and self._pending is None
        self.ask_button.setEnabled(ready)
        self.copy_button.setEnabled(self.history.count() > 0)
