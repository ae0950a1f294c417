"""Take the picture the person asked for (screen, active window or region) with AltText's own
windows out of the way, then hand it on to be described.

AltText hides its windows, waits for the desktop to redraw what was under them, grabs (X11) or
asks the portal (Wayland), and shows its windows again. The picture stays in memory.
"""

from __future__ import annotations

import contextlib
import logging

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import QApplication, QWidget

from alttext_app.gui import screen_grab
from alttext_app.gui.portal_screenshot import PortalScreenshot
from alttext_app.gui.region_select import RegionSelector
from alttext_app.gui.screen_grab import GrabTarget

log = logging.getLogger(__name__)

HIDE_DELAY_MS = 300  # long enough for compositors to redraw what the window covered


class ScreenCapture(QObject):
    captured = Signal(QImage, str)  # the picture and what it shows, in words ("the screen", …)
    failed = Signal(str)  # one sentence for people
    cancelled = Signal()

    def __init__(self, window: QWidget, portal: PortalScreenshot | None = None,
                 hide_delay_ms: int = HIDE_DELAY_MS) -> None:
        super().__init__(window)
        self.window = window
        self.hide_delay_ms = hide_delay_ms
        self._portal = portal
        self._hidden: list[QWidget] = []
        self._selector: RegionSelector | None = None
        self.busy = False

    @property
    def portal(self) -> PortalScreenshot:
        if self._portal is None:
            self._portal = PortalScreenshot(parent=self)
        return self._portal

    def what(self, target: GrabTarget) -> str:
        return {GrabTarget.SCREEN: self.tr("the screen"), GrabTarget.WINDOW: self.tr("the active window"),
                GrabTarget.REGION: self.tr("the chosen region")}[target]

    def start(self, target: GrabTarget) -> None:
        if self.busy:
            return
        self.busy = True
        own = {int(w.winId()) for w in QApplication.topLevelWidgets() if w.isVisible()}
        self._hidden = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
        for widget in self._hidden:
            widget.hide()
        QTimer.singleShot(self.hide_delay_ms if self._hidden else 0, lambda: self._grab(target, own))

    def _grab(self, target: GrabTarget, own: set[int]) -> None:
        try:
            if screen_grab.uses_portal():
                self._ask_portal(target)
            elif target is GrabTarget.REGION:
                self._choose_region()
            elif target is GrabTarget.WINDOW:
                image = screen_grab.grab_active_window(exclude=own)
                if image is None:
                    self._finish(error=self.tr("No other program's window is active to describe."))
                else:
                    self._finish(image, target)
            else:
                self._finish(screen_grab.grab_screen(), target)
        except Exception:  # a grab must never take the window down with it
            log.exception("screen grab failed")
            self._finish(error=self.tr("The screen could not be read."))

    def _ask_portal(self, target: GrabTarget) -> None:
        portal = self.portal
        portal.finished.connect(lambda image: self._finish(image, target))
        portal.failed.connect(lambda message: self._finish(error=message))
        # The desktop's own dialog lets people pick a window or region where it offers that.
        portal.request(interactive=target is not GrabTarget.SCREEN)

    def _choose_region(self) -> None:
        screen = QGuiApplication.primaryScreen()
        shot = screen_grab.grab_screen(screen)
        self._selector = RegionSelector(shot, screen.geometry())
        self._selector.chosen.connect(lambda image, _rect: self._finish(image, GrabTarget.REGION))
        self._selector.cancelled.connect(self._cancel)
        self._selector.showFullScreen()
        self._selector.activateWindow()
        self._selector.setFocus()

    def _cancel(self) -> None:
        self._restore()
        self.cancelled.emit()

    def _finish(self, image: QImage | None = None, target: GrabTarget | None = None,
                error: str | None = None) -> None:
        self._restore()
        if error or image is None or image.isNull():
            self.failed.emit(error or self.tr("The screen could not be read."))
        else:
            self.captured.emit(image, self.what(target or GrabTarget.SCREEN))

    def _restore(self) -> None:
        self.busy = False
        self._disconnect_portal()
        for widget in self._hidden:
            widget.show()
        if self._hidden:
            self._hidden[0].raise_()
            self._hidden[0].activateWindow()
        self._hidden = []
        self._selector = None

    def _disconnect_portal(self) -> None:
        if self._portal is not None:
            for signal in (self._portal.finished, self._portal.failed):
                with contextlib.suppress(RuntimeError, TypeError):  # nothing was connected
                    signal.disconnect()
