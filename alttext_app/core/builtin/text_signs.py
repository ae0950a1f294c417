"""Scene text in photos: the words on a sign, read only where the text finder saw lines of letters.

Tesseract is made for pages. Cut out of a photo, a sign still brings its frame, the post and the
leaves around it, and letters often 20-30 pixels tall: the page reader then keeps no word, or
reads textures as words. So each candidate region (the letter chains of `text_detect`, a few at
most) is cut with a margin, scaled until its letters are about LETTER_PX tall (very big ones reduced) and split into the
pixels darker and those lighter than their neighbourhood (dark-on-white and white-on-green signs);
in each view only shapes of a letter's size and fill stay, so frames, posts, windows and leaf
specks are gone before Tesseract looks.

Each view is read twice, as a block (psm 6) and as sparse text (psm 11). A word is kept only when
both reads agree on it, one of them is sure of it, it looks like a word (letters, a vowel, a plain
case pattern) and both reads' lines around it are mostly such words: misreads of a texture rarely
come out the same twice, and a quoted wrong word is worse than none. Photos without a region cost
nothing; a sign costs about 100 ms (docs/builtin-photos.md).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import numpy as np
from PIL import Image

from alttext_app.core.builtin import text_engines
from alttext_app.core.builtin.ocr import OcrResult, OcrWord, ocr_available, parse_tsv
from alttext_app.core.builtin.text_detect import chain_boxes, merge_boxes, sign_chains
from alttext_app.core.builtin.text_glued import split_glued
from alttext_app.core.builtin.text_pixels import Resample, connected_components, local_masks, resize
from alttext_app.core.builtin.text_prep import to_array
from alttext_app.core.builtin.text_script import join_words
from alttext_app.core.captioner import AbortCheck, check_abort

MAX_SIGNS = 3  # regions read per photo, the most letters first
MIN_LETTERS = 6  # chained letter shapes in a region: fewer are as often a row of specks
LETTER_PX = 36  # letter-chain height Tesseract reads best (its models: 20-40 px)
MAX_SCALE = 3.0
BIG_LETTER_PX = 64  # letters taller than this are reduced to it
GROW = 2.0  # extra letter heights around a region: a sign's line the chains missed (a title)
WEAK_VIEW = 0.5  # a view with under this share of the other's letter shapes is not read
NEAR_X = 1.5  # letter heights beyond a found line's ends where its missed letters may be
NEAR_Y = 0.5  # and above and below it
PAD = 12  # white border around the cleaned crop, in prepared pixels
SURE = 0.85  # one of the two reads must be this sure of a word
AGREE = 0.6  # and the other at least this
KEEP_SHARE = 2 / 3  # of a line's letters and digits that must be in kept words
FRAGMENT_GAP = 0.12  # letter heights: closer than this, two readings are parts of one word
# The two-letter words of English signs and notices; any other pair is more often debris.
SHORT_WORDS = frozenset(
    ("am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no", "of",
     "on", "or", "so", "to", "up", "us", "we")
)
BUDGET_S = 0.15  # no new region is started after this long
_WORD = re.compile(r"^[A-Za-z]+(?:['’-][A-Za-z]+)?$")
_VOWELS = set("aeiouyAEIOUY")
_CONSONANT_RUN = re.compile(r"[^aeiouyAEIOUY'’-]{5,}")


@dataclass(frozen=True)
class Region:
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 in original pixels
    letter: float  # chain height in original pixels: the letters' size
    letters: int  # how many letter shapes the chains in it have
    lines: tuple[tuple[int, int, int, int], ...] = ()  # the chains' boxes (x, y, w, h), original pixels


def candidate_regions(image: Image.Image) -> list[Region]:
    """Where signs may be, the most letters first: the text finder's lines (`chain_boxes`) and
    the bold sign lettering it misses (`sign_chains`, found on a coarse copy), joined into regions
    with their letter size."""
    both = [(n, box, float(box[3])) for n, box in chain_boxes(image)]
    both += [(c.letters, c.box, c.letter) for c in sign_chains(image)]
    lines: list[tuple[int, tuple[int, int, int, int], float]] = []
    for n, box, size in sorted(both, key=lambda c: -c[0]):
        # A line both passes saw counts once, with the letters of the longer reading, over the
        # width of both (one pass may have missed an end letter).
        same = next((i for i, kept in enumerate(lines) if _same_line(box, kept[1])), None)
        if same is None:
            lines.append((n, box, size))
        else:
            kept_n, kept_box, kept_size = lines[same]
            lines[same] = (kept_n, _union(kept_box, box), kept_size)
    found = []
    for x, y, w, h in merge_boxes([box for _, box, _ in lines], image.size):
        inside = [(n, b, letter) for n, b, letter in lines
                  if b[0] >= x and b[1] >= y and b[0] + b[2] <= x + w and b[1] + b[3] <= y + h]
        if sum(n for n, _, _ in inside) < MIN_LETTERS:
            continue
        letter = float(np.median(np.repeat([size for _, _, size in inside], [n for n, _, _ in inside])))  # per letter
        grow = round(GROW * letter)
        box = (max(0, x - grow), max(0, y - grow), min(image.width, x + w + grow), min(image.height, y + h + grow))
        found.append(Region(box, letter, sum(n for n, _, _ in inside), tuple(b for _, b, _ in inside)))
    return sorted(found, key=lambda r: -r.letters)


def _union(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    x0, y0 = min(a[0], b[0]), min(a[1], b[1])
    return x0, y0, max(a[0] + a[2], b[0] + b[2]) - x0, max(a[1] + a[3], b[1] + b[3]) - y0


def _same_line(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    """Boxes (x, y, w, h) sharing over half of the smaller one."""
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w > 0 and h > 0 and w * h > 0.5 * min(a[2] * a[3], b[2] * b[3])


def read_signs(image: Image.Image, should_abort: AbortCheck | None = None) -> OcrResult | None:
    """The sure words on the photo's signs, in reading order; None when there is no candidate
    region (nothing was tried), an empty result when nothing was read surely."""
    regions = candidate_regions(image)
    if not regions or not ocr_available()[0]:
        return None
    started = time.perf_counter()
    signs: list[list[OcrWord]] = []
    for region in regions[:MAX_SIGNS]:
        if time.perf_counter() - started > BUDGET_S:
            break
        check_abort(should_abort)
        if words := _read_region(image, region, should_abort):
            signs.append(words)
    return _as_result(signs)


def letter_views(
    rgb: np.ndarray, letter: float, window: int, near: list[tuple[float, float, float, float]] | None = None
) -> list[np.ndarray]:
    """Black letters on white, twice: from the pixels darker than their neighbourhood (dark
    text on a light sign) and from those lighter (white on green), each cleaned of shapes that
    are no letters. Kept apart, each view is clean; mixed, the two polarities' edges fuse."""
    grey = np.asarray(Image.fromarray(rgb).convert("L"), dtype=np.float64)
    return [clean_letters(mask, letter, near) for mask in local_masks(grey, window)]


def clean_letters(
    mask: np.ndarray, letter: float, near: list[tuple[float, float, float, float]] | None = None
) -> np.ndarray:
    """Only the dark shapes that could be letters of about `letter` pixels, black on white.

    A chain's height runs from ascender to descender, so lower-case letters are about half of it.
    Solid blocks (windows, a post's shadow) are not letters unless thin (an I, an l)."""
    blobs = connected_components(mask)
    h, w, area = blobs.h, blobs.w, blobs.area
    fill = area / np.maximum(1, w * h)
    keep = (
        (h >= 0.35 * letter) & (h <= 1.3 * letter) & (w <= 2.5 * h) & (fill >= 0.12)
        & ~((fill > 0.85) & (w > 0.4 * h))
    )
    if near:
        # Only shapes on the found lines: the posts, bars and frames around a sign are specks
        # that Tesseract glues to the words ("'NO" for the plate's edge beside "NO").
        cx, cy = blobs.x + blobs.w / 2, blobs.y + blobs.h / 2
        on_line = np.zeros_like(keep)
        for x, y, w, h in near:
            on_line |= ((cx >= x - NEAR_X * letter) & (cx <= x + w + NEAR_X * letter)
                        & (cy >= y - NEAR_Y * letter) & (cy <= y + h + NEAR_Y * letter))
        keep &= on_line
    keep[0] = False
    return np.where(keep[blobs.labels], 0, 255).astype(np.uint8)


def _read_region(image: Image.Image, region: Region, should_abort: AbortCheck | None) -> list[OcrWord]:
    x0, y0, x1, y1 = region.box
    # Very big letters (a sign filling a 12-megapixel photo) are reduced: Tesseract's time grows
    # with the pixels. Letters of 40-96 px read better left as they are than reduced to 36.
    scale = min(MAX_SCALE, max(1.0, LETTER_PX / max(region.letter, 1.0)))
    if region.letter > BIG_LETTER_PX:
        scale = BIG_LETTER_PX / region.letter
    size = (max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale)))
    rgb = resize(to_array(image.crop(region.box)), size, Resample.BICUBIC if scale > 1 else Resample.BOX)
    letter = region.letter * scale
    near = [((x - x0) * scale, (y - y0) * scale, w * scale, h * scale) for x, y, w, h in region.lines]
    # First only the shapes on the found lines; when that keeps no word (a line the chains
    # missed, or Tesseract less sure without the context), everything of a letter's size.
    for keep_near in (near, None):
        words = _read_views(letter_views(rgb, letter, int(2 * letter) | 1, keep_near), x0, y0, scale, should_abort)
        # A word running off the photo's edge is cut ("WATE" for "WATER"): not what the sign says.
        words = [w for w in words if not _at_edge(w.box, image.size)]
        if words or not near:
            return words
    return []


def _read_views(
    views: list[np.ndarray], x0: int, y0: int, scale: float, should_abort: AbortCheck | None
) -> list[OcrWord]:
    words: list[OcrWord] = []
    shapes = [connected_components(view < 128, with_labels=False).count - 1 for view in views]
    for view, count in zip(views, shapes, strict=True):
        # A sign is one polarity: the view with far fewer letter shapes holds specks (each read
        # costs 20-80 ms).
        if count < MIN_LETTERS or count < WEAK_VIEW * max(shapes):
            continue
        clean = np.pad(view, PAD, constant_values=255)
        reads = []
        for psm in (6, 11):
            check_abort(should_abort)
            tsv = text_engines.read_tsv(clean, "eng", should_abort, psm=psm)
            reads.append(parse_tsv(tsv, scale, offset_x=round(x0 * scale) - PAD, offset_y=round(y0 * scale) - PAD))
        # Both ways round: each read vouches for the word and for its line.
        for read in agreed(reads[0], reads[1], agreed_lines(reads[1], reads[0])):
            if any(_overlap(read, w) for w in words):
                continue
            # Tight word gaps on signs: "NOPARKING" is two dictionary words, "NO PARKING".
            words.extend(split_glued(read, text_engines.is_dictionary_word))
    return words


def _at_edge(box: tuple[int, int, int, int], size: tuple[int, int]) -> bool:
    x, y, w, h = box
    return x <= 1 or y <= 1 or x + w >= size[0] - 1 or y + h >= size[1] - 1


def agreed(first: OcrResult, second: OcrResult, second_lines: set[int]) -> list[OcrWord]:
    """The words of `first` on its agreed lines whose twin in `second` lies on one of
    `second_lines` (`agreed_lines(second, first)`)."""
    kept_lines = agreed_lines(first, second)
    kept = []
    for word in first.words:
        if word.line_id not in kept_lines or not _good(word, [w for w in first.words if w.line_id == word.line_id]):
            continue
        twin = _twin(word, second)
        if twin is not None and twin.line_id in second_lines:
            kept.append(OcrWord(_bare(word.text), word.confidence, word.box, word.line_id))
    return kept


def agreed_lines(first: OcrResult, second: OcrResult) -> set[int]:
    """Lines of `first` that are mostly (KEEP_SHARE of their letters and digits) words that
    look like words, are whole (not glued to a piece read apart: a broken letter splits
    "Centre" into "Cent" "e") and that `second` read alike at the same place, one of the two
    sure of it. A line half debris is a texture, or a sign read too badly to quote."""
    kept = set()
    for line in first.lines:
        good = [w for w in line if _good(w, line) and _twin(w, second) is not None]
        read = sum(ch.isalnum() for w in line for ch in w.text)
        if good and sum(len(_bare(w.text)) for w in good) >= KEEP_SHARE * read:
            kept.add(line[0].line_id)
    return kept


def _good(word: OcrWord, line: list[OcrWord]) -> bool:
    return looks_like_sign_word(word.text) and _whole(word, line)


def _twin(word: OcrWord, other: OcrResult) -> OcrWord | None:
    """The other read's reading of `word`, when it agrees and one of the two is sure."""
    twin = next((o for o in other.words if _same(word, o)), None)
    if twin is None:
        return None
    low, high = sorted((word.confidence, twin.confidence))
    return twin if high >= SURE and low >= AGREE else None


def _whole(word: OcrWord, line: list[OcrWord]) -> bool:
    x, _, w, h = word.box
    for other in line:
        if other is word:
            continue
        gap = max(other.box[0] - (x + w), x - (other.box[0] + other.box[2]))
        if gap < FRAGMENT_GAP * h:
            return False
    return True


def _same(a: OcrWord, b: OcrWord) -> bool:
    """b is a's reading at its place: the same word, or the same less a letter at an end (one
    read missed a letter that the other saw: "ar" for "Car")."""
    mine, theirs = _bare(a.text).lower(), _bare(b.text).lower()
    if mine != theirs and not (len(theirs) == len(mine) - 1 >= 2 and theirs in (mine[1:], mine[:-1])):
        return False
    ax, ay, aw, ah = a.box
    bx, by, bw, bh = b.box
    return abs((ax + aw / 2) - (bx + bw / 2)) <= max(ah, bh) and abs((ay + ah / 2) - (by + bh / 2)) <= max(ah, bh) / 2


def _overlap(a: OcrWord, b: OcrWord) -> bool:
    ax, ay, aw, ah = a.box
    bx, by, bw, bh = b.box
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def _bare(text: str) -> str:
    return text.strip(".,:;!?\"'“”‘’()[]")


def looks_like_sign_word(text: str) -> bool:
    """Letters only (an apostrophe or hyphen inside), two or more, a vowel and a consonant, one
    case pattern (PARKING, parking, Parking): OCR's readings of textures break these rules."""
    word = _bare(text)
    if len(word) < 2 or not _WORD.match(word):
        return False
    if len(word) == 2:  # two letters are too easily a texture's: only the common short words
        return word.lower() in SHORT_WORDS
    letters = word.replace("'", "").replace("’", "").replace("-", "")
    if not any(ch in _VOWELS for ch in letters) or all(ch in _VOWELS for ch in letters):
        return False
    if _CONSONANT_RUN.search(letters):
        return False
    return letters.isupper() or letters.islower() or (letters[0].isupper() and letters[1:].islower())


def _as_result(signs: list[list[OcrWord]]) -> OcrResult:
    """One line per sign, its rows top to bottom and each row left to right: a sign is read as
    one phrase ("DOUBLE PARKING PROHIBITED"), not as a list of its rows."""
    out: list[OcrWord] = []
    texts = []
    for line_id, words in enumerate(signs):
        ordered = [OcrWord(w.text, w.confidence, w.box, line_id) for row in _rows(words) for w in row]
        out += ordered
        texts.append(join_words(ordered))
    mean = sum(w.confidence for w in out) / len(out) if out else 0.0
    return OcrResult(out, "\n".join(texts), mean)


def _rows(words: list[OcrWord]) -> list[list[OcrWord]]:
    """Words in rows (middles within half a letter of the row's), top to bottom, left to right."""
    rows: list[list[OcrWord]] = []
    for word in sorted(words, key=lambda w: w.box[1] + w.box[3] / 2):
        middle = word.box[1] + word.box[3] / 2
        row = rows[-1] if rows else None
        if row is not None and abs(sum(w.box[1] + w.box[3] / 2 for w in row) / len(row) - middle) <= 0.5 * word.box[3]:
            row.append(word)
        else:
            rows.append([word])
    return [sorted(row, key=lambda w: w.box[0]) for row in rows]
