"""Is a screen reader running? Asked over AT-SPI (Linux) without ever blocking the window.

On Linux the accessibility bus publishes `org.a11y.Status` with `ScreenReaderEnabled` (Orca sets
it while it runs) and `IsEnabled`; we read it with an asynchronous D-Bus call and follow its
PropertiesChanged signal. Elsewhere Qt's `QAccessible.isActive()` says whether an assistive
client is connected.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAccessible

log = logging.getLogger(__name__)

A11Y_SERVICE = "org.a11y.Bus"
A11Y_PATH = "/org/a11y/bus"
STATUS_IFACE = "org.a11y.Status"
PROPS_IFACE = "org.freedesktop.DBus.Properties"


class ScreenReaderWatch(QObject):
    """`running` is False until known; `changed(bool)` fires when the answer arrives or changes."""

    changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = False
        self.known = False
        self._watchers: list[object] = []
        if sys.platform.startswith("linux"):
            self._ask_dbus()
        else:
            self._set(QAccessible.isActive())

    def _set(self, running: bool) -> None:
        first = not self.known
        self.known = True
        if running != self.running or first:
            self.running = running
            self.changed.emit(running)

    def _ask_dbus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher
        except ImportError:  # a Qt without D-Bus: fall back to Qt's own idea
            self._set(QAccessible.isActive())
            return
        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            self._set(QAccessible.isActive())
            return
        bus.connect(A11Y_SERVICE, A11Y_PATH, PROPS_IFACE, "PropertiesChanged", self,
                    "1_on_properties_changed(QString,QVariantMap,QStringList)")
        for prop in ("ScreenReaderEnabled", "IsEnabled"):
            message = QDBusMessage.createMethodCall(A11Y_SERVICE, A11Y_PATH, PROPS_IFACE, "Get")
            message.setArguments([STATUS_IFACE, prop])
            watcher = QDBusPendingCallWatcher(bus.asyncCall(message, 2000), self)
            watcher.finished.connect(lambda w, p=prop: self._on_reply(p, w))
            self._watchers.append(watcher)

    def _on_reply(self, prop: str, watcher) -> None:  # noqa: ANN001 - QDBusPendingCallWatcher
        reply = watcher.reply()
        args = reply.arguments() if reply is not None else []
        value = _unwrap(args[0]) if args else None
        watcher.deleteLater()
        if prop == "ScreenReaderEnabled":
            log.info("screen reader enabled (AT-SPI): %r", value)
            self._set(bool(value))

    @Slot(str, "QVariantMap", "QStringList")
    def _on_properties_changed(self, interface: str, changed: dict, _invalidated: list) -> None:
        if interface == STATUS_IFACE and "ScreenReaderEnabled" in changed:
            self._set(bool(_unwrap(changed["ScreenReaderEnabled"])))


def _unwrap(value: object) -> object:
    """A QDBusVariant holds the property's value."""
    inner = getattr(value, "variant", None)
    return inner() if callable(inner) else value
