"""Alt text inside the image file: IPTC Photo Metadata 2021.1 "Alt Text (Accessibility)".

Written as XMP (`Iptc4xmpCore:AltTextAccessibility`, and optionally `ExtDescrAccessibility`) by
the `exiftool` program (Debian: libimage-exiftool-perl). It is a separate program, run as a
subprocess, never linked in (it is GPL/Artistic; AltText is Apache-2.0). exiftool edits metadata
losslessly: the image data is copied byte for byte, never re-encoded. One exiftool process serves
a whole batch (`-stay_open`), because starting Perl costs ~0.2 s per file.

Existing alt text is never replaced unless asked, and every write is read back to verify.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from enum import Enum
from pathlib import Path

from alttext_app.core.errors import AltTextError
from alttext_app.core.formats import one_line

log = logging.getLogger(__name__)

ALT_TAG = "XMP-iptcCore:AltTextAccessibility"
EXTENDED_TAG = "XMP-iptcCore:ExtDescrAccessibility"
WRITABLE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".gif")
_READY = "{ready}"


class WriteOutcome(str, Enum):
    WRITTEN = "written"
    KEPT = "kept"  # the file already had alt text and overwriting was not asked for
    SAME = "same"  # the file already had exactly this alt text


class ExifTool:
    """One long-running `exiftool -stay_open` process; use as a context manager."""

    def __init__(self, program: str | None = None) -> None:
        self.program = program or shutil.which("exiftool")
        if not self.program:
            raise AltTextError(
                "Writing alt text into image files needs the exiftool program: "
                "sudo apt install libimage-exiftool-perl"
            )
        self._proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> ExifTool:
        # Arguments go one per line on stdin: no shell, no length limit, names may start with "-".
        self._proc = subprocess.Popen(
            [self.program, "-stay_open", "True", "-@", "-"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, encoding="utf-8", bufsize=1,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            proc.stdin.write("-stay_open\nFalse\n")
            proc.stdin.close()
            proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()

    def run(self, *args: str) -> tuple[str, str]:
        """Run one exiftool command; returns (stdout, stderr)."""
        if self._proc is None:
            raise RuntimeError("ExifTool used outside `with`")
        if any("\n" in arg for arg in args):
            raise ValueError("exiftool arguments must be single lines")
        lines = ["-charset", "filename=utf8", *args, "-echo4", _READY, "-execute"]
        self._proc.stdin.write("\n".join(lines) + "\n")
        self._proc.stdin.flush()
        out = _read_until_ready(self._proc.stdout)
        err = _read_until_ready(self._proc.stderr)
        if out is None or err is None:
            raise AltTextError("The exiftool program stopped unexpectedly.")
        return out, err

    def read_alt(self, path: Path) -> tuple[str | None, str | None]:
        """(alt text, extended description) stored in the file, or None where there is none."""
        out, err = self.run("-j", "-struct", f"-{ALT_TAG}", f"-{EXTENDED_TAG}", str(path))
        try:
            data = json.loads(out)[0]
        except (ValueError, IndexError) as exc:
            raise AltTextError(f"The metadata of “{path.name}” cannot be read.", detail=err) from exc
        return _text(data.get("AltTextAccessibility")), _text(data.get("ExtDescrAccessibility"))

    def write_alt(
        self, path: Path, alt: str, extended: str | None = None, overwrite: bool = False
    ) -> WriteOutcome:
        """Store alt text (and an extended description) in the file, then verify by reading back."""
        if path.suffix.lower() not in WRITABLE_SUFFIXES:
            raise AltTextError(f"AltText cannot write alt text into “{path.name}” files of this type.")
        alt = one_line(alt)
        extended = " ".join(extended.split()) if extended else None
        current_alt, current_ext = self.read_alt(path)
        if current_alt == alt and (extended is None or current_ext == extended):
            return WriteOutcome.SAME
        if current_alt and not overwrite:
            return WriteOutcome.KEPT
        args = [f"-{ALT_TAG}={alt}"]
        if extended:
            args.append(f"-{EXTENDED_TAG}={extended}")
        # -P keeps the file's date; -overwrite_original replaces it only after a complete write.
        out, err = self.run("-P", "-overwrite_original", *args, str(path))
        if "1 image files updated" not in out:
            raise AltTextError(
                f"exiftool could not write alt text into “{path.name}”.", detail=err or out
            )
        if self.read_alt(path)[0] != alt:
            raise AltTextError(f"The alt text written into “{path.name}” did not read back the same.")
        return WriteOutcome.WRITTEN


def _read_until_ready(stream) -> str | None:
    lines = []
    while True:
        line = stream.readline()
        if not line:
            return None  # the process ended
        if line.rstrip("\r\n") == _READY:
            return "".join(lines)
        lines.append(line)


def _text(value: object) -> str | None:
    """A lang-alt value as exiftool gives it: a string, or {"x-default": ...} with -struct."""
    if isinstance(value, dict):
        value = value.get("x-default") or next(iter(value.values()), None)
    if value is None or value == "":
        return None
    return str(value)
