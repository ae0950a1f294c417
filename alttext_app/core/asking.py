"""Ask a question about an image, and describe an image in more detail (beside its short alt text).

Both pick a model that can do the job: the one named, else the active caption model when it can,
else any installed model that can (a chat VLM first), else the built-in describer: it answers the
common questions (text, counts, "is there…", kind and colour of image) from what it found in the
image, and says honestly when it cannot (`builtin/answers.py`). Answers follow `answer_rules`;
longer descriptions get the same neutral words as alt text and the text read from the image (OCR)
where there is some.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PIL import Image

from alttext_app.core.alttext_rules import neutral_words
from alttext_app.core.answer_rules import finalize_answer, refuses
from alttext_app.core.captioner import AbortCheck, CaptionOptions, Detail, check_abort
from alttext_app.core.errors import ModelError
from alttext_app.core.i18n import localize
from alttext_app.core.images import load_image
from alttext_app.core.protocols import Backend, Device
from alttext_app.core.service import AUTO, BUILTIN, ModelService, default_service, resolve_model_dir

log = logging.getLogger(__name__)

# Preference among installed models, by engine family: free-form chat models answer best.
QUESTION_FAMILIES = ("smolvlm", "blip-vqa")
DETAIL_FAMILIES = ("florence2", "smolvlm")
OCR_QUOTE_CHARS = 400


@dataclass
class AnswerResult:
    question: str
    answer: str  # after the honesty rules; what is shown and spoken
    raw_text: str  # what the model said ("" when the rules answered without it)
    model: str
    backend: str
    device: str
    seconds: float
    path: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "question": self.question, "answer": self.answer,
                "model": self.model, "backend": self.backend, "device": self.device,
                "seconds": round(self.seconds, 4)}


@dataclass
class DetailResult:
    text: str  # the longer description, OCR text included
    model: str
    backend: str
    device: str
    seconds: float
    ocr_text: str | None = None
    path: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "detail": self.text, "text": self.ocr_text, "model": self.model,
                "backend": self.backend, "device": self.device, "seconds": round(self.seconds, 4)}


def engine_family(model_dir: Path | None, backend: str = Backend.AUTO) -> Any:
    """The engine family a model folder runs with (None for the built-in describer or unknown)."""
    if model_dir is None:
        return None
    from alttext_app.core.engines.registry import family_for_dir
    from alttext_app.core.models.store import load_dir_for

    try:
        return family_for_dir(load_dir_for(model_dir, backend))
    except ModelError:
        return None


def _installed_for(families: tuple[str, ...], backend: str, ok) -> Path | None:  # noqa: ANN001
    from alttext_app.core.models.store import list_installed

    found: dict[str, Path] = {}
    for model in list_installed():
        family = engine_family(model.path, backend)
        if family is not None and ok(family):
            found.setdefault(family.name, model.path)
    for name in families:
        if name in found:
            return found[name]
    return next(iter(found.values()), None)


def question_model_dir(model: str = AUTO, backend: str = Backend.AUTO) -> Path | None:
    """The model that answers: the one named, else the best installed one that can, else None:
    the built-in describer (also when "builtin" is named)."""
    if model == BUILTIN:
        return None
    if model not in ("", AUTO):
        path = resolve_model_dir(model)
        family = engine_family(path, backend)
        if family is None or not family.answers_questions:
            raise ModelError(f"“{model}” cannot answer questions; try smolvlm-256m or blip-vqa.")
        return path  # type: ignore[return-value]
    return _installed_for(QUESTION_FAMILIES, backend, lambda f: f.answers_questions)


def detail_model(model: str = AUTO, backend: str = Backend.AUTO, fallback: bool = True) -> str:
    """The model for a longer description: `model` when it can; else, with `fallback`, an
    installed one that can, else the built-in describer."""
    path = resolve_model_dir(model)
    family = engine_family(path, backend)
    if path is None or (family is not None and Detail.MORE.value in family.detail_levels):
        return str(path) if path is not None else BUILTIN
    if not fallback:
        raise ModelError(f"“{path.name}” cannot give a more detailed description.")
    found = _installed_for(DETAIL_FAMILIES, backend, lambda f: Detail.MORE.value in f.detail_levels)
    return str(found) if found is not None else BUILTIN


def ask_image(
    source: str | Path | bytes | Image.Image,
    question: str,
    *,
    model: str = AUTO,
    backend: str = Backend.AUTO,
    device: str = Device.AUTO,
    options: CaptionOptions | None = None,
    should_abort: AbortCheck | None = None,
    service: ModelService | None = None,
) -> AnswerResult:
    question = " ".join(question.split())
    if not question:
        raise ModelError("Type a question first.")
    image, path = _image_and_path(source)
    options = options or CaptionOptions()
    refusal = refuses(question)
    if refusal is not None:  # honest without asking the model
        return AnswerResult(question, localize(refusal, options.language), "", "rules", "none", "none", 0.0, path)
    model_dir = question_model_dir(model, backend)
    captioner = (service or default_service()).get(str(model_dir) if model_dir else BUILTIN, backend, device)
    check_abort(should_abort)
    started = time.perf_counter()
    raw = captioner.ask(image, question, options, should_abort)  # type: ignore[attr-defined]
    seconds = time.perf_counter() - started
    # The built-in answers are finished sentences that hedge by themselves ("Yes: I can see a dog.").
    answer = raw.text if model_dir is None else finalize_answer(raw.text)
    return AnswerResult(question, answer, raw.text, captioner.model_name,
                        captioner.backend, captioner.device, seconds, path)


def describe_more(
    source: str | Path | bytes | Image.Image,
    *,
    model: str = AUTO,
    backend: str = Backend.AUTO,
    device: str = Device.AUTO,
    options: CaptionOptions | None = None,
    should_abort: AbortCheck | None = None,
    service: ModelService | None = None,
    fallback: bool = True,
) -> DetailResult:
    """A longer description with `model` (with `fallback`: or the best installed model that can)."""
    image, path = _image_and_path(source)
    options = replace(options or CaptionOptions(), detail=Detail.MORE)
    chosen = detail_model(model, backend, fallback)
    captioner = (service or default_service()).get(chosen, backend, device)
    check_abort(should_abort)
    started = time.perf_counter()
    raw = captioner.caption(image, options, should_abort)
    ocr_text = raw.ocr_text
    if ocr_text is None and captioner.backend != Backend.BUILTIN:  # it reads text itself
        ocr_text = _read_text(image, should_abort)
    seconds = time.perf_counter() - started
    text = _tidy(raw.text)
    if ocr_text:
        quoted = " ".join(ocr_text.split())
        if len(quoted) > OCR_QUOTE_CHARS:
            quoted = quoted[:OCR_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
        if quoted[:40].lower() not in text.lower():  # text-heavy descriptions quote it already
            text = f"{text if text.endswith(('.', '!', '?', '…')) else text + '.'} "
            text += f"Text in the image: “{quoted}”."
    return DetailResult(text, captioner.model_name, captioner.backend, captioner.device, seconds,
                        ocr_text, path)


def _image_and_path(source: str | Path | bytes | Image.Image) -> tuple[Image.Image, str | None]:
    """The decoded image, and the path to show in results when `source` was one."""
    image = source if isinstance(source, Image.Image) else load_image(source)
    return image, (str(source) if isinstance(source, (str, Path)) else None)


def _tidy(text: str) -> str:
    text = neutral_words(" ".join(text.split()))
    if text and text[0].islower():
        text = text[0].upper() + text[1:]
    return text if not text or text[-1] in ".!?…\"”" else text + "."


def _read_text(image: Image.Image, should_abort: AbortCheck | None) -> str | None:
    """Text in the image by the built-in OCR (Tesseract), when it looks like there is some."""
    try:
        from alttext_app.core.builtin import ocr

        if not ocr.likely_has_text(image):
            return None
        found = ocr.read_text(image, should_abort).text.strip()
    except (ImportError, OSError, RuntimeError):  # no Tesseract here: the description stands alone
        log.info("OCR unavailable for the detailed description", exc_info=True)
        return None
    return found or None
