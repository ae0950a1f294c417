"""Read any image a person gives us into a plain RGB Pillow image, or fail with one clear sentence.

Handles EXIF orientation, CMYK, 16-bit, palette and alpha (composited on white), animated images
(first frame), and keeps Pillow's decompression-bomb guard on so memory stays bounded.
"""

from __future__ import annotations

import io
import logging
import warnings
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from alttext_app.core.errors import ImageError
from alttext_app.core.logs import native_stderr_to_log

log = logging.getLogger(__name__)

# Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; we refuse at the limit itself.
MAX_PIXELS = 89_478_485
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
MAX_FILE_BYTES = 200 * 1024 * 1024

SUPPORTED_SUFFIXES = (
    ".png", ".jpg", ".jpeg", ".jpe", ".webp", ".gif", ".bmp", ".tif", ".tiff", ".ico", ".ppm", ".pgm",
)


def load_image(source: str | Path | bytes) -> Image.Image:
    """Open a path or encoded bytes and return an RGB image; raise ImageError for people otherwise."""
    if isinstance(source, (bytes, bytearray)):
        if not source:
            raise ImageError("The pasted or dropped data is empty.")
        return _decode(io.BytesIO(source), "The pasted or dropped data")
    path = Path(source)
    name = f"“{path.name}”"
    if not path.exists():
        raise ImageError(f"The file {name} does not exist.")
    if path.is_dir():
        raise ImageError(f"{name} is a folder, not an image.")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ImageError(f"The file {name} cannot be read.", detail=str(exc)) from exc
    if size == 0:
        raise ImageError(f"The file {name} is empty.")
    if size > MAX_FILE_BYTES:
        raise ImageError(f"The file {name} is too large to open (over 200 MB).")
    try:
        with path.open("rb") as handle:
            return _decode(handle, f"The file {name}")
    except PermissionError as exc:
        raise ImageError(f"AltText is not allowed to read {name}.", detail=str(exc)) from exc


def _decode(stream: io.IOBase, what: str) -> Image.Image:
    with native_stderr_to_log(f"decoding {what}"), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # recorded and logged below, never printed
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(stream) as img:
                img.seek(0)  # first frame of animations
                img.load()
                return to_rgb(_upright(img))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise ImageError(f"{what} is too large to open safely.", detail=str(exc)) from exc
        except UnidentifiedImageError as exc:
            raise ImageError(f"{what} is not an image AltText can read.", detail=str(exc)) from exc
        except MemoryError as exc:
            raise ImageError(f"{what} is too large to open.") from exc
        except Exception as exc:  # any decoder's error (OSError, ValueError, RuntimeError in AVIF…)
            log.info("decode failed: %r", exc)
            raise ImageError(f"{what} is damaged or incomplete.", detail=repr(exc)) from exc
        finally:
            for warning in caught[:20]:
                log.info("while decoding: %s", warning.message)


def _upright(img: Image.Image) -> Image.Image:
    """The image turned as its EXIF orientation says; a damaged EXIF block is ignored, since the
    pixels themselves are fine (a PNG with a garbage eXIf chunk is still a good image)."""
    try:
        # In place: an upright image is not copied. A copy of a 24-megapixel photo is ~100 ms of
        # C code holding the GIL, which froze the window's event loop while a worker decoded.
        ImageOps.exif_transpose(img, in_place=True)
        return img
    except Exception as exc:  # Pillow raises many kinds on malformed EXIF/TIFF headers
        log.info("ignoring unreadable EXIF data: %r", exc)
        return img


def to_rgb(img: Image.Image) -> Image.Image:
    """Convert any mode to RGB; transparency is composited on white, 16-bit is scaled down."""
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16/32-bit greyscale: scale the real range to 8 bits instead of clipping.
        import numpy as np

        arr = np.asarray(img, dtype=np.float64)
        top = arr.max() if arr.size else 0
        scale = 255.0 / top if top > 255 else 1.0
        img = Image.fromarray(np.clip(arr * scale, 0, 255).astype("uint8"), "L")
    if img.mode == "F":
        img = img.convert("L")
    if img.mode == "P":
        img = img.convert("RGBA") if "transparency" in img.info else img.convert("RGB")
    if img.mode in ("LA", "La", "PA"):
        img = img.convert("RGBA")
    if img.mode in ("RGBA", "RGBa"):
        background = Image.new("RGB", img.size, (255, 255, 255))
        background.paste(img, mask=img.getchannel("A"))
        return background
    if img.mode != "RGB":
        img = img.convert("RGB")
    return img
