"""Putting alt text on the clipboard without crashing at exit.

The clipboard takes ownership of the QMimeData we give it, but that object was made from Python: Qt
deletes it from an exit handler after Python has shut down, and PySide6 then crashes (SIGSEGV) the
moment the process ends. Before quitting we therefore swap our data for plain text that Qt creates
itself, so the copied alt text outlives the app (clipboard managers keep it) and the exit is clean.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

_ours: list[QMimeData] = []  # the data we handed over, while the clipboard still holds it
# Marks AltText's own copies, so the clipboard watcher (gui/clipboard_watch.py) never describes them.
OWN_MARKER = "application/x-alttext-copy"


def set_clipboard(text: str, html: str | None = None) -> None:
    mime = QMimeData()
    mime.setData(OWN_MARKER, b"1")
    mime.setText(text)
    if html is not None:
        mime.setHtml(html)
    QApplication.clipboard().setMimeData(mime)
    _ours[:] = [mime]


def is_own_copy(mime: QMimeData) -> bool:
    """Whether this clipboard data came from AltText (this or another AltText window)."""
    return mime.hasFormat(OWN_MARKER) or any(mime is ours for ours in _ours)


def release_clipboard() -> None:
    """Replace Python-made clipboard data with Qt-made plain text; call before the app quits."""
    if not _ours:
        return
    clipboard = QApplication.clipboard()
    # Only while the clipboard still holds our data: text another app copied since is theirs, and
    # taking it over would lose it when we exit. (Shiboken hands back the same wrapper for it.)
    if clipboard.mimeData() is _ours[0]:
        clipboard.setText(clipboard.text())  # Qt makes (and later frees) this data itself
    _ours.clear()
