"""The one place in the window that tells the user something: `Announcer.tell(text, Kind)`.

Everything new — a description, an error, "Copied" — is shown in the status bar as plain text
(readable with the screen reader's "read status bar" command: the label's name *is* its text) and,
unless it is a mere status, spoken by the screen reader through the channel that works with it:

- A new description (`tell_description`): when focus can move into the alt-text field, it moves
  there ~300 ms after the text was set, and the screen reader reads the field with its new words
  (once). Orca 43 gives focus events priority even while its event queue is flooded (a closing
  file dialog alone queues hundreds of events), so this is the channel that survives a busy
  machine. Setting the text and moving focus at once fails (Orca takes the caret events as the
  focus change and stays silent); moving focus first reads the text twice.
- Otherwise (focus already in the field, another window active, errors, news) on Linux: a
  *notification* object in the status bar, shown once the window and the screen reader have
  settled: Orca speaks a notification that becomes showing, but drops it while more than 100
  events wait in its queue. Orca's own AT-SPI calls into us tell when it has caught up.
  `object:announcement` is only spoken from Orca 45.2 on.
- Other platforms: Qt's announcement event (UI Automation notification on Windows, NSAccessibility
  announcement on macOS), which their screen readers speak.
"""

from __future__ import annotations

import enum
import logging
import sys
import time
from collections import deque

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAccessibleWidget, QApplication, QLabel, QStatusBar, QWidget

from alttext_app.gui.live_text import LiveText, render

log = logging.getLogger(__name__)

try:
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # Qt older than 6.8: the status bar still shows everything
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]

SETTLE_MS = 450  # quiet time after the last message and the last busy moment before speaking
PER_EVENT_MS = 3  # more quiet per recent busy event: Orca must first drain what they caused…
MAX_EXTRA_MS = 1500  # …up to this much (the screen reader's own calls tell the rest)
RECENT_S = 5.0  # how far back busy events count
READER_WINDOW_S = 0.4  # the screen reader counts as busy with us while it queries this often…
READER_BUSY_CALLS = 10  # …more than this many AT-SPI calls in the window
MAX_WAIT_MS = 15_000  # a description heard late beats one never heard; then speak regardless
POLL_MS = 100
HANDOFF_MAX_WAIT_MS = 600  # focus moves when settled, or after this: focus events jump Orca's queue
HANDOFF_PATIENCE_S = 2.5  # how long to wait for the window to be active again (a dialog closing)
NOTICE_SHOWN_MS = 4000  # long enough for a busy Orca to read it, then out of the status bar
HISTORY = 20


class Kind(enum.Enum):
    STATUS = "status"  # shown only (progress steps, "Ready")
    NEWS = "news"  # shown and spoken politely (copied, decorative on/off, download finished)
    PROGRESS = "progress"  # "still working": spoken only if nothing newer comes first
    DESCRIPTION = "description"  # a new description: spoken politely, in full
    ERROR = "error"  # shown and spoken at once (assertive)


class Channel(enum.Enum):
    NOTIFICATION = "notification"  # AT-SPI notification object (Orca of every version)
    ANNOUNCEMENT = "announcement"  # Qt announcement event (Windows, macOS; Orca 45.2+)
    NONE = "none"


def default_channel() -> Channel:
    if sys.platform.startswith("linux"):
        return Channel.NOTIFICATION
    return Channel.ANNOUNCEMENT if QAccessibleAnnouncementEvent is not None else Channel.NONE


class Notice(QLabel):
    """An invisible-until-needed label whose accessible role is Notification."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("alttext_notice")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setMaximumWidth(1)  # it exists for screen readers; the status text is what people see
        self.hide()


class _NoticeAccessible(QAccessibleWidget):
    def __init__(self, widget: Notice) -> None:
        super().__init__(widget, QAccessible.Role.Notification)
        self._notice = widget

    def text(self, kind: QAccessible.Text) -> str:
        if kind == QAccessible.Text.Name:
            return self._notice.text()
        return super().text(kind)


def _factory(key: str, obj: QObject):  # noqa: ANN202 - QAccessibleInterface | None
    if isinstance(obj, Notice):
        return _NoticeAccessible(obj)
    return None


_factory_installed = False


def _install_factory() -> None:
    global _factory_installed
    if not _factory_installed:
        QAccessible.installFactory(_factory)
        _factory_installed = True


class Announcer(QObject):
    """Owns the status line and the notice; `history` keeps what was said (tests, debugging)."""

    def __init__(self, status_bar: QStatusBar, channel: Channel | None = None) -> None:
        super().__init__(status_bar)
        self.channel = channel or default_channel()
        self.label = QLabel(status_bar)
        self.label.setObjectName("alttext_status")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self._shown: LiveText = ""  # the status line as given, rendered again on a language switch
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status_bar.addWidget(self.label, 1)
        if self.channel is Channel.NOTIFICATION:
            _install_factory()
        self.notice = Notice(status_bar)
        status_bar.addWidget(self.notice)
        self.history: list[tuple[Kind, str]] = []
        self.spoken: list[str] = []  # what was handed to the screen reader, in order
        self.handed_off: list[str] = []  # descriptions read by moving focus into their field
        self._pending: list[tuple[Kind, str]] = []
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._busy_times: deque[float] = deque(maxlen=400)  # monotonic times of recent busy events
        self._reader_calls: deque[float] = deque(maxlen=64)  # times of AT-SPI calls into us
        self._waiting_since = 0.0  # when the oldest waiting message or hand-off arrived
        self._handoff: tuple[QWidget, str, float] | None = None  # a description to hand to its field
        self._handoff_at = 0.0
        self._hide_timer = QTimer(self, singleShot=True, interval=NOTICE_SHOWN_MS)
        self._hide_timer.timeout.connect(self._retire_notice)
        self._watching = False  # the application-wide event filter is on only while something waits
        self.retranslate()

    def retranslate(self) -> None:
        """The window's language changed: the status line says its last message again, in it."""
        # Its accessible name stays its text, so "read status bar" reads what is shown.
        self.label.setAccessibleDescription(self.tr("Status"))
        self.label.setText(render(self._shown))

    @property
    def last(self) -> str:
        """The last thing said aloud (not mere status)."""
        spoken = [text for kind, text in self.history if kind is not Kind.STATUS]
        return spoken[-1] if spoken else ""

    def status_text(self) -> str:
        return self.label.text()

    @property
    def shown(self) -> LiveText:
        """The status line as it was given (to say it again in the current language)."""
        return self._shown

    def tell(self, message: LiveText, kind: Kind = Kind.NEWS) -> None:
        """Show `message` in the status bar and, unless it is STATUS, have the screen reader say it.
        Sentences from the core (errors, speech notes) come in English and are translated here;
        a callable (`lambda: self.tr(...)`) is rendered again when the language changes."""
        text = render(message)
        self.history = [*self.history[-(HISTORY - 1):], (kind, text)]
        if kind is not Kind.DESCRIPTION:  # the description itself is in the field; the bar says so
            self._shown = message
            self.label.setText(text)
        if kind is Kind.STATUS or not text:
            return
        self._queue(kind, text)

    def _queue(self, kind: Kind, text: str) -> None:
        # Newer words make "still working" moot, and an error makes older polite news moot.
        stale = {Kind.PROGRESS, Kind.NEWS} if kind is Kind.ERROR else {Kind.PROGRESS}
        self._pending = [p for p in self._pending if p[0] not in stale]
        self._pending.append((kind, text))
        self._start_waiting()

    def _start_waiting(self) -> None:
        if not self._waiting_since:
            self._waiting_since = time.monotonic()
        self._busy_times.append(time.monotonic())  # the quiet spell counts from now
        self._watch(True)
        if not self._timer.isActive():
            self._timer.start()

    def _watch(self, on: bool) -> None:
        # Every event of the application passes through this filter while it is installed, so it
        # is installed only while a message waits (it then needs ≥ SETTLE_MS of watching anyway).
        if on != self._watching:
            self._watching = on
            app = QApplication.instance()
            if on:
                app.installEventFilter(self)
            else:
                app.removeEventFilter(self)

    def tell_description(self, field: QWidget, text: str) -> None:
        """A new description was put in `field`: have it heard exactly once."""
        self.history = [*self.history[-(HISTORY - 1):], (Kind.DESCRIPTION, text)]
        self._pending = [p for p in self._pending if p[0] is not Kind.PROGRESS]
        if field.hasFocus():
            self._queue(Kind.DESCRIPTION, text)
            return
        # Focus moves once the window has settled (at most HANDOFF_MAX_WAIT_MS later). The panel
        # sets the words without moving the caret: Orca 43 handling a caret event of a field that
        # is focused by then makes it the current object silently, and the focus event says nothing.
        self._handoff = (field, text, time.monotonic() + HANDOFF_PATIENCE_S)
        self._handoff_at = time.monotonic()
        self._start_waiting()

    def _try_hand_off(self, now: float) -> bool:
        """Move focus into the field if it is time; True when the hand-off is settled either way."""
        field, text, deadline = self._handoff  # type: ignore[misc]
        if field.hasFocus():  # the user went there meanwhile: it was not read with the new words
            self._handoff = None
            self._queue(Kind.DESCRIPTION, text)
        elif _can_take_focus(field):
            self._handoff = None
            self.handed_off.append(text)
            field.setFocus(Qt.FocusReason.OtherFocusReason)
        elif now >= deadline:  # the user is elsewhere (another window): a notification instead
            self._handoff = None
            self._queue(Kind.DESCRIPTION, text)
        return self._handoff is None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        # Key presses, focus moves, windows and widgets appearing each make the accessibility
        # bridge send events; Orca 43 ignores notifications while more than 100 wait in its queue
        # ("deluge"), so we note when the application was last busy and speak after a quiet spell.
        # The screen reader working through its backlog queries us over AT-SPI; Qt delivers each
        # call to its bridge object as a meta-call event. While they keep coming, it is not ready.
        kind = event.type()
        if kind is QEvent.Type.MetaCall:
            if watched.metaObject().className() == _BRIDGE_CLASS:
                self._reader_calls.append(time.monotonic())
        elif kind in _BUSY_EVENTS and isinstance(watched, QWidget):
            self._busy_times.append(time.monotonic())
        return False

    def settled(self, now: float) -> bool:
        """The window has been quiet long enough, and the screen reader has caught up."""
        recent = sum(1 for t in self._busy_times if now - t < RECENT_S)
        quiet_needed = SETTLE_MS + min(MAX_EXTRA_MS, PER_EVENT_MS * recent)
        last_busy = self._busy_times[-1] if self._busy_times else 0.0
        reader_calls = sum(1 for t in self._reader_calls if now - t < READER_WINDOW_S)
        return (now - last_busy) * 1000 >= quiet_needed and reader_calls <= READER_BUSY_CALLS

    def _poll(self) -> None:
        now = time.monotonic()
        overdue = (now - self._waiting_since) * 1000 >= MAX_WAIT_MS
        ready = overdue or self.settled(now)
        handoff_due = self._handoff is not None and (now - self._handoff_at) * 1000 >= HANDOFF_MAX_WAIT_MS
        if self._handoff is not None and (ready or handoff_due or not _can_take_focus(self._handoff[0])):
            self._try_hand_off(now)
            self._busy_times.append(now)  # the focus move itself: speak other news after it
            ready = overdue
        if self._handoff is None and self._pending and ready:
            self._flush()
        if self._handoff is None and not self._pending:
            self._timer.stop()
            self._watch(False)
            self._waiting_since = 0.0

    def _flush(self) -> None:
        pending, self._pending = self._pending, []
        if not pending:
            return
        ordered = [p for p in pending if p[0] is Kind.ERROR] + [p for p in pending if p[0] is not Kind.ERROR]
        text = " ".join(t for _k, t in ordered)
        assertive = ordered[0][0] is Kind.ERROR
        log.debug("telling the screen reader: %s", text)
        self.spoken.append(text)
        if self.channel is Channel.NOTIFICATION:
            self._notify(text)
        elif self.channel is Channel.ANNOUNCEMENT:
            self._announce(text, assertive)

    def flush_now(self) -> None:
        """Speak what is pending without waiting (tests; quitting)."""
        self._timer.stop()
        self._watch(False)
        self._waiting_since = 0.0
        self._flush()

    def _retire_notice(self) -> None:
        # Hidden and emptied: "read status bar" must not read the old message beside the status.
        self.notice.hide()
        self.notice.clear()
        self.notice.setAccessibleName("")

    def _notify(self, text: str) -> None:
        notice = self.notice
        notice.hide()
        notice.setText(text)
        notice.setAccessibleName(text)
        notice.show()  # Qt sends state-changed:showing; Orca speaks the notification
        # Hidden again later, so "read status bar" reads the status line, not this as well.
        self._hide_timer.start()

    def _announce(self, text: str, assertive: bool) -> None:
        _announcement_event(self.label, text, assertive)


def tell_focused(widget: QWidget, text: str, *, assertive: bool = False) -> None:
    """Speak `text` about the widget that has focus (a live value such as a region's size).

    Orca speaks a change of the focused object's description, even while its queue is flooded;
    elsewhere Qt's announcement event does it. The description keeps the last value, so the
    screen reader's "where am I" repeats it too.
    """
    if default_channel() is Channel.NOTIFICATION:
        widget.setAccessibleDescription(text)
    else:
        _announcement_event(widget, text, assertive)


def _announcement_event(widget: QWidget, text: str, assertive: bool) -> None:
    if QAccessibleAnnouncementEvent is None or not text:
        return
    try:
        event = QAccessibleAnnouncementEvent(widget, text)
        if assertive:
            event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive)
        QAccessible.updateAccessibility(event)
    except Exception:  # an accessibility bridge problem must never break the app
        log.debug("announcement failed", exc_info=True)


def _can_take_focus(field: QWidget) -> bool:
    return (field.isVisible() and field.isEnabled() and field.window().isActiveWindow()
            and QApplication.activeModalWidget() is None and QApplication.activePopupWidget() is None)


_BRIDGE_CLASS = "AtSpiAdaptor"  # Qt's AT-SPI bridge (Linux)
_BUSY_EVENTS = {
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.FocusIn, QEvent.Type.Show, QEvent.Type.Hide,
    QEvent.Type.WindowActivate, QEvent.Type.WindowDeactivate, QEvent.Type.WindowTitleChange,
}
