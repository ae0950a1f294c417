"""Two words Tesseract read as one: "NOPARKING" on a tightly spaced sign is "NO PARKING".

Sign lettering is often set with word gaps barely wider than letter gaps, and Tesseract then
joins the words. A joined token is no dictionary word, while each half is one. The split is made
only when exactly one cut gives two dictionary words (of two letters or more, or "A"/"I"), so a
name the dictionary does not know stays as it was read, and an ambiguous cut is not guessed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from alttext_app.core.builtin.ocr import OcrWord

MIN_GLUED = 5  # shorter tokens are abbreviations and codes ("NOx", "EXIT1"), not two words
ONE_LETTER_WORDS = {"a", "i"}

Lookup = Callable[[str], bool | None]


def split_glued(word: OcrWord, is_word: Lookup) -> list[OcrWord]:
    """The word as read, or its two halves when it is exactly one cut away from two words."""
    text = word.text
    if len(text) < MIN_GLUED or not text.isalpha() or is_word(text) is not False:
        return [word]  # a short token, digits or punctuation, a known word, or no dictionary
    cuts = [i for i in range(1, len(text)) if _part(text[:i], is_word) and _part(text[i:], is_word)]
    if len(cuts) != 1:
        return [word]
    cut = cuts[0]
    x, y, w, h = word.box
    left = round(w * cut / len(text))  # letters of a sign's font are near enough equal in width
    return [replace(word, text=text[:cut], box=(x, y, left, h)),
            replace(word, text=text[cut:], box=(x + left, y, w - left, h))]


def _part(text: str, is_word: Lookup) -> bool:
    if len(text) == 1:
        return text.lower() in ONE_LETTER_WORDS
    return bool(is_word(text))
