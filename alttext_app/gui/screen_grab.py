"""Pictures of the screen without leaving the machine: the whole screen, the active window or a
region, through Qt's screen grab on X11. On Wayland programs may not read the screen; there the
xdg-desktop-portal asks the desktop for the picture (gui/portal_screenshot.py).
"""

from __future__ import annotations

import os
from enum import Enum

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication, QImage, QScreen

from alttext_app.gui.x11_windows import active_window


class GrabTarget(str, Enum):
    SCREEN = "screen"
    WINDOW = "window"
    REGION = "region"


def uses_portal() -> bool:
    """True where Qt cannot read the screen itself (a Wayland session) and the portal must."""
    platform = QGuiApplication.platformName()
    if platform.startswith("wayland"):
        return True
    return platform != "xcb" and bool(os.environ.get("WAYLAND_DISPLAY"))


def _screen(at: QRect | None = None) -> QScreen:
    if at is not None:
        screen = QGuiApplication.screenAt(at.center())
        if screen is not None:
            return screen
    return QGuiApplication.primaryScreen()


def grab_screen(screen: QScreen | None = None) -> QImage:
    """The whole of one screen (the primary one unless given)."""
    screen = screen or _screen()
    return screen.grabWindow(0).toImage()


def grab_region(rect: QRect) -> QImage:
    """A rectangle of the desktop, in desktop coordinates."""
    screen = _screen(rect)
    origin = screen.geometry().topLeft()
    local = rect.translated(-origin)
    return screen.grabWindow(0, local.x(), local.y(), local.width(), local.height()).toImage()


def grab_active_window(exclude: set[int] | None = None) -> QImage | None:
    """The active window of any program (X11), or None when there is none or it is one of
    `exclude` (AltText's own windows: describing itself is never what was asked)."""
    found = active_window()
    if found is None or set(found) & (exclude or set()):
        return None
    image = _screen().grabWindow(found[1]).toImage()
    return None if image.isNull() else image
