"""Small pieces both backends share: token decoding, device choice, thread counts, model names."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from alttext_app.core.engines.family import read_json
from alttext_app.core.errors import ModelError

log = logging.getLogger(__name__)


class TextDecoder:
    """Token ids -> text with the `tokenizers` library from tokenizer.json (no transformers)."""

    def __init__(self, model_dir: Path) -> None:
        from tokenizers import Tokenizer

        path = Path(model_dir) / "tokenizer.json"
        if not path.is_file():
            raise ModelError(f"The model folder “{Path(model_dir).name}” has no tokenizer.json.")
        try:
            self.tokenizer = Tokenizer.from_file(str(path))
        except Exception as exc:  # tokenizers raises plain Exception subclasses
            raise ModelError("The model's tokenizer.json cannot be read.", detail=str(exc)) from exc

    def decode(self, ids: list[int]) -> str:
        return self.tokenizer.decode(ids, skip_special_tokens=True)


def model_name(model_dir: Path) -> str:
    """The folder name, which is the installed model's name (or what the user pointed at)."""
    return Path(model_dir).resolve().name


def cpu_threads() -> int:
    """Threads for one caption: every core the process may use (captions run one at a time)."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    override = os.environ.get("ALTTEXT_THREADS")
    if override and override.isdigit() and int(override) > 0:
        return int(override)
    return max(1, count)


def source_name(model_dir: Path) -> str:
    config = read_json(Path(model_dir) / "config.json")
    return str(config.get("_name_or_path") or model_name(model_dir))
