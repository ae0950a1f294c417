"""Logging to a file under the user's log folder, so details never land in a person's face."""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import tempfile
import threading
from collections.abc import Iterator

from alttext_app.core.paths import log_file

_configured = False


def setup_logging(level: int = logging.INFO) -> None:
    """Send log records to a rotating file; idempotent. Falls back to no file if the folder is unwritable."""
    global _configured
    if _configured:
        return
    _configured = True
    root = logging.getLogger()
    root.setLevel(level)
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    root.addHandler(handler)
    # Library warnings (Pillow on odd files, transformers on every generate) go to the log:
    # a person sees one sentence per failure, never a flood.
    logging.captureWarnings(True)


_native_lock = threading.Lock()
_NATIVE_LOG_LIMIT = 4000


@contextlib.contextmanager
def native_stderr_to_log(what: str) -> Iterator[None]:
    """Send what C libraries (libtiff, libjpeg) print on file descriptor 2 to the log instead,
    for the duration of the block. Held under a lock: fd 2 is process-wide."""
    log = logging.getLogger("alttext.native")
    with _native_lock, tempfile.TemporaryFile() as sink:
        try:
            saved = os.dup(2)
        except OSError:  # no stderr at all: nothing to protect
            yield
            return
        try:
            os.dup2(sink.fileno(), 2)
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            text = sink.read(_NATIVE_LOG_LIMIT)
            if text:
                log.info("messages from native code while %s: %s", what,
                         text.decode("utf-8", "replace").strip())
