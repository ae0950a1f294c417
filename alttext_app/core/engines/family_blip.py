"""BLIP captioners: Salesforce/blip-image-captioning-base and -large (BlipForConditionalGeneration).

Unconditional captioning as on the model cards: BlipImageProcessor pixels (384 px, bicubic, CLIP
mean/std), generate() with input_ids = [bos] ([DEC]), stop at [SEP], decode with
skip_special_tokens.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alttext_app.core.engines.family import (
    Family,
    GenerationSettings,
    OnnxRunner,
    SessionFactory,
    read_json,
)
from alttext_app.core.engines.family_common import (
    load_pretrained,
    settings_from_configs,
    strip_generated,
    torch_kwargs,
    two_graph_runner,
)
from alttext_app.core.errors import ModelError


class BlipFamily(Family):
    name = "blip"
    label = "BLIP"
    models = ("Salesforce/blip-image-captioning-base", "Salesforce/blip-image-captioning-large")
    preprocess_defaults = {  # transformers BlipImageProcessor
        "size": {"height": 384, "width": 384},
        "resample": 3,
        "image_mean": [0.48145466, 0.4578275, 0.40821073],
        "image_std": [0.26862954, 0.26130258, 0.27577711],
    }

    def matches(self, config: dict[str, Any]) -> bool:
        architectures = config.get("architectures") or []
        return config.get("model_type") == "blip" and (
            not architectures or "BlipForConditionalGeneration" in architectures
        )

    def generation_settings(self, model_dir: Path) -> GenerationSettings:
        config = read_json(model_dir / "config.json")
        text = config.get("text_config") or {}
        bos = text.get("bos_token_id", 30522)
        eos = text.get("sep_token_id", 102)  # BLIP stops at [SEP], not at its eos_token_id
        pad = text.get("pad_token_id", 0)
        if bos is None:
            raise ModelError("The model's config.json names no start token.")
        settings = settings_from_configs(model_dir, [int(bos)], None, pad, {**text, **config})
        settings.eos_token_ids = [int(eos)]
        return settings

    def load_torch(self, model_dir: Path, device: str, dtype: Any) -> Any:
        from transformers import BlipForConditionalGeneration

        return load_pretrained(BlipForConditionalGeneration, model_dir, device, dtype)

    def torch_generate(self, model, pixel_values, settings, gen_kwargs) -> list[list[int]]:
        import torch

        kwargs = torch_kwargs(settings, gen_kwargs)
        kwargs.pop("eos_token_id", None)  # BLIP's generate passes sep_token_id itself
        kwargs.pop("pad_token_id", None)
        with torch.inference_mode():
            out = model.generate(pixel_values=pixel_values, **kwargs)
        return strip_generated(out, len(settings.prompt_ids), settings.eos_token_ids)

    def export_onnx(self, model, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
        from alttext_app.core.engines import torch_graphs as tg

        decoder = model.text_decoder
        cfg = decoder.config
        heads = cfg.num_attention_heads
        encoder = tg.EncoderWithCrossKV(model.vision_model, None, tg.blip_cross_kv_fns(decoder), heads)
        size = model.config.vision_config.image_size
        return tg.export_encoder_decoder(
            encoder, tg.BlipTextDecoderStep(decoder), out_dir, image_size=(size, size),
            layers=cfg.num_hidden_layers, heads=heads, head_dim=cfg.hidden_size // heads, opset=opset,
        )

    def onnx_runner(self, export_dir: Path, manifest: dict, session: SessionFactory) -> OnnxRunner:
        return two_graph_runner(export_dir, manifest, session)
