"""What kind of image this is, and the alt text for images that are mostly text.

Kinds: photo, screenshot, document, code, chart, table, dialog, graphic. Text-heavy kinds are
described by their text and purpose, never by guessing objects: small captioners were withdrawn
for calling code listings "a cat". The rules use cheap statistics (text_stats), what OCR read
(text_lines), the layout of its words (text_layout: tables, dialogs), the axes of a plot
(text_chart) and, when given, the image classifier's labels.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from alttext_app.core.builtin.ocr import OcrResult
from alttext_app.core.builtin.render_en_text import render_en_text
from alttext_app.core.builtin.text_chart import find_plot, is_chart
from alttext_app.core.builtin.text_layout import find_dialog, find_table, strip_gutter
from alttext_app.core.builtin.text_lines import Line, code_score, group_lines, is_number
from alttext_app.core.builtin.text_purpose import build_text_scene, good_lines
from alttext_app.core.builtin.text_stats import ImageStats, image_stats

KINDS = ("photo", "screenshot", "document", "code", "chart", "table", "dialog", "graphic")
TEXT_KINDS = ("screenshot", "document", "code", "chart", "table", "dialog")
# Above this many words an image is not looked at as a chart, table or dialog (a whole desktop).
LAYOUT_WORDS = 150

# ImageNet classes that only appear for screens and pages (describer-1 passes top labels in).
_SCREEN_LABELS = {"web site", "monitor", "screen", "television", "desktop computer", "menu"}
_PAGE_LABELS = {"book jacket", "envelope", "crossword puzzle", "packet", "menu", "comic book"}


@dataclass
class KindGuess:
    kind: str
    confidence: float


def _label_hits(labels: list[tuple[str, float]] | None, names: set[str]) -> float:
    score = 0.0
    for label, prob in labels or []:
        if any(name in label.lower() for name in names):
            score += prob
    return score


def classify_kind(
    image: Image.Image,
    ocr: OcrResult | None,
    labels: list[tuple[str, float]] | None = None,
) -> KindGuess:
    """Guess the kind of image from statistics, OCR (None when it was skipped) and labels."""
    stats = image_stats(image)
    lines = good_lines(ocr)
    words = [w for ln in lines for w in ln.words]
    synthetic = _synthetic_score(stats)
    if len(words) < 3:
        if synthetic >= 0.6:
            return KindGuess("graphic", round(min(0.9, synthetic), 2))
        return KindGuess("photo", round(min(0.9, 1.0 - synthetic + 0.1), 2))

    text_area = sum(w.box[2] * w.box[3] for w in words) / float(image.width * image.height)
    numbers = sum(is_number(w.text) for w in words) / len(words)
    codey = [code_score(ln.text) for ln in lines]
    code_share = sum(s >= 0.5 for s in codey) / len(lines)
    indent = _indent_levels(lines)
    words_per_line = len(words) / len(lines)

    if synthetic < 0.35 and text_area < 0.08 and _label_hits(labels, _SCREEN_LABELS) < 0.3:
        return KindGuess("photo", round(0.8 - synthetic, 2))  # a sign or label in a photo
    if len(lines) >= 3 and code_share >= 0.4 and (indent >= 2 or code_share >= 0.6):
        return KindGuess("code", round(min(0.95, 0.5 + code_share / 2), 2))
    ticks = _axis_ticks(lines)
    if len(words) <= 80 and (
        ticks >= 3 or (ticks >= 2 and numbers >= 0.3 and stats.lines >= 1 and words_per_line < 4)
    ):
        return KindGuess("chart", round(min(0.9, 0.55 + 0.1 * ticks + (0.1 if stats.lines else 0)), 2))
    laid_out = len(words) <= LAYOUT_WORDS
    if laid_out and stats.lines >= 1 and is_chart(words, find_plot(image)):
        return KindGuess("chart", 0.75)  # axes meeting in a corner, labels outside them
    prose = sum(_sentence_like(ln) for ln in lines) / len(lines)
    # Paper: one bright, colourless background over most of it (two windows side by side, one
    # dark, are not a page); a photographed page is uneven but still pale.
    page = stats.saturation < 0.25 and (
        (stats.top_colour >= 0.6 and stats.brightness >= 0.5) or synthetic < 0.35
    )
    if (
        len(words) >= 25 and len(lines) >= 4 and words_per_line >= 4 and prose >= 0.4 and page
    ) or _label_hits(labels, _PAGE_LABELS) >= 0.5:
        return KindGuess("document", round(min(0.9, 0.5 + prose / 2), 2))
    grid = [w for ln in strip_gutter(group_lines(ocr)) for w in ln.words] if ocr else []
    if laid_out and find_table(grid) is not None:
        return KindGuess("table", 0.7)
    if laid_out and find_dialog(words, image.size) is not None:
        return KindGuess("dialog", 0.65)
    if len(lines) <= 4 and synthetic >= 0.5 and (
        (text_area < 0.02 and len(lines) <= 2)  # a logo or a banner with a few words
        or stats.saturation >= 0.35  # a poster, a card: text on a coloured ground
        or _centred(lines, image.width) >= 2
    ):
        return KindGuess("graphic", 0.6)
    return KindGuess("screenshot", round(min(0.9, 0.4 + synthetic / 2), 2))


def _synthetic_score(stats: ImageStats) -> float:
    """0..1: how much the image looks drawn by a program rather than photographed."""
    score = 0.0
    score += min(0.5, stats.flat)  # flat areas are the strongest single sign
    score += 0.2 if stats.colours < 400 else (0.1 if stats.colours < 1500 else 0.0)
    score += 0.2 if stats.top_colour >= 0.3 else 0.0
    score += min(0.2, stats.lines / 10)
    return min(1.0, score)


def _axis_ticks(lines: list[Line]) -> int:
    """Most number labels that form an axis: stacked at one right edge with values growing upwards
    (row numbers in a table grow downwards), or in a row growing to the right."""
    numeric = [ln for ln in lines if all(is_number(w.text) for w in ln.words)]
    best = 0
    for ln in numeric:
        right = ln.x + ln.width
        stack = sorted((o for o in numeric if abs(o.x + o.width - right) <= 6), key=lambda o: o.y)
        values = [_value(o.text) for o in stack]
        if len(values) >= 3 and None not in values and all(
            a > b for a, b in zip(values, values[1:], strict=False)
        ):
            best = max(best, len(values))
    for ln in lines:
        values = [_value(w.text) for w in ln.words]
        numbers = [v for v in values if v is not None]
        if len(numbers) >= 3 and len(numbers) >= 0.7 * len(values) and all(
            a < b for a, b in zip(numbers, numbers[1:], strict=False)
        ):
            best = max(best, len(numbers))
    return best


def _value(token: str) -> float | None:
    cleaned = token.strip(".,;:%$€£()kKmMbB").replace(",", "").replace("−", "-")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _sentence_like(line: Line) -> bool:
    """Four or more words, mostly lower-case language words: prose, not labels or code."""
    if len(line.words) < 4:
        return False
    plain = sum(w.text.strip(".,;:!?\"'()“”‘’").isalpha() and w.text[:1].islower() for w in line.words)
    return plain >= 0.6 * len(line.words)


def _centred(lines: list[Line], width: int) -> int:
    """Lines centred on the image (posters, cards, memes), as opposed to left-aligned UI text."""
    return sum(
        abs(ln.x + ln.width / 2 - width / 2) <= 0.04 * width and ln.x > 0.08 * width
        for ln in lines
    )


def _indent_levels(lines: list[Line]) -> int:
    """How many distinct left margins (beyond the first) the lines use: code indents, prose does not."""
    if len(lines) < 3:
        return 0
    unit = max(4, sorted(ln.height for ln in lines)[len(lines) // 2] // 2)
    margins = sorted({round(ln.x / unit) for ln in lines})
    used = [m for m in margins if sum(round(ln.x / unit) == m for ln in lines) >= 1]
    return len(used) - 1


def describe_text(ocr: OcrResult, kind: str, max_chars: int, image: Image.Image | None = None) -> str:
    """Alt text for a text-heavy image: the kind when it matters, its purpose and the text that
    matters, quoted (text_purpose builds the structure, render_en_text words it).

    `image` lets charts be read from their pixels (type, series, range). Returns "" when nothing
    was read well enough to quote in a photo or graphic (the caller then describes it otherwise).
    """
    return render_en_text(build_text_scene(ocr, kind, image), max_chars)
