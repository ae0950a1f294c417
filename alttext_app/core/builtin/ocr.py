"""Read the text in an image with Tesseract (Debian's `tesseract-ocr`), offline.

Why Tesseract: its English model keeps the spaces between words, which the PP-OCR recogniser in
rapidocr drops, and it was both more accurate and 5-10 times faster on our screenshots (see
docs/builtin-text.md); our polarity normalisation (text_prep) fixes its weakness with coloured and
light-on-dark UI text. text_engines finds the library or the program and the language models;
text_script picks English or Chinese (with English) from the caller's hint and the image.

When tesseract is missing the describer still works for photos: `ocr_available()` says why, and
`read_text` returns an empty result instead of failing.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import threading
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from alttext_app.core.builtin import text_engines
from alttext_app.core.builtin.text_detect import chain_boxes, sign_chains, text_regions
from alttext_app.core.builtin.text_detect import likely_has_text as _likely_has_text
from alttext_app.core.builtin.text_engines import ocr_available, usable_languages
from alttext_app.core.builtin.text_plan import Letters, Plan, plan_reading
from alttext_app.core.builtin.text_prep import MAX_SIDE, dark_blobs, polarity, prepare_for_ocr
from alttext_app.core.builtin.text_script import (
    SECOND_LANGUAGES,
    han_count,
    join_words,
    looks_unread,
    tesseract_languages,
)
from alttext_app.core.builtin.text_stats import image_stats
from alttext_app.core.captioner import AbortCheck, check_abort

log = logging.getLogger(__name__)

__all__ = [
    "OcrResult", "OcrWord", "likely_has_text", "ocr_available", "parse_tsv", "prepare_ahead", "read_text",
]

# Words tesseract is less sure of than this are dropped before anything reads them.
MIN_WORD_CONFIDENCE = 0.45
# Prepared images above this many pixels (a full-screen screenshot) are read in two parts at once.
SPLIT_PIXELS = 1_500_000
# Images with less than this share of perfectly flat pixels are photos: read only their text regions.
PHOTO_FLAT = 0.3
MAX_REGIONS = 8
# Letters (from the pre-check's letter chains) read from the top of a dense image when the whole
# text is not asked for: about 20 lines of code or 25 of prose, enough for a description.
READ_BUDGET = 1000
# Under this share of the letters the pre-check saw, a page read is tried again as one block.
MISSED_SHARE = 0.75
PAGE_COVERAGE = 0.3
TSV_FIELDS = [
    "level", "page_num", "block_num", "par_num", "line_num", "word_num",
    "left", "top", "width", "height", "conf", "text",
]


@dataclass
class OcrWord:
    text: str
    confidence: float  # 0..1
    box: tuple[int, int, int, int]  # x, y, w, h in the original image's pixels
    line_id: int  # words with the same id are on one line, in reading order


@dataclass
class OcrResult:
    words: list[OcrWord] = field(default_factory=list)
    text: str = ""  # lines joined with newlines
    mean_confidence: float = 0.0  # over the kept words, 0 when none
    doubtful: int = 0  # words tesseract found but was too unsure of to keep
    languages: str = "eng"  # the Tesseract models that read it
    partial: bool = False  # only the top of a very dense image was read (see READ_BUDGET)

    @property
    def lines(self) -> list[list[OcrWord]]:
        grouped: dict[int, list[OcrWord]] = {}
        for word in self.words:
            grouped.setdefault(word.line_id, []).append(word)
        return list(grouped.values())


def likely_has_text(image: Image.Image) -> bool:
    """Cheap check (a few ms) whether running OCR on this image is worth it."""
    return _likely_has_text(image)


def prepare_ahead(image: Image.Image) -> None:
    """Start on a screen's OCR preparation before anyone knows it has text (the describer runs
    this on its second core while the pre-check looks): the colour normalisation is the costliest
    step before Tesseract, and it is remembered per image, so `read_text` finds it done. For a
    photo it looks for bold sign lettering instead (`sign_chains`, also remembered), which the
    sign pass asks for after the kind is known."""
    try:
        if image_stats(image).flat < PHOTO_FLAT:
            sign_chains(image)
        elif max(image.size) <= MAX_SIDE:
            dark_blobs(polarity(image))  # what prepare_for_ocr measures the letters on
    except Exception:  # only a head start: read_text does the work again and reports
        log.debug("OCR preparation ahead failed", exc_info=True)


def read_text(
    image: Image.Image, should_abort: AbortCheck | None = None, lang: str = "en", *, full: bool = True
) -> OcrResult:
    """All readable text in the image with per-word confidences; empty when OCR is unavailable.

    `lang` is the user's language ("en", "zh", "zh_TW"): Chinese is read with English beside it.
    An English read that looks like another script is tried again with Chinese too. With
    `full=False` a very dense big image (a whole desktop of text) is read only down to READ_BUDGET
    letters from its top: a description quotes its first lines, and reading 1000 words costs
    Tesseract about 3-5 s of CPU.
    """
    ok, why = ocr_available()
    if not ok:
        log.info("%s", why)
        return OcrResult()
    langs = usable_languages(tesseract_languages(lang))
    result = _read(image, langs, should_abort, full)
    if langs == "eng" and looks_unread(len(result.words), result.doubtful):
        second = usable_languages(SECOND_LANGUAGES)
        if second != "eng":
            check_abort(should_abort)
            other = _read(image, second, should_abort, full)
            if han_count(other.text) >= 2 and other.mean_confidence > result.mean_confidence:
                log.debug("Chinese found after an unsure English read")
                return other
    return result


def _read(image: Image.Image, langs: str, should_abort: AbortCheck | None, full: bool = True) -> OcrResult:
    check_abort(should_abort)
    if image_stats(image).flat < PHOTO_FLAT:
        regions = text_regions(image)
        covered = sum(w * h for _, _, w, h in regions) / float(image.width * image.height)
        # A photographed page is mostly text: its own layout reads better than cut-out pieces.
        if covered < PAGE_COVERAGE:
            return _read_regions(image, regions, langs, should_abort)
    grey, scale = prepare_for_ocr(image, han="chi" in langs)
    check_abort(should_abort)
    # Only big screens are cut short: a page or a window reads whole in well under a second.
    big = image.width * image.height > SPLIT_PIXELS
    two = (big or grey.size > SPLIT_PIXELS) and (os.cpu_count() or 1) >= 2
    budget = None if full or not big else READ_BUDGET
    if not two and budget is None:
        return _read_one(image, grey, scale, langs, should_abort)
    plan = plan_reading(grey, Letters.of(grey), budget, two=two)
    if len(plan.parts) == 1:
        part = plan.parts[0]
        result = _read_one(image, grey[: part.bottom], scale, langs, should_abort)
    else:
        result = _read_parts(grey, scale, langs, should_abort, plan)
    result.partial = plan.partial
    return result


def _read_one(
    image: Image.Image, grey: np.ndarray, scale: float, langs: str, should_abort: AbortCheck | None
) -> OcrResult:
    result = parse_tsv(text_engines.read_tsv(grey, langs, should_abort), scale, languages=langs)
    return _read_missed(image, grey, scale, langs, result, should_abort)


def _read_parts(
    grey: np.ndarray, scale: float, langs: str, should_abort: AbortCheck | None, plan: Plan
) -> OcrResult:
    """Read the plan's parts: the first engine its share here, a second engine the rest on the
    other core at the same time (ctypes lets go of the GIL during each call)."""
    tsvs: list[str] = [""] * len(plan.parts)
    done: dict[str, BaseException] = {}

    def read(indexes: range, slot: int) -> None:
        for i in indexes:
            p = plan.parts[i]
            tsvs[i] = text_engines.read_tsv(grey[p.top : p.bottom, p.left : p.right], langs, should_abort, slot=slot)

    def read_second() -> None:
        try:
            read(range(plan.second, len(plan.parts)), 1)
        except BaseException as exc:  # handed to the calling thread below
            done["error"] = exc

    worker = threading.Thread(target=read_second, name="ocr-second-part", daemon=True)
    worker.start()
    try:
        read(range(plan.second), 0)
    finally:
        worker.join()
    if "error" in done:
        raise done["error"]
    results: list[OcrResult] = []
    lines = 0
    for part, tsv in zip(plan.parts, tsvs, strict=True):
        results.append(parse_tsv(
            tsv, scale, offset_x=part.left, offset_y=part.top, first_line_id=lines, languages=langs
        ))
        lines += len(results[-1].lines)
    return merge_results(*results)


def _read_missed(
    image: Image.Image,
    grey: np.ndarray,
    scale: float,
    langs: str,
    result: OcrResult,
    should_abort: AbortCheck | None,
) -> OcrResult:
    """Read again as one block when the automatic layout left out much of the text.

    Tesseract's layout analysis sometimes takes a column of a small table or terminal (beside a
    frame line or a cursor block) for a picture and skips it. The letter chains the pre-check
    found say how much text there is; when under 3/4 of it was read, reading the image as one
    uniform block (psm 6) usually gets it all, and the read with more sure words is kept.
    """
    rows = grey.shape[0] / scale  # the part of the image that was read, in original pixels
    expected = sum(n for n, (_x, y, _w, h) in chain_boxes(image) if y + h <= rows)
    read = sum(len(w.text) for w in result.words)
    if read >= MISSED_SHARE * expected:
        return result
    check_abort(should_abort)
    block = parse_tsv(text_engines.read_tsv(grey, langs, should_abort, psm=6), scale, languages=langs)
    return block if sum(len(w.text) for w in block.words) > read else result


def _read_regions(
    image: Image.Image,
    regions: list[tuple[int, int, int, int]],
    langs: str,
    should_abort: AbortCheck | None,
) -> OcrResult:
    """Read a photo region by region: only the signs and labels the pre-check found.

    Tesseract's page layout takes a whole photo, full of edges, for a drawing and reads nothing
    (or fragments); cropped to the text with a margin, the same sign reads like a document.
    """
    parts: list[OcrResult] = []
    lines = 0
    for x, y, w, h in regions[:MAX_REGIONS]:
        check_abort(should_abort)
        grey, scale = prepare_for_ocr(image.crop((x, y, x + w, y + h)), han="chi" in langs)
        tsv = text_engines.read_tsv(grey, langs, should_abort)
        part = parse_tsv(
            tsv, scale, offset_x=round(x * scale), offset_y=round(y * scale), first_line_id=lines,
            languages=langs,
        )
        lines += len(part.lines)
        parts.append(part)
    return merge_results(*parts) if parts else OcrResult(languages=langs)


def merge_results(*parts: OcrResult) -> OcrResult:
    words = [w for part in parts for w in part.words]
    text = "\n".join(part.text for part in parts if part.text)
    mean = sum(w.confidence for w in words) / len(words) if words else 0.0
    doubtful = sum(part.doubtful for part in parts)
    return OcrResult(words, text, mean, doubtful, parts[0].languages if parts else "eng")


def parse_tsv(
    tsv: str,
    scale: float = 1.0,
    *,
    offset_x: int = 0,
    offset_y: int = 0,
    first_line_id: int = 0,
    languages: str = "eng",
) -> OcrResult:
    """Turn tesseract's TSV into words (low-confidence ones dropped), lines and a mean confidence."""
    words: list[OcrWord] = []
    doubtful = 0
    line_ids: dict[tuple[str, str, str, str], int] = {}
    # The command line prints a header row; the library's GetTSVText does not.
    fields = None if tsv.startswith("level") else TSV_FIELDS
    reader = csv.DictReader(
        io.StringIO(tsv), fieldnames=fields, delimiter="\t", quoting=csv.QUOTE_NONE
    )
    for row in reader:
        # Input-field and table borders come back as "|" glued to words: never text.
        text = (row.get("text") or "").strip().strip("|¦").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            conf = float(row["conf"]) / 100.0
            x, y, w, h = (int(row[k]) for k in ("left", "top", "width", "height"))
        except (KeyError, TypeError, ValueError):
            continue
        if conf < MIN_WORD_CONFIDENCE:
            doubtful += 1
            continue
        if conf < 0.7 and not any(ch.isalnum() for ch in text):
            continue  # a doubtful lone symbol is nearly always an edge or a speck, not text
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        line_id = line_ids.setdefault(key, first_line_id + len(line_ids))
        x, y = max(0, x + offset_x), max(0, y + offset_y)
        box = (round(x / scale), round(y / scale), round(w / scale), round(h / scale))
        words.append(OcrWord(text=text, confidence=min(conf, 1.0), box=box, line_id=line_id))
    lines: dict[int, list[OcrWord]] = {}
    for word in words:
        lines.setdefault(word.line_id, []).append(word)
    text = "\n".join(join_words(parts) for parts in lines.values())
    mean = sum(w.confidence for w in words) / len(words) if words else 0.0
    return OcrResult(words, text, mean, doubtful, languages)
