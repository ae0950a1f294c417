"""Caption one image end to end: read it, get the captioner, run it, apply the alt-text rules.

Front ends call `Session.caption`, which resolves the model name once and calls this.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image

from alttext_app.core.alttext_rules import finalize_alt_text
from alttext_app.core.captioner import AbortCheck, CaptionOptions, CaptionResult, check_abort
from alttext_app.core.images import load_image
from alttext_app.core.protocols import Backend, Device, Stage
from alttext_app.core.service import AUTO, ModelService, default_service
from alttext_app.core.translation import localize_result

StageCallback = Callable[[Stage], None]


def caption_image(
    source: str | Path | bytes | Image.Image,
    *,
    model: str = AUTO,
    backend: str = Backend.AUTO,
    device: str = Device.AUTO,
    options: CaptionOptions | None = None,
    should_abort: AbortCheck | None = None,
    service: ModelService | None = None,
    on_stage: StageCallback | None = None,
    display_path: str | None = None,
) -> CaptionResult:
    """The finished alt text for `source`. `on_stage` hears each Stage as it begins (on this
    thread); `display_path` is the path shown in the result (defaults to `source` when a path)."""
    options = options or CaptionOptions()
    stage = on_stage or (lambda _stage: None)
    if isinstance(source, Image.Image):
        image = source
    else:
        stage(Stage.READING)
        image = load_image(source)
    check_abort(should_abort)
    stage(Stage.LOADING)
    captioner = (service or default_service()).get(model, backend, device)
    check_abort(should_abort)
    stage(Stage.DESCRIBING)
    started = time.perf_counter()
    raw = captioner.caption(image, options, should_abort)
    seconds = time.perf_counter() - started
    alt = finalize_alt_text(raw.text, max_chars=options.total_chars, language=raw.language)
    if display_path is None and isinstance(source, (str, Path)):
        display_path = str(source)
    result = CaptionResult(
        path=display_path,
        alt_text=alt,
        raw_text=raw.text,
        model=captioner.model_name,
        backend=captioner.backend,
        device=captioner.device,
        seconds=seconds,
        kind=raw.kind,
        ocr_text=raw.ocr_text,
        labels=raw.labels,
        lang=raw.language,
    )
    # An English-only captioner's words in the wanted language, through a translation model.
    return localize_result(result, options.language, options.total_chars, should_abort)
