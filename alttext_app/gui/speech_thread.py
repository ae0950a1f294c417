"""Thin Qt adapter over the core speech engine: its events become signals on the GUI thread.

The engine owns its own thread (alttext_app.core.speech). Everything that can wait on it or on a
subprocess — finding out whether speech works (up to 15 s when no back-end answers), listing
voices (queued behind the current utterance), choosing a voice — runs through the task runner, so
the window never waits; until the probe answers, speech counts as "not known yet".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from alttext_app.core.errors import user_message
from alttext_app.core.i18n import localize
from alttext_app.core.speech import SpeechEngine, Voice, shared_engine
from alttext_app.core.voices import parse_choices
from alttext_app.gui.tasks import Lane, TaskContext, TaskRunner


@dataclass(frozen=True)
class SpeechStatus:
    known: bool = False  # the probe has answered
    available: bool = False  # speech can be synthesised (aloud or to a file)
    can_play: bool = False  # and played aloud
    reason: str = ""  # '' or one sentence saying why not


class SpeechController(QObject):
    started = Signal(str)
    finished = Signal()  # played to the end
    stopped = Signal()
    error = Signal(str)  # one sentence for people
    speaking_changed = Signal(bool)
    saved = Signal(str)  # path of a WAV file written by save_wav
    status_changed = Signal(object)  # SpeechStatus, once the probe answers
    voice_note = Signal(str)  # '' or why the chosen voice was not used

    # Cross-thread hop: the engine calls `_relay` on its own thread; this signal is queued to ours.
    _event = Signal(str, str)

    def __init__(self, engine: SpeechEngine | None, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine or shared_engine()
        self.runner = runner
        self.status = SpeechStatus()
        self.speaking = False  # from the engine's events, in order (polling the player would race)
        self._event.connect(self._on_event)
        self.engine.add_listener(self._relay)

    def probe(self) -> None:
        """Find out (off the GUI thread) whether speech works here; `status_changed` follows."""
        engine = self.engine

        def work(_ctx: TaskContext) -> SpeechStatus:
            available = engine.is_available
            return SpeechStatus(True, available, engine.can_play, engine.reason)

        self.runner.start(work, name="speech probe", lane=Lane.QUICK, key="speech-probe",
                          on_result=self._on_status, owner=self)

    def _on_status(self, status: SpeechStatus) -> None:
        self.status = status
        self.status_changed.emit(status)

    def close(self) -> None:
        self.engine.remove_listener(self._relay)
        self.engine.stop()

    @property
    def can_play(self) -> bool:
        return self.status.can_play

    def apply(self, voice: str, rate: int, voices: str = "") -> None:
        """Use these settings (`voices`: the choice per language, core.voices); an unknown voice
        keeps the default and `voice_note` says so."""
        self.engine.set_rate(rate)
        self.engine.set_voice_choices(parse_choices(voices))
        engine = self.engine

        def work(_ctx: TaskContext) -> str:
            try:
                engine.set_voice(voice)  # lists the voices: a subprocess the first time
            except Exception as exc:
                engine.set_voice("")
                return localize(user_message(exc))
            return ""

        self.runner.start(work, name="apply voice", lane=Lane.QUICK, key="speech-voice",
                          on_result=self.voice_note.emit, owner=self)

    def list_voices(self, on_result: Callable[[list[Voice]], None], owner: QObject | None = None) -> None:
        """The engine's voices, delivered later on the GUI thread ([] when speech is unavailable)."""
        engine = self.engine

        def work(_ctx: TaskContext) -> list[Voice]:
            return engine.list_voices() if engine.is_available else []

        self.runner.start(work, name="list voices", lane=Lane.QUICK, on_result=on_result,
                          on_error=lambda _message: on_result([]), owner=owner)

    def speak(self, text: str, language: str | None = None) -> bool:
        """Start speaking in the voice for `language` (None: the text's own language); False (and
        `error` emitted) when speaking aloud is impossible here."""
        if not self.status.can_play:
            self.error.emit(self.status.reason or self.tr("Speech is still starting; try again in a moment."))
            return False
        self.engine.speak(text, language)  # queued to the engine's thread; errors arrive as events
        return True

    def stop(self) -> None:
        self.engine.stop()

    def save_wav(self, text: str, path: str) -> None:
        """Write speech to a WAV file off the GUI thread; `saved` or `error` follows."""
        future = self.engine.save_wav_async(text, path)
        future.add_done_callback(self._on_saved)  # runs on the engine thread

    def _on_saved(self, future) -> None:  # noqa: ANN001 - concurrent Future
        try:
            self._event.emit("saved", str(future.result()))
        except Exception as exc:
            self._event.emit("error", localize(user_message(exc)))

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
