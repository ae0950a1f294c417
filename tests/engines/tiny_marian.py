"""A tiny random MarianMT model folder laid out like Helsinki-NLP/opus-mt-en-zh (real weights
cannot be downloaded here): SentencePiece source.spm/target.spm trained on a few sentences, a
shared vocab.json with ">>cmn_Hans<<"-style target tags, the real config's keys at tiny sizes."""

from __future__ import annotations

import json
from pathlib import Path

ENGLISH = [
    "A cat sitting on a sofa.", "Two people playing basketball in a park.", "A red car on a street.",
    "Screenshot of a settings window.", "May show a dog on the grass.", "A cup of coffee on a table.",
]
CHINESE = ["一只猫坐在沙发上。", "两个人在公园里打篮球。", "街上的一辆红色汽车。", "设置窗口的截图。",
           "可能是草地上的一只狗。", "桌上的一杯咖啡。"]
TAGS = (">>cmn_Hans<<", ">>cmn_Hant<<", ">>yue<<")


def _spm(folder: Path, name: str, lines: list[str], vocab_size: int) -> list[str]:
    import sentencepiece as spm

    corpus = folder / f"{name}.txt"
    corpus.write_text("\n".join(lines * 4), encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(folder / name), vocab_size=vocab_size,
        character_coverage=1.0, model_type="unigram", minloglevel=2, hard_vocab_limit=False,
    )
    (folder / f"{name}.model").rename(folder / f"{name}.spm")
    corpus.unlink()
    pieces = [line.split("\t")[0] for line in (folder / f"{name}.vocab").read_text(encoding="utf-8").splitlines()]
    (folder / f"{name}.vocab").unlink()
    return pieces


def make_marian(folder: Path, seed: int = 0) -> Path:
    import torch
    from transformers import MarianConfig, MarianMTModel

    folder.mkdir(parents=True, exist_ok=True)
    source = _spm(folder, "source", ENGLISH, 60)
    target = _spm(folder, "target", CHINESE, 60)
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in [*TAGS, *source, *target]:
        if piece not in vocab and piece not in ("<s>", "</s>", "<unk>"):
            vocab[piece] = len(vocab)
    vocab["<pad>"] = len(vocab)
    pad = vocab["<pad>"]
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    (folder / "tokenizer_config.json").write_text(json.dumps({"target_lang": "zh", "source_lang": "en"}))
    config = MarianConfig(
        vocab_size=pad + 1, decoder_vocab_size=pad + 1, d_model=32, encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=64, decoder_ffn_dim=64,
        max_position_embeddings=64, pad_token_id=pad, eos_token_id=0, decoder_start_token_id=pad,
        bad_words_ids=[[pad]], forced_eos_token_id=0, num_beams=4, scale_embedding=True,
        activation_function="swish", init_std=0.2, max_length=64,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    with torch.no_grad():  # random output bias so decoding does not stop at once
        model.final_logits_bias.normal_(0, 0.5)
        model.final_logits_bias[0, 0] = -2.0
    model.save_pretrained(folder)
    (folder / "generation_config.json").write_text(json.dumps({
        "bad_words_ids": [[pad]], "bos_token_id": 0, "decoder_start_token_id": pad, "eos_token_id": 0,
        "forced_eos_token_id": 0, "max_length": 64, "num_beams": 4, "pad_token_id": pad,
        "renormalize_logits": True,
    }))
    return folder
