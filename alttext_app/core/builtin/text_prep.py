"""Image preparation for OCR: any text colour on any background becomes dark text on white.

Tesseract binarises the whole page with one threshold, so it misses light-on-dark title bars,
white-on-blue buttons and coloured UI text. We estimate the local background (a median over an area
much larger than a letter) and keep only how far each pixel is from it, per colour channel: text of
either polarity and any hue turns dark on a clean white page. Small text is upscaled because
tesseract's recogniser was trained on letters roughly 20-30 pixels tall.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from alttext_app.core.builtin.image_memo import per_image
from alttext_app.core.builtin.text_pixels import (
    Components,
    Resample,
    connected_components,
    median,
    resize,
)

# Longest side we hand to tesseract; bigger images are scaled down (time grows with area).
MAX_SIDE = 2400
# Screenshots at 96 dpi have ~11 px letters; 2x brings them into tesseract's comfortable range.
SMALL_TEXT_SCALE = 2.0
MAX_UPSCALED_PIXELS = 2_000_000


def to_array(image: Image.Image) -> np.ndarray:
    return np.asarray(image if image.mode == "RGB" else image.convert("RGB"))


def background(rgb: np.ndarray, window: int = 41) -> np.ndarray:
    """Per-channel local background, about a median over `window` pixels.

    A true sliding median is slow without OpenCV (Pillow's takes 80 ms on a reduced screenshot),
    so: the median of each block of a third of the window, then the median of each 3x3 group of
    blocks (a letter that fills one block is outvoted by its neighbours), smoothly scaled back.
    """
    h, w = rgb.shape[:2]
    block = max(2, window // 3)
    if min(h, w) < 2 * block:
        block = max(1, min(h, w) // 4)
    if block <= 1:
        return median(rgb, 3)
    rows, cols = -(-h // block), -(-w // block)
    padded = np.pad(rgb, ((0, rows * block - h), (0, cols * block - w), (0, 0)), mode="edge")
    cells = padded.reshape(rows, block, cols, block, 3).transpose(0, 2, 4, 1, 3)
    cells = cells.reshape(rows, cols, 3, block * block)  # a copy: partitioned in place below
    del padded
    middle = block * block // 2
    cells.partition(middle, axis=-1)
    grid = cells[..., middle]
    if min(rows, cols) >= 3:
        grid = median(np.ascontiguousarray(grid, dtype=np.uint8), 3)
    up = resize(np.ascontiguousarray(grid, dtype=np.uint8), (cols * block, rows * block), Resample.BILINEAR)
    return up[:h, :w]  # a view: the caller reads it channel by channel


def normalize_polarity(rgb: np.ndarray, window: int = 41) -> np.ndarray:
    """Grey image with text dark on white, whatever the text and background colours were."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    bg = background(rgb, window)
    # |a - b| in uint8 without a wider copy, one channel at a time (fewer full-size temporaries:
    # the describer prepares a screen while other steps run).
    diff = np.zeros(rgb.shape[:2], dtype=np.uint8)
    for c in range(3):
        a, b = rgb[:, :, c], bg[:, :, c]
        dist = np.maximum(a, b)
        dist -= np.minimum(a, b)
        np.maximum(diff, dist, out=diff)
    del bg
    # Stretch so that the strongest strokes become black; low-contrast noise stays near white.
    hist = np.bincount(diff.ravel(), minlength=256)
    top = int(np.searchsorted(np.cumsum(hist), 0.995 * diff.size)) if diff.size else 0
    lut = (255 - np.clip(np.arange(256) * (255.0 / max(top, 40)), 0, 255)).astype(np.uint8)
    return lut[diff]


@per_image
def polarity(image: Image.Image) -> np.ndarray:
    """normalize_polarity of the whole image at the usual window, remembered for the last image:
    OCR's preparation and the chart's axis search both start from it."""
    return normalize_polarity(to_array(image))


def shrink(rgb: np.ndarray, max_side: int) -> tuple[np.ndarray, float]:
    """Scale an RGB array down so its longest side is at most `max_side` (area averaging)."""
    h, w = rgb.shape[:2]
    scale = min(1.0, max_side / max(h, w))
    if scale == 1.0:
        return rgb, 1.0
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return resize(rgb, size, Resample.BOX), scale


@per_image
def dark_blobs(grey: np.ndarray) -> Components:
    """Connected dark shapes of a dark-on-white image (remembered: the letter size and OCR's
    reading plan both count them)."""
    return connected_components(grey <= 128, with_labels=False)


def letter_height(grey_text: np.ndarray, *, han: bool = False) -> float:
    """Median height of letter-sized dark blobs in a text-dark-on-white image (0 when none).

    With `han`, the 90th percentile: a Chinese character is several blobs (its radicals and
    strokes), most of them much shorter than the character, but most characters have one that
    spans it.
    """
    blobs = dark_blobs(grey_text)
    if blobs.count <= 1:
        return 0.0
    heights, widths = blobs.h[1:], blobs.w[1:]
    keep = (heights >= 5) & (heights <= 200) & (widths <= heights * 3) & (widths >= 1)
    if not keep.any():
        return 0.0
    return float(np.percentile(heights[keep], 90 if han else 50))


def prepare_for_ocr(image: Image.Image, *, han: bool = False) -> tuple[np.ndarray, float]:
    """Return (grey dark-on-white array, scale applied) ready for tesseract.

    `han`: the text may be Chinese, whose characters are measured differently (letter_height).
    """
    first = 1.0
    factor = -(-max(image.size) // MAX_SIDE)  # ceiling division
    if factor >= 2:
        # A big photo: Pillow's box reduction before any per-pixel work (12 MP costs ~10x more).
        image = image.reduce(factor)
        first = 1.0 / factor
    rgb = to_array(image)
    grey = polarity(image)
    tall = letter_height(grey, han=han)
    window = 41
    for _ in range(2):
        if tall < 20 or tall * 4 <= window:
            break
        # Big letters (signs, posters): a median window smaller than a letter takes its thick
        # strokes for background and hollows them out, and hollow letters measure short; so
        # widen the window to fit and measure again (a second widening is rarely needed).
        window = int(tall * 4) | 1
        grey = normalize_polarity(rgb, window=window)
        tall = max(tall, letter_height(grey, han=han))
    h, w = grey.shape
    scale = 1.0
    if first == 1.0 and 0 < tall < 18:
        scale = SMALL_TEXT_SCALE
    scale = min(scale, MAX_SIDE / max(h, w)) if max(h, w) * scale > MAX_SIDE else scale
    # Recognition time grows with the pixels; a full screen is read at its own size instead.
    if scale > 1.0 and h * w * scale * scale > MAX_UPSCALED_PIXELS:
        scale = max(1.0, (MAX_UPSCALED_PIXELS / float(h * w)) ** 0.5)
    if abs(scale - 1.0) > 1e-3:
        interp = Resample.BICUBIC if scale > 1 else Resample.BOX
        grey = resize(grey, (round(w * scale), round(h * scale)), interp)
    return grey, scale * first
