"""Screen-reader announcements (Qt 6.8+ QAccessibleAnnouncementEvent), tolerated where missing."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

try:
    from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
except ImportError:  # Qt older than 6.8: the focus change and status line still tell the user
    QAccessible = None  # type: ignore[assignment,misc]
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]


def announce(widget: QWidget, text: str, *, assertive: bool = False) -> bool:
    """Ask screen readers to speak `text`; True when the event could be sent."""
    if QAccessibleAnnouncementEvent is None or not text:
        return False
    try:
        event = QAccessibleAnnouncementEvent(widget, text)
        if assertive:
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)
    except Exception:  # an accessibility bridge problem must never break the app
        log.debug("announcement failed", exc_info=True)
        return False
    return True
