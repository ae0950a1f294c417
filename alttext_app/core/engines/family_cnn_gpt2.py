"""The founding design: a CNN image encoder (EfficientNet-Lite0 or a Hugging Face vision model)
whose spatial feature grid is projected into a GPT-2-style decoder with cross-attention.

Models are made by `alttext train` (core.training). On disk they are ordinary
`VisionEncoderDecoderModel` folders whose encoder is `engines.cnn_encoders.CnnEncoderModel`
(`encoder.model_type == "alttext-cnn"`), so generation, the ONNX graphs (encoder + cross K/V once
per image, KV-cache decoder step) and the numpy runner are the ViT-GPT2 family's; this family adds
the encoder's registration with transformers before loading.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alttext_app.core.engines.family_common import load_pretrained
from alttext_app.core.engines.family_vision_encoder_decoder import VisionEncoderDecoderFamily

ENCODER_TYPE = "alttext-cnn"  # engines.cnn_encoders.MODEL_TYPE (that module imports torch)


class CnnGpt2Family(VisionEncoderDecoderFamily):
    name = "cnn-gpt2"
    label = "CNN + GPT-2 (trained with AltText)"
    models = ()

    def matches(self, config: dict[str, Any]) -> bool:
        encoder = config.get("encoder") or {}
        return super().matches(config) and encoder.get("model_type") == ENCODER_TYPE

    def load_torch(self, model_dir: Path, device: str, dtype: Any) -> Any:
        from transformers import VisionEncoderDecoderModel

        from alttext_app.core.engines import cnn_encoders

        cnn_encoders.register()
        return load_pretrained(VisionEncoderDecoderModel, model_dir, device, dtype)
