"""A small progress bar on stderr, shown only when stderr is a terminal (never in pipes or logs)."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


def duration(seconds: float) -> str:
    """12s, 3m05s, 2h07m."""
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class ProgressBar:
    """`label ████····· 120/2000 3.1/s ETA 10m06s note`; rate and ETA from this run's pace."""

    def __init__(self, total: int, label: str = "", stream: TextIO | None = None) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.done = 0
        self.started = time.monotonic()

    def advance(self, note: str = "") -> None:
        self.done += 1
        if not self.enabled:
            return
        width = max(10, min(30, shutil.get_terminal_size((80, 20)).columns - 50))
        filled = int(width * min(self.done, self.total) / self.total)
        elapsed = time.monotonic() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        eta = f"ETA {duration((self.total - self.done) / rate)}" if rate > 0 else "ETA ?"
        bar = "█" * filled + "·" * (width - filled)
        line = f"\r{self.label}{bar} {self.done}/{self.total} {rate:.1f}/s {eta} {note[:20]:<20}"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")  # clear the bar so results stay readable
            self.stream.flush()
