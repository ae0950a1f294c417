"""The clipboard watcher: opt-in, debounced, one event per new image, never AltText's own copies."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QAction, QColor, QIcon, QImage
from PySide6.QtWidgets import QApplication

from alttext_app.gui.clipboard import OWN_MARKER, set_clipboard
from alttext_app.gui.clipboard_watch import ClipboardWatcher
from alttext_app.gui.tray import Tray


def _image(colour: QColor) -> QImage:
    image = QImage(32, 24, QImage.Format.Format_RGB32)
    image.fill(colour)
    return image


def test_watching_is_off_until_asked(qtbot):
    clipboard = QApplication.clipboard()
    watcher = ClipboardWatcher(clipboard, debounce_ms=50)
    seen = []
    watcher.imageCopied.connect(seen.append)
    clipboard.setImage(_image(QColor("red")))
    qtbot.wait(200)
    assert seen == [] and not watcher.enabled


def test_new_images_described_once_after_the_burst(qtbot):
    clipboard = QApplication.clipboard()
    clipboard.setImage(_image(QColor("white")))  # there before watching: not new
    watcher = ClipboardWatcher(clipboard, debounce_ms=80)
    seen = []
    watcher.imageCopied.connect(seen.append)
    watcher.set_enabled(True)
    qtbot.wait(200)
    assert seen == []
    for colour in ("red", "green", "blue"):  # a burst: only the last one counts
        clipboard.setImage(_image(QColor(colour)))
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=3000)
    assert QColor(seen[0].pixel(1, 1)) == QColor("blue")
    clipboard.setImage(_image(QColor("blue")))  # the same picture again (a clipboard manager)
    qtbot.wait(250)
    assert len(seen) == 1
    clipboard.setText("just text")
    qtbot.wait(250)
    assert len(seen) == 1
    clipboard.setImage(_image(QColor("yellow")))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=3000)
    watcher.set_enabled(False)
    clipboard.setImage(_image(QColor("black")))
    qtbot.wait(250)
    assert len(seen) == 2


def test_altext_own_copies_are_never_described(qtbot):
    clipboard = QApplication.clipboard()
    watcher = ClipboardWatcher(clipboard, debounce_ms=50)
    seen = []
    watcher.imageCopied.connect(seen.append)
    watcher.set_enabled(True)
    set_clipboard("A red square.", "<img alt='A red square.'>")  # AltText copying alt text
    mime = QMimeData()
    mime.setImageData(_image(QColor("magenta")))
    mime.setData(OWN_MARKER, b"1")  # an image copied by (another) AltText window
    clipboard.setMimeData(mime)
    qtbot.wait(250)
    assert seen == []


def test_tray_menu_holds_the_given_actions(qtbot):
    action = QAction("Describe Screen")
    tray = Tray(QIcon(), [action, None])
    toggled = []
    tray.toggleWindow.connect(lambda: toggled.append(True))
    texts = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    assert texts == ["Show or Hide AltText", "Describe Screen"]
    tray.show_action.trigger()
    assert toggled == [True]
    assert tray.show() is Tray.available()
    tray.hide()
