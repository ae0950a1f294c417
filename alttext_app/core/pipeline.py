"""Caption one image end to end: read it, get the captioner, run it, apply the alt-text rules."""

from __future__ import annotations

import time
from pathlib import Path

from PIL import Image

from alttext_app.core.alttext_rules import finalize_alt_text
from alttext_app.core.captioner import AbortCheck, CaptionOptions, CaptionResult, check_abort
from alttext_app.core.images import load_image
from alttext_app.core.service import AUTO, ModelService, default_service


def caption_image(
    source: str | Path | bytes | Image.Image,
    *,
    model: str = AUTO,
    backend: str = "auto",
    device: str = "auto",
    options: CaptionOptions | None = None,
    should_abort: AbortCheck | None = None,
    service: ModelService | None = None,
) -> CaptionResult:
    options = options or CaptionOptions()
    image = source if isinstance(source, Image.Image) else load_image(source)
    check_abort(should_abort)
    captioner = (service or default_service()).get(model, backend, device)
    check_abort(should_abort)
    started = time.perf_counter()
    raw = captioner.caption(image, options, should_abort)
    seconds = time.perf_counter() - started
    alt = finalize_alt_text(raw.text, max_chars=options.max_chars)
    return CaptionResult(
        path=str(source) if isinstance(source, (str, Path)) else None,
        alt_text=alt,
        raw_text=raw.text,
        model=captioner.model_name,
        backend=captioner.backend,
        device=captioner.device,
        seconds=seconds,
        kind=raw.kind,
        ocr_text=raw.ocr_text,
        labels=raw.labels,
    )
