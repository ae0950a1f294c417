"""Where AltText keeps things: assets shipped with the app, the user's models, logs and settings.

Every user folder can be moved with an environment variable (tests and portable installs use them):
ALTTEXT_MODELS_DIR, ALTTEXT_LOG_DIR, ALTTEXT_CONFIG_DIR, ALTTEXT_LIBRARY_DIR.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from platformdirs import user_config_path, user_data_path, user_log_path

APP_DIR_NAME = "alttext"


def assets_dir() -> Path:
    """The read-only `assets/` folder: beside the package in a checkout, inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "assets"
    return Path(__file__).resolve().parents[2] / "assets"


def asset(*parts: str) -> Path:
    return assets_dir().joinpath(*parts)


def sample_image() -> Path:
    """The image the first-run command and the self-test caption."""
    return asset("samples", "sample.jpg")


def _dir_from_env(var: str, default: Path) -> Path:
    value = os.environ.get(var)
    path = Path(value).expanduser() if value else default
    return path


def models_dir() -> Path:
    """The user's model folder (installed and exported models)."""
    return _dir_from_env("ALTTEXT_MODELS_DIR", user_data_path(APP_DIR_NAME) / "models")


def library_dir() -> Path:
    """Where the picture search index lives (`alttext batch` fills it, `alttext search` reads it)."""
    return _dir_from_env("ALTTEXT_LIBRARY_DIR", user_data_path(APP_DIR_NAME) / "library")


def log_dir() -> Path:
    return _dir_from_env("ALTTEXT_LOG_DIR", user_log_path(APP_DIR_NAME))


def config_dir() -> Path:
    return _dir_from_env("ALTTEXT_CONFIG_DIR", user_config_path(APP_DIR_NAME))


def log_file() -> Path:
    return log_dir() / "alttext.log"
