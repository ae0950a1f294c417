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

WORDS = tuple(
    ["a", "an", "the", "of", "on", "in", "with", "and", "at", "to", "is", "are", "two", "cat", "dog", "person", "people", "cup", "coffee", "table", "plate", "sitting", "standing", "man", "woman", "child", "red", "blue", "green", "white", "black", "small", "large", "wooden", "street", "car", "rocket", "horse", "motorcycle", "camera", "photo", "picture", "view", "close", "up", "next", "near", "holding", "grass", "sky", "water", "building", "window", "road", "field", "tree", "sign", "text", "page", "book", "letter", "screen", "computer", "phone"]
)

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
    from transformers import (
        GPT2Config,
        VisionEncoderDecoderConfig,
        VisionEncoderDecoderModel,
        ViTConfig,
    )

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


def make_blip(folder: Path, *, seed: int = 0, hidden: int = 32, layers: int = 2, vqa: bool = False) -> Path:
    """A tiny Salesforce/blip-image-captioning-base (or blip-vqa-base with `vqa`): BLIP vision model
    + BERT-style text decoder (+ the question encoder for VQA)."""
    import torch
    from transformers import BlipConfig, BlipForConditionalGeneration, BlipForQuestionAnswering

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
    model = (BlipForQuestionAnswering if vqa else BlipForConditionalGeneration)(config)
    model.save_pretrained(folder)
    _write_json(folder / "preprocessor_config.json", BLIP_PREPROCESSOR)
    return folder


def make_blip_vqa(folder: Path, **overrides) -> Path:
    """A tiny Salesforce/blip-vqa-base (BlipForQuestionAnswering)."""
    return make_blip(folder, vqa=True, **overrides)


# ---- GIT and Florence-2 (engines-2) --------------------------------------------------------------

# microsoft/git-base-coco preprocessor_config.json, as published.
GIT_PREPROCESSOR = {
    "crop_size": {"height": 224, "width": 224},
    "do_center_crop": True,
    "do_convert_rgb": True,
    "do_normalize": True,
    "do_rescale": True,
    "do_resize": True,
    "image_mean": [0.48145466, 0.4578275, 0.40821073],
    "image_processor_type": "CLIPImageProcessor",
    "image_std": [0.26862954, 0.26130258, 0.27577711],
    "processor_class": "GitProcessor",
    "resample": 3,
    "rescale_factor": 0.00392156862745098,
    "size": {"shortest_edge": 224},
}
# florence-community/Florence-2-base preprocessor_config.json values (same as microsoft's release).
FLORENCE2_PREPROCESSOR = {
    "crop_size": {"height": 768, "width": 768},
    "do_center_crop": False,
    "do_convert_rgb": None,
    "do_normalize": True,
    "do_rescale": True,
    "do_resize": True,
    "image_mean": [0.485, 0.456, 0.406],
    "image_processor_type": "CLIPImageProcessor",
    "image_seq_length": 577,
    "image_std": [0.229, 0.224, 0.225],
    "processor_class": "Florence2Processor",
    "resample": 3,
    "rescale_factor": 0.00392156862745098,
    "size": {"height": 768, "width": 768},
}
# The generation_config.json published with the converted Florence-2 checkpoints.
FLORENCE2_GENERATION = {
    "bos_token_id": 0, "decoder_start_token_id": 2, "early_stopping": True, "eos_token_id": 2,
    "forced_bos_token_id": 0, "forced_eos_token_id": 2, "no_repeat_ngram_size": 3, "num_beams": 3,
    "pad_token_id": 1,
}
FLORENCE2_QUESTIONS = (
    "What does the image describe?", "Describe in detail what is shown in the image.",
    "Describe with a paragraph what is shown in the image.", "What is the text in the image?",
)


def make_git(folder: Path, *, seed: int = 0, hidden: int = 32, layers: int = 2) -> Path:
    """A tiny microsoft/git-base-coco: CLIP-style ViT (224 px) + BERT-style causal text decoder."""
    import torch
    from transformers import GitConfig, GitForCausalLM

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = bert_tokenizer(folder)
    torch.manual_seed(seed)
    config = GitConfig(
        vision_config={
            "hidden_size": hidden, "intermediate_size": hidden * 2, "num_hidden_layers": layers,
            "num_attention_heads": 2, "image_size": 224, "patch_size": 32, "initializer_range": 0.2,
        },
        vocab_size=len(tokenizer), hidden_size=hidden, num_hidden_layers=layers,
        num_attention_heads=2, intermediate_size=hidden * 2, max_position_embeddings=64,
        initializer_range=0.2, bos_token_id=tokenizer.convert_tokens_to_ids("[CLS]"),
        eos_token_id=tokenizer.convert_tokens_to_ids("[SEP]"),
        pad_token_id=tokenizer.convert_tokens_to_ids("[PAD]"),
    )
    GitForCausalLM(config).save_pretrained(folder)
    _write_json(folder / "preprocessor_config.json", GIT_PREPROCESSOR)
    return folder


def bart_tokenizer(folder: Path, vocab_size: int = 400):
    """A byte-level BPE tokenizer like Florence-2's (BART's specials, task/location tokens, <image>)."""
    from tokenizers import (
        AddedToken,
        Tokenizer,
        decoders,
        models,
        pre_tokenizers,
        processors,
        trainers,
    )

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=["<s>", "<pad>", "</s>", "<unk>", "<mask>"],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False,
    )
    tok.train_from_iterator([*FLORENCE2_QUESTIONS, " ".join(WORDS)] * 4, trainer=trainer)
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>", special_tokens=[("<s>", 0), ("</s>", 2)]
    )
    extra = ["<od>", "</od>", "<ocr>", "</ocr>", "<cap>", "</cap>"] + [f"<loc_{i}>" for i in range(8)]
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in [*extra, "<image>"]])
    tok.save(str(Path(folder) / "tokenizer.json"))
    _write_json(Path(folder) / "tokenizer_config.json", {
        "tokenizer_class": "BartTokenizer", "bos_token": "<s>", "eos_token": "</s>",
        "sep_token": "</s>", "cls_token": "<s>", "unk_token": "<unk>", "pad_token": "<pad>",
        "mask_token": "<mask>", "model_max_length": 1024, "add_prefix_space": False,
        "extra_special_tokens": {"image_token": "<image>"},
    })
    return tok


def make_florence2(folder: Path, *, seed: int = 0, hidden: int = 32, layers: int = 2) -> Path:
    """A tiny florence-community/Florence-2-base: DaViT (768 px, 577 image tokens) + BART."""
    import torch
    from transformers import Florence2Config, Florence2ForConditionalGeneration

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = bart_tokenizer(folder)
    torch.manual_seed(seed)
    config = Florence2Config(
        vision_config={
            "depths": [1, 1, 1, 1], "embed_dim": [8, 16, 16, hidden], "num_heads": [1, 2, 2, 2],
            "num_groups": [1, 2, 2, 2], "projection_dim": hidden, "drop_path_rate": 0.0,
            "initializer_range": 0.2,
        },
        text_config={
            "model_type": "bart", "vocab_size": (tokenizer.get_vocab_size() + 63) // 64 * 64,
            "d_model": hidden, "encoder_layers": layers, "decoder_layers": layers,
            "encoder_attention_heads": 2, "decoder_attention_heads": 2,
            "encoder_ffn_dim": hidden * 2, "decoder_ffn_dim": hidden * 2,
            "max_position_embeddings": 1024, "scale_embedding": False, "pad_token_id": 1,
            "bos_token_id": 0, "eos_token_id": 2, "decoder_start_token_id": 2,
            "forced_eos_token_id": 2, "init_std": 0.2,
        },
        image_token_id=tokenizer.token_to_id("<image>"),
    )
    Florence2ForConditionalGeneration(config).save_pretrained(folder)
    _write_json(folder / "preprocessor_config.json", FLORENCE2_PREPROCESSOR)
    _write_json(folder / "processor_config.json", {
        "processor_class": "Florence2Processor", "num_additional_image_tokens": 0,
        "post_processor_config": {"pure_text": {}},
    })
    _write_json(folder / "generation_config.json", FLORENCE2_GENERATION)
    return folder


build_tiny_git = make_git  # the names the engines-2 brief uses
build_tiny_florence2 = make_florence2


# ---- SmolVLM (ask) ---------------------------------------------------------------------------------

# HuggingFaceTB/SmolVLM-256M-Instruct preprocessor_config.json values, sizes scaled down 4x with the
# tiny vision tower (the real ones: size 2048, max_image_size 512).
SMOLVLM_PREPROCESSOR = {
    "do_convert_rgb": True, "do_image_splitting": True, "do_normalize": True, "do_pad": True,
    "do_rescale": True, "do_resize": True, "image_mean": [0.5, 0.5, 0.5],
    "image_processor_type": "Idefics3ImageProcessor", "image_std": [0.5, 0.5, 0.5],
    "max_image_size": {"longest_edge": 128}, "processor_class": "SmolVLMProcessor", "resample": 1,
    "rescale_factor": 0.00392156862745098, "size": {"longest_edge": 512},
}
SMOLVLM_SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<end_of_utterance>",
                    "<fake_token_around_image>", "<global-img>", "<image>"]


def smolvlm_tokenizer(folder: Path, vocab_size: int = 320):
    """A byte-level BPE like SmolLM2's, with SmolVLM's chat and image tokens."""
    from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=SMOLVLM_SPECIALS[:3],
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(), show_progress=False,
    )
    tok.train_from_iterator([" ".join(WORDS), "User: Assistant: Describe this image in detail."] * 4,
                            trainer=trainer)
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t in SMOLVLM_SPECIALS[3:]])
    tok.save(str(Path(folder) / "tokenizer.json"))
    _write_json(Path(folder) / "tokenizer_config.json", {
        "tokenizer_class": "GPT2Tokenizer", "bos_token": "<|im_start|>", "eos_token": "<end_of_utterance>",
        "pad_token": "<|im_end|>", "unk_token": "<|endoftext|>", "add_prefix_space": False,
    })
    return tok


def make_smolvlm(folder: Path, *, seed: int = 0, hidden: int = 32, layers: int = 2) -> Path:
    """A tiny HuggingFaceTB/SmolVLM-256M-Instruct: SigLIP-style tower (128 px, 16 image tokens after
    the pixel shuffle) + a Llama decoder with grouped-query attention and RoPE."""
    import torch
    from transformers import SmolVLMConfig, SmolVLMForConditionalGeneration

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tok = smolvlm_tokenizer(folder)
    torch.manual_seed(seed)
    end = tok.token_to_id("<end_of_utterance>")
    config = SmolVLMConfig(
        vision_config={"hidden_size": hidden, "intermediate_size": hidden * 2, "num_hidden_layers": layers,
                       "num_attention_heads": 2, "image_size": 128, "patch_size": 16,
                       "initializer_range": 0.2},
        text_config={"model_type": "llama", "vocab_size": tok.get_vocab_size(), "hidden_size": hidden,
                     "intermediate_size": hidden * 2, "num_hidden_layers": layers,
                     "num_attention_heads": 4, "num_key_value_heads": 2, "max_position_embeddings": 256,
                     "rope_theta": 100000.0, "initializer_range": 0.2, "bos_token_id": 1,
                     "eos_token_id": end, "pad_token_id": 2, "tie_word_embeddings": True},
        scale_factor=2, image_token_id=tok.token_to_id("<image>"), tie_word_embeddings=True,
    )
    SmolVLMForConditionalGeneration(config).save_pretrained(folder)
    _write_json(folder / "preprocessor_config.json", SMOLVLM_PREPROCESSOR)
    return folder
