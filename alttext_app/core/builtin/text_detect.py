"""A cheap test for "this image has lines of text", so photos skip OCR and stay fast.

Letters are dark blobs (once the polarity is normalised) a few to 60 pixels tall that follow one
another along a shared line, on a clean two-tone band. Textured photos (grass, fur, gravel) give
one huge blob or scattered specks instead. This takes a few milliseconds on a 1024-pixel copy.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from alttext_app.core.builtin.image_memo import per_image
from alttext_app.core.builtin.text_pixels import connected_components
from alttext_app.core.builtin.text_prep import normalize_polarity, shrink, to_array

WORK_SIDE = 1024  # longest side of the working copy


def letter_chains(image: Image.Image) -> list[int]:
    """Lengths of clean letter chains, longest first (see chain_boxes)."""
    return sorted((n for n, _ in chain_boxes(image)), reverse=True)


@per_image
def chain_boxes(image: Image.Image) -> list[tuple[int, tuple[int, int, int, int]]]:
    """chain_boxes_of(image), remembered for the last image: the pre-check, the photo regions and
    OCR's missed-text check all ask about the same picture (a 1080p screen costs 100+ ms)."""
    return chain_boxes_of(image)


def chain_boxes_of(image: Image.Image) -> list[tuple[int, tuple[int, int, int, int]]]:
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
    blobs = connected_components(grey < 150)
    if blobs.count <= 4:
        return []
    labels = blobs.labels
    xs, ys, ws, hs, areas = blobs.x, blobs.y, blobs.w, blobs.h, blobs.area
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
