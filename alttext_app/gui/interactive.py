"""Questions and “More detail” in the window: the ask panel and the detail view, and the tasks
behind them (`Session.ask`, `Session.describe_more` in the task runner, never on the GUI thread).

Answers and details are announced once through the window's announcer and read by AltText's own
voice when it speaks descriptions; the alt text the user copies is never touched.
"""

from __future__ import annotations

import hashlib
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from alttext_app.core.asking import AnswerResult, DetailResult
from alttext_app.gui.announce import Kind
from alttext_app.gui.ask_panel import AskPanel
from alttext_app.gui.detail_view import DetailView
from alttext_app.gui.image_state import CurrentImage
from alttext_app.gui.tasks import Lane, TaskContext

if TYPE_CHECKING:
    from alttext_app.gui.main_window import MainWindow

ASK_KEY = "ask"  # latest wins among questions
DETAIL_KEY = "detail"


def image_key(image: CurrentImage) -> str:
    """The same image gets the same history back (a path, or a digest of pasted data)."""
    if isinstance(image.source, str):
        return image.source
    return "data:" + hashlib.blake2b(image.source, digest_size=12).hexdigest()


class Interactive(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ask_panel = AskPanel()
        self.detail = DetailView()
        self.widget = QWidget()
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.detail)
        layout.addWidget(self.ask_panel, 1)
        self.ask_panel.ask_requested.connect(self.ask)
        self._image: CurrentImage | None = None

    def tab_chain(self) -> list[QWidget]:
        p = self.ask_panel
        return [self.detail.text, self.detail.copy_button, p.question, p.ask_button, p.history,
                p.copy_button]

    def image_changed(self, image: CurrentImage | None) -> None:
        self._image = image
        self.window.tasks.abort(ASK_KEY)
        self.window.tasks.abort(DETAIL_KEY)
        self.ask_panel.set_image(image_key(image) if image is not None else None)
        self.detail.clear()

    # --- actions ------------------------------------------------------------------------------
    def focus_question(self) -> None:
        if self._image is None:
            self.window.tell(lambda: self.tr("Open, paste or drop an image first."))
            return
        self.ask_panel.question.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def ask(self, question: str) -> None:
        image = self._image
        if image is None:
            return
        session = self.window.session
        self.window.tasks.start(
            partial(_ask, session, image.source, question), name="ask", lane=Lane.CAPTION,
            key=ASK_KEY, owner=self, on_result=partial(self._answered, image),
            on_error=partial(self._ask_failed, image, question))
        self.window.tell(lambda: self.tr("Thinking about your question…"), Kind.STATUS)

    def more_detail(self) -> None:
        image = self._image
        if image is None:
            self.window.tell(lambda: self.tr("Open, paste or drop an image first."))
            return
        self.window.tasks.start(
            partial(_more, self.window.session, image.source), name="more detail", lane=Lane.CAPTION,
            key=DETAIL_KEY, owner=self, on_result=partial(self._detailed, image),
            on_error=self.window.show_error)
        self.window.tell(lambda: self.tr("Writing a longer description…"), Kind.PROGRESS)

    # --- results ------------------------------------------------------------------------------
    def _answered(self, image: CurrentImage, result: AnswerResult) -> None:
        if image is not self._image:
            return
        said = self.ask_panel.show_answer(result.question, result.answer)
        self.window.tell(said, Kind.NEWS)
        self._speak(result.answer)

    def _ask_failed(self, image: CurrentImage, question: str, message: str) -> None:
        if image is self._image:
            self.window.show_error(self.ask_panel.show_error(question, message))

    def _detailed(self, image: CurrentImage, result: DetailResult) -> None:
        if image is not self._image:
            return
        self.detail.show_detail(result.text, result.model)
        self.window.announcer.tell_description(self.detail.text, result.text)
        self._speak(result.text)

    def _speak(self, text: str) -> None:
        if self.window.auto_speak and self.window.speech.can_play:
            self.window.speech.speak(text)


def _ask(session, source, question: str, ctx: TaskContext) -> AnswerResult:  # noqa: ANN001
    return session.ask(source, question, should_abort=ctx.should_abort)


def _more(session, source, ctx: TaskContext) -> DetailResult:  # noqa: ANN001
    return session.describe_more(source, should_abort=ctx.should_abort)
