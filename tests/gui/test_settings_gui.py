"""Settings: the window and the CLI share one INI file and the same keys."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from alttext_app.core.session import Session
from alttext_app.core.settings import Settings, settings_file
from alttext_app.gui.settings_dialog import SettingsDialog, model_choices
from alttext_app.gui.settings_store import SettingsStore


def test_gui_writes_what_the_core_reads(qtbot, window) -> None:
    wanted = Settings(voice="gmw/en-us", rate=210, auto_speak=False, auto_copy=True, copy_format="markdown",
                      model=r"C:\My, odd; models\blip", backend="onnx", device="cpu", max_chars=150)
    SettingsStore().save(wanted)
    window.close()  # the window writes its geometry on close; the shared file must stay intact
    assert Session().settings == wanted
    text = settings_file().read_text(encoding="utf-8")
    assert "[General]" in text and "%General" not in text and "geometry" not in text


def test_core_writes_what_the_gui_reads(qtbot) -> None:
    wanted = Settings(voice="gmw/en", rate=95, auto_speak=True, auto_copy=False, copy_format="html",
                      model="builtin", backend="torch", device="cuda", max_chars=80)
    Session().save(wanted)
    assert SettingsStore().load() == wanted


def test_bad_values_fall_back_to_defaults(qtbot) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[General]\nrate=fast\ncopy_format=rtf\nmax_chars=-3\nauto_copy=yes\n", encoding="utf-8")
    loaded = SettingsStore().load()
    assert loaded.rate == Settings.rate
    assert loaded.copy_format == "plain"
    assert loaded.max_chars == Settings.max_chars
    assert loaded.auto_copy is True


def test_settings_dialog_saves_and_survives_a_restart(qtbot, window, monkeypatch) -> None:
    from alttext_app.gui.main_window import MainWindow

    def fill_and_accept(dialog: SettingsDialog) -> int:
        dialog.rate.setValue(230)
        dialog.copy_format.setCurrentIndex(dialog.copy_format.findData("html"))
        dialog.auto_copy.setChecked(True)
        dialog.max_chars.setValue(100)
        if dialog.voice.count() > 1:
            dialog.voice.setCurrentIndex(1)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", fill_and_accept)
    window.open_settings()
    assert window.status_label.text() == "Settings saved."
    assert window.speech.engine.rate == 230
    assert window.count_label.text() == "0 / 100 characters"
    saved = Session().settings
    assert (saved.rate, saved.copy_format, saved.auto_copy, saved.max_chars) == (230, "html", True, 100)
    window.close()
    again = MainWindow(service=window.runner.service)
    qtbot.addWidget(again)
    assert again.settings == saved
    assert again.count_label.text() == "0 / 100 characters"
    again.speech.close()


def test_model_choices_tolerate_a_missing_store_and_keep_the_current_one() -> None:
    values = [value for value, _ in model_choices("/some/folder")]
    assert values[:2] == ["auto", "builtin"]
    assert values[-1] == "/some/folder"
