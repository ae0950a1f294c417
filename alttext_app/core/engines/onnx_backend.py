"""The ONNX Runtime backend: captions with an `alttext export` folder; never imports torch.

Sessions use CUDAExecutionProvider when asked for (or on auto when onnxruntime has it), else the
CPU provider with one intra-op thread per usable core; decoding is `engines.generation`.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from alttext_app.core.captioner import AbortCheck, CaptionOptions, RawCaption, check_abort
from alttext_app.core.engines import prepared_graphs
from alttext_app.core.engines.common import (
    PromptedCaptioning,
    TextDecoder,
    cpu_threads,
    model_name,
    run_settings,
)
from alttext_app.core.engines.family import AskInputs, GenerationSettings
from alttext_app.core.engines.generation import Generated, generate_from
from alttext_app.core.engines.manifest import read_manifest
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


def session_options(threads: int | None = None, optimize: bool = True):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = (ort.GraphOptimizationLevel.ORT_ENABLE_ALL if optimize
                                        else ort.GraphOptimizationLevel.ORT_DISABLE_ALL)
    options.intra_op_num_threads = threads or cpu_threads()
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.log_severity_level = 3
    # Spinning worker threads cut latency on an idle machine but collapse throughput when the CPU
    # is shared (a desktop app always shares it): off unless ALTTEXT_ORT_SPIN=1.
    spin = "1" if os.environ.get("ALTTEXT_ORT_SPIN") == "1" else "0"
    options.add_session_config_entry("session.intra_op.allow_spinning", spin)
    return options


def session_factory(providers: list[Any], threads: int | None = None,
                    prepared: dict[str, Any] | None = None):
    """`open_session(path)` for the graphs of one export. `prepared`: the manifest's entry of
    graphs optimised at export time (`engines.prepared_graphs`), opened without optimising again
    where they fit this machine; the plain graph otherwise, or when a prepared one fails."""
    import onnxruntime as ort

    cpu_only = list(providers) == ["CPUExecutionProvider"]

    def open_session(path: Path):
        fast = prepared_graphs.graph_to_open(path, prepared, cpu_only)
        if fast is not None:
            try:
                return ort.InferenceSession(str(fast), sess_options=session_options(threads, False),
                                            providers=providers)
            except Exception:  # onnxruntime raises its own Fail/InvalidGraph types
                log.warning("the prepared graph %s could not be opened; using %s", fast.name,
                            path.name, exc_info=True)
        try:
            return ort.InferenceSession(str(path), sess_options=session_options(threads),
                                        providers=providers)
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
            log.exception("opening %s failed", path)
            raise ModelError(f"The model file “{path.name}” could not be opened.") from exc

    return open_session


class OnnxCaptioner(PromptedCaptioning):
    backend = "onnx"

    def __init__(self, export_dir: str | Path, device: str = "auto", threads: int | None = None) -> None:
        export_dir = Path(export_dir)
        self.model_dir = export_dir
        self.model_name = model_name(export_dir)
        self.manifest = read_manifest(export_dir)
        self.family = family_by_name(str(self.manifest.get("family")))
        providers, self.device = pick_providers(device)
        self.preprocessor = self.family.preprocessor_from_json(self.manifest["preprocess"])
        self.settings = GenerationSettings.from_json(self.manifest["generation"])
        self.decoder = TextDecoder(export_dir)
        self.runner = self.family.onnx_runner(
            export_dir, self.manifest,
            session_factory(providers, threads, self.manifest.get("prepared")),
        )

    def generate_ids(
        self, image, options: CaptionOptions, should_abort: AbortCheck | None = None,
        min_new_tokens: int = 0, inputs: AskInputs | None = None,
    ) -> Generated:
        pixels = self.family.preprocess(self.preprocessor, image)
        settings, max_new = run_settings(self.settings, options, inputs, min_new_tokens)
        check_abort(should_abort)
        if inputs is not None and inputs.question_ids is not None:
            encode_question = getattr(self.runner, "encode_question", None)
            if encode_question is None:  # an export made before this model could take questions
                raise ModelError("This export cannot take questions; export the model again.")
            state = encode_question(pixels, inputs.question_ids)
        else:
            state = self.runner.encode(pixels)
        return generate_from(
            self.runner, state, settings, max_new_tokens=max_new,
            num_beams=max(1, options.num_beams), should_abort=should_abort,
        )

    def _text(self, out: Generated) -> RawCaption:
        text = self.family.clean_text(self.decoder.decode(out.token_ids))
        return RawCaption(text=text, extra={"tokens": len(out.token_ids)})

    def close(self) -> None:
        self.runner = None
