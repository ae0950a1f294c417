"""What an image drop or paste holds: a local file, or encoded image data.

Files managers put `text/uri-list`; browsers and image editors put `image/*` data (and often a
remote URL too, which we never fetch: AltText stays offline). Copying in a file manager puts the
file's URL on the clipboard, so pasting a copied file works the same way as dropping it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QMimeData, QUrl
from PySide6.QtGui import QImage

# Encoded formats passed through as they are (the core decoder reads them all).
_IMAGE_MIME_ORDER = ("image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp", "image/tiff")


class DropError(ValueError):
    """The data holds nothing AltText can describe; str() is one sentence for people."""


def local_files(mime: QMimeData) -> list[Path]:
    paths = []
    if mime.hasUrls():
        for url in mime.urls():
            if url.isLocalFile():
                paths.append(Path(url.toLocalFile()))
    if not paths and mime.hasText():  # some apps put a plain path or file:// text
        text = mime.text().strip()
        if text and "\n" not in text:
            url = QUrl(text)
            if url.isLocalFile():
                paths.append(Path(url.toLocalFile()))
            elif text.startswith("/") and Path(text).is_file():
                paths.append(Path(text))
    return paths


def has_image(mime: QMimeData | None) -> bool:
    """Cheap test for drag-enter: could this hold an image?"""
    if mime is None:
        return False
    return bool(mime.hasImage() or local_files(mime) or any(mime.hasFormat(f) for f in _IMAGE_MIME_ORDER))


def image_source(mime: QMimeData | None) -> str | bytes:
    """A local file path or encoded image bytes; raises DropError with a sentence otherwise."""
    if mime is None:
        raise DropError(QCoreApplication.translate("Drop", "The clipboard is empty."))
    files = local_files(mime)
    if files:
        return str(files[0])  # the first of several: one description at a time
    for fmt in _IMAGE_MIME_ORDER:
        if mime.hasFormat(fmt):
            data = bytes(mime.data(fmt).data())
            if data:
                return data
    if mime.hasImage():
        image = mime.imageData()
        if isinstance(image, QImage) and not image.isNull():
            return qimage_to_png(image)
    if mime.hasUrls():
        raise DropError(QCoreApplication.translate(
            "Drop", "AltText works offline, so it cannot open web addresses; save the image first."))
    raise DropError(QCoreApplication.translate("Drop", "There is no image or image file on the clipboard."))


def qimage_to_png(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())
