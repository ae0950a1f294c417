"""The captioner interface every engine implements (built-in describer, PyTorch, ONNX).

Captioners return the raw sentence they produced; `alttext_app.core.alttext_rules` turns it into
alt text, the same way for every engine (see `alttext_app.core.pipeline`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol, runtime_checkable

from PIL import Image

from alttext_app.core.alttext_rules import DEFAULT_MAX_CHARS
from alttext_app.core.errors import Cancelled

# Called between steps (e.g. between generated tokens); returns True when the work should stop.
AbortCheck = Callable[[], bool]


def never_abort() -> bool:
    return False


def check_abort(should_abort: AbortCheck | None) -> None:
    """Raise Cancelled when the caller asked to stop; call it between steps."""
    if should_abort is not None and should_abort():
        raise Cancelled()


class Detail(Enum):
    """How much to say: one sentence within the budget, or a second one for people who want more."""

    BRIEF = "brief"
    MORE = "more"


@dataclass
class CaptionOptions:
    max_length: int | None = None  # most new tokens a model may generate
    num_beams: int = 1  # 1 = greedy
    max_chars: int = DEFAULT_MAX_CHARS  # alt-text length budget (characters, in English; see alttext_rules)
    detail: Detail = Detail.BRIEF  # MORE: engines that can add a second sentence (built-in) do
    language: str = "en"  # the language the description is wanted in (a captioner may ignore it)

    @property
    def total_chars(self) -> int:
        """The whole text's budget: the first sentence keeps max_chars, 'more' may double it."""
        return self.max_chars * 2 if self.detail is Detail.MORE else self.max_chars


@dataclass
class RawCaption:
    """What an engine produced, before the alt-text rules."""

    text: str
    kind: str | None = None  # photo, screenshot, document, code, chart, graphic (built-in describer)
    ocr_text: str | None = None  # text read from the image, if any
    labels: list[tuple[str, float]] = field(default_factory=list)  # top classes with scores
    extra: dict[str, Any] = field(default_factory=dict)
    language: str = "en"  # the language `text` is written in


@dataclass
class CaptionResult:
    """The finished alt text with the facts behind it."""

    path: str | None
    alt_text: str
    raw_text: str
    model: str
    backend: str  # "builtin", "torch" or "onnx"
    device: str  # "cpu" or "cuda"
    seconds: float  # time spent captioning this image (not loading the model)
    kind: str | None = None
    ocr_text: str | None = None
    labels: list[tuple[str, float]] = field(default_factory=list)
    lang: str = "en"  # the language alt_text is written in
    alt_text_en: str | None = None  # the English original when alt_text was machine-translated
    notice: str | None = None  # one sentence for people, e.g. why the description is not in their language

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "alt_text": self.alt_text,
            "lang": self.lang,
            "model": self.model,
            "backend": self.backend,
            "device": self.device,
            "seconds": round(self.seconds, 4),
        }
        if self.alt_text_en is not None:
            data["alt_text_en"] = self.alt_text_en
        if self.notice:
            data["notice"] = self.notice
        if self.kind is not None:
            data["kind"] = self.kind
        data["text"] = self.ocr_text
        data["labels"] = [{"label": name, "score": round(score, 4)} for name, score in self.labels]
        return data


@runtime_checkable
class Captioner(Protocol):
    """A loaded captioning engine. Instances are cached by the model service and reused."""

    model_name: str  # catalogue id, folder name or "builtin"
    backend: str  # "builtin", "torch" or "onnx"
    device: str  # "cpu" or "cuda"

    def caption(
        self,
        image: Image.Image,
        options: CaptionOptions,
        should_abort: AbortCheck | None = None,
    ) -> RawCaption:
        """Describe an RGB image. Must check `should_abort` between steps and raise Cancelled."""
        ...

    def close(self) -> None:
        """Free memory (sessions, tensors)."""
        ...
