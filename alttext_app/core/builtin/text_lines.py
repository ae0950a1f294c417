"""Judging OCR lines: is this real text, is it code, is it a number, which line is the title?"""

from __future__ import annotations

import re
from dataclasses import dataclass

from alttext_app.core.builtin.ocr import OcrResult, OcrWord
from alttext_app.core.builtin.text_script import han_count, is_han, join_words

_VOWELS = set("aeiouyAEIOUY")
_NUMBER = re.compile(r"^[-+−$€£(]?\d[\d.,:%]*[%)kKmMbB]?$")
_CODE_WORD = re.compile(
    r"^(def|class|return|import|from|self|elif|lambda|None|True|False|function|const|let|var|"
    r"public|private|static|void|int|char|#include|#define|fn|pub|struct|impl|async|await|"
    r"console\.log|println!?|printf|package|func|echo|fi|then|esac|null|undefined|this)$"
)
_CODE_CHARS = set("{}()[];=<>_#:\"'$&|/\\*")


@dataclass
class Line:
    words: list[OcrWord]
    text: str
    confidence: float  # mean over words
    x: int
    y: int
    height: int  # median word height: the letter size
    width: int


def make_line(words: list[OcrWord]) -> Line:
    """One line from its words (left to right)."""
    xs = [w.box[0] for w in words]
    right = max(w.box[0] + w.box[2] for w in words)
    heights = sorted(w.box[3] for w in words)
    return Line(
        words=words,
        text=join_words(words),
        confidence=sum(w.confidence for w in words) / len(words),
        x=min(xs),
        y=min(w.box[1] for w in words),
        height=heights[len(heights) // 2],
        width=right - min(xs),
    )


def group_lines(ocr: OcrResult) -> list[Line]:
    return [make_line(words) for words in ocr.lines]


def is_number(token: str) -> bool:
    return bool(_NUMBER.match(token.strip(".,;:")))


def looks_like_words(text: str) -> bool:
    """Plausible language (or numbers), not OCR debris like '|_ ~=: :.' or 'iil1lI'."""
    tokens = text.split()
    if not tokens:
        return False
    letters = sum(ch.isalpha() for ch in text)
    digits = sum(ch.isdigit() for ch in text)
    visible = sum(not ch.isspace() for ch in text)
    if visible == 0 or (letters + digits) / visible < 0.6:
        return False
    if letters == 0:
        return all(is_number(t) for t in tokens)
    alpha_words = [t for t in tokens if sum(ch.isalpha() for ch in t) >= 2 or han_count(t)]
    if not alpha_words:
        return len(tokens) >= 1 and digits > 0
    # Real words (English and most languages in Latin script) carry vowels; Chinese has none.
    voweled = sum(1 for t in alpha_words if han_count(t) or any(ch in _VOWELS for ch in t))
    return voweled / len(alpha_words) >= 0.6


def code_score(text: str) -> float:
    """0..1: how much a line looks like program code."""
    tokens = text.split()
    if not tokens:
        return 0.0
    specials = sum(ch in _CODE_CHARS for ch in text) / max(1, len(text.replace(" ", "")))
    keywords = sum(bool(_CODE_WORD.match(t.rstrip(":;({"))) for t in tokens) / len(tokens)
    shaped = bool(
        re.search(r"\w\(|\)\s*[:{;]?$|[{};]$|=>|==|!=|\+=|->|::|^\s*#|^\s*//|\w\.\w+\(|=\s*\S", text)
    )
    return min(1.0, 2.5 * specials + keywords + (0.35 if shaped else 0.0))


def code_language(text: str) -> str | None:
    """A language name when the listing says so clearly; None rather than a guess."""
    checks = (
        ("Python", r"^\s*(def |class \w+.*:$|import \w|from \w+ import|elif |print\()"),
        ("JavaScript", r"\b(const|let) \w+ = |function \w*\(|=> |console\.log"),
        ("C", r"#include\s*<|\bint main\(|printf\("),
        ("Rust", r"\bfn \w+\(|\blet mut\b|println!"),
        ("Go", r"\bfunc \w+\(|^package \w+|fmt\.Print"),
        ("Java", r"public (static )?(class|void)|System\.out\."),
        ("shell", r"^\s*\$ |#!/bin/(ba)?sh|\becho \$"),
        ("HTML", r"</?(html|div|body|head|p|span)\b"),
    )
    hits: dict[str, int] = {}
    for line in text.splitlines():
        for name, pattern in checks:
            if re.search(pattern, line):
                hits[name] = hits.get(name, 0) + 1
    if not hits:
        return None
    best = max(hits, key=lambda k: hits[k])
    return best if hits[best] >= 2 else None


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Consecutive lines of one letter size, one under the other with line spacing: paragraphs."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups:
            prev = groups[-1][-1]
            gap = line.y - (prev.y + prev.height)
            salutation = len(prev.words) <= 3 and prev.text.rstrip().endswith((",", ":"))
            if (
                not salutation  # "Dear neighbours," and "Ingredients:" stand on their own
                and 0 <= gap <= 1.2 * prev.height
                and abs(line.height - prev.height) <= max(2, 0.3 * prev.height)
                and abs(line.x - groups[-1][0].x) <= 2 * prev.height
            ):
                groups[-1].append(line)
                continue
        groups.append([line])
    return groups


# English sentences end at ". " before a capital; Chinese ones at 。！？ (no space follows).
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"'(])|(?<=[。！？])\s*")


def sentences(paragraph: list[Line]) -> list[Line]:
    """The paragraph's text re-cut at sentence ends, as Line objects (positions of its first line)."""
    text = ""
    for line in paragraph:
        part = line.text.strip()
        if text.endswith("-") and part[:1].islower():  # a word hyphenated across lines
            text = text[:-1] + part
        elif text and part and is_han(text[-1]) and is_han(part[0]):  # Chinese: no space
            text += part
        else:
            text = f"{text} {part}".strip()
    first = paragraph[0]
    confidence = min(ln.confidence for ln in paragraph)
    words = [w for ln in paragraph for w in ln.words]
    return [
        Line(words, piece, confidence, first.x, first.y, first.height, first.width)
        for piece in _SENTENCE_END.split(text)
        if piece.strip()
    ]
