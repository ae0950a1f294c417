"""Validation loss, generated captions (greedy or beam) and their scores. Imports torch."""

from __future__ import annotations

import math

import torch

from alttext_app.core.engines.family_common import strip_generated, torch_kwargs
from alttext_app.core.training.bases import Prepared, _unwrap
from alttext_app.core.training.inputs import ImageInputs
from alttext_app.core.training.metrics import caption_metrics


def validation_loss(prepared: Prepared, model, inputs: ImageInputs, examples: list[tuple[int, str]],
                    batch_size: int, max_tokens: int, device: torch.device) -> float:
    model.eval()
    total = weight = 0.0
    with torch.inference_mode():
        for start in range(0, len(examples), batch_size):
            chunk = examples[start : start + batch_size]
            batch = {k: v.to(device) for k, v in prepared.batch([c for _, c in chunk], max_tokens).items()}
            loss = prepared.loss(model, inputs.get([i for i, _ in chunk], device), batch)
            total += float(loss) * len(chunk)
            weight += len(chunk)
    return total / weight if weight else math.nan


def generate_captions(prepared: Prepared, model, inputs: ImageInputs, indices: list[int], beams: int,
                      batch_size: int, device: torch.device) -> list[str]:
    model = _unwrap(model).eval()
    settings = prepared.settings
    gen = {"max_new_tokens": settings.max_new_tokens, "num_beams": beams}
    texts: list[str] = []
    for start in range(0, len(indices), batch_size):
        chunk = indices[start : start + batch_size]
        images = inputs.get(chunk, device)
        if "grid" in images:  # frozen founding backbone: decoder over the cached grid
            from transformers.modeling_outputs import BaseModelOutput

            with torch.inference_mode():
                hidden = model.encoder.head(images["grid"])
                out = model.generate(encoder_outputs=BaseModelOutput(last_hidden_state=hidden),
                                     decoder_start_token_id=settings.prompt_ids[0],
                                     **torch_kwargs(settings, gen))
            rows = strip_generated(out, len(settings.prompt_ids), settings.eos_token_ids)
        else:
            rows = prepared.family.torch_generate(model, images["pixel_values"], settings, gen)
        texts.extend(prepared.family.clean_text(prepared.tokenizer.decode(r, skip_special_tokens=True))
                     for r in rows)
    return texts


def score_split(prepared: Prepared, model, inputs: ImageInputs, references: list[list[str]],
                beams: int, batch_size: int, device: torch.device, limit: int | None = None) -> dict:
    """Metrics (and the captions) for the first `limit` images of a split."""
    count = len(references) if limit is None else min(limit, len(references))
    hyps = generate_captions(prepared, model, inputs, list(range(count)), beams, batch_size, device)
    refs = references[:count]
    return {**caption_metrics(hyps, refs), "images": count, "captions": hyps}
