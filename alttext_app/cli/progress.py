"""A small progress bar on stderr, shown only when stderr is a terminal (never in pipes or logs)."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


class ProgressBar:
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
        width = max(10, min(40, shutil.get_terminal_size((80, 20)).columns - 40))
        filled = int(width * self.done / self.total)
        elapsed = time.monotonic() - self.started
        bar = "█" * filled + "·" * (width - filled)
        line = f"\r{self.label}{bar} {self.done}/{self.total} {elapsed:5.1f}s {note[:20]:<20}"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")  # clear the bar so results stay readable
            self.stream.flush()
