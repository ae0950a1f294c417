"""The right-hand side of the window: the alt-text field and everything about it.

The window talks to this panel through its methods (show a description, offer a new one, clear
for a new image); it never reaches into the widgets to lay them out or style them. Everything it
shows is kept as given (the counts, the description's facts, the speech note), so a language
switch renders it again in the new language; the alt text itself is never touched.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt
from PySide6.QtGui import QTextCursor
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

from alttext_app.core.captioner import CaptionResult
from alttext_app.core.i18n import localize
from alttext_app.gui.actions import Act, ActionTable
from alttext_app.gui.caption_edit import CaptionEdit
from alttext_app.gui.look import warning_colour

# The button grid, row by row; also the Tab order after the text.
BUTTON_ROWS = ((Act.OPEN, Act.PASTE, Act.DESCRIBE), (Act.SPEAK, Act.STOP, Act.COPY))
CAPTION_LINES = (4, 9)  # the field shows at least / at most this many lines, whatever the font size


def selectable(label: QLabel) -> QLabel:
    """Readable with the keyboard (screen readers' caret navigation) and copyable with the mouse."""
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                  | Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label



# The image kinds the built-in describer reports (RawCaption.kind), as people read them.
KINDS = {
    "photo": QT_TRANSLATE_NOOP("Kind", "Photo"), "screenshot": QT_TRANSLATE_NOOP("Kind", "Screenshot"),
    "document": QT_TRANSLATE_NOOP("Kind", "Document"), "code": QT_TRANSLATE_NOOP("Kind", "Code"),
    "chart": QT_TRANSLATE_NOOP("Kind", "Chart"), "graphic": QT_TRANSLATE_NOOP("Kind", "Graphic"),
    "table": QT_TRANSLATE_NOOP("Kind", "Table"), "dialog": QT_TRANSLATE_NOOP("Kind", "Dialog"),
}

class CaptionPanel(QWidget):
    def __init__(self, actions: ActionTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._actions = actions
        self.caption = CaptionEdit()
        self.caption_label = QLabel()  # Alt+A is the Edit Alt Text action
        self.caption_label.setBuddy(self.caption)
        bold = self.caption_label.font()
        bold.setBold(True)
        self.caption_label.setFont(bold)
        # The counter's name is its text ("42 of 125 characters"): nothing hides what it shows.
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self._count = (0, 0)
        self._over = False
        self._result: CaptionResult | None = None  # what the details line tells about
        self._pending_text = ""
        self._speech_note = ""

        # "A new description is ready — Replace / Keep mine", shown instead of overwriting typing.
        self.replace_bar = QFrame()
        self.replace_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.replace_label = selectable(QLabel())
        self.replace_button = QPushButton()
        self.keep_button = QPushButton()
        bar = QHBoxLayout(self.replace_bar)
        bar.addWidget(self.replace_label, 1)
        bar.addWidget(self.replace_button)
        bar.addWidget(self.keep_button)
        self.replace_bar.hide()

        # Only the author knows whether an image is decorative; AltText offers, never guesses.
        self.decorative = QCheckBox()

        self.buttons: dict[Act, QToolButton] = {}
        grid = QGridLayout()
        for row, acts in enumerate(BUTTON_ROWS):
            for col, act in enumerate(acts):
                button = actions.button(act)
                button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
                grid.addWidget(button, row, col)
                self.buttons[act] = button

        self.details = selectable(QLabel())
        # Text read from the image (documents, screenshots): worth seeing and copying on its own.
        self.ocr_label = QLabel()
        self.ocr_label.setFont(bold)
        self.ocr_text = QPlainTextEdit()
        self.ocr_text.setReadOnly(True)
        self.ocr_text.setTabChangesFocus(True)
        self.ocr_label.setBuddy(self.ocr_text)
        self.speech_label = selectable(QLabel())
        for widget in (self.ocr_label, self.ocr_text, self.speech_label):
            widget.hide()

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
        side.addSpacing(self.fontMetrics().height() // 2)
        side.addWidget(self.details)
        side.addWidget(self.ocr_label)
        side.addWidget(self.ocr_text, 4)
        side.addWidget(self.speech_label)
        side.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        """Every word of the panel in the current language, from what it holds (never the alt text).
        Names before texts: a text change makes Qt send the (still old) name to screen readers."""
        self.caption_label.setText(self.tr("Alt text"))
        self.count_label.setAccessibleDescription(self.tr("Length of the alt text"))
        self.replace_bar.setAccessibleName(self.tr("New description"))
        self.replace_button.setAccessibleName(self.tr("Replace my text with the new description"))
        self.replace_button.setText(self.tr("Replace (Alt+R)"))
        self.keep_button.setAccessibleName(self.tr("Keep my text"))
        self.keep_button.setText(self.tr("Keep Mine (Alt+K)"))
        tip = self._actions.spec(Act.DECORATIVE).tip_text()
        self.decorative.setAccessibleName(self.tr("Decorative image"))
        self.decorative.setAccessibleDescription(tip)
        self.decorative.setToolTip(tip)
        self.decorative.setText(self.tr("Decorative image (Ctrl+D)"))
        self.ocr_text.setAccessibleName(self.tr("Text found in the image"))
        self.ocr_label.setText(self.tr("Text found in the image"))
        if self._pending_text:
            self._show_pending_line()
        self._show_details_line()
        self.show_speech_note(self._speech_note)
        self.update_count(*self._count)
        self._fit_to_font()

    # --- following the font and the palette -------------------------------------------------
    def _fit_to_font(self) -> None:
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)  # the text people came for: make it easy to read
        self.caption.setFont(font)
        line = self.caption.fontMetrics().lineSpacing()
        frame = 2 * (self.caption.frameWidth() + int(self.caption.document().documentMargin()))
        self.caption.setMinimumHeight(CAPTION_LINES[0] * line + frame)
        self.caption.setMaximumHeight(CAPTION_LINES[1] * line + frame)
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(
            self.tr("%1 of %n characters, %2 over", "", 1000).replace("%1", "0000").replace("%2", "000")))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_to_font()
        elif event.type() == QEvent.Type.PaletteChange:
            self._style_count()
        elif event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    # --- what the window asks of the panel --------------------------------------------------
    def tab_chain(self) -> list[QWidget]:
        """Reading order: the text, its bar, the decorative box, the buttons row by row, OCR text."""
        chain: list[QWidget] = [self.caption, self.replace_button, self.keep_button, self.decorative]
        return chain + [self.buttons[a] for acts in BUTTON_ROWS for a in acts] + [self.ocr_text]

    def text(self) -> str:
        return self.caption.toPlainText()

    def set_text(self, text: str) -> None:
        """Replace the words without moving the caret (it stays where it is, at the start after a
        clear). A caret move would send the screen reader a caret event; Orca 43 handling that
        after focus moved into the field takes it as the focus change and then stays silent."""
        edit = self.caption
        caret = edit.textCursor()
        caret.setKeepPositionOnInsert(True)
        edit.setTextCursor(caret)  # same position: no caret event
        replace = QTextCursor(edit.document())
        replace.select(QTextCursor.SelectionType.Document)
        replace.insertText(text)
        caret = edit.textCursor()
        caret.setPosition(caret.position())  # no selection (its anchor moved with the insertion)
        caret.setKeepPositionOnInsert(False)  # typing moves the caret on again
        edit.setTextCursor(caret)

    def clear_for_new_image(self, keep_text: bool) -> None:
        """A new image: its old facts go; the field keeps only text the user wrote."""
        if not keep_text:
            self.set_text("")
        self.decorative.setChecked(False)
        self.hide_pending()
        self.show_details(None)

    def show_pending(self, text: str) -> None:
        self._pending_text = text
        self._show_pending_line()
        self.replace_bar.show()

    def _show_pending_line(self) -> None:
        self.replace_label.setText(self.tr("A new description is ready: “%1”").replace("%1", self._pending_text))

    def hide_pending(self) -> None:
        self.replace_bar.hide()

    def show_details(self, result: CaptionResult | None) -> None:
        self._result = result
        self._show_details_line()
        ocr = (result.ocr_text or "").strip() if result is not None else ""
        self.ocr_text.setPlainText(ocr)
        self.ocr_label.setVisible(bool(ocr))
        self.ocr_text.setVisible(bool(ocr))

    def _show_details_line(self) -> None:
        result = self._result
        if result is None:
            self.details.clear()
        else:
            name = self.tr("the built-in describer") if result.backend == "builtin" else result.model
            seconds = f"{result.seconds:.1f}"
            if result.kind:
                kind = KINDS.get(result.kind)
                kind = QCoreApplication.translate("Kind", kind) if kind else result.kind.capitalize()
                line = self.tr("%1, described by %2 in %3 s.").replace("%1", kind)
            else:
                line = self.tr("Described by %2 in %3 s.")
            line = line.replace("%2", name).replace("%3", seconds)
            if result.notice:  # e.g. English because no translation model is installed, and how to get one
                line += " " + localize(result.notice)
            self.details.setText(line)

    def show_speech_note(self, note: str) -> None:
        self._speech_note = note
        text = localize(note)  # the speech engine's sentence, from the core (English: kept to redo)
        self.speech_label.setText(text)
        self.speech_label.setVisible(bool(text))

    def update_count(self, count: int, limit: int) -> None:
        over = count - limit
        if over > 0:
            text = self.tr("%1 of %n characters, %2 over", "", limit)
            tip = self.tr("Longer than the limit: consider shortening it.")
        else:
            text = self.tr("%1 of %n characters", "", limit)
            tip = self.tr("Screen readers read alt text in one go, so short is better.")
        self.count_label.setText(text.replace("%1", str(count)).replace("%2", str(over)))
        self.count_label.setToolTip(tip)
        self._count = (count, limit)
        if (over > 0) != self._over:
            self._over = over > 0
            self._style_count()

    def _style_count(self) -> None:
        # Over the limit is said in words; the colour (checked for contrast) only adds to it.
        colour = warning_colour(self.palette()).name()
        self.count_label.setStyleSheet(f"color: {colour}; font-weight: bold;" if self._over else "")
