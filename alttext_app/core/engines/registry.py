"""The list of model families AltText can run; each entry is "module:ClassName" (imported lazily).

Add a family with ONE line in FAMILY_CLASSES. Order matters only when two families could match the
same config (the first match wins).
"""

from __future__ import annotations

import importlib
import logging
from functools import cache
from pathlib import Path
from typing import Any

from alttext_app.core.engines.family import Family, read_json
from alttext_app.core.errors import ModelError

log = logging.getLogger(__name__)

_PKG = "alttext_app.core.engines"
FAMILY_CLASSES: list[str] = [
    f"{_PKG}.family_cnn_gpt2:CnnGpt2Family",  # before ViT-GPT2: its configs are a special case
    f"{_PKG}.family_vision_encoder_decoder:VisionEncoderDecoderFamily",
    f"{_PKG}.family_blip_vqa:BlipVqaFamily",  # before BLIP: both are model_type "blip"
    f"{_PKG}.family_blip:BlipFamily",
    f"{_PKG}.family_git:GitFamily",
    f"{_PKG}.family_florence2:Florence2Family",
    f"{_PKG}.family_marian:MarianFamily",  # translation, not captioning (core.translation)
    f"{_PKG}.family_smolvlm:SmolVlmFamily",
]


@cache
def families() -> tuple[Family, ...]:
    """One instance of every family whose module exists."""
    found: list[Family] = []
    for entry in FAMILY_CLASSES:
        module_name, _, class_name = entry.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            log.debug("family module %s is not present", module_name)
            continue
        found.append(getattr(module, class_name)())
    return tuple(found)


def family_by_name(name: str) -> Family:
    for family in families():
        if family.name == name:
            return family
    raise ModelError(f"This AltText version cannot run “{name}” models.")


def family_for_config(config: dict[str, Any]) -> Family:
    for family in families():
        if family.matches(config):
            return family
    kind = config.get("model_type") or "unknown"
    raise ModelError(f"AltText cannot run this kind of model (“{kind}”).")


def family_for_dir(model_dir: Path) -> Family:
    """The family of a Hugging Face model folder (config.json) or of an ONNX export (manifest.json)."""
    manifest = read_json(model_dir / "manifest.json")
    if manifest.get("family"):
        return family_by_name(str(manifest["family"]))
    config = read_json(model_dir / "config.json")
    if not config:
        raise ModelError(f"The folder “{model_dir.name}” holds no model (no config.json).")
    return family_for_config(config)
