"""The alt-text rules, in one place, applied to every captioner's output.

Following WCAG 1.1.1, the W3C alt decision tree and Mozilla's guidance: one short sentence, no
"image of", plain words, no assumptions about gender or age ("person", "people", "child"), at most
`max_chars` characters. The rules are idempotent: applying them twice changes nothing.
"""

from __future__ import annotations

import re

DEFAULT_MAX_CHARS = 125
_TERMINAL = ".!?…"
_QUOTES_CLOSE = "\"”’'"

# "a picture of", "an image showing", "this is a photo of" ... say nothing a screen reader doesn't.
_LEADING_FILLER = re.compile(
    r"^\s*(?:(?:this|it)\s+is\s+|there\s+is\s+)?(?:(?:a|an|the)\s+)?"
    r"(?:(?:close[- ]?up|black and white|blurry|cropped)\s+)?"
    r"(?:picture|image|photo|photograph|pic|snapshot|shot)\s+"
    r"(?:of|showing|that shows|shows|depicting|with)(?:\s+|$)",
    re.IGNORECASE,
)
_LEADING_THERE = re.compile(r"^\s*there\s+(?:is|are)\s+(?=\w)", re.IGNORECASE)
_TRAILING_FILLER = re.compile(
    r"\s+(?:in|on)\s+(?:this|the)\s+(?:picture|image|photo|photograph)\s*(?=[.!?…]?\s*$)",
    re.IGNORECASE,
)
# Tokenizer debris and BLIP's well-known made-up word ("arafed", "araffe").
_DEBRIS = re.compile(
    r"\[(?:unused\d+|unk|sep|cls|pad|mask)\]|</?s>|<pad>|<unk>|<\|endoftext\|>", re.IGNORECASE
)
_ARAFED = re.compile(r"\b(?:(an?)\s+)?ara+f+(?:e|ed|es)?\b\s*", re.IGNORECASE)
# Text the image itself says, quoted by the describers: never reworded.
_QUOTED = re.compile(r"(“[^”]*(?:”|$))")
# Terminal escapes and control characters from a tokenizer (ESC, backspace, bidi overrides) must
# never reach the field, the clipboard or the speech engine.
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]?")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,.;:!?])")
_NO_SPACE_AFTER_COMMA = re.compile(r",(?=[^\W\d_])")
_REPEATED_PUNCT = re.compile(r"([,;:])\1+|\.{2,}(?!\.)")
# "a dog a dog a dog" and "cat cat": small models loop; keep one copy of the repeated words.
_REPEAT = re.compile(r"\b((?:\w+\s+){0,3}\w+)(?:\s+\1\b)+", re.IGNORECASE)

# Gendered and age words -> neutral ones. Articles are handled with the word ("an old man").
# Age, ethnicity and religion guessed from looks: dropped when they describe a person word.
_DESCRIPTORS = (
    r"young|old|older|elderly|little|teenage|middle[- ]aged|adult|african[- ]american|african|"
    r"asian|black|white|caucasian|hispanic|latino|latina|indian|arab|muslim|christian|jewish|hindu"
)
_AGE = r"(?:(?:" + _DESCRIPTORS + r")\s+){0,2}"
_PERSON_WORDS = {
    "man": "person", "woman": "person", "lady": "person", "gentleman": "person", "guy": "person",
    "men": "people", "women": "people", "ladies": "people", "gentlemen": "people", "guys": "people",
    "boy": "child", "girl": "child", "boys": "children", "girls": "children",
    "businessman": "person", "businesswoman": "person", "businessmen": "people",
    "businesswomen": "people", "policeman": "police officer", "policewoman": "police officer",
    "policemen": "police officers", "fireman": "firefighter", "firemen": "firefighters",
    "mother": "parent", "father": "parent", "mom": "parent", "dad": "parent",
}
_PERSON_RE = re.compile(
    r"\b(?:(an?)\s+)?" + _AGE + r"(" + "|".join(sorted(_PERSON_WORDS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_HIS = re.compile(r"\bhis\b", re.IGNORECASE)
_HER_POSSESSIVE = re.compile(
    r"\bher\b(?=\s+(?!and\b|or\b|to\b|in\b|on\b|at\b|with\b|by\b|for\b|from\b|as\b|while\b)[a-z])",
    re.IGNORECASE,
)
_HER = re.compile(r"\bher\b", re.IGNORECASE)


def _neutral_person(match: re.Match[str]) -> str:
    article, word = match.group(1), match.group(2)
    neutral = _PERSON_WORDS[word.lower()]
    if word[0].isupper():
        neutral = neutral[0].upper() + neutral[1:]
    if article:
        lead = "an" if neutral[0].lower() in "aeiou" else "a"
        if article[0].isupper():
            lead = lead.capitalize()
        return f"{lead} {neutral}"
    return neutral


def neutral_words(text: str) -> str:
    """Replace words that assume gender or age with neutral ones ("a young woman" -> "a person")."""
    text = _PERSON_RE.sub(_neutral_person, text)
    text = _HIS.sub(lambda m: "Their" if m.group(0)[0].isupper() else "their", text)
    text = _HER_POSSESSIVE.sub(lambda m: "Their" if m.group(0)[0].isupper() else "their", text)
    return _HER.sub(lambda m: "Them" if m.group(0)[0].isupper() else "them", text)


def _unwrap_quotes(text: str) -> str:
    """Drop quotes that wrap the whole caption, keep quotes that belong to it."""
    pairs = {'"': '"', "'": "'", "“": "”"}
    while len(text) >= 2 and text[0] in pairs and text[-1] == pairs[text[0]]:
        inner = text[1:-1]
        if text[0] in inner or pairs[text[0]] in inner:
            break
        text = inner.strip()
    return text


def finalize_alt_text(text: str, *, max_chars: int = DEFAULT_MAX_CHARS, language: str = "en") -> str:
    """Clean a caption into alt text: strip filler, neutral words, capitalise, punctuate, trim.

    `language` is the caption's language: Chinese follows its own rules (alttext_rules_zh); the
    English rules below suit other Latin-script languages well enough (they touch English words).
    """
    text = _CONTROLS.sub("", _ESCAPES.sub("", text or ""))
    text = _DEBRIS.sub(" ", text)
    if language == "zh":
        from alttext_app.core.alttext_rules_zh import finalize_alt_text_zh

        return finalize_alt_text_zh(text, max_chars=max_chars)
    text = _ARAFED.sub(lambda m: (m.group(1) and "a ") or "", text)
    text = _SPACES.sub(" ", text).strip()
    text = _unwrap_quotes(text)
    previous = None
    while previous != text:  # "a picture of an image of ..." happens with small models
        previous = text
        text = _LEADING_FILLER.sub("", text).strip()
        text = _LEADING_THERE.sub("", text).strip()
        text = _TRAILING_FILLER.sub("", text).strip()
    text = _outside_quotes(text, _tidy_words)
    text = text.strip(" ,;:-–—")
    if not any(ch.isalnum() for ch in text):
        return ""
    text = text[0].upper() + text[1:]
    needs_period = not _ends_sentence(text)
    if max_chars > 0 and len(text) + needs_period > max_chars:
        return _cut(text, max_chars)
    return text + "." if needs_period else text


def _tidy_words(part: str) -> str:
    previous = None
    while previous != part:  # "word word word word" folds in steps
        previous = part
        part = _REPEAT.sub(r"\1", part)
    part = neutral_words(part)
    part = _SPACE_BEFORE_PUNCT.sub(r"\1", part)
    part = _NO_SPACE_AFTER_COMMA.sub(", ", part)
    return _REPEATED_PUNCT.sub(lambda m: m.group(0)[0], part)


def _outside_quotes(text: str, change) -> str:  # noqa: ANN001 (a str -> str function)
    """Apply `change` to the caption's own words, not to “text quoted from the image”."""
    parts = _QUOTED.split(text)
    return "".join(part if i % 2 else change(part) for i, part in enumerate(parts))


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_QUOTES_CLOSE)
    return bool(stripped) and stripped[-1] in _TERMINAL


def length_and_budget(text: str, max_chars: int) -> tuple[int, int]:
    """(length, budget) of alt text as its language counts them: Chinese in Chinese characters
    against the Chinese budget (alttext_rules_zh), other languages in characters."""
    from alttext_app.core.text_language import text_language

    if text_language(text) == "zh":
        import math

        from alttext_app.core.alttext_rules_zh import budget, zh_len

        return math.ceil(zh_len(text)), budget(max_chars)
    return len(text), max_chars


def trim_to_length(text: str, max_chars: int) -> str:
    """Cut at a word boundary and end with "…" so that the result fits in `max_chars`."""
    if max_chars <= 0 or len(text) <= max_chars:
        return text
    return _cut(text, max_chars)


def _cut(text: str, max_chars: int) -> str:
    cut = text[: max_chars - 1]
    if " " in cut[1:]:
        cut = cut[: cut.rfind(" ")]
    cut = cut.rstrip(" ,;:-–—.“\"'(")
    # A quote opened but not closed reads oddly; close it after the ellipsis if there is room.
    if cut.count("“") > cut.count("”") and len(cut) + 2 <= max_chars:
        return cut + "…”"
    return cut + "…"
