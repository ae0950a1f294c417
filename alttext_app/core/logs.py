"""Logging to a file under the user's log folder, so details never land in a person's face."""

from __future__ import annotations

import logging
import logging.handlers

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
