"""BLIP visual question answering: Salesforce/blip-vqa-base (BlipForQuestionAnswering, BSD-3-Clause).

Usage as on the model card and in transformers: BlipProcessor pixels (384 px, bicubic, CLIP
mean/std) and the question tokenised by its BERT tokenizer ([CLS] question [SEP], lower case);
generate() encodes the image, reads the question with the text encoder (cross-attending to the
image), then decodes the answer from [DEC] until [SEP]. Answers are short ("two", "red", "yes").
It answers questions only; it writes no captions.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import numpy as np

from alttext_app.core.engines.family import AskInputs, GenerationSettings, SessionFactory
from alttext_app.core.engines.family_blip import BlipFamily
from alttext_app.core.engines.family_common import (
    load_pretrained,
    strip_generated,
    torch_kwargs,
)
from alttext_app.core.engines.kv_runner import KVCacheRunner, KVState
from alttext_app.core.errors import ModelError

MAX_QUESTION_TOKENS = 35  # BLIP's VQA fine-tuning truncated questions at 35 tokens


class BlipVqaFamily(BlipFamily):
    name = "blip-vqa"
    label = "BLIP VQA"
    models = ("Salesforce/blip-vqa-base", "Salesforce/blip-vqa-capfilt-large")
    writes_captions = False
    answers_questions = True

    def matches(self, config: dict[str, Any]) -> bool:
        return config.get("model_type") == "blip" and "BlipForQuestionAnswering" in (
            config.get("architectures") or []
        )

    def ask_inputs(self, tokenizer: Any, question: str, settings: GenerationSettings) -> AskInputs:
        ids = list(tokenizer.encode(" ".join(question.split())).ids)
        if len(ids) <= 2:
            raise ModelError("Type a question first.")
        if len(ids) > MAX_QUESTION_TOKENS:  # keep [CLS] ... and the closing [SEP]
            ids = ids[: MAX_QUESTION_TOKENS - 1] + ids[-1:]
        return AskInputs(prompt_ids=list(settings.prompt_ids), question_ids=ids)

    def load_torch(self, model_dir: Path, device: str, dtype: Any) -> Any:
        from transformers import BlipForQuestionAnswering

        return load_pretrained(BlipForQuestionAnswering, model_dir, device, dtype)

    def torch_generate(self, model, pixel_values, settings, gen_kwargs) -> list[list[int]]:
        raise ModelError("This model answers questions only; choose a captioning model for alt text.")

    def torch_answer(self, model, pixel_values, inputs, settings, gen_kwargs) -> list[list[int]]:
        import torch

        kwargs = torch_kwargs(settings, gen_kwargs)
        kwargs.pop("eos_token_id", None)  # generate() passes [SEP] and [PAD] itself
        kwargs.pop("pad_token_id", None)
        question = torch.tensor([inputs.question_ids], dtype=torch.long, device=pixel_values.device)
        with torch.inference_mode():
            out = model.generate(input_ids=question, pixel_values=pixel_values, **kwargs)
        return strip_generated(out, len(settings.prompt_ids), settings.eos_token_ids)

    def export_onnx(self, model, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
        from alttext_app.core.engines.blip_vqa_export import export_blip_vqa

        return export_blip_vqa(model, out_dir, opset)

    def onnx_runner(self, export_dir: Path, manifest: dict, session: SessionFactory) -> BlipVqaRunner:
        graphs = manifest["graphs"]
        return BlipVqaRunner(
            session(export_dir / graphs["vision"]),
            session(export_dir / graphs["question"]),
            session(export_dir / graphs["decoder"]),
            manifest["family_settings"],
        )


class BlipVqaRunner(KVCacheRunner):
    """KV-cache runner whose encoder state comes from an image and a question."""

    def __init__(self, vision: Any, question: Any, decoder: Any, family_settings: dict[str, Any]) -> None:
        super().__init__(question, decoder, family_settings)
        self.vision = vision
        self._image: tuple[bytes, np.ndarray] | None = None  # (pixels digest, image_embeds)

    def encode(self, pixel_values: np.ndarray) -> KVState:
        raise ModelError("This model answers questions only; choose a captioning model for alt text.")

    def image_embeds(self, pixel_values: np.ndarray) -> np.ndarray:
        """The vision graph's output, reused while the person keeps asking about the same image."""
        digest = hashlib.blake2b(np.ascontiguousarray(pixel_values).tobytes(), digest_size=16).digest()
        if self._image is None or self._image[0] != digest:
            (embeds,) = self.vision.run(["image_embeds"], {"pixel_values": pixel_values})
            self._image = (digest, embeds)
        return self._image[1]

    def encode_question(self, pixel_values: np.ndarray, question_ids: list[int]) -> KVState:
        return self.encode_feeds({
            "image_embeds": self.image_embeds(pixel_values),
            "input_ids": np.asarray([question_ids], dtype=np.int64),
        })
