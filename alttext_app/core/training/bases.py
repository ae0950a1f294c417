"""What training starts from: the founding design (new CNN + GPT-2 model) or an installed model.

`prepare(base, ...)` returns a `Prepared`: the torch model, its tokenizer, image preprocessing,
the engines family that will run it, and how to turn captions into a batch and a loss. Families:
- cnn-gpt2 (founding design): `engines.cnn_encoders` encoder, GPT-2 decoder from scratch or from
  an installed GPT-2/distilgpt2 folder; a from-scratch decoder gets a byte-level BPE tokenizer
  learned from the training captions;
- vision-encoder-decoder (ViT-GPT2, distilvit), blip, git: fine-tuned with their own loss.
Imports torch/transformers: only the training run imports this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import torch
from transformers import (
    AutoTokenizer,
    GenerationConfig,
    GPT2Config,
    GPT2LMHeadModel,
    PreTrainedTokenizerFast,
    VisionEncoderDecoderConfig,
    VisionEncoderDecoderModel,
)

from alttext_app.core.engines import cnn_encoders
from alttext_app.core.engines.family import Family, GenerationSettings
from alttext_app.core.engines.preprocess import ImagePreprocessor
from alttext_app.core.engines.registry import family_by_name, family_for_dir
from alttext_app.core.training.data import TrainError

FOUNDING = "cnn-gpt2"
FINE_TUNABLE = ("cnn-gpt2", "vision-encoder-decoder", "blip", "git")
END = "<|endoftext|>"
# Lite0 was trained on pixels scaled to [-1, 1] (see core.builtin.classifier).
CNN_PREPROCESSOR = {
    "do_normalize": True, "do_resize": True, "do_rescale": True, "image_processor_type": "ViTImageProcessor",
    "image_mean": [0.5, 0.5, 0.5], "image_std": [0.5, 0.5, 0.5], "resample": 2,
    "rescale_factor": 1 / 255, "size": {"height": 224, "width": 224},
}
SUPPORT_FILES = ("preprocessor_config.json", "tokenizer.json", "tokenizer_config.json",
                 "special_tokens_map.json", "vocab.json", "merges.txt", "vocab.txt")


@dataclass
class FoundingSpec:
    """Choices for a new founding-design model."""

    backbone: str = cnn_encoders.LITE0  # or a Hugging Face vision model folder
    decoder: str = "scratch"  # or an installed GPT-2 / distilgpt2 folder
    hidden: int = 256
    layers: int = 3
    heads: int = 4
    max_tokens: int = 40


@dataclass
class Prepared:
    model: Any
    tokenizer: Any
    family: Family
    preprocessor: ImagePreprocessor
    settings: GenerationSettings
    support: dict[str, Any] = field(default_factory=dict)  # file name -> JSON written next to weights

    @property
    def founding(self) -> bool:
        return self.family.name == FOUNDING

    # ---- captions -> tensors ------------------------------------------------------------------
    def batch(self, captions: list[str], max_tokens: int) -> dict[str, torch.Tensor]:
        tok = self.tokenizer
        if self.family.name in ("blip", "git"):  # BERT-style: [CLS] caption [SEP]
            enc = tok(captions, padding=True, truncation=True, max_length=max_tokens, return_tensors="pt")
            labels = enc.input_ids.masked_fill(enc.attention_mask == 0, -100)
            return {"input_ids": enc.input_ids, "attention_mask": enc.attention_mask, "labels": labels}
        eos = self.settings.eos_token_ids[0]
        rows = [tok(c, add_special_tokens=False).input_ids[: max_tokens - 1] + [eos] for c in captions]
        width = max(len(r) for r in rows)
        labels = torch.full((len(rows), width), -100, dtype=torch.long)
        for i, row in enumerate(rows):
            labels[i, : len(row)] = torch.tensor(row)
        return {"labels": labels}

    def loss(self, model: Any, images: dict[str, torch.Tensor], batch: dict[str, torch.Tensor]):
        """images: {"pixel_values"} or, for a frozen founding backbone, {"grid"} (cached)."""
        if "grid" in images:
            return model(pixel_values=images["grid"], cached_grid=True, **batch).loss
        return model(pixel_values=images["pixel_values"], **batch).loss

    def save(self, model: Any, out_dir: Path) -> None:
        """A normal model folder: config, safetensors weights, tokenizer, preprocessing."""
        out_dir.mkdir(parents=True, exist_ok=True)
        _unwrap(model).save_pretrained(out_dir, safe_serialization=True)
        self.tokenizer.save_pretrained(out_dir)
        for name, data in self.support.items():
            (out_dir / name).write_text(json.dumps(data, indent=2), encoding="utf-8")


def _unwrap(model: Any) -> Any:
    return getattr(model, "module", model)  # DistributedDataParallel wraps the model


def learn_tokenizer(captions: list[str], vocab_size: int = 4000) -> PreTrainedTokenizerFast:
    """A byte-level BPE like GPT-2's, learned from the captions (any language, no unknowns)."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=[END],
                                  initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
    tok.train_from_iterator(captions, trainer=trainer)
    return PreTrainedTokenizerFast(tokenizer_object=tok, bos_token=END, eos_token=END,
                                   pad_token=END, unk_token=END)


def _founding(spec: FoundingSpec, captions: list[str]) -> Prepared:
    if spec.decoder == "scratch":
        tokenizer = learn_tokenizer(captions)
        eos = tokenizer.convert_tokens_to_ids(END)
        decoder = GPT2LMHeadModel(GPT2Config(
            vocab_size=len(tokenizer), n_embd=spec.hidden, n_layer=spec.layers, n_head=spec.heads,
            n_positions=max(64, spec.max_tokens + 8), add_cross_attention=True, is_decoder=True,
            bos_token_id=eos, eos_token_id=eos, pad_token_id=eos,
        ))
    else:
        tokenizer = AutoTokenizer.from_pretrained(spec.decoder, local_files_only=True)
        decoder = GPT2LMHeadModel.from_pretrained(
            spec.decoder, local_files_only=True, add_cross_attention=True, is_decoder=True
        )
        eos = int(decoder.config.eos_token_id)
    encoder = cnn_encoders.build_encoder(spec.backbone, hidden_size=decoder.config.n_embd)
    config = VisionEncoderDecoderConfig(encoder=encoder.config.to_dict(), decoder=decoder.config.to_dict())
    config.decoder_start_token_id = config.pad_token_id = config.eos_token_id = eos
    model = VisionEncoderDecoderModel(config=config, encoder=encoder, decoder=decoder)
    model.generation_config = GenerationConfig(
        decoder_start_token_id=eos, eos_token_id=eos, pad_token_id=eos, max_new_tokens=spec.max_tokens
    )
    settings = GenerationSettings(prompt_ids=[eos], eos_token_ids=[eos], pad_token_id=eos,
                                  max_new_tokens=spec.max_tokens)
    return Prepared(model, tokenizer, family_by_name(FOUNDING), ImagePreprocessor.from_config(CNN_PREPROCESSOR),
                    settings, {"preprocessor_config.json": CNN_PREPROCESSOR})


def _installed(model_dir: Path) -> Prepared:
    family = family_for_dir(model_dir)
    if family.name not in FINE_TUNABLE:
        raise TrainError(f"AltText cannot fine-tune {family.label} models; use ViT-GPT2, BLIP, GIT "
                        "or the founding design (--base cnn-gpt2).")
    model = family.load_torch(model_dir, "cpu", torch.float32)
    tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
    support = {name: json.loads((model_dir / name).read_text(encoding="utf-8"))
               for name in ("preprocessor_config.json",) if (model_dir / name).is_file()}
    return Prepared(model, tokenizer, family, family.preprocessor(model_dir),
                    family.generation_settings(model_dir), support)


def prepare(base: str, spec: FoundingSpec, captions: list[str]) -> Prepared:
    """`base` is "cnn-gpt2" (a new founding-design model) or a model folder / installed name."""
    if base == FOUNDING:
        return _founding(spec, captions)
    from alttext_app.core.service import resolve_model_dir

    model_dir = resolve_model_dir(base)
    if model_dir is None:
        raise TrainError("The built-in describer cannot be trained; name a model or cnn-gpt2.")
    return _installed(model_dir)
