"""Everything the window knows about the image on show, as one object (replaced per image)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alttext_app.core.captioner import CaptionResult


@dataclass
class CurrentImage:
    source: str | bytes  # a file path or encoded image data (paste, drop)
    name: str  # for the title and the preview's description
    result: CaptionResult | None = None  # the last finished description
    generated: str = ""  # the text AltText last put in the field (not the user's)
    pending: str | None = None  # a new description waiting for Replace / Keep mine
    failed: bool = False  # the last attempt ended in an error

    @classmethod
    def from_source(cls, source: str | Path | bytes, pasted_name: str) -> CurrentImage:
        if isinstance(source, bytes):
            return cls(source, pasted_name)
        return cls(str(source), Path(source).name)

    @property
    def path(self) -> str | None:
        return self.source if isinstance(self.source, str) else None

    @property
    def stem(self) -> str:
        return Path(self.source).stem if isinstance(self.source, str) else ""

    def user_edited(self, text: str) -> bool:
        """True when the field holds the user's own words (not empty, not what AltText wrote)."""
        text = text.strip()
        return bool(text) and text != self.generated.strip()
