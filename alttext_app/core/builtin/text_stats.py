"""Cheap image statistics that tell photos from screens, pages, code and charts.

Screens, documents and charts are drawn by programs: large perfectly flat areas, few distinct
colours and long straight lines. Photos have sensor noise and smooth shading almost everywhere.
All figures come from a 256-pixel copy, so this costs a few milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from alttext_app.core.builtin.image_memo import per_image
from alttext_app.core.builtin.text_pixels import close

STAT_SIDE = 256


@dataclass
class ImageStats:
    flat: float  # share of pixels with no change at all to their right/lower neighbour
    colours: int  # distinct colours after 5-bit quantisation, in the reduced copy
    top_colour: float  # share of the commonest colour (paper, window background)
    saturation: float  # mean HSV saturation 0..1
    lines: float  # long straight horizontal/vertical edges per image side (UI frames, chart axes)
    aspect: float  # width / height
    brightness: float  # mean luminance 0..1


@per_image
def image_stats(image: Image.Image) -> ImageStats:
    """Statistics of the image (remembered for the last one: OCR and the kind both ask)."""
    w, h = image.size
    scale = min(1.0, STAT_SIDE / max(w, h))
    # NEAREST keeps the flat areas flat (any averaging filter would invent new colours).
    small = image.convert("RGB").resize(
        (max(2, round(w * scale)), max(2, round(h * scale))), Image.Resampling.NEAREST
    )
    rgb = np.asarray(small, dtype=np.int16)
    dx = np.abs(np.diff(rgb, axis=1)).max(axis=2)[:-1, :]
    dy = np.abs(np.diff(rgb, axis=0)).max(axis=2)[:, :-1]
    flat = float(np.mean((dx == 0) & (dy == 0)))
    quant = (rgb >> 3).astype(np.int32)
    codes = (quant[:, :, 0] << 10) | (quant[:, :, 1] << 5) | quant[:, :, 2]
    _, counts = np.unique(codes, return_counts=True)
    top, low = rgb.max(axis=2), rgb.min(axis=2)
    saturation = np.where(top > 0, (top - low) / np.maximum(top, 1), 0.0)  # HSV's S
    return ImageStats(
        flat=flat,
        colours=int(counts.size),
        top_colour=float(counts.max() / codes.size),
        saturation=float(saturation.mean()),
        lines=_straight_lines(image),
        aspect=w / float(h),
        brightness=float(rgb.mean() / 255.0),
    )


def _straight_lines(image: Image.Image) -> float:
    """Rows/columns that hold one long unbroken edge (over half the side): frames, rules, axes."""
    w, h = image.size
    scale = min(1.0, 512 / max(w, h))
    grey = np.asarray(
        image.convert("L").resize((max(2, round(w * scale)), max(2, round(h * scale)))),
        dtype=np.int16,
    )
    edges_h = np.abs(np.diff(grey, axis=0)) > 40  # horizontal lines
    edges_v = np.abs(np.diff(grey, axis=1)) > 40
    # Bridge small breaks: grid lines and tick marks drawn across an axis interrupt it.
    edges_h = close(edges_h, 7, axis=1)
    edges_v = close(edges_v, 7, axis=0)
    rows = _longest_runs(edges_h) > 0.5 * grey.shape[1]
    cols = _longest_runs(edges_v.T) > 0.5 * grey.shape[0]
    return float(rows.sum() + cols.sum()) / 2.0


def _longest_runs(mask: np.ndarray) -> np.ndarray:
    """Length of the longest run of True in each row."""
    if mask.size == 0:
        return np.zeros(mask.shape[0])
    padded = np.pad(mask.astype(np.int8), ((0, 0), (1, 1)))
    change = np.diff(padded, axis=1)
    best = np.zeros(mask.shape[0])
    rows_s, cols_s = np.nonzero(change == 1)
    rows_e, cols_e = np.nonzero(change == -1)
    # starts and ends come in matching order row by row
    lengths = cols_e - cols_s
    np.maximum.at(best, rows_s, lengths)
    return best
