"""Which files of a hub model repo AltText downloads, and how each one is verified.

Only what a captioner needs: configs, tokenizer and processor files and safetensors weights.
Never remote code (*.py), never pickled weights when safetensors exist, never other frameworks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alttext_app.core.checksums import git_blob_sha1, sha256_file

# Small files a transformers captioner may read (configs, tokenizers, processors).
SUPPORT_FILES = frozenset(
    {
        "config.json",
        "generation_config.json",
        "preprocessor_config.json",
        "processor_config.json",
        "image_processor_config.json",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "added_tokens.json",
        "vocab.json",
        "vocab.txt",
        "merges.txt",
        "spiece.model",
        "source.spm",
        "target.spm",
        "target_vocab.json",
        "sentencepiece.bpe.model",
        "chat_template.json",
        "chat_template.jinja",
    }
)
SAFETENSORS_INDEX = "model.safetensors.index.json"
PICKLE_WEIGHTS = ("pytorch_model.bin", "pytorch_model.bin.index.json")


@dataclass(frozen=True)
class RemoteFile:
    name: str  # path in the repo (top level only)
    size: int
    sha256: str | None  # LFS files: the content's sha256
    git_sha1: str | None  # other files: the git blob id, sha1("blob <size>\0" + content)

    @property
    def checksum(self) -> str:
        return self.sha256 or self.git_sha1 or ""


def _is_safetensors_weight(name: str) -> bool:
    return name == "model.safetensors" or (
        name.startswith("model-") and name.endswith(".safetensors")
    )


def select_files(files: list[RemoteFile]) -> tuple[list[RemoteFile], str]:
    """The files to fetch and the weight format ("safetensors" or "pickle").

    Raises ValueError (with a sentence for people) when the repo has no usable weights or config."""
    top = [f for f in files if "/" not in f.name]
    names = {f.name for f in top}
    if "config.json" not in names:
        raise ValueError("The model has no config.json, so it is not a transformers model.")
    chosen = [f for f in top if f.name in SUPPORT_FILES]
    weights = [f for f in top if _is_safetensors_weight(f.name) or f.name == SAFETENSORS_INDEX]
    weight_format = "safetensors"
    if not any(_is_safetensors_weight(f.name) for f in weights):
        # Pickled weights only when nothing safer exists; engines load them with weights_only=True.
        weights = [f for f in top if f.name in PICKLE_WEIGHTS or (
            f.name.startswith("pytorch_model-") and f.name.endswith(".bin"))]
        weight_format = "pickle"
        if not weights:
            raise ValueError("The model has no weights that AltText can load.")
    return sorted(chosen + weights, key=lambda f: f.name), weight_format


def verify_file(path: Path, remote: RemoteFile) -> bool:
    """True when the file on disk has the advertised size and hash."""
    try:
        if path.stat().st_size != remote.size:
            return False
    except OSError:
        return False
    if remote.sha256:
        return sha256_file(path) == remote.sha256.lower()
    if remote.git_sha1:
        return git_blob_sha1(path) == remote.git_sha1.lower()
    return False  # nothing to check against: refuse rather than trust
