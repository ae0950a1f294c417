"""Thin Qt adapter over the core speech engine: its events become signals on the GUI thread.

The engine already owns its own thread (alttext_app.core.speech); this object only forwards.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from alttext_app.core.errors import user_message
from alttext_app.core.speech import SpeechEngine, shared_engine


class SpeechController(QObject):
    started = Signal(str)
    finished = Signal()  # played to the end
    stopped = Signal()
    error = Signal(str)  # one sentence for people
    speaking_changed = Signal(bool)
    saved = Signal(str)  # path of a WAV file written by save_wav

    # Cross-thread hop: the engine calls `_relay` on its own thread; this signal is queued to ours.
    _event = Signal(str, str)

    def __init__(self, engine: SpeechEngine | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine or shared_engine()
        self.speaking = False  # from the engine's events, in order (polling the player would race)
        self._event.connect(self._on_event)
        self.engine.add_listener(self._relay)

    def close(self) -> None:
        self.engine.remove_listener(self._relay)
        self.engine.stop()

    @property
    def available(self) -> bool:
        return self.engine.is_available

    @property
    def can_play(self) -> bool:
        return self.engine.can_play

    @property
    def reason(self) -> str:
        return self.engine.reason

    def apply(self, voice: str, rate: int) -> str:
        """Use these settings; returns '' or one sentence when the voice is unknown (default kept)."""
        self.engine.set_rate(rate)
        try:
            self.engine.set_voice(voice)
        except Exception as exc:
            self.engine.set_voice("")
            return user_message(exc)
        return ""

    def speak(self, text: str) -> bool:
        """Start speaking; False (and `error` emitted) when speaking aloud is impossible here."""
        if not self.engine.can_play:
            self.error.emit(self.engine.reason)
            return False
        self.engine.speak(text)  # errors arrive as events
        return True

    def stop(self) -> None:
        self.engine.stop()

    def save_wav(self, text: str, path: str) -> None:
        """Write speech to a WAV file off the GUI thread; `saved` or `error` follows."""
        future = self.engine.save_wav_async(text, path)
        future.add_done_callback(self._on_saved)  # runs on the engine thread

    def _on_saved(self, future) -> None:
        try:
            self._event.emit("saved", str(future.result()))
        except Exception as exc:
            self._event.emit("error", user_message(exc))

    def _relay(self, kind: str, data: str) -> None:  # engine thread
        self._event.emit(kind, data)

    def _on_event(self, kind: str, data: str) -> None:  # GUI thread
        if kind in ("started", "finished", "stopped", "error"):
            self.speaking = kind == "started"
        if kind == "started":
            self.started.emit(data)
            self.speaking_changed.emit(True)
        elif kind == "finished":
            self.finished.emit()
            self.speaking_changed.emit(False)
        elif kind == "stopped":
            self.stopped.emit()
            self.speaking_changed.emit(False)
        elif kind == "saved":
            self.saved.emit(data)
        elif kind == "error":
            self.error.emit(data)
            self.speaking_changed.emit(False)
