"""Reading images: every common format and mode becomes RGB; every bad input is one clear error."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from alttext_app.core.errors import ImageError
from alttext_app.core.images import load_image

SAMPLE = Path(__file__).resolve().parents[1] / "assets" / "samples" / "sample.jpg"


def _photo(size=(64, 48)) -> Image.Image:
    return Image.open(SAMPLE).convert("RGB").resize(size)


@pytest.mark.parametrize("fmt,suffix", [
    ("PNG", ".png"), ("JPEG", ".jpg"), ("WEBP", ".webp"), ("GIF", ".gif"), ("BMP", ".bmp"), ("TIFF", ".tif"),
])
def test_common_formats_load_as_rgb(tmp_path: Path, fmt: str, suffix: str) -> None:
    path = tmp_path / f"photo{suffix}"
    _photo().save(path, fmt)
    img = load_image(path)
    assert img.mode == "RGB" and img.size == (64, 48)


def test_animated_gif_gives_first_frame(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (20, 20), color) for color in ((255, 0, 0), (0, 0, 255))]
    path = tmp_path / "anim.gif"
    frames[0].save(path, save_all=True, append_images=frames[1:], duration=100, loop=0)
    r, g, b = load_image(path).getpixel((10, 10))
    assert r > 200 and b < 50


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    img = Image.new("RGB", (40, 20), (200, 10, 10))
    exif = img.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise when shown
    path = tmp_path / "rotated.jpg"
    img.save(path, exif=exif.tobytes())
    assert load_image(path).size == (20, 40)


def test_cmyk_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "cmyk.jpg"
    _photo().convert("CMYK").save(path)
    assert load_image(path).mode == "RGB"


def test_16_bit_greyscale_keeps_its_range(tmp_path: Path) -> None:
    arr = np.linspace(0, 65535, 32 * 32, dtype=np.uint16).reshape(32, 32)
    path = tmp_path / "deep.png"
    Image.fromarray(arr).save(path)
    img = np.asarray(load_image(path))
    assert img.min() < 10 and img.max() > 245  # scaled, not clipped to white


def test_palette_with_transparency_and_alpha_are_composited_on_white(tmp_path: Path) -> None:
    rgba = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    rgba.putpixel((0, 0), (255, 0, 0, 255))
    path = tmp_path / "alpha.png"
    rgba.save(path)
    img = load_image(path)
    assert img.getpixel((5, 5)) == (255, 255, 255)
    assert img.getpixel((0, 0)) == (255, 0, 0)
    pal_path = tmp_path / "palette.gif"
    rgba.save(pal_path)  # GIF stores a palette with a transparent index
    assert load_image(pal_path).getpixel((5, 5)) == (255, 255, 255)
    la_path = tmp_path / "la.png"
    Image.new("LA", (4, 4), (0, 0)).save(la_path)
    assert load_image(la_path).getpixel((1, 1)) == (255, 255, 255)


@pytest.mark.parametrize("size", [(1, 1), (8000, 3), (3, 8000)])
def test_tiny_and_very_wide_images(tmp_path: Path, size) -> None:
    path = tmp_path / "odd.png"
    Image.new("RGB", size, (10, 200, 10)).save(path)
    assert load_image(path).size == size


def test_bytes_are_accepted() -> None:
    buffer = io.BytesIO()
    _photo().save(buffer, "PNG")
    assert load_image(buffer.getvalue()).size == (64, 48)


def _assert_one_sentence(exc: ImageError) -> None:
    message = exc.value.user_message if hasattr(exc, "value") else exc.user_message
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="does not exist") as exc:
        load_image(tmp_path / "nope.png")
    _assert_one_sentence(exc)


def test_folder(tmp_path: Path) -> None:
    with pytest.raises(ImageError, match="folder") as exc:
        load_image(tmp_path)
    _assert_one_sentence(exc)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.png"
    path.write_bytes(b"")
    with pytest.raises(ImageError, match="empty"):
        load_image(path)
    with pytest.raises(ImageError, match="empty"):
        load_image(b"")


def test_not_an_image(tmp_path: Path) -> None:
    path = tmp_path / "notes.png"
    path.write_text("just some text, not pixels")
    with pytest.raises(ImageError, match="not an image") as exc:
        load_image(path)
    _assert_one_sentence(exc)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_truncated_file(tmp_path: Path, fmt: str) -> None:
    buffer = io.BytesIO()
    _photo((200, 200)).save(buffer, fmt)
    path = tmp_path / f"cut.{fmt.lower()}"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    with pytest.raises(ImageError, match="damaged or incomplete") as exc:
        load_image(path)
    _assert_one_sentence(exc)


def _png_header_only(width: int, height: int) -> bytes:
    """A valid PNG signature and header that claims a huge size, with one tiny data chunk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


def test_decompression_bomb_is_refused_without_decoding(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(_png_header_only(50_000, 50_000))  # 2.5 gigapixels, ~7.5 GB if decoded
    with pytest.raises(ImageError, match="too large") as exc:
        load_image(path)
    _assert_one_sentence(exc)


def test_just_over_the_pixel_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(_png_header_only(10_000, 9_000))  # 90 MP, just over Pillow's default limit
    with pytest.raises(ImageError, match="too large"):
        load_image(path)
