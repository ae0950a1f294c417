"""A screenshot from the desktop itself through xdg-desktop-portal (Wayland, Flatpak, GNOME,
KDE): org.freedesktop.portal.Screenshot over the session D-Bus, with Qt's own QtDBus.

The portal answers asynchronously: the call returns a Request object path and the picture comes
later in that object's Response signal (0 = success with results["uri"], 1 = the person
cancelled, 2 = failed). We subscribe to the Response before calling, on the path the portal will
use (our unique bus name + a handle_token we choose), so a fast answer is never missed. The picture
never leaves the machine; the file the portal wrote is the desktop's (GNOME keeps it in Pictures,
as with any screenshot) and is left where the desktop put it.
"""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtDBus import QDBusConnection, QDBusMessage, QDBusPendingCallWatcher
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

SERVICE = "org.freedesktop.portal.Desktop"
PATH = "/org/freedesktop/portal/desktop"
INTERFACE = "org.freedesktop.portal.Screenshot"
REQUEST_INTERFACE = "org.freedesktop.portal.Request"
_tokens = itertools.count(1)


class PortalScreenshot(QObject):
    """One screenshot request at a time. `finished(QImage)` or `failed(str)` follows `request()`."""

    finished = Signal(QImage)
    failed = Signal(str)

    def __init__(self, bus: QDBusConnection | None = None, parent: QObject | None = None,
                 timeout_ms: int = 120_000) -> None:
        super().__init__(parent)
        self.bus = bus if bus is not None else QDBusConnection.sessionBus()
        self._request_path = ""
        self._watcher: QDBusPendingCallWatcher | None = None
        self._timer = QTimer(self, singleShot=True, interval=timeout_ms)
        self._timer.timeout.connect(lambda: self._fail(self.tr("The desktop did not answer.")))

    def available(self) -> bool:
        interface = self.bus.interface() if self.bus.isConnected() else None
        return bool(interface and interface.isServiceRegistered(SERVICE).value())

    def request(self, interactive: bool = False) -> None:
        """Ask for a picture of the screen; `interactive` lets the desktop offer its own choices
        (a window or region) where it has them."""
        if not self.bus.isConnected():
            self._fail(self.tr("There is no session bus to ask the desktop for a screenshot."))
            return
        self._unsubscribe()
        token = f"alttext{next(_tokens)}"
        sender = self.bus.baseService().lstrip(":").replace(".", "_")
        self._request_path = f"{PATH}/request/{sender}/{token}"
        self.bus.connect(SERVICE, self._request_path, REQUEST_INTERFACE, "Response",
                         self, "1_on_response(uint,QVariantMap)")
        message = QDBusMessage.createMethodCall(SERVICE, PATH, INTERFACE, "Screenshot")
        message.setArguments(["", {"handle_token": token, "modal": True, "interactive": interactive}])
        self._watcher = QDBusPendingCallWatcher(self.bus.asyncCall(message), self)
        self._watcher.finished.connect(self._on_called)
        self._timer.start()

    def _on_called(self, watcher: QDBusPendingCallWatcher) -> None:
        if watcher.isError():
            error = watcher.error()
            log.info("portal Screenshot call failed: %s %s", error.name(), error.message())
            self._fail(self.tr("This desktop offers no screenshot portal."))

    @Slot("uint", "QVariantMap")
    def _on_response(self, response: int, results: dict) -> None:
        self._timer.stop()
        self._unsubscribe()
        if response == 1:
            self.failed.emit(self.tr("The screenshot was cancelled."))
            return
        uri = results.get("uri") if response == 0 else None
        if not uri:
            self.failed.emit(self.tr("The desktop could not take a screenshot."))
            return
        image = QImage(QUrl(str(uri)).toLocalFile())
        if image.isNull():
            self.failed.emit(self.tr("The screenshot could not be read."))
        else:
            self.finished.emit(image)

    def _fail(self, message: str) -> None:
        self._timer.stop()
        self._unsubscribe()
        self.failed.emit(message)

    def _unsubscribe(self) -> None:
        if self._request_path:
            self.bus.disconnect(SERVICE, self._request_path, REQUEST_INTERFACE, "Response",
                                self, "1_on_response(uint,QVariantMap)")
            self._request_path = ""
