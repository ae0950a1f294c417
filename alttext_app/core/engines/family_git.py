"""GIT captioners: microsoft/git-base-coco (and git-base / git-large-coco), GitForCausalLM.

Documented usage (model card, transformers docs): a CLIP image processor (224 px shortest edge,
bicubic, centre crop, CLIP mean/std) and a BERT uncased tokenizer; `generate(pixel_values=...)`
starts from [CLS] (bos_token_id 101), stops at [SEP] (102), and the caption is decoded with
skip_special_tokens.

ONNX: `vision.onnx` turns pixels into image tokens once per image; `decoder.onnx` takes them with
the prompt on its first call and caches their keys/values (image tokens never attend to text, so
they are never recomputed), then takes one token per call. See `engines.git_export`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

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
from alttext_app.core.engines.preprocess import CLIP_PROCESSOR_DEFAULTS
from alttext_app.core.errors import ModelError

# The model card's example calls generate(pixel_values, max_length=50); [CLS] is one of the 50.
DOCUMENTED_MAX_LENGTH = 50


@dataclass
class GitState:
    image: Any  # (B, N, hidden) image tokens not yet fed to the decoder, or (B, 0, hidden)
    past_k: Any  # (L, B, heads, T, head_dim): image prefix, then the text so far
    past_v: Any


class GitRunner:
    """Drives vision.onnx once per image, then decoder.onnx once per token (numpy, no torch)."""

    def __init__(self, vision: Any, decoder: Any, family_settings: dict[str, Any]) -> None:
        self.vision = vision
        self.decoder = decoder
        self.layers = int(family_settings["layers"])
        self.heads = int(family_settings["heads"])
        self.head_dim = int(family_settings["head_dim"])

    def encode(self, pixel_values: np.ndarray) -> GitState:
        (image,) = self.vision.run(["image_embeds"], {"pixel_values": pixel_values})
        empty = np.zeros((self.layers, image.shape[0], self.heads, 0, self.head_dim), dtype=image.dtype)
        return GitState(image, empty, empty)

    def step(self, state: GitState, input_ids: np.ndarray) -> tuple[np.ndarray, GitState]:
        logits, present_k, present_v = self.decoder.run(
            ["logits", "present_k", "present_v"],
            {"input_ids": input_ids, "image_embeds": state.image,
             "past_k": state.past_k, "past_v": state.past_v},
        )
        # The image prefix now lives in the cache; later calls carry no image tokens.
        done = np.zeros((state.image.shape[0], 0, state.image.shape[2]), dtype=state.image.dtype)
        return logits, GitState(done, present_k, present_v)

    def select(self, state: GitState, rows: np.ndarray) -> GitState:
        rows = np.asarray(rows, dtype=np.int64)
        return GitState(
            np.ascontiguousarray(np.take(state.image, rows, axis=0)),
            np.ascontiguousarray(np.take(state.past_k, rows, axis=1)),
            np.ascontiguousarray(np.take(state.past_v, rows, axis=1)),
        )


class GitFamily(Family):
    name = "git"
    label = "GIT (Generative Image-to-text Transformer)"
    models = ("microsoft/git-base-coco", "microsoft/git-base", "microsoft/git-large-coco")
    preprocess_defaults = CLIP_PROCESSOR_DEFAULTS

    def matches(self, config: dict[str, Any]) -> bool:
        architectures = config.get("architectures") or []
        return config.get("model_type") == "git" and (
            not architectures or "GitForCausalLM" in architectures
        )

    def generation_settings(self, model_dir: Path) -> GenerationSettings:
        config = read_json(model_dir / "config.json")
        if config.get("num_image_with_embedding"):
            raise ModelError("This GIT model is made for video clips; AltText captions still images.")
        bos = config.get("bos_token_id", 101)
        if bos is None:
            raise ModelError("The model's config.json names no start token.")
        settings = settings_from_configs(
            model_dir, [int(bos)], config.get("eos_token_id", 102), config.get("pad_token_id", 0), config
        )
        gen = generation_config(model_dir)
        if not gen.get("max_new_tokens") and not gen.get("max_length"):
            settings.max_new_tokens = DOCUMENTED_MAX_LENGTH - len(settings.prompt_ids)
        return settings

    def load_torch(self, model_dir: Path, device: str, dtype: Any) -> Any:
        from transformers import GitForCausalLM

        return load_pretrained(GitForCausalLM, model_dir, device, dtype)

    def torch_generate(self, model, pixel_values, settings, gen_kwargs) -> list[list[int]]:
        import torch

        prompt = torch.tensor([settings.prompt_ids], dtype=torch.long, device=pixel_values.device)
        with torch.inference_mode():
            out = model.generate(
                pixel_values=pixel_values, input_ids=prompt, **torch_kwargs(settings, gen_kwargs)
            )
        return strip_generated(out, len(settings.prompt_ids), settings.eos_token_ids)

    def export_onnx(self, model, out_dir: Path, opset: int) -> tuple[dict[str, str], dict]:
        from alttext_app.core.engines.git_export import export_git

        return export_git(model.float().eval(), out_dir, opset)

    def onnx_runner(self, export_dir: Path, manifest: dict, session: SessionFactory) -> OnnxRunner:
        return two_graph_runner(export_dir, manifest, session, GitRunner, "vision")
