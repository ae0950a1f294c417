"""The few pixel operations the text side needs, in NumPy and Pillow (no OpenCV).

OpenCV was 152 MB of the 486 MB bundle for a resize, a median, a morphology and connected
components. Pillow does the resizing and the median (on a reduced copy, where the window is small);
the rest is NumPy on whole arrays. Connected components are found on runs of set pixels rather than
on pixels: a text mask of a 1024-pixel screenshot has tens of thousands of runs, which a few
vectorised passes join.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageChops, ImageFilter

Resample = Image.Resampling


def resize(array: np.ndarray, size: tuple[int, int], resample: Resample) -> np.ndarray:
    """An 8-bit grey or RGB array resized to (width, height) by Pillow."""
    if (array.shape[1], array.shape[0]) == size:
        return array
    return np.asarray(Image.fromarray(np.ascontiguousarray(array)).resize(size, resample))


def median(array: np.ndarray, size: int) -> np.ndarray:
    """Median over a size x size window (odd), per channel, for an 8-bit grey or RGB array."""
    return np.asarray(Image.fromarray(np.ascontiguousarray(array)).filter(ImageFilter.MedianFilter(size)))


def slide(mask: np.ndarray, length: int, axis: int, *, grow: bool) -> np.ndarray:
    """Max (grow) or min (shrink) over a centred window of `length` pixels along one axis."""
    work = np.moveaxis(mask, axis, -1)
    pad = length // 2
    fill = (not grow) if mask.dtype == bool else (0 if grow else 255)
    widths = [(0, 0)] * (work.ndim - 1) + [(pad, length - 1 - pad)]
    padded = np.pad(work, widths, constant_values=fill)
    size = work.shape[-1]
    out = padded[..., :size].copy()
    pick = np.maximum if grow else np.minimum
    for offset in range(1, length):
        pick(out, padded[..., offset : offset + size], out=out)
    return np.moveaxis(out, -1, axis)


def close(mask: np.ndarray, length: int, axis: int) -> np.ndarray:
    """Morphological closing along one axis: bridges gaps shorter than `length`."""
    return slide(slide(mask, length, axis, grow=True), length, axis, grow=False)


def local_masks(grey: np.ndarray, window: int, k: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    """(darker, lighter) than the neighbourhood by Sauvola's rule, on a grey float array."""
    mean = box_mean(grey, window)
    spread = np.sqrt(np.maximum(box_mean(grey * grey, window) - mean * mean, 0.0))
    factor = 1 + k * (spread / 128 - 1)
    return grey < mean * factor, (255 - grey) < (255 - mean) * factor


def quick_local_masks(grey: Image.Image, window: int, k: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    """local_masks for a whole 8-bit grey image, about four times faster: Pillow's box blur gives
    the local mean, and the spread is the blurred distance from it (x 1.25, as a standard
    deviation is to a mean absolute one). 99 % of the pixels fall on the same side; fine for
    finding letters, not for cleaning them before reading."""
    radius = window // 2
    mean_image = grey.filter(ImageFilter.BoxBlur(radius))
    spread_image = ImageChops.difference(grey, mean_image).filter(ImageFilter.BoxBlur(radius))
    level = np.asarray(grey, dtype=np.float32)
    mean = np.asarray(mean_image, dtype=np.float32)
    factor = 1 + k * (1.25 * np.asarray(spread_image, dtype=np.float32) / 128 - 1)
    return level < mean * factor, (255 - level) < (255 - mean) * factor


def box_mean(a: np.ndarray, window: int) -> np.ndarray:
    """Mean over a window x window square around each pixel (summed-area table, edges repeated)."""
    r = window // 2
    sums = np.pad(a, ((r + 1, r), (r + 1, r)), mode="edge").cumsum(0).cumsum(1)
    h, w = a.shape
    return (sums[window:window + h, window:window + w] - sums[:h, window:window + w]
            - sums[window:window + h, :w] + sums[:h, :w]) / float(window * window)


@dataclass
class Components:
    """8-connected components of a boolean mask. Index 0 is the background, as in OpenCV."""

    count: int  # components + 1
    x: np.ndarray  # left, per component (index 0 unused)
    y: np.ndarray  # top
    w: np.ndarray  # width
    h: np.ndarray  # height
    area: np.ndarray  # set pixels
    labels: np.ndarray  # int32 label image, 0 = background
    runs: np.ndarray  # horizontal runs of set pixels: area / runs is about a letter's stroke width


def connected_components(mask: np.ndarray, *, with_labels: bool = True) -> Components:
    """Label the 8-connected components of `mask` and measure their boxes and areas."""
    mask = np.asarray(mask, dtype=bool)
    h, w = mask.shape
    padded = np.zeros((h, w + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    change = np.diff(padded, axis=1)
    rows, starts = np.nonzero(change == 1)  # row-major order: runs sorted by (row, start)
    _, ends = np.nonzero(change == -1)  # exclusive ends, in the same order
    n = rows.size
    empty = np.zeros(1, dtype=np.int64)
    if n == 0:
        labels = np.zeros((h, w), dtype=np.int32) if with_labels else np.zeros((0, 0), np.int32)
        return Components(1, empty, empty, empty, empty, empty, labels, empty)
    stride = w + 2
    key_start = rows.astype(np.int64) * stride + starts
    key_end = rows.astype(np.int64) * stride + ends
    # For each run, the runs of the row above that touch it (diagonals too): a contiguous range.
    above = rows > 0
    idx = np.nonzero(above)[0]
    base = (rows[idx].astype(np.int64) - 1) * stride
    lo = np.searchsorted(key_end, base + starts[idx], side="left")
    hi = np.searchsorted(key_start, base + ends[idx], side="right")
    counts = np.maximum(hi - lo, 0)
    a = np.repeat(idx, counts)
    first = np.repeat(lo - np.cumsum(counts) + counts, counts)
    b = first + np.arange(a.size) if a.size else a
    parent = _join(n, a, b)
    roots, run_label = np.unique(parent, return_inverse=True)
    run_label = run_label.astype(np.int32) + 1
    count = roots.size + 1
    x0 = np.full(count, w, dtype=np.int64)
    x1 = np.zeros(count, dtype=np.int64)
    y0 = np.full(count, h, dtype=np.int64)
    y1 = np.zeros(count, dtype=np.int64)
    np.minimum.at(x0, run_label, starts)
    np.maximum.at(x1, run_label, ends)
    np.minimum.at(y0, run_label, rows)
    np.maximum.at(y1, run_label, rows + 1)
    area = np.bincount(run_label, weights=ends - starts, minlength=count).astype(np.int64)
    runs = np.bincount(run_label, minlength=count)
    x0[0] = y0[0] = x1[0] = y1[0] = 0
    labels = _paint(run_label, rows, starts, ends, (h, w)) if with_labels else np.zeros((0, 0), np.int32)
    return Components(count, x0, y0, x1 - x0, y1 - y0, area, labels, runs)


def _join(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Union of the pairs (a, b) over n runs: each run's smallest connected run index."""
    parent = np.arange(n)
    if a.size == 0:
        return parent
    while True:
        pa, pb = parent[a], parent[b]
        low = np.minimum(pa, pb)
        if np.array_equal(pa, pb):
            break
        # Hook each root onto the smallest root it touches, then flatten the trees.
        np.minimum.at(parent, pa, low)
        np.minimum.at(parent, pb, low)
        while True:
            grand = parent[parent]
            if np.array_equal(grand, parent):
                break
            parent = grand
    return parent


def _paint(
    run_label: np.ndarray, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray, shape: tuple[int, int]
) -> np.ndarray:
    labels = np.zeros(shape[0] * shape[1], dtype=np.int32)
    lengths = ends - starts
    total = int(lengths.sum())
    offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    flat = np.repeat(rows.astype(np.int64) * shape[1] + starts, lengths) + offsets
    labels[flat] = np.repeat(run_label, lengths)
    return labels.reshape(shape)


def pgm_bytes(grey: np.ndarray) -> bytes:
    """An 8-bit grey array as a binary PGM file (what the tesseract program reads on stdin)."""
    grey = np.ascontiguousarray(grey, dtype=np.uint8)
    return b"P5\n%d %d\n255\n" % (grey.shape[1], grey.shape[0]) + grey.tobytes()
