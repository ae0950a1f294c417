"""Settings: the window and the CLI share one INI file and the same keys."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from alttext_app.core.session import Session
from alttext_app.core.settings import Settings, settings_file
from alttext_app.gui.settings_dialog import SettingsDialog
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
    assert window.announcer.status_text() == "Settings saved."
    assert window.speech.engine.rate == 230
    assert window.panel.count_label.text() == "0 of 100 characters"
    saved = Session().settings
    assert (saved.rate, saved.copy_format, saved.auto_copy, saved.max_chars) == (230, "html", True, 100)
    window.close()
    again = MainWindow(service=window.service, runner=window.tasks)
    qtbot.addWidget(again)
    assert again.settings == saved
    assert again.panel.count_label.text() == "0 of 100 characters"
    again.speech.close()


def test_voices_and_models_are_listed_off_the_gui_thread(qtbot, window, monkeypatch) -> None:
    """Opening Settings never waits for the speech thread or a walk of the model folder."""
    import threading

    from alttext_app.core.speech import Voice
    from alttext_app.gui import settings_dialog

    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def voices():
        seen["voices"] = threading.get_ident()
        return [Voice("gmw/en-test", "Test voice", ("en",))]

    def models(_ctx=None):
        seen["models"] = threading.get_ident()
        return ["my-model"]

    monkeypatch.setattr(window.speech.engine, "list_voices", voices)
    monkeypatch.setattr(settings_dialog, "installed_model_names", models)
    dialog = SettingsDialog(window.settings, window.speech, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.voice.count() == 2 and dialog.model.findData("my-model") >= 0, timeout=10_000)
    assert seen["voices"] != gui and seen["models"] != gui
    assert dialog.voice.isEnabled() and dialog.voice.accessibleDescription() == "1 voice(s) available."


def test_window_starts_with_an_unreadable_settings_file(qtbot) -> None:
    """It used to exit 1 without a word on one non-UTF-8 byte; now: defaults, file kept aside."""
    from alttext_app.gui.main_window import MainWindow

    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"[General]\nvoice=caf\xe9\nrate=\xff\xfe\n")
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.session.settings.rate == Settings().rate
    assert path.with_name("alttext.ini.broken").read_bytes().startswith(b"[General]\nvoice=caf\xe9")
    window.close()
