"""A fresh install (no question model): the window's question field answers with the built-in
describer, shown, announced once and spoken like a model's answer, in the window's language."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_support import close_window, open_active
from PySide6.QtCore import Qt

PHOTOS = Path(__file__).resolve().parents[1] / "data" / "eval" / "photos"


@pytest.fixture
def fresh_window(qtbot, tmp_path, monkeypatch):
    from alttext_app.core.service import ModelService
    from alttext_app.core.session import Session
    from alttext_app.gui.main_window import MainWindow
    from alttext_app.gui.tasks import TaskRunner

    monkeypatch.setenv("ALTTEXT_MODELS_DIR", str(tmp_path / "models"))  # nothing installed
    session = Session(tmp_path / "settings.ini", service=ModelService())
    session.update(auto_speak=True)
    win = MainWindow(session=session, runner=TaskRunner())
    spoken: list[str] = []
    # No sound card here: the player is replaced, the window's decision to speak is what is checked.
    monkeypatch.setattr(type(win.speech), "can_play", property(lambda self: True))
    monkeypatch.setattr(win.speech, "speak", lambda text, language=None: spoken.append(text) or True)
    win.spoken = spoken
    open_active(qtbot, win)
    yield win
    close_window(win, 10_000)
    session.service.clear()


def _ask(qtbot, win, question: str, count: int) -> str:
    panel = win.interactive.ask_panel
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(panel.question.hasFocus, timeout=5000)
    qtbot.keyClicks(panel.question, question)
    qtbot.keyClick(panel.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.history.count() == count, timeout=60_000)
    return panel.exchanges()[-1].answer


def test_fresh_install_answers_with_the_builtin_describer(qtbot, fresh_window):
    from gui_support import wait_for_caption

    win = fresh_window
    win.load_source(str(PHOTOS / "dog.jpg"))
    wait_for_caption(qtbot, win, timeout=60_000)
    describer = win.session.service.get("builtin", win.session.settings.backend, win.session.settings.device)
    assert len(describer._seen) == 1  # the describer that wrote the caption remembers the image
    detected = []
    real = describer._detector.detect
    describer._detector.detect = lambda image: detected.append(1) or real(image)
    answer = _ask(qtbot, win, "How many dogs are there?", 1)
    assert detected == []  # answered from what the caption found: no model ran again
    assert answer == "I can see one dog."
    assert [t for _k, t in win.announcer.history].count("Answer: I can see one dog.") == 1
    assert win.spoken[-1] == "I can see one dog."
    other = _ask(qtbot, win, "Why is it looking at me?", 2)
    assert other.startswith("I can't answer that with the built-in describer.") and "smolvlm-256m" in other
    assert win.interactive.ask_panel.question.text() == ""  # answered, not an error: the field is free


def test_builtin_answers_follow_the_window_language(qtbot, fresh_window):
    from gui_support import wait_for_caption

    win = fresh_window
    win.session.update(language="zh")
    win.load_source(str(PHOTOS / "dog.jpg"))
    wait_for_caption(qtbot, win, timeout=60_000)
    assert _ask(qtbot, win, "Is there a dog?", 1) == "有：我看到一条狗。"
