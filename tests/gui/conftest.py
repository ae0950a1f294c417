"""GUI test set-up: real small captioners injected into a ModelService, test images, one window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gui_support import ColourCaptioner, InjectedService, close_window, open_active  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def clean_clipboard_at_exit():
    """Like the app's aboutToQuit hook: without it, the process crashes as it exits after a copy."""
    yield
    from alttext_app.gui.clipboard import release_clipboard

    release_clipboard()


@pytest.fixture
def captioner() -> ColourCaptioner:
    return ColourCaptioner()


@pytest.fixture
def service(captioner) -> InjectedService:
    return InjectedService(captioner)


@pytest.fixture
def red_png(tmp_path) -> Path:
    path = tmp_path / "red square.png"
    Image.new("RGB", (64, 64), (210, 20, 20)).save(path)
    return path


@pytest.fixture
def blue_png(tmp_path) -> Path:
    path = tmp_path / "blue.png"
    Image.new("RGB", (120, 40), (20, 40, 210)).save(path)
    return path


@pytest.fixture
def window(qtbot, service):
    from alttext_app.core.session import Session
    from alttext_app.gui.main_window import MainWindow
    from alttext_app.gui.tasks import TaskRunner

    session = Session(service=service)
    session.update(auto_speak=False)  # tests that want speech turn it on
    win = MainWindow(session=session, runner=TaskRunner())
    open_active(qtbot, win)
    qtbot.waitUntil(lambda: win.speech.status.known, timeout=20_000)
    yield win
    close_window(win, 5000)


@pytest.fixture(autouse=True)
def english_window_after_each_test():
    """A test that switches the window's language must not leave the next test in it."""
    yield
    from PySide6.QtWidgets import QApplication

    from alttext_app.gui.translations import current_ui_language, install_translations

    app = QApplication.instance()
    if app is not None and current_ui_language():
        install_translations(app, "en")


def pytest_collection_modifyitems(config, items) -> None:
    """Everything under tests/gui needs Qt: mark it so `-m "not gui"` can leave it out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)
