"""A cheap test for "this image has lines of text", so photos skip OCR and stay fast.

Letters are dense, high-contrast strokes that, smeared sideways, become word-shaped boxes: a few
to 60 pixels tall, wider than tall, partly filled, and several of them share a height. Textured
photos (grass, fur, gravel) give one huge blob or scattered specks instead. This takes a few
milliseconds on an 800-pixel copy of the image.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image

from alttext_app.core.builtin.text_prep import normalize_polarity, shrink, to_array

WORK_SIDE = 1024  # longest side of the working copy


@dataclass
class TextBoxes:
    boxes: list[tuple[int, int, int, int]]  # x, y, w, h in working-copy pixels
    scale: float  # working copy / original
    coverage: float  # share of the image covered by word-like boxes


def _work_grey(image: Image.Image) -> tuple[np.ndarray, float, np.ndarray]:
    w, h = image.size
    scale = min(1.0, WORK_SIDE / max(w, h))
    small = image if scale == 1.0 else image.resize(
        (max(1, round(w * scale)), max(1, round(h * scale))), Image.Resampling.BILINEAR
    )
    rgb = np.asarray(small.convert("RGB"), dtype=np.int16)
    # Max channel contrast, not luminance: red text on green has almost no luminance difference.
    grey = rgb.max(axis=2).astype(np.uint8)
    return grey, scale, rgb


def find_word_boxes(image: Image.Image) -> TextBoxes:
    grey, scale, rgb = _work_grey(image)
    kernel = np.ones((3, 3), np.uint8)
    grads = [cv2.morphologyEx(rgb[:, :, c].astype(np.uint8), cv2.MORPH_GRADIENT, kernel)
             for c in range(3)]
    grad = np.maximum(np.maximum(grads[0], grads[1]), grads[2])
    _, strokes = cv2.threshold(grad, 60, 255, cv2.THRESH_BINARY)
    joined = cv2.morphologyEx(strokes, cv2.MORPH_CLOSE, np.ones((1, 7), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(joined, connectivity=8)
    boxes: list[tuple[int, int, int, int]] = []
    area_total = 0
    for i in range(1, count):
        x, y, w, h, filled = (int(v) for v in stats[i])
        if not 5 <= h <= 60 or w < 1.5 * h or w > 40 * h:
            continue
        fill = filled / float(w * h)
        if not 0.25 <= fill <= 0.9:
            continue
        if _stroke_runs(strokes[y : y + h, x : x + w]) < max(3.0, 0.8 * w / h):
            continue
        boxes.append((x, y, w, h))
        area_total += w * h
    coverage = area_total / float(grey.shape[0] * grey.shape[1])
    return TextBoxes(boxes=boxes, scale=scale, coverage=coverage)


def _stroke_runs(patch: np.ndarray) -> float:
    """Stroke crossings along the middle rows: letters give about one per half letter height."""
    h = patch.shape[0]
    rows = patch[max(0, h // 2 - 1) : h // 2 + 2] > 0
    starts = np.logical_and(rows[:, 1:], ~rows[:, :-1]).sum(axis=1) + rows[:, 0]
    return float(np.median(starts))


def aligned_count(boxes: list[tuple[int, int, int, int]]) -> int:
    """Boxes that line up with another of similar height: on one row, or left-aligned lines."""
    count = 0
    for i, (x, y, _w, h) in enumerate(boxes):
        cy = y + h / 2
        for j, (x2, y2, _w2, h2) in enumerate(boxes):
            if i == j or abs(h2 - h) > max(2, 0.35 * h):
                continue
            same_row = abs((y2 + h2 / 2) - cy) < 0.4 * h and abs(x2 - x) < 30 * h
            stacked = abs(x2 - x) <= 3 and abs(y2 - y) < 4 * h
            if same_row or stacked:
                count += 1
                break
    return count


def letter_chains(image: Image.Image) -> list[int]:
    """Lengths of clean letter chains, longest first (see chain_boxes)."""
    return sorted((n for n, _ in chain_boxes(image)), reverse=True)


def chain_boxes(image: Image.Image) -> list[tuple[int, tuple[int, int, int, int]]]:
    """(letters, box in original pixels) of clean horizontal chains of 4 or more letter blobs.

    Works on the polarity-normalised copy, so light-on-dark and coloured text count too. A letter
    chains to the first blob found within one letter height to its right on its middle row, when
    the two share a line and have similar heights. A chain counts only when its band is clean:
    text is dark strokes on a flat background, so few pixels are mid-grey; textures are not.
    """
    factor = max(1, max(image.size) // WORK_SIDE)
    if factor >= 2:  # Pillow's box reduction first: copying a 12 MP photo to NumPy costs more
        image = image.reduce(factor)
    small, _ = shrink(to_array(image), WORK_SIDE)
    to_original = factor * image.size[0] / float(max(1, small.shape[1]))
    grey = normalize_polarity(small)
    mask = (grey < 150).astype(np.uint8)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 4:
        return []
    xs, ys, ws, hs, areas = (stats[:, i] for i in range(5))
    letter = (hs >= 4) & (hs <= 60) & (ws <= 2 * hs) & (areas >= 0.1 * ws * hs)
    letter[0] = False  # label 0 is the background
    cand = np.nonzero(letter)[0]
    if cand.size < 4:
        return []
    # Look right along each letter's middle row, at offsets up to one letter height.
    steps = np.linspace(0.05, 1.0, 16)
    cols = (xs[cand] + ws[cand])[:, None] + np.ceil(hs[cand][:, None] * steps).astype(int)
    cols = np.clip(cols, 0, labels.shape[1] - 1)
    rows = np.repeat((ys[cand] + hs[cand] // 2)[:, None], steps.size, axis=1)
    seen = labels[rows, cols]
    seen[seen == cand[:, None]] = 0
    first = np.argmax(seen > 0, axis=1)
    nxt = seen[np.arange(cand.size), first]
    a_h, b_h = hs[cand], hs[nxt]
    overlap = np.minimum(ys[cand] + a_h, ys[nxt] + b_h) - np.maximum(ys[cand], ys[nxt])
    ok = (
        (nxt > 0)
        & letter[nxt]
        & (np.maximum(a_h, b_h) <= 2.2 * np.minimum(a_h, b_h))
        & (overlap >= 0.5 * np.minimum(a_h, b_h))
    )
    link = {int(c): int(n) for c, n, good in zip(cand, nxt, ok, strict=True) if good}
    has_left = set(link.values())
    chains: list[tuple[int, tuple[int, int, int, int]]] = []
    for start in link:
        if start in has_left:
            continue
        members = [start]
        while members[-1] in link and len(members) < 500:
            members.append(link[members[-1]])
        if len(members) < 4:
            continue
        m = np.array(members)
        x0, y0 = int(xs[m].min()), int(ys[m].min())
        x1, y1 = int((xs[m] + ws[m]).max()), int((ys[m] + hs[m]).max())
        band = grey[y0:y1, x0:x1]
        mid = float(np.mean((band > 60) & (band < 200))) if band.size else 1.0
        if mid < 0.3:
            box = (x0, y0, x1 - x0, y1 - y0)
            chains.append((len(members), tuple(round(v * to_original) for v in box)))
    return chains


def likely_has_text(image: Image.Image) -> bool:
    """True when lines of text are likely: chains of letter-sized shapes along shared lines."""
    # Photos peak at one short chain (6 letters in 40 test photos); a chart title alone gives 16.
    return sum(letter_chains(image)) >= 10


def text_regions(image: Image.Image, margin: float = 1.0) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h in original pixels) around groups of text lines, with a margin of
    `margin` letter heights: where to read a photo (a sign, a label) without its busy rest."""
    boxes = []
    for _, (x, y, w, h) in chain_boxes(image):
        pad = int(h * margin) + 2
        boxes.append([max(0, x - pad), max(0, y - pad), x + w + pad, y + h + pad])
    merged = True
    while merged:  # join overlapping boxes: the lines of one sign become one region
        merged = False
        for i in range(len(boxes)):
            for j in range(i + 1, len(boxes)):
                a, b = boxes[i], boxes[j]
                if a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]:
                    boxes[i] = [min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])]
                    del boxes[j]
                    merged = True
                    break
            if merged:
                break
    width, height = image.size
    out = []
    for x0, y0, x1, y1 in sorted(boxes, key=lambda b: (b[1], b[0])):
        x1, y1 = min(width, x1), min(height, y1)
        out.append((x0, y0, x1 - x0, y1 - y0))
    return out
