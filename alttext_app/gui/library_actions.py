"""The window's ways to pictures that are not files: describe the screen, the active window or a
region, watch the clipboard, and the tray icon. Kept out of main_window.py: the window gives three
hooks (describe encoded image bytes, tell the person something, show an error); its action table
calls `describe_screen(target)` and `watch(on)`, and lends the tray its actions.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QImage
from PySide6.QtWidgets import QWidget

from alttext_app.gui.clipboard_watch import ClipboardWatcher
from alttext_app.gui.drop import qimage_to_png
from alttext_app.gui.live_text import LiveText
from alttext_app.gui.screen_capture import ScreenCapture
from alttext_app.gui.screen_grab import GrabTarget
from alttext_app.gui.tray import Tray


class LibraryActions(QObject):
    def __init__(
        self,
        window: QWidget,
        *,
        describe: Callable[[bytes], None],
        tell: Callable[[LiveText], None],
        show_error: Callable[[str], None],
        tray_actions: list[QAction | None] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self._describe, self._tell = describe, tell
        self.capture = ScreenCapture(window)
        self.capture.captured.connect(self._captured)
        self.capture.failed.connect(show_error)
        self.capture.cancelled.connect(lambda: tell(lambda: self.tr("No region chosen.")))
        self.watcher = ClipboardWatcher(parent=self)
        self.watcher.imageCopied.connect(self._copied)
        self.tray: Tray | None = None
        if tray_actions is not None and Tray.available():
            self.tray = Tray(window.windowIcon() or QIcon(), tray_actions, self)
            self.tray.toggleWindow.connect(self._toggle_window)
            self.tray.show()

    def retranslate(self) -> None:
        """The window's language changed: the tray's own words follow (its actions are the window's)."""
        if self.tray is not None:
            self.tray.retranslate()

    def describe_screen(self, target: str | GrabTarget) -> None:
        """Describe "screen", "window" (the active one) or "region" (chosen by keyboard)."""
        self.capture.start(GrabTarget(target))

    def _captured(self, image: QImage, what: str) -> None:
        self._tell(lambda: self.tr("Describing {what}.").format(what=what))
        self._describe(qimage_to_png(image))

    def _copied(self, image: QImage) -> None:
        self._tell(lambda: self.tr("A new image was copied; describing it."))
        self._describe(qimage_to_png(image))

    def watch(self, on: bool) -> None:
        """Watch the clipboard for new images (on), or stop."""
        self.watcher.set_enabled(on)
        self._tell(lambda: self.tr("Watching the clipboard for images.") if on
                   else self.tr("No longer watching the clipboard."))

    def _toggle_window(self) -> None:
        if self.window.isVisible() and self.window.isActiveWindow():
            self.window.hide()
        else:
            self.window.showNormal()
            self.window.raise_()
            self.window.activateWindow()
