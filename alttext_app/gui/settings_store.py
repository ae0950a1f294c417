"""Typed settings for the window, kept in the same INI file and keys the CLI reads.

QSettings(IniFormat) on `alttext_app.core.settings.settings_file()`; keys are the `Settings` field
names at the top level, which QSettings writes under `[General]` — the section configparser reads.
(A QSettings group literally named "General" would be written as `[%General]`, so none is used.)
Window geometry goes to a separate `[Window]` group that the core ignores.
"""

from __future__ import annotations

import logging
from dataclasses import fields

from PySide6.QtCore import QByteArray, QSettings

from alttext_app.core.settings import COPY_FORMATS, Settings, settings_file

log = logging.getLogger(__name__)


class SettingsStore:
    def __init__(self) -> None:
        path = settings_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def path(self) -> str:
        return self._qs.fileName()

    def load(self) -> Settings:
        """The stored settings; missing or bad values fall back to the defaults."""
        self._qs.sync()
        settings = Settings()
        for field in fields(Settings):
            default = getattr(settings, field.name)
            raw = self._qs.value(field.name, None)
            if raw is None:
                continue
            try:
                setattr(settings, field.name, _coerce(raw, default))
            except (TypeError, ValueError):
                log.warning("ignoring bad setting %s=%r", field.name, raw)
        if settings.copy_format not in COPY_FORMATS:
            settings.copy_format = "plain"
        if settings.max_chars < 1:
            settings.max_chars = Settings.max_chars
        return settings

    def save(self, settings: Settings) -> None:
        for field in fields(Settings):
            value = getattr(settings, field.name)
            # Write bools as true/false text and ints as digits: what configparser expects.
            self._qs.setValue(field.name, str(value).lower() if isinstance(value, bool) else str(value))
        self._qs.sync()
        if self._qs.status() != QSettings.Status.NoError:
            log.warning("could not write settings to %s: %s", self.path, self._qs.status())

    def window_geometry(self) -> QByteArray | None:
        value = self._qs.value("Window/geometry")
        return value if isinstance(value, QByteArray) else None

    def save_window_geometry(self, geometry: QByteArray) -> None:
        self._qs.setValue("Window/geometry", geometry)
        self._qs.sync()


def _coerce(raw: object, default: object) -> object:
    if isinstance(default, bool):
        if isinstance(raw, bool):
            return raw
        return str(raw).strip().lower() in ("1", "true", "yes", "on")
    if isinstance(default, int):
        return int(str(raw).strip())
    if isinstance(raw, list):  # QSettings splits unquoted commas into a list
        return ", ".join(str(part) for part in raw)
    return str(raw)
