"""The window's screen and clipboard actions, wired through LibraryActions to its hooks."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from alttext_app.gui import screen_grab
from alttext_app.gui.library_actions import LibraryActions
from alttext_app.gui.live_text import render


def test_actions_reach_the_window_hooks(qtbot, monkeypatch):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    described, told, errors = [], [], []

    def fake_screen(screen=None):
        image = QImage(30, 20, QImage.Format.Format_RGB32)
        image.fill(QColor(0, 0, 255))
        return image

    monkeypatch.setattr(screen_grab, "uses_portal", lambda: False)
    monkeypatch.setattr(screen_grab, "grab_screen", fake_screen)
    monkeypatch.setattr(screen_grab, "grab_active_window", lambda exclude=None: None)
    wiring = LibraryActions(window, describe=described.append, tell=lambda text: told.append(render(text)), show_error=errors.append)
    wiring.capture.hide_delay_ms = 10
    wiring.describe_screen("screen")
    qtbot.waitUntil(lambda: len(described) == 1)
    picture = Image.open(io.BytesIO(described[0]))
    assert picture.size == (30, 20) and picture.getpixel((5, 5))[:3] == (0, 0, 255)
    assert told[-1] == "Describing the screen."
    wiring.describe_screen("window")
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert errors[0] == "No other program's window is active to describe."

    wiring.watcher._timer.setInterval(20)
    wiring.watch(True)
    assert told[-1] == "Watching the clipboard for images."
    copied = QImage(8, 8, QImage.Format.Format_RGB32)
    copied.fill(QColor("green"))
    QApplication.clipboard().setImage(copied)
    qtbot.waitUntil(lambda: len(described) == 2)
    assert told[-1] == "A new image was copied; describing it."
    wiring.watch(False)
    assert told[-1] == "No longer watching the clipboard."


def test_window_describes_the_screen_from_its_action_table(qtbot, window, monkeypatch):
    from gui_support import wait_for_caption

    from alttext_app.gui.actions import Act
    from alttext_app.gui.app import parse_args

    def blue_screen(screen=None):
        image = QImage(160, 90, QImage.Format.Format_RGB32)
        image.fill(QColor(30, 60, 200))
        return image

    monkeypatch.setattr(screen_grab, "uses_portal", lambda: False)
    monkeypatch.setattr(screen_grab, "grab_screen", blue_screen)
    window.library.capture.hide_delay_ms = 10
    action = window.actions[Act.DESCRIBE_SCREEN]
    assert action.shortcut().toString() == "Alt+Shift+S"
    action.trigger()
    assert "mostly blue wide" in wait_for_caption(qtbot, window)
    assert window.isVisible()  # shown again after the grab
    watch = window.actions[Act.WATCH_CLIPBOARD]
    assert watch.isCheckable() and not watch.isChecked() and not window.library.watcher.enabled
    watch.trigger()
    assert window.library.watcher.enabled
    watch.trigger()
    assert parse_args(["--describe", "region", "--watch-clipboard"]).describe == "region"
