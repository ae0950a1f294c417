"""Errors meant for people: each carries one clear sentence to show in the window or on stderr.

Details (tracebacks, causes) go to the log file; `user_message` is what a person reads.
"""

from __future__ import annotations


class AltTextError(Exception):
    """Base error. `str(err)` is the one-sentence message for people."""

    def __init__(self, user_message: str, *, detail: str | None = None) -> None:
        super().__init__(user_message)
        self.user_message = user_message
        self.detail = detail


class ImageError(AltTextError):
    """The file could not be read as an image (missing, empty, truncated, not an image, too large)."""


class ModelError(AltTextError):
    """A captioning model could not be found, loaded or run."""


class ModelNotFoundError(ModelError):
    """No installed model or folder matches the name asked for."""


class SpeechError(AltTextError):
    """Speech is unavailable (no engine, no audio device) or failed."""


class DownloadError(AltTextError):
    """A model download failed (no network, disk full, corrupt file...)."""


class ModelBusyError(DownloadError):
    """Another process (or window) is downloading or removing that model right now."""


class Cancelled(AltTextError):
    """Work was aborted cooperatively (a newer request won, or the user cancelled)."""

    def __init__(self, user_message: str = "Cancelled.") -> None:
        super().__init__(user_message)


def user_message(exc: BaseException) -> str:
    """One sentence for people from any exception; unknown errors get a generic sentence."""
    if isinstance(exc, AltTextError):
        return exc.user_message
    if isinstance(exc, MemoryError):
        return "The computer ran out of memory while working on this image."
    return "Something went wrong; the details are in the log file."
