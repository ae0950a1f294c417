"""End to end in the window: a tiny SmolVLM export installed, Alt+Q, a question, its answer
announced once; Ctrl+Shift+D writes “More detail” beside the alt text, which stays as it was."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from gui_support import close_window, open_active
from PySide6.QtCore import Qt

pytestmark = [pytest.mark.torch, pytest.mark.slow]
ENGINES = Path(__file__).resolve().parents[1] / "engines"


def tiny_models_photo() -> list:
    from PIL import Image

    return [Image.open(ENGINES.parent / "data" / "images" / "rocket.jpg").convert("RGB")]


@pytest.fixture
def ask_window(qtbot, tmp_path, monkeypatch):
    sys.path.insert(0, str(ENGINES))
    import tiny_models

    from alttext_app.core.engines.export import export_model
    from alttext_app.core.service import ModelService
    from alttext_app.core.session import Session
    from alttext_app.gui.main_window import MainWindow
    from alttext_app.gui.tasks import TaskRunner

    models = tmp_path / "models"
    export_model(tiny_models.make_smolvlm(tmp_path / "smolvlm"), models / "tiny-smolvlm",
                 quantize="int8", min_agreement=0.0, images=tiny_models_photo())
    monkeypatch.setenv("ALTTEXT_MODELS_DIR", str(models))
    session = Session(tmp_path / "settings.ini", service=ModelService())
    session.update(auto_speak=False)
    win = MainWindow(session=session, runner=TaskRunner())
    open_active(qtbot, win)
    yield win
    close_window(win, 10_000)


def test_question_and_more_detail_in_the_window(qtbot, ask_window, red_png):
    from gui_support import wait_for_caption

    win = ask_window
    win.load_source(str(red_png))
    alt = wait_for_caption(qtbot, win, timeout=60_000)
    qtbot.keyClick(win, Qt.Key.Key_Q, Qt.KeyboardModifier.AltModifier)
    panel = win.interactive.ask_panel
    qtbot.waitUntil(panel.question.hasFocus, timeout=5000)
    qtbot.keyClicks(panel.question, "What colour is it?")
    qtbot.keyClick(panel.question, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.history.count() == 1, timeout=60_000)
    answer = panel.exchanges()[0].answer
    assert answer and panel.question.text() == ""
    assert [t for _k, t in win.announcer.history].count(f"Answer: {answer}") == 1

    qtbot.keyClick(win, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    detail = win.interactive.detail
    qtbot.waitUntil(lambda: detail.text.toPlainText() != "", timeout=60_000)
    assert not detail.isHidden() and win.panel.text() == alt  # beside the alt text, never instead
    win.load_source(str(red_png))  # a new image: detail goes, the same file's questions come back
    assert detail.isHidden() and panel.history.count() == 1
