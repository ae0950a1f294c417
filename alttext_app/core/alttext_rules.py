"""The alt-text rules, in one place, applied to every captioner's output.

Following WCAG 1.1.1, the W3C alt decision tree and Mozilla's guidance: one short sentence, no
"image of", plain words, hedge what is uncertain, at most `max_chars` characters.
"""

from __future__ import annotations

import re

DEFAULT_MAX_CHARS = 125

# "a picture of", "an image showing", "photo of" ... at the start say nothing a screen reader doesn't.
_LEADING_FILLER = re.compile(
    r"^\s*(?:(?:there\s+is\s+)?(?:a|an|the)\s+)?(?:close[- ]up\s+)?"
    r"(?:picture|image|photo|photograph|pic|snapshot)\s+(?:of|showing|that shows|with)\s+",
    re.IGNORECASE,
)
# Tokenizer debris some models leave behind.
_DEBRIS = re.compile(r"\[(?:unused\d+|unk|sep|cls|pad)\]|<\/?s>|<pad>|<unk>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")


def finalize_alt_text(text: str, *, max_chars: int = DEFAULT_MAX_CHARS) -> str:
    """Clean a caption into alt text: strip filler, tidy spacing, capitalise, punctuate, trim."""
    text = _DEBRIS.sub(" ", text or "")
    text = _SPACES.sub(" ", text).strip().strip("\"'")
    previous = None
    while previous != text:  # "a picture of an image of ..." happens with small models
        previous = text
        text = _LEADING_FILLER.sub("", text).strip()
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    text = trim_to_length(text, max_chars)
    if text[-1] not in ".!?…\"”":
        text += "."
    return text


def trim_to_length(text: str, max_chars: int) -> str:
    """Cut at a word boundary so that the result plus its final period fits in `max_chars`."""
    if max_chars <= 0 or len(text) <= max_chars:
        return text
    cut = text[: max_chars - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    cut = cut.rstrip(" ,;:-–—")
    return cut + "…"
