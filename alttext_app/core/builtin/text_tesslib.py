"""Tesseract through its C API (libtesseract.so.5, installed with the `tesseract-ocr` package).

Why not only the command line: every `tesseract` run loads the English model again, about 250 ms
of CPU before it reads a single letter. Through the library the model stays loaded, so a screenshot
is read within the one-second budget. Uses ctypes only (no compiled wrapper to install). The
recogniser's progress monitor calls back into Python, so cancellation stops it between words.

One engine object is shared behind a lock: tesseract's API object is not thread-safe, and the
describer reads one image at a time anyway.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import logging
import os
import threading
import time

import numpy as np

from alttext_app.core.errors import Cancelled

log = logging.getLogger(__name__)

_CANCEL_FUNC = ctypes.CFUNCTYPE(ctypes.c_bool, ctypes.c_void_p, ctypes.c_int)
_LIB_NAMES = ("libtesseract.so.5", "libtesseract.so", "libtesseract.5.dylib", "libtesseract-5.dll")


def _load_library() -> ctypes.CDLL | None:
    names = list(_LIB_NAMES)
    found = ctypes.util.find_library("tesseract")
    if found:
        names.insert(0, found)
    for name in names:
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            continue
        try:
            _declare(lib)
        except AttributeError as exc:  # an old library without the calls we use
            log.info("libtesseract %s lacks %s", name, exc)
            continue
        _quiet_leptonica()
        return lib
    return None


def _quiet_leptonica() -> None:
    """Leptonica (under tesseract) prints errors such as "Error in boxClipToRectangle" straight to
    stderr, which would land on the CLI's output; tesseract goes on fine without them."""
    try:
        lept = ctypes.CDLL("liblept.so.5")
        lept.setMsgSeverity.argtypes = [ctypes.c_int]
        lept.setMsgSeverity(6)  # L_SEVERITY_NONE
    except (OSError, AttributeError):
        pass


def _fewer_omp_threads() -> None:
    """Let OpenMP size tesseract's thread teams to the free cores, for this thread only.

    Tesseract's recogniser asks for 10 threads (a `num_threads(10)` clause); on a two-core laptop
    they fight each other and the GUI, and a page took five times the CPU. With dynamic teams
    libgomp gives no more threads than there are idle cores. It is a per-thread setting, so other
    OpenMP users in the process (PyTorch shares this libgomp) keep theirs. OMP_THREAD_LIMIT would
    cap tesseract too, but for the whole process, PyTorch included.
    """
    global _gomp
    if _gomp is None:
        try:
            _gomp = ctypes.CDLL("libgomp.so.1")  # the instance libtesseract is linked to
            _gomp.omp_set_dynamic.argtypes = [ctypes.c_int]
        except (OSError, AttributeError):
            _gomp = False
    if _gomp:
        _gomp.omp_set_dynamic(1)


_gomp: ctypes.CDLL | bool | None = None


def _declare(lib: ctypes.CDLL) -> None:
    vp, cp, ci = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int
    sig = {
        "TessBaseAPICreate": (vp, []),
        "TessBaseAPIDelete": (None, [vp]),
        "TessBaseAPIInit3": (ci, [vp, cp, cp]),
        "TessBaseAPISetVariable": (ctypes.c_bool, [vp, cp, cp]),
        "TessBaseAPISetPageSegMode": (None, [vp, ci]),
        "TessBaseAPISetImage": (None, [vp, ctypes.c_void_p, ci, ci, ci, ci]),
        "TessBaseAPISetSourceResolution": (None, [vp, ci]),
        "TessBaseAPIRecognize": (ci, [vp, vp]),
        "TessBaseAPIGetTsvText": (ctypes.POINTER(ctypes.c_char), [vp, ci]),
        "TessBaseAPIClear": (None, [vp]),
        "TessBaseAPIIsValidWord": (ci, [vp, cp]),
        "TessBaseAPIEnd": (None, [vp]),
        "TessDeleteText": (None, [ctypes.POINTER(ctypes.c_char)]),
        "TessMonitorCreate": (vp, []),
        "TessMonitorDelete": (None, [vp]),
        "TessMonitorSetCancelFunc": (None, [vp, _CANCEL_FUNC]),
    }
    for name, (restype, argtypes) in sig.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes


class TessLib:
    """A loaded tesseract engine for one language set ("eng", "eng+chi_sim");
    `tsv(grey)` reads a dark-on-white uint8 image."""

    def __init__(self, lib: ctypes.CDLL, tessdata: str | None, langs: str = "eng") -> None:
        self._lib = lib
        self._lock = threading.Lock()
        self._tessdata = tessdata.encode() if tessdata else None
        self._langs = langs
        self._api = None
        self._load()

    def _load(self) -> None:
        """Create the engine and read its language models (~30-55 MB, ~0.2-0.5 s)."""
        lib = self._lib
        api = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(api, self._tessdata, self._langs.encode()) != 0:
            lib.TessBaseAPIDelete(api)
            raise OSError(f"tesseract could not load its {self._langs} model")
        # Our preparation already made all text dark on white; tesseract's own retry of every
        # doubtful line in inverted colours only costs time.
        lib.TessBaseAPISetVariable(api, b"tessedit_do_invert", b"0")
        # Its chatter ("Empty page!!") would land on the CLI's stderr; the log has what matters.
        null = b"NUL" if os.name == "nt" else b"/dev/null"
        lib.TessBaseAPISetVariable(api, b"debug_file", null)
        lib.TessBaseAPISetPageSegMode(api, 3)  # automatic page segmentation
        self._api = api

    @property
    def loaded(self) -> bool:
        return self._api is not None

    def tsv(self, grey: np.ndarray, should_abort=None, timeout_s: float = 20.0, psm: int = 3) -> str:
        """TSV of the words; `psm` is tesseract's page segmentation mode (3: automatic layout,
        6: one uniform block of text)."""
        grey = np.ascontiguousarray(grey, dtype=np.uint8)
        h, w = grey.shape
        started = time.perf_counter()
        state = {"aborted": False}

        def cancel(_this: int, _words: int) -> bool:
            if should_abort is not None and should_abort():
                state["aborted"] = True
                return True
            return time.perf_counter() - started > timeout_s

        callback = _CANCEL_FUNC(cancel)  # kept alive until Recognize returns
        lib = self._lib
        with self._lock:
            if not self._ready():
                return ""
            _fewer_omp_threads()
            monitor = lib.TessMonitorCreate()
            try:
                lib.TessMonitorSetCancelFunc(monitor, callback)
                lib.TessBaseAPISetPageSegMode(self._api, psm)
                lib.TessBaseAPISetImage(self._api, grey.ctypes.data, w, h, 1, w)
                lib.TessBaseAPISetSourceResolution(self._api, 96)
                if lib.TessBaseAPIRecognize(self._api, monitor) != 0:
                    if state["aborted"]:
                        raise Cancelled()
                    log.warning("tesseract gave up on this image (timeout or error)")
                    return ""
                if state["aborted"]:
                    raise Cancelled()
                raw = lib.TessBaseAPIGetTsvText(self._api, 0)
                if not raw:
                    return ""
                try:
                    return ctypes.string_at(raw).decode("utf-8", errors="replace")
                finally:
                    lib.TessDeleteText(raw)
            finally:
                lib.TessBaseAPIClear(self._api)
                lib.TessMonitorDelete(monitor)

    def is_word(self, word: str) -> bool:
        """Whether the language model's dictionary knows the word ("parking": yes; "noparking": no)."""
        with self._lock:
            return self._ready() and bool(self._lib.TessBaseAPIIsValidWord(self._api, word.encode()))

    def _ready(self) -> bool:
        """Loaded, loading again if it was unloaded to save memory (text_engines' cap); call with
        the lock held. False when the models cannot be read any more."""
        if self._api is None:
            try:
                self._load()
            except OSError as exc:
                log.warning("%s", exc)
                return False
        return True

    def close(self) -> None:
        """Free the engine and its models; a later `tsv` loads them again."""
        with self._lock:
            if self._api:
                self._lib.TessBaseAPIEnd(self._api)
                self._lib.TessBaseAPIDelete(self._api)
                self._api = None


def open_engine(tessdata: str | None, langs: str = "eng") -> TessLib | None:
    """A loaded engine, or None when the library or the language models are not usable."""
    lib = _load_library()
    if lib is None:
        return None
    try:
        engine = TessLib(lib, tessdata, langs)
    except OSError as exc:
        log.info("libtesseract unusable with tessdata=%s: %s", tessdata, exc)
        return None
    # Free it before the interpreter exits, or tesseract prints "LEAK!" warnings on stderr.
    atexit.register(engine.close)
    return engine
