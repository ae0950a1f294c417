"""Chinese and English in images: which Tesseract models to read with, and how words join.

The language comes from the caller's hint (the UI or description language: "zh", "zh_TW", "en")
and from the image itself: read in English, Chinese characters come back as a few low-confidence
nonsense words ("TSTMS", "EFORE"), so a read where many words were doubtful is tried again with
the Chinese model beside the English one, and kept when it found Chinese and is surer. Signs and
screenshots mix both scripts ("出口 Exit 2 号线"), so Chinese is always read with English too.

Han characters are written without spaces; Tesseract gives one "word" per character or two, so
words are joined with a space only where the script asks for one (see `join_words`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

# Share of the words read that were too doubtful to keep, above which the English read is
# suspected of being Chinese (or another script it cannot read) and is tried again.
DOUBTFUL_SHARE = 0.3
DOUBTFUL_MIN = 3
# A gap narrower than this share of the line height between Han and Latin text is no space.
TIGHT_GAP = 0.25
SECOND_LANGUAGES = "eng+chi_sim"  # tried when an English read looks like Chinese


class Boxed(Protocol):
    text: str
    box: tuple[int, int, int, int]


def is_han(char: str) -> bool:
    """A CJK ideograph or CJK punctuation/full-width form: written without spaces around it."""
    point = ord(char)
    return (
        0x4E00 <= point <= 0x9FFF  # unified ideographs
        or 0x3400 <= point <= 0x4DBF  # extension A
        or 0x20000 <= point <= 0x2FFFF  # extensions B and beyond
        or 0xF900 <= point <= 0xFAFF  # compatibility ideographs
        or 0x3000 <= point <= 0x303F  # CJK punctuation: 、。「」
        or 0xFF00 <= point <= 0xFFEF  # full-width forms: ，：！（）
    )


def han_count(text: str) -> int:
    return sum(is_han(ch) and not 0x3000 <= ord(ch) <= 0x303F and ord(ch) < 0xFF00 for ch in text)


def join_words(words: Sequence[Boxed]) -> str:
    """One line's words as text: "请勿停车" (no spaces between Han), "出口 Exit 2 号线"."""
    out = ""
    prev: Boxed | None = None
    for word in words:
        if prev is not None and prev.text and word.text:
            left, right = prev.text[-1], word.text[0]
            if is_han(left) and is_han(right):
                sep = ""
            elif is_han(left) or is_han(right):
                # Mixed scripts: a space only where the image shows one.
                gap = word.box[0] - (prev.box[0] + prev.box[2])
                sep = " " if gap > TIGHT_GAP * max(prev.box[3], word.box[3]) else ""
            else:
                sep = " "
            out += sep
        out += word.text
        prev = word
    return out


def tesseract_languages(lang: str | None) -> str:
    """Tesseract's language set for a language hint: "zh"/"zh_CN" -> chi_sim, "zh_TW" -> chi_tra
    (both with English, which mixed signs and screenshots need); anything else -> "eng"."""
    code = (lang or "en").lower().replace("_", "-")
    if code.startswith("zh"):
        traditional = any(tag in code.split("-") for tag in ("hant", "tw", "hk", "mo"))
        return "chi_tra+eng" if traditional else "chi_sim+eng"
    return "eng"


def looks_unread(kept: int, doubtful: int) -> bool:
    """Whether an English read dropped so many doubtful words that another script is likely."""
    return doubtful >= DOUBTFUL_MIN and doubtful >= DOUBTFUL_SHARE * (kept + doubtful)
