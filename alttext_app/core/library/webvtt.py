"""WebVTT text tracks: scene descriptions for `<track kind="descriptions">` (WCAG 1.2.5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Cue:
    start: float  # seconds
    end: float
    text: str


def timestamp(seconds: float) -> str:
    """WebVTT time: hh:mm:ss.ttt (hours always written, so long videos parse the same)."""
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}.{rest % 1000:03d}"


def cue_text(text: str) -> str:
    """One line of cue text: & < > escaped; "-->" cannot appear (it would end the cue timing)."""
    line = " ".join(text.split())
    line = line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return line or "(no description)"


def render(cues: Sequence[Cue], source_name: str = "") -> str:
    lines = ["WEBVTT", ""]
    lines += [
        "NOTE",
        "Scene descriptions made by AltText"
        + (f" for {cue_text(source_name)}" if source_name else "")
        + '. Use as <track kind="descriptions" srclang="en">.',
        "",
    ]
    for number, cue in enumerate(cues, 1):
        end = max(cue.end, cue.start + 0.001)  # a cue must end after it starts
        lines += [f"scene-{number}", f"{timestamp(cue.start)} --> {timestamp(end)}", cue_text(cue.text), ""]
    return "\n".join(lines)


def write(cues: Sequence[Cue], path: str | Path, source_name: str = "") -> Path:
    path = Path(path)
    path.write_text(render(cues, source_name), encoding="utf-8")
    return path
