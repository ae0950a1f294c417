"""Image preparation for OCR: any text colour on any background becomes dark text on white.

Tesseract binarises the whole page with one threshold, so it misses light-on-dark title bars,
white-on-blue buttons and coloured UI text. We estimate the local background (a median over an area
much larger than a letter) and keep only how far each pixel is from it, per colour channel: text of
either polarity and any hue turns dark on a clean white page. Small text is upscaled because
tesseract's recogniser was trained on letters roughly 20-30 pixels tall.
"""

from __future__ import annotations

import cv2
import numpy as np
from PIL import Image

# Longest side we hand to tesseract; bigger images are scaled down (time grows with area).
MAX_SIDE = 2400
# Screenshots at 96 dpi have ~11 px letters; 2x brings them into tesseract's comfortable range.
SMALL_TEXT_SCALE = 2.0
MAX_UPSCALED_PIXELS = 2_000_000


def to_array(image: Image.Image) -> np.ndarray:
    return np.asarray(image if image.mode == "RGB" else image.convert("RGB"))


def background(rgb: np.ndarray, window: int = 41) -> np.ndarray:
    """Per-channel local background: a median over `window` pixels, computed on a reduced copy."""
    h, w = rgb.shape[:2]
    factor = 4 if min(h, w) >= 64 else 1
    small = cv2.resize(rgb, (max(1, w // factor), max(1, h // factor)), interpolation=cv2.INTER_AREA)
    k = max(3, (window // factor) | 1)
    blurred = cv2.medianBlur(small, k)
    return cv2.resize(blurred, (w, h), interpolation=cv2.INTER_LINEAR)


def normalize_polarity(rgb: np.ndarray, window: int = 41) -> np.ndarray:
    """Grey image with text dark on white, whatever the text and background colours were."""
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    # uint8 and OpenCV all the way: numpy's max over the colour axis is ten times slower.
    r, g, b = cv2.split(cv2.absdiff(rgb, background(rgb, window)))
    diff = cv2.max(cv2.max(r, g), b)
    # Stretch so that the strongest strokes become black; low-contrast noise stays near white.
    hist = np.bincount(diff.ravel(), minlength=256)
    top = int(np.searchsorted(np.cumsum(hist), 0.995 * diff.size)) if diff.size else 0
    lut = (255 - np.clip(np.arange(256) * (255.0 / max(top, 40)), 0, 255)).astype(np.uint8)
    return cv2.LUT(diff, lut)


def shrink(rgb: np.ndarray, max_side: int) -> tuple[np.ndarray, float]:
    """Scale an RGB array down so its longest side is at most `max_side` (area averaging)."""
    h, w = rgb.shape[:2]
    scale = min(1.0, max_side / max(h, w))
    if scale == 1.0:
        return rgb, 1.0
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    return cv2.resize(rgb, size, interpolation=cv2.INTER_AREA), scale


def letter_height(grey_text: np.ndarray) -> float:
    """Median height of letter-sized dark blobs in a text-dark-on-white image (0 when none)."""
    _, mask = cv2.threshold(grey_text, 128, 255, cv2.THRESH_BINARY_INV)
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    if count <= 1:
        return 0.0
    heights = stats[1:, cv2.CC_STAT_HEIGHT]
    widths = stats[1:, cv2.CC_STAT_WIDTH]
    keep = (heights >= 5) & (heights <= 200) & (widths <= heights * 3) & (widths >= 1)
    return float(np.median(heights[keep])) if keep.any() else 0.0


def prepare_for_ocr(image: Image.Image) -> tuple[np.ndarray, float]:
    """Return (grey dark-on-white array, scale applied) ready for tesseract."""
    first = 1.0
    factor = -(-max(image.size) // MAX_SIDE)  # ceiling division
    if factor >= 2:
        # A big photo: Pillow's box reduction before any per-pixel work (12 MP costs ~10x more).
        image = image.reduce(factor)
        first = 1.0 / factor
    rgb = to_array(image)
    grey = normalize_polarity(rgb)
    tall = letter_height(grey)
    if tall > 24:
        # Big letters (signs, posters): a median window smaller than a letter takes its thick
        # strokes for background and hollows them out; measure again with a window that fits.
        grey = normalize_polarity(rgb, window=int(tall * 4) | 1)
    h, w = grey.shape
    scale = 1.0
    if first == 1.0 and 0 < tall < 18:
        scale = SMALL_TEXT_SCALE
    scale = min(scale, MAX_SIDE / max(h, w)) if max(h, w) * scale > MAX_SIDE else scale
    # Recognition time grows with the pixels; a full screen is read at its own size instead.
    if scale > 1.0 and h * w * scale * scale > MAX_UPSCALED_PIXELS:
        scale = max(1.0, (MAX_UPSCALED_PIXELS / float(h * w)) ** 0.5)
    if abs(scale - 1.0) > 1e-3:
        interp = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_AREA
        grey = cv2.resize(grey, (round(w * scale), round(h * scale)), interpolation=interp)
    return grey, scale * first
