"""The app's settings as one typed record, stored in an INI file under the user's config folder.

The GUI reads and writes the same file through QSettings (IniFormat) in alttext_app.gui; the CLI
reads it here with configparser so both agree on the chosen model, backend and device.
"""

from __future__ import annotations

import configparser
import contextlib
import logging
from dataclasses import dataclass, fields
from pathlib import Path

from alttext_app.core.paths import config_dir

log = logging.getLogger(__name__)

SECTION = "General"
COPY_FORMATS = ("plain", "html", "markdown")


@dataclass
class Settings:
    voice: str = ""  # speech engine voice id; "" = the engine's default
    rate: int = 175  # words per minute
    auto_speak: bool = True
    auto_copy: bool = False
    copy_format: str = "plain"  # one of COPY_FORMATS
    model: str = "auto"  # "auto", "builtin", an installed model name or a folder
    backend: str = "auto"  # "auto", "torch" or "onnx"
    device: str = "auto"  # "auto", "cpu" or "cuda"
    max_chars: int = 125  # alt-text length budget
    models_dir: str = ""  # where models are installed; "" = the platform data folder


def settings_file() -> Path:
    return config_dir() / "alttext.ini"


def _coerce(raw: str, default: object) -> object:
    if isinstance(default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(raw)
    return raw


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; unknown keys are ignored and bad values fall back to defaults."""
    path = path or settings_file()
    settings = Settings()
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (OSError, configparser.Error):
        log.warning("could not read settings from %s", path, exc_info=True)
        return settings
    if not parser.has_section(SECTION):
        return settings
    for field in fields(Settings):
        raw = parser.get(SECTION, field.name, fallback=None)
        if raw is None:
            continue
        try:
            setattr(settings, field.name, _coerce(raw, getattr(settings, field.name)))
        except ValueError:
            log.warning("ignoring bad setting %s=%r", field.name, raw)
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write settings in the same INI layout QSettings uses, so the GUI and CLI share one file."""
    path = path or settings_file()
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keep key case
    with contextlib.suppress(OSError, configparser.Error):  # a broken file is rewritten
        parser.read(path, encoding="utf-8")
    if not parser.has_section(SECTION):
        parser.add_section(SECTION)
    for field in fields(Settings):
        value = getattr(settings, field.name)
        parser.set(SECTION, field.name, str(value).lower() if isinstance(value, bool) else str(value))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        parser.write(handle)
