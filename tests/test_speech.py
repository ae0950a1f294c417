"""The speech engine: real espeak-ng synthesis to WAV, speak/stop through a player process."""

from __future__ import annotations

import stat
import sys
import time
import wave
from pathlib import Path

import pytest

from alttext_app.cli.main import main as cli_main
from alttext_app.core.errors import SpeechError
from alttext_app.core.speech import NO_AUDIO, audio_output_reason, shared_engine

engine = shared_engine()
pytestmark = pytest.mark.skipif(not engine.is_available, reason="no speech engine (espeak-ng)")


def _seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


@pytest.fixture(autouse=True)
def _reset_engine():
    yield
    engine.stop()
    engine.set_player(None)
    engine.set_voice("")
    engine.set_rate(175)


def _player(tmp_path: Path, delay: float) -> list[str]:
    """A stand-in audio device: checks the WAV is valid, records it, then 'plays' for `delay` s."""
    script = tmp_path / "player.py"
    script.write_text(
        "import sys, time, wave\n"
        "w = wave.open(sys.argv[-1], 'rb'); assert w.getnframes() > 0\n"
        f"open({str(tmp_path / 'played.log')!r}, 'a').write(str(w.getnframes()) + '\\n')\n"
        f"time.sleep({delay})\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return [sys.executable, str(script)]


def test_save_wav_writes_real_speech_and_rate_changes_length(tmp_path: Path) -> None:
    fast = engine.save_wav("A cup of coffee on a saucer.", tmp_path / "fast.wav")
    engine.set_rate(90)
    slow = engine.save_wav("A cup of coffee on a saucer.", tmp_path / "slow.wav")
    assert 0.5 < _seconds(fast) < 5
    assert _seconds(slow) > _seconds(fast) * 1.4


def test_voices_are_listed_and_selectable(tmp_path: Path) -> None:
    voices = engine.list_voices()
    assert voices and all(v.id and v.name for v in voices)
    english = next(v for v in voices if v.id.endswith("/en") or "en" in v.languages)
    engine.set_voice(english.id)
    assert engine.save_wav("Hello.", tmp_path / "v.wav").stat().st_size > 1000
    engine.set_voice(english.id.lower())  # ids saved by other tools may differ in case
    assert engine.voice == english.id
    with pytest.raises(SpeechError):
        engine.set_voice("no-such-voice")


def test_speak_without_audio_device_says_why() -> None:
    assert audio_output_reason(None) == NO_AUDIO
    if engine.can_play:
        pytest.skip("this machine has an audio device")
    with pytest.raises(SpeechError, match="audio"):
        engine.speak("Hello.").result(timeout=10)


def test_speak_plays_and_stop_is_immediate(tmp_path: Path) -> None:
    engine.set_player(_player(tmp_path, delay=0.2))
    events: list[str] = []
    listener = lambda kind, _data: events.append(kind)  # noqa: E731
    engine.add_listener(listener)
    assert engine.speak("Short.").result(timeout=10) is True
    engine.set_player(_player(tmp_path, delay=30))
    future = engine.speak("A long description that takes a while to say.")
    deadline = time.monotonic() + 10
    while not engine.is_speaking() and time.monotonic() < deadline:
        time.sleep(0.02)
    started = time.monotonic()
    engine.stop()
    assert future.result(timeout=5) is False
    assert time.monotonic() - started < 2
    engine.remove_listener(listener)
    assert events == ["started", "finished", "started", "stopped"]
    assert (tmp_path / "played.log").read_text().split()[0] != "0"


def test_save_after_speak_does_not_redirect_later_speech(tmp_path: Path) -> None:
    """pyttsx3 keeps its last save_to_file target; the next utterance must not overwrite it."""
    first = engine.save_wav("First file.", tmp_path / "first.wav")
    size = first.stat().st_size
    engine.set_player(_player(tmp_path, delay=0))
    assert engine.speak("Something else entirely, and longer.").result(timeout=10)
    assert first.stat().st_size == size


def test_cli_writes_wav_and_lists_voices(tmp_path: Path, capsys) -> None:
    out = tmp_path / "cli.wav"
    assert cli_main(["speak", "Hello", "world", "--rate", "150", "--output", str(out)]) == 0
    assert _seconds(out) > 0.3
    assert capsys.readouterr().out.strip() == str(out)
    assert cli_main(["speak", "--list-voices"]) == 0
    assert "\t" in capsys.readouterr().out
    assert cli_main(["speak", "Hi", "--voice", "nope", "--output", str(out)]) == 1
    assert "no voice" in capsys.readouterr().err


def test_pyttsx3_fallback_writes_a_wav(tmp_path: Path) -> None:
    """Where espeak-ng's program is missing (Windows, macOS) pyttsx3 synthesises instead."""
    from alttext_app.core.speech import SpeechEngine

    fallback = SpeechEngine(backend="pyttsx3")
    try:
        if not fallback.is_available:
            pytest.skip("pyttsx3 has no driver here")
        assert fallback.backend == "pyttsx3"
        assert _seconds(fallback.save_wav("A cup of coffee.", tmp_path / "p.wav")) > 0.3
        assert any(v.id for v in fallback.list_voices())
    finally:
        fallback.shutdown()
