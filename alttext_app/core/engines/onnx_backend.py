"""The ONNX Runtime backend: captions with an `alttext export` folder; never imports torch.

Sessions use CUDAExecutionProvider when asked for (or on auto when onnxruntime has it), else the
CPU provider with one intra-op thread per usable core; decoding is `engines.generation`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from alttext_app.core.captioner import AbortCheck, CaptionOptions, RawCaption
from alttext_app.core.engines.common import TextDecoder, cpu_threads, model_name
from alttext_app.core.engines.family import GenerationSettings
from alttext_app.core.engines.generation import Generated, generate
from alttext_app.core.engines.manifest import read_manifest
from alttext_app.core.engines.preprocess import ImagePreprocessor
from alttext_app.core.engines.registry import family_by_name
from alttext_app.core.errors import ModelError

log = logging.getLogger(__name__)


def pick_providers(device: str) -> tuple[list[Any], str]:
    import onnxruntime as ort

    available = ort.get_available_providers()
    cuda = "CUDAExecutionProvider" in available
    if device == "cuda" and not cuda:
        raise ModelError("ONNX Runtime here has no CUDA support; choose the CPU instead.")
    if device not in ("auto", "cpu", "cuda"):
        raise ModelError(f"Unknown device “{device}”; use auto, cpu or cuda.")
    if cuda and device in ("auto", "cuda"):
        return ["CUDAExecutionProvider", "CPUExecutionProvider"], "cuda"
    return ["CPUExecutionProvider"], "cpu"


def session_factory(providers: list[Any], threads: int | None = None):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = threads or cpu_threads()
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3
    # Spinning worker threads cut latency on an idle machine but collapse throughput when the CPU
    # is shared (a desktop app always shares it): off unless ALTTEXT_ORT_SPIN=1.
    spin = "1" if os.environ.get("ALTTEXT_ORT_SPIN") == "1" else "0"
    options.add_session_config_entry("session.intra_op.allow_spinning", spin)

    def open_session(path: Path):
        try:
            return ort.InferenceSession(str(path), sess_options=options, providers=providers)
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
            log.exception("opening %s failed", path)
            raise ModelError(f"The model file “{path.name}” could not be opened.") from exc

    return open_session


class OnnxCaptioner:
    backend = "onnx"

    def __init__(self, export_dir: str | Path, device: str = "auto", threads: int | None = None) -> None:
        export_dir = Path(export_dir)
        self.model_dir = export_dir
        self.model_name = model_name(export_dir)
        self.manifest = read_manifest(export_dir)
        self.family = family_by_name(str(self.manifest.get("family")))
        providers, self.device = pick_providers(device)
        self.preprocessor = ImagePreprocessor.from_json(self.manifest["preprocess"])
        self.settings = GenerationSettings.from_json(self.manifest["generation"])
        self.decoder = TextDecoder(export_dir)
        self.runner = self.family.onnx_runner(
            export_dir, self.manifest, session_factory(providers, threads)
        )

    def generate_ids(
        self, image, options: CaptionOptions, should_abort: AbortCheck | None = None,
        min_new_tokens: int = 0,
    ) -> Generated:
        pixels = self.family.preprocess(self.preprocessor, image)
        settings = self.settings
        if min_new_tokens:
            from dataclasses import replace

            settings = replace(settings, min_new_tokens=min_new_tokens)
        return generate(
            self.runner, pixels, settings,
            max_new_tokens=options.max_length or settings.max_new_tokens,
            num_beams=max(1, options.num_beams), should_abort=should_abort,
        )

    def caption(
        self, image, options: CaptionOptions, should_abort: AbortCheck | None = None
    ) -> RawCaption:
        out = self.generate_ids(image, options, should_abort)
        text = self.family.clean_text(self.decoder.decode(out.token_ids))
        return RawCaption(text=text, extra={"tokens": len(out.token_ids)})

    def close(self) -> None:
        self.runner = None
