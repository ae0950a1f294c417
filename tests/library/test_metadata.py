"""Alt text written into JPEG, PNG, WebP and TIFF, read back by a second tool, image data untouched."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from alttext_app.cli.main import main
from alttext_app.core.library.metadata import ExifTool, WriteOutcome

pytestmark = pytest.mark.skipif(not shutil.which("exiftool"), reason="needs exiftool (libimage-exiftool-perl)")
PHOTO = Path(__file__).resolve().parents[1] / "data" / "images" / "chelsea.jpg"
ALT = "A ginger cat, “Chelsea”, looks up; 50% <curious> & calm."


def _png_chunks(data: bytes, wanted: set[bytes]) -> bytes:
    out, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        if kind in wanted:
            out += data[pos + 8 : pos + 8 + length]
        pos += 12 + length
    return out


def _webp_chunks(data: bytes) -> bytes:
    out, pos = b"", 12
    while pos < len(data):
        kind, length = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        if kind in (b"VP8 ", b"VP8L", b"ALPH"):
            out += data[pos + 8 : pos + 8 + length]
        pos += 8 + length + (length & 1)
    return out


def image_payload(path: Path) -> bytes:
    """The coded image data, without any metadata: what must never change."""
    data = path.read_bytes()
    suffix = path.suffix
    if suffix == ".jpg":
        return data[data.index(b"\xff\xda") :]  # start of scan to the end
    if suffix == ".png":
        return _png_chunks(data, {b"IHDR", b"IDAT", b"PLTE"})
    if suffix == ".webp":
        return _webp_chunks(data)
    with Image.open(path) as image:  # TIFF: the strips at the offsets the file names
        offsets, counts = image.tag_v2[273], image.tag_v2[279]
    return b"".join(data[o : o + c] for o, c in zip(offsets, counts, strict=True))


def exiftool_json(path: Path) -> dict:
    out = subprocess.run(["exiftool", "-j", "-XMP-iptcCore:all", str(path)], capture_output=True,
                         text=True, check=True).stdout
    return json.loads(out)[0]


@pytest.fixture
def images(tmp_path):
    photo = Image.open(PHOTO).convert("RGB").resize((96, 64))
    made = []
    for suffix, fmt in ((".jpg", "JPEG"), (".png", "PNG"), (".webp", "WEBP"), (".tiff", "TIFF")):
        path = tmp_path / f"cat{suffix}"
        photo.save(path, fmt)
        made.append(path)
    return made


def test_write_read_back_by_exiftool_and_image_data_unchanged(images):
    with ExifTool() as tool:
        for path in images:
            before = image_payload(path)
            pixels = Image.open(path).tobytes()
            assert tool.write_alt(path, ALT, "Longer: a cat on a rug,\nlooking up.") is WriteOutcome.WRITTEN
            data = exiftool_json(path)  # a second, independent read
            assert data["AltTextAccessibility"] == ALT, path.name
            assert data["ExtDescrAccessibility"] == "Longer: a cat on a rug, looking up."
            assert image_payload(path) == before, f"{path.name}: image data changed"
            assert Image.open(path).tobytes() == pixels


def test_existing_alt_text_is_kept_unless_overwrite(images):
    path = images[0]
    with ExifTool() as tool:
        tool.write_alt(path, "Their own words.")
        assert tool.write_alt(path, ALT) is WriteOutcome.KEPT
        assert tool.read_alt(path)[0] == "Their own words."
        assert tool.write_alt(path, "Their own words.") is WriteOutcome.SAME
        assert tool.write_alt(path, ALT, overwrite=True) is WriteOutcome.WRITTEN
    assert exiftool_json(path)["AltTextAccessibility"] == ALT


def test_tag_cli_from_batch_results(images, tmp_path, capsys):
    results = tmp_path / "results.jsonl"
    lines = [{"path": str(p), "alt_text": f"Cat picture {p.suffix}.", "error": None, "text": None}
             for p in images]
    lines.append({"path": str(tmp_path / "gone.jpg"), "alt_text": None, "error": "Broken."})
    results.write_text("".join(json.dumps(r) + "\n" for r in lines))
    assert main(["tag", str(results)]) == 1  # the broken record fails; the others are written
    out = capsys.readouterr()
    assert "4 files tagged" in out.out and "gone.jpg" in out.err
    assert exiftool_json(images[2])["AltTextAccessibility"] == "Cat picture .webp."
    assert main(["tag", "--read", str(images[3])]) == 0
    assert "Cat picture .tiff." in capsys.readouterr().out
