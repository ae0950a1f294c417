"""MarianMT translation models (Helsinki-NLP/opus-mt-*): English captions into the user's language.

A translator is not a captioner, but it is the same machine — an encoder, then a decoder that
writes tokens one by one with cross-attention — so it runs through the same engines: transformers
`generate()` for PyTorch, and for ONNX the shared export layout (an encoder graph that computes
every decoder layer's cross-attention K/V once per sentence, a one-token decoder step with a
self-attention cache), driven by `KVCacheRunner` and the shared greedy/beam loop. Only the
encoder's input differs: token ids of the English sentence instead of pixels.

Documented usage (transformers MarianMT docs, the opus-mt model cards): MarianTokenizer (two
SentencePiece models, source.spm and target.spm, and one shared vocab.json), generate() from
`decoder_start_token_id` (the pad token), `bad_words_ids` [[pad]] so the pad token is never
written, `renormalize_logits`; multi-target models (opus-mt-en-zh among them) want the target
language as a first token `>>cmn_Hans<<`. Tokenising is `engines.marian_text` (sentencepiece, no
transformers), the same on both backends.
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
from alttext_app.core.engines.family_common import (
    load_pretrained,
    settings_from_configs,
    strip_generated,
    torch_kwargs,
    two_graph_runner,
)
from alttext_app.core.errors import ModelError

# A caption is one sentence: 128 target tokens is several times what it needs, and bounds a
# runaway decode (the models' own max_length is 512).
TRANSLATION_MAX_NEW_TOKENS = 128


class MarianFamily(Family):
    name = "marian"
    label = "MarianMT (translation)"
    models = ("Helsinki-NLP/opus-mt-en-zh", "Helsinki-NLP/opus-mt-en-de")
    task = "translation"

    def matches(self, config: dict[str, Any]) -> bool:
        return config.get("model_type") == "marian"

    def preprocessor(self, model_dir: Path):  # noqa: ARG002 - text models have no image side
        raise ModelError("A translation model cannot describe images; it translates descriptions.")

    def generation_settings(self, model_dir: Path) -> GenerationSettings:
        config = read_json(model_dir / "config.json")
        gen = generation_config(model_dir)
        pad = gen.get("pad_token_id", config.get("pad_token_id"))
        start = gen.get("decoder_start_token_id", config.get("decoder_start_token_id", pad))
        if start is None:
            raise ModelError("The translation model's config.json names no decoder start token.")
        settings = settings_from_configs(model_dir, [int(start)], config.get("eos_token_id", 0), pad, config)
        bad = gen.get("bad_words_ids", config.get("bad_words_ids")) or []
        settings.suppress_token_ids = [int(ids[0]) for ids in bad if len(ids) == 1]
        settings.renormalize_logits = bool(gen.get("renormalize_logits", False))
        if not gen.get("max_new_tokens"):
            settings.max_new_tokens = TRANSLATION_MAX_NEW_TOKENS
        # Positions past the table do not exist: the prompt plus new tokens must fit in it.
        positions = int(config.get("max_position_embeddings") or 512)
        settings.max_new_tokens = min(settings.max_new_tokens, positions - len(settings.prompt_ids))
        return settings

    def load_torch(self, model_dir: Path, device: str, dtype: Any) -> Any:
        from transformers import MarianMTModel

        return load_pretrained(MarianMTModel, model_dir, device, dtype)

    def torch_generate(self, model, pixel_values, settings, gen_kwargs) -> list[list[int]]:
        """`pixel_values` is the source sentence's token ids here, (1, S) int64."""
        import torch

        kwargs = torch_kwargs(settings, gen_kwargs)
        kwargs["forced_eos_token_id"] = None  # the ONNX loop never forces EOS at the length limit
        if kwargs.get("num_beams", 1) <= 1:
            kwargs.pop("early_stopping", None)
        ids = pixel_values.to(torch.long)
        with torch.inference_mode():
            out = model.generate(
                input_ids=ids, attention_mask=torch.ones_like(ids),
                decoder_input_ids=torch.tensor([settings.prompt_ids], device=ids.device), **kwargs,
            )
        return strip_generated(out, len(settings.prompt_ids), settings.eos_token_ids)

    def export_onnx(self, model, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
        from alttext_app.core.engines.marian_export import export_marian

        return export_marian(model.float().eval(), Path(out_dir), opset)

    def onnx_runner(self, export_dir: Path, manifest: dict, session: SessionFactory) -> OnnxRunner:
        return two_graph_runner(export_dir, manifest, session)
