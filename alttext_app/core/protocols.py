"""The small vocabularies shared between the core and its front ends, as enums.

They are `StrEnum`s, so a member equals its text ("onnx" == Backend.ONNX) and the settings file,
JSON output and command-line choices keep using plain words.
"""

from __future__ import annotations

from enum import StrEnum


class Backend(StrEnum):
    """Which engine runs an installed model ("builtin" is the built-in describer's own)."""

    AUTO = "auto"
    TORCH = "torch"
    ONNX = "onnx"
    BUILTIN = "builtin"

    @classmethod
    def choices(cls) -> tuple[str, ...]:
        """What a person may choose (the built-in describer is chosen by model, not backend)."""
        return (cls.AUTO, cls.TORCH, cls.ONNX)


class Device(StrEnum):
    AUTO = "auto"
    CPU = "cpu"
    CUDA = "cuda"


class CopyFormat(StrEnum):
    PLAIN = "plain"
    HTML = "html"
    MARKDOWN = "markdown"


class Stage(StrEnum):
    """Where a caption is on its way from file to text (reported through a stage callback)."""

    READING = "reading"  # decoding the image
    LOADING = "loading"  # loading the model (first caption only; cached afterwards)
    DESCRIBING = "describing"  # the engine runs


class SpeechEvent(StrEnum):
    """What the speech engine tells its listeners (with the text or the error sentence)."""

    STARTED = "started"
    FINISHED = "finished"
    STOPPED = "stopped"
    ERROR = "error"


class PullStage(StrEnum):
    """Steps of a model download, in `Progress.stage`."""

    METADATA = "metadata"
    DOWNLOAD = "download"
    VERIFY = "verify"
    INSTALL = "install"
    EXPORT = "export"
