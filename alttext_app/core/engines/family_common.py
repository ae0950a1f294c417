"""Helpers every model family shares (generation settings, generate() arguments, safe loading,
the ONNX runner of a two-graph export). Families import from here, never from one another.
Module-level imports: numpy/stdlib only (the ONNX path must not import torch).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alttext_app.core.engines.family import (
    GenerationSettings,
    OnnxRunner,
    SessionFactory,
    generation_config,
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


def two_graph_runner(
    export_dir: Path, manifest: dict, session: SessionFactory,
    runner: type = KVCacheRunner, first: str = "encoder",
) -> OnnxRunner:
    """The runner of an export made of an image graph (`first`) and a step-wise decoder graph."""
    graphs = manifest["graphs"]
    return runner(
        session(export_dir / graphs[first]),
        session(export_dir / graphs["decoder"]),
        manifest["family_settings"],
    )
