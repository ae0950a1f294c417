"""Full-size random-weight model folders for benchmarks (real shapes, no downloads), cached on disk."""

from __future__ import annotations

import json
import sys
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


def build_blip_base(folder: Path, vqa: bool = False) -> Path:
    """Salesforce/blip-image-captioning-base shapes: ViT-B/16 at 384 + BERT-base text decoder
    (with `vqa`, blip-vqa-base: the BERT-base question encoder besides)."""
    import torch
    from transformers import BlipConfig, BlipForConditionalGeneration, BlipForQuestionAnswering

    torch.manual_seed(0)
    config = BlipConfig(text_config={"vocab_size": 30524, "bos_token_id": 30522, "sep_token_id": 102,
                                     "pad_token_id": 0, "eos_token_id": 2})
    (BlipForQuestionAnswering if vqa else BlipForConditionalGeneration)(config).save_pretrained(folder)
    (folder / "preprocessor_config.json").write_text(json.dumps(BLIP_PREPROCESSOR))
    _tokenizer(folder, "wordpiece")
    return folder


def build_git_base(folder: Path) -> Path:
    """microsoft/git-base-coco shapes: CLIP ViT-B/16 at 224 + 6-layer BERT-base causal decoder."""
    import torch
    from transformers import GitConfig, GitForCausalLM

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "engines"))
    import tiny_models

    torch.manual_seed(0)
    config = GitConfig(vision_config={"hidden_size": 768, "intermediate_size": 3072,
                                      "num_hidden_layers": 12, "num_attention_heads": 12,
                                      "image_size": 224, "patch_size": 16},
                       num_hidden_layers=6, bos_token_id=101, eos_token_id=102, pad_token_id=0)
    GitForCausalLM(config).save_pretrained(folder)
    (folder / "preprocessor_config.json").write_text(json.dumps(tiny_models.GIT_PREPROCESSOR))
    _tokenizer(folder, "wordpiece")
    return folder


def build_florence2_base(folder: Path) -> Path:
    """florence-community/Florence-2-base shapes: DaViT at 768 (577 image tokens) + BART-base."""
    import torch
    from transformers import Florence2Config, Florence2ForConditionalGeneration

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "engines"))
    import tiny_models

    tokenizer = tiny_models.bart_tokenizer(folder)  # has the <image> token the processor needs
    torch.manual_seed(0)
    config = Florence2Config(
        vision_config={"projection_dim": 768, "drop_path_rate": 0.0},
        text_config={"model_type": "bart", "vocab_size": 51328, "d_model": 768, "encoder_layers": 6,
                     "decoder_layers": 6, "encoder_attention_heads": 12, "decoder_attention_heads": 12,
                     "encoder_ffn_dim": 3072, "decoder_ffn_dim": 3072, "max_position_embeddings": 1024,
                     "scale_embedding": False, "pad_token_id": 1, "bos_token_id": 0, "eos_token_id": 2,
                     "decoder_start_token_id": 2, "forced_eos_token_id": 2},
        image_token_id=tokenizer.token_to_id("<image>"),
    )
    Florence2ForConditionalGeneration(config).save_pretrained(folder)
    for name, data in (("preprocessor_config.json", tiny_models.FLORENCE2_PREPROCESSOR),
                       ("generation_config.json", tiny_models.FLORENCE2_GENERATION),
                       ("processor_config.json", {"processor_class": "Florence2Processor",
                                                  "num_additional_image_tokens": 0})):
        (folder / name).write_text(json.dumps(data))
    return folder


def build_blip_vqa_base(folder: Path) -> Path:
    """Salesforce/blip-vqa-base shapes: ViT-B/16 at 384 + BERT-base question encoder and decoder."""
    return build_blip_base(folder, vqa=True)


def build_smolvlm_256m(folder: Path) -> Path:
    """HuggingFaceTB/SmolVLM-256M-Instruct shapes: SigLIP base-patch16 at 512 (93M) + SmolLM2-135M
    (30 layers, 576 wide, 9 heads, 3 key/value heads), pixel shuffle x4 -> 64 image tokens."""
    import torch
    from transformers import SmolVLMConfig, SmolVLMForConditionalGeneration

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "engines"))
    import tiny_models

    tok = tiny_models.smolvlm_tokenizer(folder)
    torch.manual_seed(0)
    config = SmolVLMConfig(
        vision_config={"hidden_size": 768, "intermediate_size": 3072, "num_hidden_layers": 12,
                       "num_attention_heads": 12, "image_size": 512, "patch_size": 16},
        text_config={"model_type": "llama", "vocab_size": 49280, "hidden_size": 576,
                     "intermediate_size": 1536, "num_hidden_layers": 30, "num_attention_heads": 9,
                     "num_key_value_heads": 3, "max_position_embeddings": 8192, "rope_theta": 100000.0,
                     "eos_token_id": tok.token_to_id("<end_of_utterance>"), "pad_token_id": 2,
                     "tie_word_embeddings": True},
        scale_factor=4, image_token_id=tok.token_to_id("<image>"), tie_word_embeddings=True,
    )
    SmolVLMForConditionalGeneration(config).save_pretrained(folder)
    pre = {**tiny_models.SMOLVLM_PREPROCESSOR, "max_image_size": {"longest_edge": 512},
           "size": {"longest_edge": 2048}}
    (folder / "preprocessor_config.json").write_text(json.dumps(pre))
    return folder


BUILDERS = {"vit-gpt2": build_vit_gpt2, "blip-base": build_blip_base, "git-base": build_git_base,
            "florence2-base": build_florence2_base, "blip-vqa-base": build_blip_vqa_base,
            "smolvlm-256m": build_smolvlm_256m}


def model_folder(name: str, cache: Path) -> Path:
    folder = cache / name
    if not (folder / "model.safetensors").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        BUILDERS[name](folder)
    return folder
