"""The command line stays quiet and clear: broken pipes, damaged settings, odd images, warnings."""

from __future__ import annotations

import contextlib
import io
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from alttext_app.cli.main import main
from alttext_app.core.errors import ImageError
from alttext_app.core.images import load_image

ROOT = Path(__file__).resolve().parents[1]


def _png(size=(20, 10)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "blue").save(buf, "PNG")
    return buf.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def test_broken_pipe_exits_quietly(tmp_path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    many = [str(tmp_path / f"{n}.png") for n in range(40)]
    for path in many:
        Path(path).write_bytes(_png())
    shell = (f"{sys.executable} -m alttext_app.cli.main caption --model builtin {' '.join(many)} "
             f"| head -1; {sys.executable} -m alttext_app.cli.main models list | head -1")
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True,
                          env=env, timeout=300)
    assert done.stderr == ""
    assert done.returncode == 0
    assert done.stdout.startswith(many[0]) and "Model folder:" in done.stdout


def test_damaged_settings_are_said_once_on_stderr(capsys) -> None:
    from alttext_app.core.settings import settings_file

    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[General]\nvoice=caf\xe9\n")
    assert main(["models", "use", "builtin"]) == 0  # the command still works (and repairs)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "settings file could not be read" in err
    from alttext_app.core.session import default_session

    default_session().reload()
    assert main(["models", "use", "auto"]) == 0
    assert capsys.readouterr().err == ""


def test_png_with_garbage_exif_chunk_is_accepted() -> None:
    png = _png()
    end = png.rindex(b"IEND") - 4
    damaged = png[:end] + _chunk(b"eXIf", b"garbage, not a TIFF header") + png[end:]
    assert load_image(damaged).size == (20, 10)


@pytest.mark.parametrize("fmt", ["AVIF", "DDS", "TIFF", "WEBP"])
def test_damaged_exotic_formats_are_one_sentence(fmt) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buf, fmt)
    data = buf.getvalue()
    for cut in (len(data) // 2, len(data) - 5):
        try:
            load_image(data[:cut])
        except ImageError as exc:
            assert exc.user_message.startswith("The pasted or dropped data ")
    flipped = bytearray(data)
    for i in range(20, len(flipped), 7):
        flipped[i] ^= 0xFF
    with pytest.raises(ImageError):
        load_image(bytes(flipped))


def test_decoder_warnings_go_to_the_log_not_stderr(capfd) -> None:
    """A TIFF whose tags point past the end of the file: Pillow warns once per tag."""
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "TIFF")
    data = bytearray(buf.getvalue())
    header = b"II*\x00" + struct.pack("<I", 8)
    entries = [struct.pack("<HHII", 270 + n, 2, 5000, 10_000_000 + n) for n in range(30)]
    ifd = struct.pack("<H", len(entries)) + b"".join(entries) + b"\x00" * 4
    with contextlib.suppress(ImageError):
        load_image(header + ifd + bytes(data[8:]))
    out, err = capfd.readouterr()
    assert err == ""


def test_native_messages_on_fd2_go_to_the_log(capfd, caplog) -> None:
    """libtiff and friends print straight to file descriptor 2; while decoding that goes to the log."""
    import logging

    from alttext_app.core.logs import native_stderr_to_log

    with caplog.at_level(logging.INFO, logger="alttext.native"), native_stderr_to_log("decoding x"):
        os.write(2, b"TIFFReadDirectory: Warning, unknown field with tag 65000\n")
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n"
    assert "unknown field with tag 65000" in caplog.text
