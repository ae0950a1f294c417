"""Which language a piece of text is in, from its script — enough to pick a voice for it.

A description AltText wrote is tagged with its language already; this is for text that arrives
without one (`alttext speak`, text the user typed or pasted, text read from an image). Han
characters mean Chinese (a Japanese text has kana as well), Hangul Korean, Cyrillic Russian, and
so on; text in the Latin script is given the caller's fallback (English unless said otherwise).
"""

from __future__ import annotations

import unicodedata

# Unicode ranges -> language code. Checked per character; the most frequent wins.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x3040, 0x30FF, "ja"),  # Hiragana, Katakana
    (0x31F0, 0x31FF, "ja"),
    (0xAC00, 0xD7AF, "ko"),  # Hangul syllables
    (0x1100, 0x11FF, "ko"),
    (0x3400, 0x4DBF, "zh"),  # CJK extension A
    (0x4E00, 0x9FFF, "zh"),  # CJK unified ideographs
    (0xF900, 0xFAFF, "zh"),
    (0x20000, 0x2FFFF, "zh"),
    (0x0400, 0x04FF, "ru"),  # Cyrillic
    (0x0370, 0x03FF, "el"),  # Greek
    (0x0590, 0x05FF, "he"),
    (0x0600, 0x06FF, "ar"),
    (0x0E00, 0x0E7F, "th"),
    (0x0900, 0x097F, "hi"),  # Devanagari
)


def _script_of(char: str) -> str:
    point = ord(char)
    for low, high, code in _RANGES:
        if low <= point <= high:
            return code
    return "latin" if unicodedata.category(char).startswith("L") else ""


def text_language(text: str, fallback: str = "en") -> str:
    """The language code of `text` from its letters; `fallback` for Latin script or no letters.

    Han characters with any kana are Japanese. Mixed Chinese and English ("请按 OK 继续") is
    Chinese as soon as Han characters make up a fifth of the letters: a Chinese voice reads the
    English words (espeak-ng's cmn reads Latin letters as English), an English voice cannot read Han.
    """
    counts: dict[str, int] = {}
    for char in text:
        script = _script_of(char)
        if script:
            counts[script] = counts.get(script, 0) + 1
    letters = sum(counts.values())
    if not letters:
        return fallback
    if counts.get("ja") and counts.get("zh"):
        counts["ja"] += counts.pop("zh")
    if counts.get("zh", 0) * 5 >= letters:
        return "zh"
    best = max(counts, key=lambda code: counts[code])
    return fallback if best == "latin" else best
