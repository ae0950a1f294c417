"""Charts from their geometry: the plot's axes, the labels around them, bars or lines inside.

OCR alone misses much of a chart (tick labels beside tick marks read as "T T T"), so the pixels
decide: a long horizontal and a long vertical line meeting in a corner are the axes; number labels
left of the vertical one or labels under the horizontal one make it a chart, while a table keeps
its text inside its grid. Inside the plot, filled rectangles standing on the axis are bars; thin
strokes running across it are lines. A legend entry is a word with a short coloured sample beside
it. Nothing here knows any chart's words: only positions, numbers and shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from PIL import Image

from alttext_app.core.builtin.ocr import OcrWord
from alttext_app.core.builtin.text_lines import Line, is_number
from alttext_app.core.builtin.text_pixels import connected_components
from alttext_app.core.builtin.text_prep import polarity, to_array
from alttext_app.core.builtin.text_scene import ChartInfo

AXIS_SHARE = 0.35  # an axis spans at least this share of the image side
CORNER = 4  # pixels: how close the axes' ends must meet
PLOT_SIDE = 1000  # longest side the axes are looked for on
_UNITS = {"s": "seconds", "sec": "seconds", "ms": "milliseconds", "min": "minutes", "m": "minutes",
          "h": "hours", "hr": "hours", "d": "days", "%": "percent"}
_SUFFIX = re.compile(r"^[-+−]?\d[\d.,]*\s*(ms|sec|min|hr|s|m|h|d|%)$", re.IGNORECASE)


@dataclass
class Plot:
    left: int
    top: int
    right: int
    bottom: int


def _runs(mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per row: the longest run of True (length, start)."""
    padded = np.pad(mask.astype(np.int8), ((0, 0), (1, 1)))
    change = np.diff(padded, axis=1)
    rows_s, cols_s = np.nonzero(change == 1)
    _, cols_e = np.nonzero(change == -1)
    lengths = cols_e - cols_s
    best = np.zeros(mask.shape[0], dtype=np.int64)
    start = np.zeros(mask.shape[0], dtype=np.int64)
    order = np.lexsort((lengths, rows_s))  # by row, then length: the last of each row is longest
    best[rows_s[order]] = lengths[order]
    start[rows_s[order]] = cols_s[order]
    return best, start


def find_plot(image: Image.Image) -> Plot | None:
    """The plot area: where a long vertical line's foot meets a long horizontal line's start.

    Big screenshots are looked at halved (or less): a 1-pixel axis stays dark enough, and the
    search costs a quarter."""
    factor = max(1, max(image.size) // PLOT_SIDE)
    if factor >= 2:
        plot = _find_plot(image.reduce(factor))
        if plot is None:
            return None
        return Plot(plot.left * factor, plot.top * factor, plot.right * factor, plot.bottom * factor)
    return _find_plot(image)


def _find_plot(image: Image.Image) -> Plot | None:
    w, h = image.size
    if min(w, h) < 60:
        return None
    dark = polarity(image) < 140
    grey = np.asarray(image.convert("L"))
    if grey.mean() > 128:
        # On a light chart an axis runs on under the bars standing on it, where the local
        # background is the bars' colour and the normalised line fades: plain darkness keeps it.
        dark |= grey < 140
    row_len, row_start = _runs(dark)
    col_len, col_start = _runs(dark.T)
    rows = np.nonzero(row_len >= AXIS_SHARE * w)[0]
    cols = np.nonzero(col_len >= AXIS_SHARE * h)[0]
    if rows.size == 0 or cols.size == 0:
        return None
    # Every (column, row) pair at once: a dark terminal has hundreds of long runs each way, and
    # a Python loop over the pairs cost a quarter of a second.
    foot = (col_start[cols] + col_len[cols] - 1)[:, None]
    meets = (np.abs(foot - rows[None, :]) <= CORNER) & (np.abs(row_start[rows][None, :] - cols[:, None]) <= CORNER)
    if not meets.any():
        return None
    right = (row_start[rows] + row_len[rows] - 1)[None, :]
    area = (right - cols[:, None]) * (rows[None, :] - col_start[cols][:, None])
    # The biggest plot; on a tie the first in (column, row) order, as argmax picks.
    i, j = np.unravel_index(int(np.argmax(np.where(meets, area, np.iinfo(np.int64).min))), area.shape)
    x, y = int(cols[i]), int(rows[j])
    return Plot(x, int(col_start[x]), int(row_start[y] + row_len[y] - 1), y)


def _centre(word: OcrWord) -> tuple[float, float]:
    x, y, w, h = word.box
    return x + w / 2, y + h / 2


def axis_labels(words: list[OcrWord], plot: Plot) -> tuple[list[OcrWord], list[OcrWord], list[OcrWord]]:
    """(labels left of the vertical axis, labels under the horizontal one, words inside the plot)."""
    left, under, inside = [], [], []
    for word in words:
        cx, cy = _centre(word)
        x, y, w, h = word.box
        if x + w <= plot.left + 2 and plot.top - h <= cy <= plot.bottom + h:
            left.append(word)
        elif plot.bottom - 2 <= y <= plot.bottom + 4 * h and plot.left - 3 * h <= cx <= plot.right + 3 * h:
            under.append(word)
        elif plot.left < cx < plot.right and plot.top < cy < plot.bottom:
            inside.append(word)
    return left, under, inside


def is_chart(words: list[OcrWord], plot: Plot | None) -> bool:
    """Axes with labels around them and little text inside: a chart rather than a table or form."""
    if plot is None or not words:
        return False
    left, under, inside = axis_labels(words, plot)
    numbers_left = sum(is_number(w.text) for w in left)
    return (numbers_left >= 2 or len(under) >= 2) and len(inside) <= max(6, 0.3 * len(words))


def _foreground(image: Image.Image, words: list[OcrWord]) -> np.ndarray:
    """Pixels unlike the commonest colour, with the text boxes blanked out."""
    rgb = to_array(image)
    small = rgb[::4, ::4].reshape(-1, 3) >> 3
    codes = small[:, 0].astype(np.int32) * 1024 + small[:, 1].astype(np.int32) * 32 + small[:, 2]
    common = int(np.bincount(codes).argmax())
    ground = np.array([common >> 10, (common >> 5) & 31, common & 31], dtype=np.uint8) * 8 + 4
    dist = np.maximum(rgb, ground) - np.minimum(rgb, ground)
    mask = np.maximum(np.maximum(dist[:, :, 0], dist[:, :, 1]), dist[:, :, 2]) > 40
    for word in words:
        if not any(ch.isalnum() for ch in word.text):
            continue  # a legend's line sample read as "—+—" is a drawing, not text
        x, y, w, h = word.box
        mask[max(0, y - 1) : y + h + 1, max(0, x - 1) : x + w + 1] = False
    return mask


def chart_type(mask: np.ndarray, plot: Plot) -> str | None:
    """'bar' for filled boxes standing on the axis, 'line' for strokes across the plot, else None."""
    inner = mask[plot.top + 2 : plot.bottom - 1, plot.left + 2 : plot.right - 1]
    if inner.size == 0:
        return None
    ih, iw = inner.shape
    blobs = connected_components(inner, with_labels=False)
    bars = lines = 0
    for i in range(1, blobs.count):
        bw, bh, area = int(blobs.w[i]), int(blobs.h[i]), int(blobs.area[i])
        fill = area / float(bw * bh)
        standing = abs(int(blobs.y[i]) + bh - ih) <= 4 or int(blobs.x[i]) <= 4  # on an axis
        if fill >= 0.85 and bw >= 0.03 * iw and bh >= 0.05 * ih and standing:
            bars += 1
        elif bw >= 0.3 * iw and bh >= 0.05 * ih and fill < 0.3:
            lines += 1
    if bars >= 2 and bars > lines:
        return "bar"
    return "line" if lines else None


def _has_sample(mask: np.ndarray, word: OcrWord) -> bool:
    """A legend entry: a short solid stroke or box beside the word, at its middle height."""
    x, y, w, h = word.box
    cy = y + h // 2
    band = mask[max(0, cy - 2) : cy + 3]
    need = max(6, int(1.2 * h))
    for lo, hi in ((x + w + 2, x + w + 6 * h), (max(0, x - 6 * h), x - 2)):
        strip = band[:, max(0, lo) : max(0, hi)].any(axis=0)
        if strip.size and _longest(strip) >= need:
            return True
    return False


def _longest(row: np.ndarray) -> int:
    best = run = 0
    for value in row.tolist():
        run = run + 1 if value else 0
        best = max(best, run)
    return best


def _value(token: str) -> float | None:
    try:
        return float(re.sub(r"[^\d.\-]", "", token.replace("−", "-")))
    except ValueError:
        return None


def _first_tick(ticks: list[OcrWord], plot: Plot) -> str:
    """The first tick label; when OCR lost the one at the axis's start (a "0" in the corner) and
    the others are evenly spaced in value and position, the one a step before, if it lands there."""
    first = ticks[0].text
    values = [_value(w.text) for w in ticks]
    centres = [_centre(w)[0] for w in ticks]
    if len(ticks) < 3 or None in values:
        return first
    steps = np.diff(np.array(values, dtype=float))
    gaps = np.diff(np.array(centres))
    if steps[0] <= 0 or np.ptp(steps) > 1e-6 or np.ptp(gaps) > 0.06 * gaps.mean():
        return first
    if abs(centres[0] - gaps.mean() - plot.left) <= 0.06 * gaps.mean():
        value = values[0] - steps[0]
        return f"{value:g}" + re.sub(r"^[-+−]?[\d.,]+", "", first)
    return first


def _unit(token: str) -> str | None:
    match = _SUFFIX.match(token.strip())
    return _UNITS.get(match.group(1).lower()) if match else None


def chart_info(image: Image.Image, words: list[OcrWord], lines: list[Line], title: Line | None) -> ChartInfo:
    """Type, series, categories and x range of a chart (any part left empty when unsure)."""
    plot = find_plot(image)
    if plot is None:
        return ChartInfo()
    mask = _foreground(image, words)
    _, under, _ = axis_labels(words, plot)
    title_words = {id(w) for w in title.words} if title else set()
    ticks = sorted((w for w in under if is_number(w.text.rstrip("smhdMSHD%"))), key=lambda w: w.box[0])
    row_y = ticks[0].box[1] if ticks else None
    categories = tuple(
        w.text for w in sorted(under, key=lambda w: w.box[0])
        if not is_number(w.text) and sum(ch.isalpha() for ch in w.text) >= 2
        and (row_y is None or abs(w.box[1] - row_y) <= w.box[3] // 2)
    )
    unit = _unit(ticks[-1].text) if ticks else None
    if ticks and unit is None:
        # An axis title: worded text under the tick row ("minutes", "Time (s)").
        below = [w for w in under if w.box[1] > ticks[0].box[1] + ticks[0].box[3] and id(w) not in title_words
                 and sum(ch.isalpha() for ch in w.text) >= 2]
        unit = " ".join(w.text for w in below) or None
    series = tuple(
        w.text for w in words
        if id(w) not in title_words and sum(ch.isalpha() for ch in w.text) >= 2
        and not is_number(w.text) and _has_sample(mask, w)
    )
    kind = chart_type(mask, plot)
    x_from = x_to = None
    if len(ticks) >= 2:
        x_from, x_to = _first_tick(ticks, plot), ticks[-1].text
    elif len(categories) >= 2 and kind != "bar":
        x_from, x_to = categories[0], categories[-1]
    return ChartInfo(
        chart_type=kind,
        series=series if len(series) >= 1 else (),
        categories=categories if kind == "bar" else (),
        x_from=x_from,
        x_to=x_to,
        x_unit=unit,
    )
