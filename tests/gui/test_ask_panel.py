"""The question panel and the “More detail” view, on their own (the window wires them in)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from alttext_app.gui.ask_panel import AskPanel
from alttext_app.gui.detail_view import DetailView


def test_enter_asks_and_the_answer_joins_the_history(qtbot):
    panel = AskPanel()
    qtbot.addWidget(panel)
    panel.set_image("a.png")
    asked = []
    panel.ask_requested.connect(asked.append)
    qtbot.keyClicks(panel.question, "  What colour is   the car? ")
    qtbot.keyClick(panel.question, Qt.Key.Key_Return)
    assert asked == ["What colour is the car?"]
    assert panel.busy and not panel.ask_button.isEnabled()
    qtbot.keyClick(panel.question, Qt.Key.Key_Return)  # no second request while one runs
    assert len(asked) == 1
    said = panel.show_answer(asked[0], "Probably red.")
    assert said == "Answer: Probably red."
    assert panel.question.text() == "" and not panel.busy
    assert [e.answer for e in panel.exchanges()] == ["Probably red."]
    assert panel.copy_answer() == "Probably red."
    assert QGuiApplication.clipboard().text() == "Probably red."


def test_a_failed_question_stays_in_the_field(qtbot):
    panel = AskPanel()
    qtbot.addWidget(panel)
    panel.set_image("a.png")
    panel.question.setText("What does the sign say?")
    panel.submit()
    assert panel.show_error("What does the sign say?", "No installed model answers questions.")
    assert panel.question.text() == "What does the sign say?"
    assert panel.ask_button.isEnabled() and panel.exchanges() == []


def test_history_is_per_image_and_nothing_is_asked_without_one(qtbot):
    panel = AskPanel()
    qtbot.addWidget(panel)
    asked = []
    panel.ask_requested.connect(asked.append)
    panel.question.setText("Anything?")
    panel.submit()
    assert asked == []  # no image yet
    panel.set_image("a.png")
    panel.submit()
    panel.show_answer("Anything?", "A cat.")
    panel.set_image("b.png")
    assert panel.history.count() == 0 and panel.exchanges() == []
    panel.set_image("a.png")
    assert panel.history.count() == 1
    item = panel.history.item(0)
    assert "A cat." in item.data(Qt.ItemDataRole.AccessibleTextRole)


def test_controls_are_named(qtbot):
    panel, detail = AskPanel(), DetailView()
    qtbot.addWidget(panel)
    qtbot.addWidget(detail)
    for widget in (panel.question, panel.ask_button, panel.history, panel.copy_button,
                   detail.text, detail.copy_button):
        assert widget.accessibleName()
    assert panel.label.buddy() is panel.question


def test_detail_shows_beside_never_instead(qtbot):
    detail = DetailView()
    qtbot.addWidget(detail)
    assert detail.isHidden()
    said = detail.show_detail("A red car parked by a wall. Text in the image: “STOP”.", "builtin")
    assert said.startswith("More detail: A red car")
    assert detail.text.isReadOnly() and not detail.isHidden()
    detail.copy()
    assert "STOP" in QGuiApplication.clipboard().text()
    detail.clear()
    assert detail.isHidden() and detail.text.toPlainText() == ""
