"""The PyTorch backend: transformers generate() on CPU or CUDA (fp16 on GPU), loaded once."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from alttext_app.core.captioner import AbortCheck, CaptionOptions, RawCaption
from alttext_app.core.engines.common import (
    PromptedCaptioning,
    TextDecoder,
    free_cpu_threads,
    model_name,
    run_settings,
)
from alttext_app.core.engines.family import AskInputs
from alttext_app.core.engines.registry import family_for_dir
from alttext_app.core.errors import Cancelled, ModelError

log = logging.getLogger(__name__)


def pick_device(device: str) -> str:
    import torch

    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda" and not torch.cuda.is_available():
        raise ModelError("No CUDA graphics card is available; choose the CPU instead.")
    if device not in ("cpu", "cuda"):
        raise ModelError(f"Unknown device “{device}”; use auto, cpu or cuda.")
    return device


def pick_dtype(device: str, dtype: str = "auto") -> Any:
    import torch

    names = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}
    if dtype != "auto":
        return names[dtype]
    return torch.float16 if device == "cuda" else torch.float32


def _abort_criteria(should_abort: AbortCheck | None, flag: list[bool]):
    """A transformers StoppingCriteria that ends generation when the caller asks to stop."""
    import torch
    from transformers import StoppingCriteria

    class AbortCriteria(StoppingCriteria):
        def __call__(self, input_ids, scores, **kwargs):  # noqa: ARG002 - signature is fixed
            stop = bool(should_abort and should_abort())
            flag[0] = flag[0] or stop
            return torch.full((input_ids.shape[0],), stop, dtype=torch.bool, device=input_ids.device)

    return AbortCriteria()


def _transformers_logs_to_our_log() -> None:
    """transformers prints its warnings on stderr (one per caption for some models): send them to
    our log file instead, where the details belong."""
    from transformers.utils import logging as hf_logging

    hf_logging.disable_default_handler()
    hf_logging.enable_propagation()


class TorchCaptioner(PromptedCaptioning):
    backend = "torch"

    def __init__(self, model_dir: str | Path, device: str = "auto", dtype: str = "auto") -> None:
        import torch

        _transformers_logs_to_our_log()

        model_dir = Path(model_dir)
        self.model_dir = model_dir
        self.model_name = model_name(model_dir)
        self.family = family_for_dir(model_dir)
        self.device = pick_device(device)
        self.dtype = pick_dtype(self.device, dtype)
        if self.device == "cpu":
            torch.set_num_threads(free_cpu_threads())
        self.preprocessor = self.family.preprocessor(model_dir)
        self.settings = self.family.generation_settings(model_dir)
        self.decoder = TextDecoder(model_dir)
        try:
            self.model = self.family.load_torch(model_dir, self.device, self.dtype)
        except ModelError:
            raise
        except (OSError, ValueError, RuntimeError) as exc:
            log.exception("loading %s failed", model_dir)
            raise ModelError(f"The model “{self.model_name}” could not be loaded.") from exc

    def generate_ids(
        self, image, options: CaptionOptions, should_abort: AbortCheck | None = None,
        min_new_tokens: int = 0, inputs: AskInputs | None = None,
    ) -> list[int]:
        import torch
        from transformers import StoppingCriteriaList

        if self.device == "cpu":  # the cores free now, not when the model was loaded
            threads = free_cpu_threads()
            if threads != torch.get_num_threads():
                torch.set_num_threads(threads)
        pixels = self.family.preprocess(self.preprocessor, image)
        pixel_values = torch.from_numpy(pixels).to(self.device, self.dtype)
        aborted = [False]
        settings, max_new = run_settings(self.settings, options, inputs, min_new_tokens)
        kwargs = {
            "max_new_tokens": max_new,
            "num_beams": max(1, options.num_beams),
            "stopping_criteria": StoppingCriteriaList([_abort_criteria(should_abort, aborted)]),
        }
        if inputs is None:
            ids = self.family.torch_generate(self.model, pixel_values, settings, kwargs)[0]
        else:
            ids = self.family.torch_answer(self.model, pixel_values, inputs, settings, kwargs)[0]
        if aborted[0]:
            raise Cancelled()
        return ids

    def _text(self, ids: list[int]) -> RawCaption:
        return RawCaption(text=self.family.clean_text(self.decoder.decode(ids)), extra={"tokens": len(ids)})

    def close(self) -> None:
        self.model = None
        try:
            import torch

            if torch.cuda.is_available():
                torch.cuda.empty_cache()
        except Exception:  # freeing memory must never fail a shutdown
            log.debug("cuda cache not emptied", exc_info=True)
