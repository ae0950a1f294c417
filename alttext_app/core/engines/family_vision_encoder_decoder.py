"""Vision encoder-decoder captioners with a GPT-2 decoder: nlpconnect/vit-gpt2-image-captioning,
Mozilla/distilvit (ViT + distilgpt2). Usage as documented on their model cards: ViTImageProcessor
pixels, generate() from decoder_start_token_id, decode with skip_special_tokens, strip.
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


class VisionEncoderDecoderFamily(Family):
    name = "vision-encoder-decoder"
    label = "ViT-GPT2 (vision encoder-decoder)"
    models = ("nlpconnect/vit-gpt2-image-captioning", "Mozilla/distilvit")
    preprocess_defaults = {"size": {"height": 224, "width": 224}, "resample": 2}  # ViTImageProcessor

    def matches(self, config: dict[str, Any]) -> bool:
        decoder = config.get("decoder") or {}
        return config.get("model_type") == "vision-encoder-decoder" and decoder.get("model_type") == "gpt2"

    def generation_settings(self, model_dir: Path) -> GenerationSettings:
        config = read_json(model_dir / "config.json")
        decoder = config.get("decoder") or {}
        start = config.get("decoder_start_token_id")
        if start is None:
            start = decoder.get("decoder_start_token_id", decoder.get("bos_token_id"))
        if start is None:
            raise ModelError("The model's config.json names no decoder start token.")
        eos = config.get("eos_token_id", decoder.get("eos_token_id"))
        pad = config.get("pad_token_id", decoder.get("pad_token_id"))
        return settings_from_configs(model_dir, [int(start)], eos, pad, config)

    def load_torch(self, model_dir: Path, device: str, dtype: Any) -> Any:
        from transformers import VisionEncoderDecoderModel

        return load_pretrained(VisionEncoderDecoderModel, model_dir, device, dtype)

    def torch_generate(self, model, pixel_values, settings, gen_kwargs) -> list[list[int]]:
        import torch

        with torch.inference_mode():
            out = model.generate(
                pixel_values=pixel_values,
                decoder_start_token_id=settings.prompt_ids[0],
                **torch_kwargs(settings, gen_kwargs),
            )
        return strip_generated(out, len(settings.prompt_ids), settings.eos_token_ids)

    def export_onnx(self, model, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
        from alttext_app.core.engines import torch_graphs as tg

        lm = model.decoder
        proj = getattr(model, "enc_to_dec_proj", None)
        cfg = lm.config
        encoder = tg.EncoderWithCrossKV(model.encoder, proj, tg.gpt2_cross_kv_fns(lm), cfg.n_head)
        size = model.config.encoder.image_size
        size = (size, size) if isinstance(size, int) else tuple(size)
        return tg.export_encoder_decoder(
            encoder, tg.Gpt2DecoderStep(lm), out_dir, image_size=size, layers=cfg.n_layer,
            heads=cfg.n_head, head_dim=cfg.n_embd // cfg.n_head, opset=opset,
        )

    def onnx_runner(self, export_dir: Path, manifest: dict, session: SessionFactory) -> OnnxRunner:
        return two_graph_runner(export_dir, manifest, session)
