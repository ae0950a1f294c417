"""The window's view of the settings: a thin adapter over the core `Session`, which owns the
shared settings file (one reader, one writer, validation, atomic writes).

Window geometry and the last folder (Qt's binary blob and a path) live in QSettings(IniFormat)
in `window.ini` beside the shared file, so QSettings never rewrites the shared file: its INI
dialect quotes values holding commas and doubles backslashes, which the CLI would read literally.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from alttext_app.core.errors import AltTextError
from alttext_app.core.session import Session, default_session
from alttext_app.core.settings import Settings

log = logging.getLogger(__name__)


class SettingsStore:
    def __init__(self, session: Session | None = None) -> None:
        self.session = session or default_session()
        self.path = self.session.path
        window_file = self.path.with_name("window.ini")
        self._window = QSettings(str(window_file), QSettings.Format.IniFormat)

    def load(self) -> Settings:
        """The current settings (checked when read; invalid values are already defaults)."""
        return self.session.settings

    def save(self, settings: Settings) -> None:
        try:
            self.session.save(settings)
        except AltTextError:
            log.warning("could not save settings", exc_info=True)

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
