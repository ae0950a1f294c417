"""Typed settings for the window, in the same INI file and keys the CLI reads.

The shared `Settings` keys are read and written by `alttext_app.core.settings` itself, so the
window and the CLI use one serializer. QSettings is not used for them on purpose: its INI dialect
quotes values holding commas or semicolons and doubles backslashes (`"x, y"`, `C:\\\\models`),
which configparser then reads literally — a model folder like `C:\\My, models` would break.
Window geometry (Qt's binary blob) lives in QSettings(IniFormat) in `window.ini` beside it, so
QSettings never rewrites the shared file.
"""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from alttext_app.core.settings import (
    COPY_FORMATS,
    Settings,
    load_settings,
    save_settings,
    settings_file,
)

log = logging.getLogger(__name__)


class SettingsStore:
    def __init__(self) -> None:
        self.path = settings_file()
        window_file = self.path.with_name("window.ini")
        self._window = QSettings(str(window_file), QSettings.Format.IniFormat)

    def load(self) -> Settings:
        """The stored settings; missing or bad values fall back to the defaults."""
        settings = load_settings(self.path)
        if settings.copy_format not in COPY_FORMATS:
            log.warning("ignoring unknown copy format %r", settings.copy_format)
            settings.copy_format = Settings.copy_format
        if settings.max_chars < 1:
            settings.max_chars = Settings.max_chars
        if settings.rate < 1:
            settings.rate = Settings.rate
        return settings

    def save(self, settings: Settings) -> None:
        try:
            save_settings(dataclasses.replace(settings), self.path)
        except OSError:
            log.warning("could not write settings to %s", self.path, exc_info=True)

    def last_folder(self) -> str:
        """Where Open Image starts: the folder of the last image opened, else home."""
        folder = str(self._window.value("last_folder", "") or "")
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def save_last_folder(self, folder: str) -> None:
        self._window.setValue("last_folder", folder)

    def window_geometry(self) -> QByteArray | None:
        value = self._window.value("geometry")
        return value if isinstance(value, QByteArray) else None

    def save_window_geometry(self, geometry: QByteArray) -> None:
        self._window.setValue("geometry", geometry)
        self._window.sync()
