"""Tiny random captioning models and tokenizers for tests (real weights cannot be downloaded here).

Each builder writes a complete Hugging Face model folder — config.json, safetensors weights,
preprocessor_config.json copied from the real model's public file, tokenizer files built with the
`tokenizers` library — and returns its path. Naming: `make_<family>(folder, **overrides) -> Path`
(engines-2 adds `make_git`, `make_florence2` the same way). Sizes are tiny but the architecture
is the real one; `initializer_range=0.2` keeps random models from emitting EOS at once.
"""

from __future__ import annotations

import json
from pathlib import Path

WORDS = (
    "a an the of on in with and at to is are two cat dog person people cup coffee table plate "
    "sitting standing man woman child red blue green white black small large wooden street car "
    "rocket horse motorcycle camera photo picture view close up next near holding grass sky water "
    "building window road field tree sign text page book letter screen computer phone"
).split()

# Public preprocessor_config.json of the real models (values as published on the hub).
VIT_GPT2_PREPROCESSOR = {
    "do_normalize": True,
    "do_resize": True,
    "image_processor_type": "ViTImageProcessor",
    "image_mean": [0.5, 0.5, 0.5],
    "image_std": [0.5, 0.5, 0.5],
    "resample": 2,
    "size": 224,
}
BLIP_PREPROCESSOR = {
    "do_normalize": True,
    "do_resize": True,
    "do_rescale": True,
    "do_convert_rgb": True,
    "image_mean": [0.48145466, 0.4578275, 0.40821073],
    "image_processor_type": "BlipImageProcessor",
    "image_std": [0.26862954, 0.26130258, 0.27577711],
    "processor_class": "BlipProcessor",
    "resample": 3,
    "rescale_factor": 0.00392156862745098,
    "size": {"height": 384, "width": 384},
}


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2), encoding="utf-8")


def gpt2_tokenizer(folder: Path, vocab_size: int = 300):
    """A byte-level BPE tokenizer like GPT-2's, with <|endoftext|> as BOS/EOS/PAD."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import PreTrainedTokenizerFast

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=["<|endoftext|>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tok.train_from_iterator([" ".join(WORDS)] * 4, trainer=trainer)
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, bos_token="<|endoftext|>", eos_token="<|endoftext|>",
        pad_token="<|endoftext|>", unk_token="<|endoftext|>",
    )
    fast.save_pretrained(folder)
    return fast


def bert_tokenizer(folder: Path):
    """A WordPiece tokenizer like BLIP's (BERT uncased + [DEC] as the decoder's BOS)."""
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import PreTrainedTokenizerFast

    specials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    tokens = specials + sorted(set(WORDS) | set("abcdefghijklmnopqrstuvwxyz.,")) + ["[DEC]"]
    vocab = {t: i for i, t in enumerate(tokens)}
    tok = Tokenizer(models.WordPiece(vocab=vocab, unk_token="[UNK]"))
    tok.normalizer = normalizers.BertNormalizer(lowercase=True)
    tok.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tok.decoder = decoders.WordPiece()
    tok.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", vocab["[CLS]"]), ("[SEP]", vocab["[SEP]"])]
    )
    fast = PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", sep_token="[SEP]", pad_token="[PAD]",
        cls_token="[CLS]", mask_token="[MASK]", bos_token="[DEC]",
    )
    fast.save_pretrained(folder)
    return fast


def make_vit_gpt2(folder: Path, *, seed: int = 0, hidden: int = 32, layers: int = 2) -> Path:
    """A tiny nlpconnect/vit-gpt2-image-captioning: ViT encoder + GPT-2 decoder with cross-attention."""
    import torch
    from transformers import GPT2Config, ViTConfig, VisionEncoderDecoderConfig, VisionEncoderDecoderModel

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = gpt2_tokenizer(folder)
    eos = tokenizer.convert_tokens_to_ids("<|endoftext|>")
    torch.manual_seed(seed)
    encoder = ViTConfig(
        hidden_size=hidden, num_hidden_layers=layers, num_attention_heads=2, intermediate_size=hidden * 2,
        image_size=224, patch_size=32, initializer_range=0.2,
    )
    decoder = GPT2Config(
        vocab_size=len(tokenizer), n_embd=hidden, n_layer=layers, n_head=2, n_positions=64,
        add_cross_attention=True, is_decoder=True, bos_token_id=eos, eos_token_id=eos,
        pad_token_id=eos, decoder_start_token_id=eos, initializer_range=0.2,
    )
    config = VisionEncoderDecoderConfig(encoder=encoder.to_dict(), decoder=decoder.to_dict())
    config.decoder_start_token_id = eos
    config.pad_token_id = eos
    config.eos_token_id = eos
    model = VisionEncoderDecoderModel(config=config)
    model.save_pretrained(folder)
    _write_json(folder / "preprocessor_config.json", VIT_GPT2_PREPROCESSOR)
    return folder


def make_blip(folder: Path, *, seed: int = 0, hidden: int = 32, layers: int = 2) -> Path:
    """A tiny Salesforce/blip-image-captioning-base: BLIP vision model + BERT-style text decoder."""
    import torch
    from transformers import BlipConfig, BlipForConditionalGeneration

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = bert_tokenizer(folder)
    torch.manual_seed(seed)
    config = BlipConfig(
        vision_config={
            "hidden_size": hidden, "num_hidden_layers": layers, "num_attention_heads": 2,
            "intermediate_size": hidden * 2, "image_size": 384, "patch_size": 32,
            "initializer_range": 0.2,
        },
        text_config={
            "vocab_size": len(tokenizer), "hidden_size": hidden, "num_hidden_layers": layers,
            "num_attention_heads": 2, "intermediate_size": hidden * 2, "encoder_hidden_size": hidden,
            "max_position_embeddings": 64, "initializer_range": 0.2,
            "bos_token_id": tokenizer.convert_tokens_to_ids("[DEC]"),
            "sep_token_id": tokenizer.convert_tokens_to_ids("[SEP]"),
            "pad_token_id": tokenizer.convert_tokens_to_ids("[PAD]"),
            "eos_token_id": tokenizer.convert_tokens_to_ids("[SEP]"),
        },
        initializer_range=0.2,
    )
    model = BlipForConditionalGeneration(config)
    model.save_pretrained(folder)
    _write_json(folder / "preprocessor_config.json", BLIP_PREPROCESSOR)
    return folder
