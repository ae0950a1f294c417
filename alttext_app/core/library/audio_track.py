"""A spoken audio-description track: each cue's text spoken at its start time, one WAV file.

Speech that runs past the next cue's start pushes that cue later (descriptions never talk over
each other). The track is padded to the video's length so players can line it up with the video.
"""

from __future__ import annotations

import tempfile
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from alttext_app.core.errors import AltTextError
from alttext_app.core.library.webvtt import Cue

# Writes `text` as speech into a WAV file at `path` (e.g. SpeechEngine.save_wav).
Synthesise = Callable[[str, Path], object]


def _read(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise AltTextError("The speech engine made audio in an unexpected format.")
        data = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
        channels = wav.getnchannels()
        rate = wav.getframerate()
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1).astype("<i2")
    return data, rate


def write_spoken_track(
    cues: Sequence[Cue], duration: float, path: str | Path, synthesise: Synthesise
) -> Path:
    path = Path(path)
    clips: list[tuple[float, np.ndarray]] = []
    rate = 0
    with tempfile.TemporaryDirectory(prefix="alttext-speech-") as folder:
        for number, cue in enumerate(cues):
            wav = Path(folder) / f"{number}.wav"
            synthesise(cue.text, wav)
            data, clip_rate = _read(wav)
            if rate and clip_rate != rate:
                raise AltTextError("The speech engine changed its sample rate between sentences.")
            rate = clip_rate
            clips.append((cue.start, data))
    rate = rate or 22050
    placed, cursor = [], 0
    for start, data in clips:
        begin = max(round(start * rate), cursor)
        placed.append((begin, data))
        cursor = begin + len(data)
    track = np.zeros(max(cursor, round(duration * rate)), dtype="<i2")
    for begin, data in placed:
        track[begin : begin + len(data)] = data
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(track.tobytes())
    return path
