"""MarianMT tokenising without transformers: SentencePiece pieces mapped through vocab.json.

Follows transformers' MarianTokenizer: a leading ">>lang<<" code stays one token, the rest is cut
by the source SentencePiece model, each piece maps to its vocab.json id (unknown pieces to <unk>),
and </s> ends the sentence; decoding maps ids back to pieces (special tokens dropped) and lets the
target SentencePiece model join them. Both backends use this class, so they see the same ids.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from alttext_app.core.errors import ModelError
from alttext_app.core.voices import language_of_tag

# For written Chinese, simplified Mandarin first (the tags opus-mt models use).
_PREFERRED_TAGS = {"zh": ("cmn_Hans", "zho_Hans", "zh_cn", "zh_CN", "cmn", "zho", "zh")}
_PAIR = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})\b", re.IGNORECASE)


def language_pair(name: str) -> tuple[str, str] | None:
    """("en", "zh") for "Helsinki-NLP/opus-mt-en-zh" or its folder name; None when not a pair."""
    match = _PAIR.search(name)
    return (match.group(1).lower(), match.group(2).lower()) if match else None


class MarianText:
    def __init__(self, model_dir: Path) -> None:
        import sentencepiece

        model_dir = Path(model_dir)
        try:
            self.vocab: dict[str, int] = json.loads((model_dir / "vocab.json").read_text(encoding="utf-8"))
            self.source = sentencepiece.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
            self.target = sentencepiece.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
        except (OSError, ValueError, RuntimeError) as exc:
            raise ModelError(
                f"The translation model “{model_dir.name}” is incomplete (vocab.json, source.spm "
                "or target.spm is missing or damaged).", detail=str(exc)
            ) from exc
        self.pieces = {i: p for p, i in self.vocab.items()}
        self.unk = self.vocab.get("<unk>", 1)
        self.eos = self.vocab.get("</s>", 0)
        self.special = {i for p, i in self.vocab.items() if p in ("<pad>", "</s>", "<unk>")}
        self.language_tags = [p[2:-2] for p in self.vocab if p.startswith(">>") and p.endswith("<<")]

    def tag_for(self, language: str) -> str:
        """The ">>tag<<" a multi-target model wants for `language`; '' when it has no tags.

        Raises ModelError when the model has tags but none for `language`."""
        if not self.language_tags:
            return ""
        for tag in _PREFERRED_TAGS.get(language, ()):
            if tag in self.language_tags:
                return f">>{tag}<<"
        for tag in self.language_tags:
            if language_of_tag(tag) == language:
                return f">>{tag}<<"
        raise ModelError(f"This translation model cannot write “{language}”.")

    def encode(self, text: str, tag: str = "") -> list[int]:
        ids = [self.vocab[tag]] if tag else []
        ids += [self.vocab.get(piece, self.unk) for piece in self.source.encode(text, out_type=str)]
        return ids + [self.eos]

    def decode(self, ids: list[int]) -> str:
        pieces = [self.pieces[i] for i in ids if i in self.pieces and i not in self.special]
        pieces = [p for p in pieces if not (p.startswith(">>") and p.endswith("<<"))]
        return self.target.decode_pieces(pieces).strip()
