"""The right-hand side of the window: the alt-text field and everything about it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from alttext_app.gui.actions import Act
from alttext_app.gui.caption_edit import CaptionEdit

# The button grid, row by row; also the Tab order after the text.
BUTTON_ROWS = ((Act.OPEN, Act.PASTE, Act.DESCRIBE), (Act.SPEAK, Act.STOP, Act.COPY))


class CaptionPanel(QWidget):
    def __init__(self, actions: dict[Act, QAction], speech_note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = CaptionEdit()
        self.caption_label = QLabel("Alt text")
        self.caption_label.setBuddy(self.caption)
        font = self.caption_label.font()
        font.setBold(True)
        self.caption_label.setFont(font)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Length")
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance("0000 / 0000 characters"))
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = self.caption.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)  # the text people came for: make it easy to read
        self.caption.setFont(font)
        self.caption.setMinimumHeight(110)
        self.caption.setMaximumHeight(220)  # alt text is a sentence or two; more space looks empty

        # "A new description is ready — Replace / Keep mine", shown instead of overwriting typing.
        self.replace_bar = QFrame()
        self.replace_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.replace_bar.setAccessibleName("New description")
        self.replace_label = QLabel()
        self.replace_label.setWordWrap(True)
        # Plain button texts: Alt+R / Alt+K come from the action table (mnemonics are not on everywhere).
        self.replace_button = QPushButton("Replace (Alt+R)")
        self.replace_button.setAccessibleName("Replace my text with the new description")
        self.keep_button = QPushButton("Keep Mine (Alt+K)")
        self.keep_button.setAccessibleName("Keep my text")
        bar = QHBoxLayout(self.replace_bar)
        bar.addWidget(self.replace_label, 1)
        bar.addWidget(self.replace_button)
        bar.addWidget(self.keep_button)
        self.replace_bar.hide()

        # Only the author knows whether an image is decorative; AltText offers, never guesses.
        self.decorative = QCheckBox("Decorative image: copy empty alt text (Ctrl+D)")
        self.decorative.setAccessibleName("Decorative image")
        self.decorative.setAccessibleDescription(Act.DECORATIVE.value.tip)

        self.buttons: dict[Act, QToolButton] = {}
        grid = QGridLayout()
        for row, acts in enumerate(BUTTON_ROWS):
            for col, act in enumerate(acts):
                button = QToolButton()
                button.setDefaultAction(actions[act])
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
                button.setMinimumHeight(34)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                button.setAccessibleName(act.plain_text)
                button.setAccessibleDescription(f"{act.value.tip} Shortcut: {act.value.shortcut}.")
                grid.addWidget(button, row, col)
                self.buttons[act] = button

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Text read from the image (documents, screenshots): worth seeing and copying on its own.
        self.ocr_label = QLabel("Text found in the image")
        self.ocr_label.setFont(self.caption_label.font())
        self.ocr_text = QPlainTextEdit()
        self.ocr_text.setReadOnly(True)
        self.ocr_text.setTabChangesFocus(True)
        self.ocr_text.setAccessibleName("Text found in the image")
        self.ocr_label.setBuddy(self.ocr_text)
        self.ocr_label.hide()
        self.ocr_text.hide()
        self.speech_label = QLabel(speech_note)
        self.speech_label.setWordWrap(True)
        self.speech_label.setVisible(bool(self.speech_label.text()))

        head = QHBoxLayout()
        head.addWidget(self.caption_label)
        head.addStretch(1)
        head.addWidget(self.count_label)
        side = QVBoxLayout(self)
        side.setContentsMargins(6, 0, 0, 0)
        side.addLayout(head)
        side.addWidget(self.caption)
        side.addWidget(self.replace_bar)
        side.addWidget(self.decorative)
        side.addLayout(grid)
        side.addSpacing(6)
        side.addWidget(self.details)
        side.addWidget(self.ocr_label)
        side.addWidget(self.ocr_text, 4)
        side.addWidget(self.speech_label)
        side.addStretch(1)


    def tab_chain(self) -> list[QWidget]:
        """Reading order: the text, its bar, the decorative box, the buttons row by row, OCR text."""
        chain: list[QWidget] = [self.caption, self.replace_button, self.keep_button, self.decorative]
        return chain + [self.buttons[a] for acts in BUTTON_ROWS for a in acts] + [self.ocr_text]

    def update_count(self, count: int, limit: int) -> None:
        self.count_label.setText(f"{count} / {limit} characters")
        over = count > limit
        if over != self.count_label.property("over"):
            self.count_label.setProperty("over", over)
            self.count_label.setStyleSheet("color: #b00020; font-weight: bold;" if over else "")
        self.count_label.setToolTip(
            f"Longer than {limit} characters: consider shortening it." if over else
            "Screen readers read alt text in one go, so short is better."
        )
