"""Full-size random-weight model folders for benchmarks (real shapes, no downloads), cached on disk."""

from __future__ import annotations

import json
from pathlib import Path

VIT_PREPROCESSOR = {"do_normalize": True, "do_resize": True, "image_mean": [0.5, 0.5, 0.5],
                    "image_std": [0.5, 0.5, 0.5], "resample": 2, "size": 224}
BLIP_PREPROCESSOR = {"do_normalize": True, "do_resize": True, "do_rescale": True,
                     "image_mean": [0.48145466, 0.4578275, 0.40821073],
                     "image_std": [0.26862954, 0.26130258, 0.27577711], "resample": 3,
                     "rescale_factor": 0.00392156862745098, "size": {"height": 384, "width": 384}}


def _tokenizer(folder: Path, kind: str) -> None:
    """A small real tokenizer.json; benchmarks force token counts, so its vocabulary is irrelevant."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    if kind == "bpe":
        tok = Tokenizer(models.BPE())
        tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        tok.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=300, special_tokens=["<|endoftext|>"],
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
        tok.train_from_iterator(["a cat on a table next to a cup of coffee"] * 4, trainer=trainer)
    else:
        vocab = {t: i for i, t in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "a", "cat"])}
        tok = Tokenizer(models.WordPiece(vocab=vocab, unk_token="[UNK]"))
        tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
        tok.decoder = decoders.WordPiece()
    tok.save(str(folder / "tokenizer.json"))


def build_vit_gpt2(folder: Path) -> Path:
    """nlpconnect/vit-gpt2-image-captioning shapes: ViT-base/16 at 224 + GPT-2 small (124M)."""
    import torch
    from transformers import (
        GPT2Config,
        VisionEncoderDecoderConfig,
        VisionEncoderDecoderModel,
        ViTConfig,
    )

    torch.manual_seed(0)
    decoder = GPT2Config(add_cross_attention=True, is_decoder=True, bos_token_id=50256,
                         eos_token_id=50256, pad_token_id=50256, decoder_start_token_id=50256)
    config = VisionEncoderDecoderConfig(encoder=ViTConfig().to_dict(), decoder=decoder.to_dict())
    config.decoder_start_token_id = config.pad_token_id = config.eos_token_id = 50256
    VisionEncoderDecoderModel(config=config).save_pretrained(folder)
    (folder / "preprocessor_config.json").write_text(json.dumps(VIT_PREPROCESSOR))
    _tokenizer(folder, "bpe")
    return folder


def build_blip_base(folder: Path) -> Path:
    """Salesforce/blip-image-captioning-base shapes: ViT-B/16 at 384 + BERT-base text decoder."""
    import torch
    from transformers import BlipConfig, BlipForConditionalGeneration

    torch.manual_seed(0)
    config = BlipConfig(text_config={"vocab_size": 30524, "bos_token_id": 30522, "sep_token_id": 102,
                                     "pad_token_id": 0, "eos_token_id": 2})
    BlipForConditionalGeneration(config).save_pretrained(folder)
    (folder / "preprocessor_config.json").write_text(json.dumps(BLIP_PREPROCESSOR))
    _tokenizer(folder, "wordpiece")
    return folder


BUILDERS = {"vit-gpt2": build_vit_gpt2, "blip-base": build_blip_base}


def model_folder(name: str, cache: Path) -> Path:
    folder = cache / name
    if not (folder / "model.safetensors").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        BUILDERS[name](folder)
    return folder
