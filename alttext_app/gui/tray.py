"""A tray icon with AltText's main actions, where the desktop shows tray icons.

The menu holds the window's own QActions (same text, shortcuts and enabled state), so the tray
never duplicates behaviour (their words follow the language with the window's). Clicking the
icon shows or hides the window; its own words are renamed by `retranslate()`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QSystemTrayIcon


class Tray(QObject):
    toggleWindow = Signal()  # noqa: N815 - Qt signal naming

    def __init__(self, icon: QIcon, actions: Sequence[QAction | None], parent: QObject | None = None) -> None:
        """`actions` in menu order; None draws a separator."""
        super().__init__(parent)
        self.menu = QMenu()
        self.menu.setObjectName("tray_menu")
        self.show_action = self.menu.addAction("")
        self.show_action.triggered.connect(self.toggleWindow)
        self.menu.addSeparator()
        for action in actions:
            if action is None:
                self.menu.addSeparator()
            else:
                self.menu.addAction(action)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setContextMenu(self.menu)
        self.icon.activated.connect(self._activated)
        self.retranslate()

    def retranslate(self) -> None:
        self.menu.setAccessibleName(self.tr("AltText"))
        self.show_action.setText(self.tr("Show or Hide AltText"))
        self.icon.setToolTip(self.tr("AltText: describe the screen, a window or the clipboard"))

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def show(self) -> bool:
        """Show the icon; False where the desktop has no tray (the window stays the way in)."""
        if not self.available():
            return False
        self.icon.show()
        return True

    def hide(self) -> None:
        self.icon.hide()

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.toggleWindow.emit()
