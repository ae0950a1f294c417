"""The Models dialog: download through the fake hub with accessible progress, cancel, remove, use."""

from __future__ import annotations

import pytest
from conftest import TINY_ID

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QPushButton, QWidget  # noqa: E402

from alttext_app.core.models import store  # noqa: E402
from alttext_app.core.models.downloader import partial_downloads  # noqa: E402
from alttext_app.core.session import Session  # noqa: E402
from alttext_app.gui.models_dialog import ModelsDialog  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(qtbot, hub):
    dlg = ModelsDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.idle, timeout=10_000)
    return dlg


def _state(dlg: ModelsDialog) -> str:
    return dlg.table.item(dlg.table.currentRow(), 2).text()


def test_every_control_is_named_and_reachable(dialog):
    for widget in dialog.findChildren(QWidget):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisible():
            assert widget.accessibleName(), widget
    for button in dialog.findChildren(QPushButton):
        assert button.accessibleName() and button.accessibleDescription()
        if button is not dialog.close_button:
            assert "&" in button.text()  # an Alt+letter shortcut
    assert dialog.table.hasFocus() or dialog.focusWidget() is dialog.table


def test_download_with_progress_then_use_and_remove(qtbot, dialog):
    assert dialog.select("tiny")
    assert _state(dialog) == "Recommended, not installed"
    assert dialog.download_button.isEnabled() and not dialog.cancel_button.isEnabled()
    descriptions = []
    dialog.progress.bar.valueChanged.connect(
        lambda _v: descriptions.append(dialog.progress.bar.accessibleDescription()))

    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    assert dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.idle, timeout=20000)

    assert dialog.announcer.status_text().startswith(f"Installed {TINY_ID}")
    assert dialog.progress.bar.value() == 1000
    assert any(" of " in d and "%" in d for d in descriptions)  # bytes and percent, for readers
    assert store.installed_model_dir("tiny") is not None
    dialog.select("tiny")
    assert _state(dialog) == "Active"  # the recommended model is what "auto" uses
    assert dialog.use_button.isEnabled() and dialog.remove_button.isEnabled()

    dialog.use_builtin()
    qtbot.waitUntil(lambda: dialog.idle, timeout=10_000)
    assert Session().settings.model == "builtin"
    dialog.select("tiny")
    assert _state(dialog) == "Installed"
    with qtbot.waitSignal(dialog.activeModelChanged) as signal:
        qtbot.mouseClick(dialog.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.idle, timeout=10_000)
    assert signal.args == [TINY_ID]
    assert Session().settings.model == TINY_ID

    dialog.confirm_remove = lambda label, size: True
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.idle, timeout=10_000)
    assert dialog.announcer.status_text().startswith(f"Removed {TINY_ID}; freed ")
    assert store.list_installed() == []
    dialog.select("tiny")
    assert _state(dialog) == "Recommended, not installed"


def test_cancel_leaves_nothing_installed(qtbot, dialog, hub):
    hub.faults.delay_per_chunk = 0.05
    dialog.select("tiny")
    dialog.download()
    qtbot.waitUntil(lambda: "%" in dialog.progress.label.text(), timeout=20000)
    assert _state(dialog) == "Downloading"
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.idle, timeout=20000)
    assert dialog.announcer.status_text().startswith("Download cancelled")
    assert store.list_installed() == []
    assert partial_downloads()  # kept so that Download resumes
    dialog.select("tiny")
    assert dialog.download_button.isEnabled() and not dialog.cancel_button.isEnabled()


def test_failure_is_one_sentence(qtbot, dialog, hub):
    hub.faults.corrupt.add("model.safetensors")
    dialog.select("tiny")
    dialog.download()
    qtbot.waitUntil(lambda: dialog.idle, timeout=20000)
    assert dialog.announcer.status_text().startswith("Download failed: The downloaded file model.safetensors")
    assert "Traceback" not in dialog.announcer.status_text()
    assert store.list_installed() == []


def test_import_folder(qtbot, dialog, tmp_path):
    from test_models_store import write_folder

    dialog.import_path(str(write_folder(tmp_path / "carried")))
    qtbot.waitUntil(lambda: dialog.idle, timeout=10_000)
    assert dialog.announcer.status_text().startswith("Imported carried")
    assert _state(dialog) == "Active"  # the only installed model
    dialog.import_path(str(tmp_path / "nothing-here"))
    qtbot.waitUntil(lambda: dialog.idle, timeout=10_000)
    assert dialog.announcer.status_text() == f"There is no folder at {tmp_path / 'nothing-here'}."


def test_closing_cancels_the_download(qtbot, dialog, hub):
    hub.faults.delay_per_chunk = 0.05
    dialog.select("tiny")
    dialog.download()
    qtbot.waitUntil(lambda: "%" in dialog.progress.label.text(), timeout=20000)
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.tasks.running, timeout=20000)
    assert store.list_installed() == []
    assert partial_downloads()


def test_import_and_remove_run_off_the_gui_thread(qtbot, dialog, tmp_path, monkeypatch):
    import threading

    from test_models_store import write_folder

    from alttext_app.core.models import importer

    gui, seen = threading.get_ident(), {}
    real_import, real_remove = importer.import_model, store.remove_model
    monkeypatch.setattr(importer, "import_model",
                        lambda *a, **k: seen.setdefault("import", threading.get_ident()) and real_import(*a, **k))
    monkeypatch.setattr(store, "remove_model",
                        lambda *a, **k: seen.setdefault("remove", threading.get_ident()) and real_remove(*a, **k))
    dialog.import_path(str(write_folder(tmp_path / "carried")))
    qtbot.waitUntil(lambda: dialog.idle, timeout=10_000)
    dialog.select("carried")
    dialog.confirm_remove = lambda label, size: True
    dialog.remove()
    qtbot.waitUntil(lambda: dialog.idle, timeout=10_000)
    assert store.list_installed() == []
    assert seen["import"] != gui and seen["remove"] != gui
