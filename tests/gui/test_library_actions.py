"""The window's screen and clipboard actions, wired through LibraryActions to its hooks."""

from __future__ import annotations

import io

from PIL import Image
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from alttext_app.gui import screen_grab
from alttext_app.gui.library_actions import LibraryActions


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
    wiring = LibraryActions(window, describe=described.append, tell=told.append, show_error=errors.append)
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
