"""Small pieces both backends share: token decoding, device choice, thread counts, model names."""

from __future__ import annotations

import logging
import os
from dataclasses import replace
from pathlib import Path

from alttext_app.core.captioner import CaptionOptions, Detail, RawCaption
from alttext_app.core.engines.family import AskInputs, Family, GenerationSettings, read_json
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

    def encode(self, text: str, add_special_tokens: bool = True) -> list[int]:
        return list(self.tokenizer.encode(text, add_special_tokens=add_special_tokens).ids)


def model_name(model_dir: Path) -> str:
    """The folder name, which is the installed model's name (or what the user pointed at)."""
    return Path(model_dir).resolve().name


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def cpu_threads() -> int:
    """Threads for one caption: every core the process may use (captions run one at a time),
    or ALTTEXT_THREADS."""
    override = os.environ.get("ALTTEXT_THREADS")
    if override and override.isdigit() and int(override) > 0:
        return int(override)
    return max(1, usable_cores())


def others_running() -> int:
    """Runnable threads of other processes right now (Linux: /proc/loadavg's running count,
    less the thread asking). The smallest of three quick reads, so a passing blip is ignored
    while a busy background job is always counted. 0 where it cannot be read."""
    counts = []
    for _ in range(3):
        try:
            running = Path("/proc/loadavg").read_text().split()[3].split("/")[0]
            counts.append(max(0, int(running) - 1))
        except (OSError, IndexError, ValueError):
            return 0
    return min(counts)


def free_cpu_threads() -> int:
    """Intra-op threads for the next caption on a desktop that is doing other work: the cores no
    other process is using now, at least 1. With OpenMP, a thread whose core is taken makes every
    other thread wait for it at each barrier, so claiming busy cores made torch 10x slower."""
    override = os.environ.get("ALTTEXT_THREADS")
    if override and override.isdigit() and int(override) > 0:
        return int(override)
    cores = usable_cores()
    return max(1, min(cores, cores - others_running()))


def source_name(model_dir: Path) -> str:
    config = read_json(Path(model_dir) / "config.json")
    return str(config.get("_name_or_path") or model_name(model_dir))


def caption_inputs(
    family: Family, decoder: TextDecoder, options: CaptionOptions, settings: GenerationSettings
) -> AskInputs | None:
    """The inputs for a caption at `options.detail` (None: the model's own caption prompt)."""
    if options.detail is not Detail.BRIEF:
        if options.detail.value not in family.detail_levels:
            raise ModelError("This model cannot give a more detailed description.")
        return family.detail_inputs(decoder.tokenizer, options.detail.value, settings)
    if not family.writes_captions:
        raise ModelError("This model answers questions only; choose a captioning model for alt text.")
    return None


def run_settings(
    settings: GenerationSettings, options: CaptionOptions, inputs: AskInputs | None, min_new_tokens: int
) -> tuple[GenerationSettings, int]:
    """(settings for one call, most new tokens): prompt from `inputs`, forced minimum length."""
    if inputs is not None:
        settings = replace(settings, prompt_ids=list(inputs.prompt_ids))
    if min_new_tokens:
        settings = replace(settings, min_new_tokens=min_new_tokens)
    default = (inputs.max_new_tokens if inputs else None) or settings.max_new_tokens
    return settings, options.max_length or default


class PromptedCaptioning:
    """`caption` and `ask` for both backends: each builds its prompt, then the backend's own
    `generate_ids` and `_text` run it (the subclasses set `family`, `decoder` and `settings`)."""

    def caption(self, image, options: CaptionOptions, should_abort=None) -> RawCaption:
        inputs = caption_inputs(self.family, self.decoder, options, self.settings)
        return self._text(self.generate_ids(image, options, should_abort, inputs=inputs))

    def ask(self, image, question: str, options: CaptionOptions, should_abort=None) -> RawCaption:
        inputs = self.family.ask_inputs(self.decoder.tokenizer, question, self.settings)
        return self._text(self.generate_ids(image, options, should_abort, inputs=inputs))
