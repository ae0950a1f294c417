"""The session's settings changes, delivered on the GUI thread.

`Session` tells its listeners on whatever thread changed the settings (a Models dialog task,
the CLI, Settings); this object turns that into a queued Qt signal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from alttext_app.core.session import Session


class SessionWatch(QObject):
    changed = Signal(object)  # Settings

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        unsubscribe = session.subscribe(self.changed.emit)
        self.destroyed.connect(lambda *_: unsubscribe())
