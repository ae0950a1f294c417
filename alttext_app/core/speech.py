"""Speech without Qt: one dedicated thread owns the synthesiser; other threads send it commands.

Why this shape:
- pyttsx3's `runAndWait` is not reentrant and there may be one engine per process, so all
  synthesis happens on one thread (see alttext_app.core.speech_backends for espeak-ng vs pyttsx3).
- We never call pyttsx3's `say()`. Its espeak driver plays through `os.system("aplay …")`, which
  cannot be stopped, fails silently without an audio device, and keeps writing to the last
  `save_to_file` target. Instead every utterance is synthesised to a fresh WAV file and played by
  a player process we can kill: Stop is immediate.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import wave
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from alttext_app.core.errors import SpeechError
from alttext_app.core.i18n import language as ui_language
from alttext_app.core.i18n import tr
from alttext_app.core.protocols import SpeechEvent
from alttext_app.core.settings import DEFAULT_RATE, MAX_RATE, MIN_RATE
from alttext_app.core.speech_backends import Synth, make_synth
from alttext_app.core.text_language import text_language
from alttext_app.core.voices import Voice, choose_voice

__all__ = ["SpeechEngine", "Voice", "shared_engine"]

log = logging.getLogger(__name__)

# Players tried in order; each takes a WAV path as its last argument.
PLAYERS = (("pw-play",), ("paplay",), ("aplay", "-q"), ("afplay",), ("ffplay", "-nodisp", "-autoexit", "-loglevel", "quiet"))
NO_ENGINE = "Speech is not available because no speech engine (espeak-ng) could be started."
NO_AUDIO = "No audio output was found, so AltText cannot speak aloud; it can still save speech as a WAV file."

# Events sent to listeners: (STARTED, text), (FINISHED, ""), (STOPPED, ""), (ERROR, sentence).
Listener = Callable[[SpeechEvent, str], None]


def find_player() -> list[str] | None:
    """A command that plays a WAV file, or None. Windows plays through winsound instead."""
    if sys.platform == "win32":
        return ["winsound"]
    for cmd in PLAYERS:
        exe = shutil.which(cmd[0])
        if exe:
            return [exe, *cmd[1:]]
    return None


def audio_output_reason(player: list[str] | None, check_device: bool = True) -> str:
    """'' when sound can probably be played, else one sentence saying why not."""
    if player is None:
        return NO_AUDIO
    if check_device and sys.platform.startswith("linux"):
        runtime = Path(os.environ.get("XDG_RUNTIME_DIR", "/nonexistent"))
        servers = (runtime / "pulse" / "native", runtime / "pipewire-0")
        devices = list(Path("/dev/snd").glob("pcmC*D*p")) if Path("/dev/snd").is_dir() else []
        if not any(p.exists() for p in servers) and not devices and not os.environ.get("PULSE_SERVER"):
            return NO_AUDIO
    return ""


class _Command:
    def __init__(self, kind: str, generation: int, *args: object) -> None:
        self.kind = kind
        self.generation = generation
        self.args = args
        self.future: Future = Future()


class SpeechEngine:
    """Speak, stop and save speech. Thread-safe; all pyttsx3 work runs on the engine's own thread.

    Use `shared_engine()`: pyttsx3 allows one engine per process."""

    def __init__(self, backend: str = "auto") -> None:
        self._backend = backend  # "auto", "espeak-ng" or "pyttsx3"
        self._player = find_player()
        self._custom_player = False
        self._queue: queue.Queue[_Command | None] = queue.Queue()
        self._lock = threading.Lock()
        self._generation = 0  # bumped by stop(): queued and running utterances of older ones end
        self._process: subprocess.Popen | None = None
        self._listeners: list[Listener] = []
        self._voice = ""
        self._choices: dict[str, str] = {}  # language -> the user's voice for it
        self._rate = DEFAULT_RATE
        self._voices: list[Voice] | None = None
        self._synth: Synth | None = None
        self._start_error = ""
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    # --- state -------------------------------------------------------------------------------
    @property
    def is_available(self) -> bool:
        """True when speech can be synthesised (spoken aloud or saved)."""
        self._ready.wait(15)
        return self._synth is not None

    @property
    def backend(self) -> str:
        """The synthesiser in use ("espeak-ng" or "pyttsx3"), '' when none."""
        self._ready.wait(15)
        return self._synth.name if self._synth else ""

    @property
    def can_play(self) -> bool:
        return self.is_available and not self._audio_reason()

    @property
    def reason(self) -> str:
        """'' when speaking aloud works, else one sentence for people saying why not."""
        if not self.is_available:
            return self._start_error or NO_ENGINE
        return self._audio_reason()

    @property
    def voice(self) -> str:
        return self._voice

    @property
    def rate(self) -> int:
        return self._rate

    def set_player(self, command: list[str] | None) -> None:
        """Play WAV files with this command (the file is appended); None = find one as at start."""
        self._custom_player = command is not None
        self._player = list(command) if command else find_player()

    def _audio_reason(self) -> str:
        return audio_output_reason(self._player, check_device=not self._custom_player)

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with contextlib.suppress(ValueError):
            self._listeners.remove(listener)

    def set_voice(self, voice_id: str) -> None:
        """Use a voice by id ('' = the engine's default); unknown ids raise SpeechError."""
        if voice_id and self.is_available:
            # Ids differ in case between listings (pyttsx3 lower-cases "gmw/en-US"): match loosely.
            known = {v.id.lower(): v.id for v in self.list_voices()}
            if voice_id.lower() not in known:
                raise SpeechError(f"There is no voice called “{voice_id}”; see “alttext speak --list-voices”.")
            voice_id = known[voice_id.lower()]
        self._voice = voice_id

    def set_voice_choices(self, choices: dict[str, str]) -> None:
        """The user's voice per language ({"zh": "sit/cmn"}); the text's language picks among them."""
        self._choices = dict(choices)

    def voice_for(self, language: str) -> str:
        """The voice id that reads `language` ('' = the engine's default); SpeechError when none can."""
        return self._pick(self.list_voices() if self.is_available else [], language)

    def _pick(self, voices: list[Voice], language: str) -> str:
        voice = choose_voice(voices, language, self._choices, self._voice)
        if voice is None:
            raise SpeechError(tr(
                "No voice for this language ({language}) is installed, so it cannot be read aloud.",
                language=language,
            ))
        return voice

    def set_rate(self, rate: int) -> None:
        """Words per minute, clamped to what stays understandable."""
        self._rate = max(MIN_RATE, min(MAX_RATE, int(rate)))

    # --- commands -----------------------------------------------------------------------------
    def list_voices(self) -> list[Voice]:
        if self._voices is None:
            self._voices = self._submit("voices").result(timeout=30)
        return list(self._voices)

    def speak(self, text: str, language: str | None = None) -> Future:
        """Speak aloud in the voice for `language` (None = from the text itself); stops whatever is
        speaking. The future gives True when it played to the end, False when stopped, or raises
        SpeechError (no engine, no audio device, no voice for the language)."""
        self.stop()
        return self._submit("speak", text, language)

    def save_wav(
        self, text: str, path: str | Path, timeout: float = 60, language: str | None = None
    ) -> Path:
        """Write the speech to a WAV file and return its path (works without an audio device)."""
        return self.save_wav_async(text, path, language).result(timeout=timeout)

    def save_wav_async(self, text: str, path: str | Path, language: str | None = None) -> Future:
        """Like save_wav without waiting: the future gives the path or raises SpeechError."""
        return self._submit("save", text, language, Path(path))

    def stop(self) -> None:
        """Stop speaking now; utterances queued before this call are dropped."""
        with self._lock:
            self._generation += 1
            process = self._process
        if process is not None and process.poll() is None:
            process.kill()
        if sys.platform == "win32":  # winsound plays asynchronously in-process
            with contextlib.suppress(Exception):
                import winsound

                winsound.PlaySound(None, 0)

    def is_speaking(self) -> bool:
        with self._lock:
            return self._process is not None and self._process.poll() is None

    def shutdown(self) -> None:
        self.stop()
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _submit(self, kind: str, *args: object) -> Future:
        with self._lock:
            command = _Command(kind, self._generation, *args)
        if not self._thread.is_alive():
            command.future.set_exception(SpeechError(self.reason or NO_ENGINE))
            return command.future
        self._queue.put(command)
        return command.future

    def _emit(self, event: SpeechEvent, data: str = "") -> None:
        for listener in list(self._listeners):
            try:
                listener(event, data)
            except Exception:  # a broken listener must not kill the speech thread
                log.exception("speech listener failed")

    # --- the engine thread --------------------------------------------------------------------
    def _run(self) -> None:
        try:
            self._synth = make_synth(self._backend)
        except Exception as exc:  # missing library, missing espeak-ng, broken driver
            log.warning("speech engine unavailable: %s", exc, exc_info=True)
            self._synth = None
            self._start_error = NO_ENGINE
        finally:
            self._ready.set()
        while True:
            command = self._queue.get()
            if command is None:
                return
            if not command.future.set_running_or_notify_cancel():
                continue
            try:
                command.future.set_result(self._handle(command))
            except SpeechError as exc:
                command.future.set_exception(exc)
                if command.kind == "speak":
                    self._emit(SpeechEvent.ERROR, exc.user_message)
            except Exception as exc:
                log.exception("speech command %s failed", command.kind)
                error = SpeechError("Speech failed; the details are in the log file.", detail=str(exc))
                command.future.set_exception(error)
                if command.kind == "speak":
                    self._emit(SpeechEvent.ERROR, error.user_message)

    def _stale(self, command: _Command) -> bool:
        with self._lock:
            return command.generation != self._generation

    def _handle(self, command: _Command) -> object:
        if self._synth is None:
            raise SpeechError(self._start_error or NO_ENGINE)
        if command.kind == "voices":
            return self._read_voices()
        if command.kind == "save":
            text, language, path = command.args
            return self._synthesise(str(text), Path(path), language)  # type: ignore[arg-type]
        if command.kind == "speak":
            if self._stale(command):
                return False
            text, language = command.args
            return self._speak(command, str(text), language)  # type: ignore[arg-type]
        raise ValueError(command.kind)

    def _read_voices(self) -> list[Voice]:
        voices = [Voice(id=i, name=n, languages=langs) for i, n, langs in self._synth.voices()]
        return sorted(voices, key=lambda v: v.name.lower())

    def _voice_on_thread(self, text: str, language: str | None) -> str:
        """voice_for() from the engine's own thread (list_voices() would wait for this thread)."""
        if self._voices is None:
            self._voices = self._read_voices()
        return self._pick(self._voices, language or text_language(text, fallback=ui_language()))

    def _synthesise(self, text: str, path: Path, language: str | None = None) -> Path:
        text = " ".join(text.split())
        if not text:
            raise SpeechError(tr("There is no text to speak."))
        voice = self._voice_on_thread(text, language)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)  # a stale file must never pass for new speech
        self._synth.synthesise(text, path, voice, self._rate)
        try:
            with wave.open(str(path), "rb") as wav:
                frames = wav.getnframes()
        except (OSError, wave.Error, EOFError) as exc:
            raise SpeechError("The speech engine did not produce any sound.", detail=str(exc)) from exc
        if frames == 0:
            raise SpeechError("The speech engine did not produce any sound.")
        return path

    def _speak(self, command: _Command, text: str, language: str | None) -> bool:
        reason = self._audio_reason()
        if reason:
            raise SpeechError(reason)
        handle, name = tempfile.mkstemp(prefix="alttext-speech-", suffix=".wav")
        os.close(handle)
        wav = Path(name)
        try:
            self._synthesise(text, wav, language)
            if self._stale(command):
                return False
            self._emit(SpeechEvent.STARTED, text)
            finished = self._play(command, wav)
            self._emit(SpeechEvent.FINISHED if finished else SpeechEvent.STOPPED)
            return finished
        finally:
            wav.unlink(missing_ok=True)

    def _play(self, command: _Command, wav: Path) -> bool:
        assert self._player is not None
        if self._player == ["winsound"]:  # pragma: no cover - Windows only
            import winsound

            winsound.PlaySound(str(wav), winsound.SND_FILENAME)
            return not self._stale(command)
        with self._lock:
            if command.generation != self._generation:
                return False
            self._process = subprocess.Popen(
                [*self._player, str(wav)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            process = self._process
        _, err = process.communicate()
        with self._lock:
            self._process = None
            stopped = command.generation != self._generation
        if stopped:
            return False
        if process.returncode != 0:
            log.warning("player %s failed (%s): %s", self._player[0], process.returncode, err[-500:])
            raise SpeechError("The computer could not play sound; check that an audio device is connected.")
        return True


_shared: SpeechEngine | None = None
_shared_lock = threading.Lock()


def shared_engine() -> SpeechEngine:
    """The one speech engine of this process (pyttsx3 allows one per process)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = SpeechEngine()
        return _shared
