"""Opening the window's dialogs: files, Settings, Models, shortcuts, About."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from alttext_app import APP_NAME, __version__
from alttext_app.core.images import SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from alttext_app.gui.main_window import MainWindow


def ask_image_path(window: MainWindow, folder: str) -> str:
    patterns = " ".join(f"*{suffix}" for suffix in SUPPORTED_SUFFIXES)
    images = QCoreApplication.translate("Dialogs", "Images (%1)").replace("%1", patterns)
    everything = QCoreApplication.translate("Dialogs", "All files (*)")  # outside the f-string: lupdate sees it
    filters = f"{images};;{everything}"
    path, _ = QFileDialog.getOpenFileName(window, QCoreApplication.translate("Dialogs", "Open Image"), folder, filters)
    return path


def open_settings(window: MainWindow) -> None:
    from alttext_app.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window.speech, window, screen_reader=window.screen_reader.running)
    if dialog.exec() == SettingsDialog.DialogCode.Accepted:
        window.apply_settings(dialog.settings())  # a new language: the window follows at once
    else:
        s = window.settings
        window.speech.apply(s.voice, s.rate, s.voices)  # undo "Try voice"


def open_models(window: MainWindow) -> None:
    from alttext_app.gui.models_dialog import ModelsDialog

    # The dialog's choice of model reaches the window through the session's change signal.
    ModelsDialog(window, runner=window.tasks, session=window.session).exec()


def show_shortcuts(window: MainWindow) -> None:
    from alttext_app.gui.help_dialog import ShortcutsDialog

    ShortcutsDialog(window).exec()


def show_about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        QCoreApplication.translate("Dialogs", "About %1").replace("%1", APP_NAME),
        QCoreApplication.translate("Dialogs", "<p><b>%1 %2</b></p><p>Offline, private alt text for any image. "
            "Images never leave this computer.</p>").replace("%1", APP_NAME).replace("%2", __version__),
    )
