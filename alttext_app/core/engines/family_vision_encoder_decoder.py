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
    generation_config,
    read_json,
)
from alttext_app.core.engines.kv_runner import KVCacheRunner
from alttext_app.core.errors import ModelError

GENERATION_KEYS = ("num_beams", "length_penalty", "early_stopping", "no_repeat_ngram_size",
                   "repetition_penalty")


def settings_from_configs(
    model_dir: Path, prompt_ids: list[int], eos: Any, pad: Any, fallback: dict[str, Any]
) -> GenerationSettings:
    """Merge generation_config.json over legacy keys in config.json (how transformers does it)."""
    gen = {**{k: fallback[k] for k in GENERATION_KEYS if k in fallback}, **generation_config(model_dir)}
    eos_ids = gen.get("eos_token_id", eos)
    eos_ids = [int(e) for e in (eos_ids if isinstance(eos_ids, list) else [eos_ids]) if e is not None]
    max_len = gen.get("max_new_tokens") or (
        int(gen["max_length"]) - len(prompt_ids) if gen.get("max_length") else 20
    )
    return GenerationSettings(
        prompt_ids=prompt_ids,
        eos_token_ids=eos_ids,
        pad_token_id=gen.get("pad_token_id", pad),
        max_new_tokens=max(1, int(max_len)),
        num_beams=int(gen.get("num_beams") or 1),
        length_penalty=float(gen.get("length_penalty", 1.0)),
        early_stopping=gen.get("early_stopping", False),
        no_repeat_ngram_size=int(gen.get("no_repeat_ngram_size") or 0),
        repetition_penalty=float(gen.get("repetition_penalty") or 1.0),
    )


def torch_kwargs(settings: GenerationSettings, gen_kwargs: dict[str, Any]) -> dict[str, Any]:
    """generate() arguments that pin every setting, so torch and ONNX decode the same way."""
    return {
        "do_sample": False,
        "eos_token_id": settings.eos_token_ids,
        "pad_token_id": settings.pad_token_id,
        "length_penalty": settings.length_penalty,
        "early_stopping": settings.early_stopping,
        "no_repeat_ngram_size": settings.no_repeat_ngram_size,
        "repetition_penalty": settings.repetition_penalty,
        "min_new_tokens": settings.min_new_tokens or None,
        "bad_words_ids": [[t] for t in settings.suppress_token_ids] or None,
        "renormalize_logits": settings.renormalize_logits,
        **gen_kwargs,
    }


def strip_generated(sequences: Any, prompt_len: int, eos: list[int]) -> list[list[int]]:
    rows = []
    for row in sequences.tolist():
        out = []
        for token in row[prompt_len:]:
            if token in eos:
                break
            out.append(int(token))
        rows.append(out)
    return rows


def load_pretrained(cls: Any, model_dir: Path, device: str, dtype: Any) -> Any:
    """from_pretrained with safe defaults: local files only, no remote code, safetensors first."""
    has_safetensors = any(model_dir.glob("*.safetensors"))
    if not has_safetensors and not any(model_dir.glob("pytorch_model*.bin")):
        raise ModelError(f"The folder “{model_dir.name}” has no model weights.")
    # CPU: eager attention, the reference the ONNX graphs reproduce. GPU: transformers' default
    # (SDPA where the architecture supports it; BLIP does not).
    extra = {"attn_implementation": "eager"} if device == "cpu" else {}
    model = cls.from_pretrained(
        model_dir,
        local_files_only=True,
        trust_remote_code=False,
        use_safetensors=has_safetensors,  # pickled .bin weights: transformers loads weights_only
        dtype=dtype,
        **extra,
    )
    return model.to(device).eval()


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
        graphs = manifest["graphs"]
        return KVCacheRunner(
            session(export_dir / graphs["encoder"]),
            session(export_dir / graphs["decoder"]),
            manifest["family_settings"],
        )
