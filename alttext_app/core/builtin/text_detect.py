"""A cheap test for "this image has lines of text", so photos skip OCR and stay fast.

Letters are dark blobs (once the polarity is normalised) a few to 60 pixels tall that follow one
another along a shared line, on a clean two-tone band. Textured photos (grass, fur, gravel) give
one huge blob or scattered specks instead. This takes a few milliseconds on a 1024-pixel copy.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from PIL import Image

from alttext_app.core.builtin.image_memo import per_image
from alttext_app.core.builtin.text_pixels import Components, connected_components, quick_local_masks
from alttext_app.core.builtin.text_prep import normalize_polarity, shrink, to_array

WORK_SIDE = 1024  # longest side of the working copy
SIGN_SIDE = 512  # longest side of the coarse copy that bold sign lettering is looked for on
SIGN_WINDOW = 31  # its neighbourhood, in coarse pixels: 62 at WORK_SIDE, wider than thick strokes
SIGN_STROKE = 0.45  # median mean-horizontal-run / height of a chain's letters: bold 0.33, discs 0.79
SIGN_WIDTH = 0.3  # median width / height of a chain's letters: I and l alone are bars or posts
SIGN_HEIGHT_SPREAD = 0.25  # the letters of a sign line are of even height (standard deviation / mean)
SIGN_FILL = 0.7  # median ink share of the letters' boxes (bold 0.59): discs (0.79), blocks fuller
SIGN_CONTRAST = 40  # grey levels between the band's ink and paper
SIGN_MID = 0.33  # share of the band's pixels between ink and paper (blur and edges, or a texture)


class SignChain(NamedTuple):
    letters: int  # letter shapes chained
    box: tuple[int, int, int, int]  # x, y, w, h in original pixels
    letter: float  # line height (tall letters: capitals, ascenders) in original pixels; the box is
    # taller on a tilted sign


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
    the two share a line and have similar heights (`_chains`). A chain counts only when its band
    is clean: text is dark strokes on a flat background, so few pixels are mid-grey; textures are not.
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
    ws, hs, areas = blobs.w, blobs.h, blobs.area
    letter = (hs >= 4) & (hs <= 60) & (ws <= 2 * hs) & (areas >= 0.1 * ws * hs)
    chains: list[tuple[int, tuple[int, int, int, int]]] = []
    for m in _chains(blobs, letter):
        x0, y0, x1, y1 = _box(blobs, m)
        band = grey[y0:y1, x0:x1]
        mid = float(np.mean((band > 60) & (band < 200))) if band.size else 1.0
        if mid < 0.3:
            box = (x0, y0, x1 - x0, y1 - y0)
            chains.append((len(m), tuple(round(v * to_original) for v in box)))
    return chains


def _chains(blobs: Components, letter: np.ndarray) -> list[np.ndarray]:
    """Members, left to right, of chains of 4 or more blobs where `letter` is set: each letter
    links to the first blob seen within one letter height to its right on its middle row, when
    that is a letter of a similar height sharing its line."""
    letter = letter.copy()
    letter[0] = False  # label 0 is the background
    cand = np.nonzero(letter)[0]
    if cand.size < 4:
        return []
    labels, xs, ys, ws, hs = blobs.labels, blobs.x, blobs.y, blobs.w, blobs.h
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
    found = []
    for start in link:
        if start in has_left:
            continue
        members = [start]
        while members[-1] in link and len(members) < 500:
            members.append(link[members[-1]])
        if len(members) >= 4:
            found.append(np.array(members))
    return found


def _box(blobs: Components, m: np.ndarray) -> tuple[int, int, int, int]:
    """x0, y0, x1, y1 around the blobs `m`."""
    return (int(blobs.x[m].min()), int(blobs.y[m].min()),
            int((blobs.x[m] + blobs.w[m]).max()), int((blobs.y[m] + blobs.h[m]).max()))


@per_image
def sign_chains(image: Image.Image) -> list[SignChain]:
    """Chains of bold letters (signs, plates, shop names), looked for on a coarse copy.

    The fine pass (`chain_boxes`) misses most real signs: its 41-pixel background window hollows
    out thick strokes, a light plate on a darker street is itself "not background", and its
    fixed ink level (150 after a global stretch) merges heavy letters with each other and with the
    plate's edge once a photo holds stronger contrasts elsewhere. Here the image is reduced to
    SIGN_SIDE, where thick strokes are thin and big letters small, and split into the pixels
    darker and those lighter than their own neighbourhood (Sauvola, as the sign reader does), so
    each plate sets its own ink level. Only chains that look like lettering stay: strokes thinner
    than the letters (discs, bricks and blocks are as thick as they are wide), even heights, and a
    clean band once stretched between its own ink and paper.
    """
    if image.mode not in ("RGB", "L"):  # Pillow reduces only plain modes (not P, I;16, ...)
        image = image.convert("RGB")
    factor = max(1, max(image.size) // WORK_SIDE)
    if factor >= 2:
        image = image.reduce(factor)
    reduce_by = max(2, -(-max(image.size) // SIGN_SIDE))  # at least halved: the fine pass sees the rest
    grey_image = image.reduce(reduce_by).convert("L")
    grey = np.asarray(grey_image)
    if min(grey.shape) < 8:
        return []
    to_original = factor * image.size[0] / float(grey.shape[1])
    found: list[SignChain] = []
    for mask in quick_local_masks(grey_image, SIGN_WINDOW):
        blobs = connected_components(mask)
        if blobs.count <= 4:
            continue
        ws, hs, areas = blobs.w, blobs.h, blobs.area
        fill = areas / np.maximum(1, ws * hs)
        stroke = areas / np.maximum(1, blobs.runs)
        letter = (
            (hs >= 6) & (hs <= 60) & (ws <= 2 * hs) & (fill >= 0.15)
            & (stroke <= 2 * SIGN_STROKE * hs) & ~((fill > 0.85) & (ws > 0.4 * hs))
        )
        for m in _chains(blobs, letter):
            heights = hs[m]
            if (
                np.std(heights) > SIGN_HEIGHT_SPREAD * np.mean(heights)
                or np.median(fill[m]) > SIGN_FILL
                or np.median(stroke[m] / heights) > SIGN_STROKE
                or np.median(ws[m] / heights) < SIGN_WIDTH  # a railing's bars, not a word
            ):
                continue
            x0, y0, x1, y1 = _box(blobs, m)
            band = grey[y0:y1, x0:x1]
            ink, paper = np.percentile(band, (3, 97))
            part = (paper - ink) * 0.3
            if paper - ink < SIGN_CONTRAST or np.mean((band > ink + part) & (band < paper - part)) > SIGN_MID:
                continue
            box = tuple(round(v * to_original) for v in (x0, y0, x1 - x0, y1 - y0))
            found.append(SignChain(len(m), box, float(np.percentile(heights, 90)) * to_original))
    return found


def likely_has_text(image: Image.Image) -> bool:
    """True when lines of text are likely: chains of letter-sized shapes along shared lines."""
    # Photos peak at one short chain (6 letters in 40 test photos); a chart title alone gives 16.
    return sum(letter_chains(image)) >= 10


def text_regions(image: Image.Image, margin: float = 1.0) -> list[tuple[int, int, int, int]]:
    """Boxes (x, y, w, h in original pixels) around groups of text lines, with a margin of
    `margin` letter heights: where to read a photo (a sign, a label) without its busy rest."""
    return merge_boxes([box for _, box in chain_boxes(image)], image.size, margin)


def merge_boxes(
    lines: list[tuple[int, int, int, int]], size: tuple[int, int], margin: float = 1.0
) -> list[tuple[int, int, int, int]]:
    """The line boxes (x, y, w, h), each grown by `margin` of its height, joined where they
    overlap (the lines of one sign become one region) and clipped to the image, top to bottom."""
    boxes = []
    for x, y, w, h in lines:
        pad = int(h * margin) + 2
        boxes.append([max(0, x - pad), max(0, y - pad), x + w + pad, y + h + pad])
    merged = True
    while merged:
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
    width, height = size
    out = []
    for x0, y0, x1, y1 in sorted(boxes, key=lambda b: (b[1], b[0])):
        x1, y1 = min(width, x1), min(height, y1)
        out.append((x0, y0, x1 - x0, y1 - y0))
    return out
