"""GUI test set-up: real small captioners injected into a ModelService, test images, one window."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from alttext_app.core.captioner import CaptionOptions, RawCaption, check_abort  # noqa: E402
from alttext_app.core.service import BUILTIN, ModelService  # noqa: E402

IMAGES = Path(__file__).resolve().parents[1] / "data" / "images"
_COLOURS = {
    "red": (200, 30, 30), "green": (30, 160, 60), "blue": (30, 60, 200), "white": (245, 245, 245),
    "black": (10, 10, 10), "brown": (120, 80, 50), "grey": (128, 128, 128), "yellow": (230, 210, 40),
}


class ColourCaptioner:
    """A tiny real describer for tests: names the image's average colour and its shape.
    Never shown to users; it exists so GUI tests do not depend on model weights."""

    model_name = "test-colour"
    backend = "builtin"
    device = "cpu"

    def __init__(self) -> None:
        self.calls = 0
        self.gate: threading.Event | None = None  # when set, captioning waits for it (or abort)

    def caption(self, image: Image.Image, options: CaptionOptions, should_abort=None) -> RawCaption:
        self.calls += 1
        while self.gate is not None and not self.gate.wait(0.01):
            check_abort(should_abort)
        check_abort(should_abort)
        mean = np.asarray(image, dtype=np.float32).reshape(-1, 3).mean(axis=0)
        name = min(_COLOURS, key=lambda c: float(np.sum((np.array(_COLOURS[c]) - mean) ** 2)))
        w, h = image.size
        shape = "wide" if w > h * 1.2 else "tall" if h > w * 1.2 else "square"
        return RawCaption(text=f"a picture of a mostly {name} {shape} image")

    def close(self) -> None:
        pass


class InjectedService(ModelService):
    """A ModelService whose every model name resolves to one given captioner."""

    def __init__(self, captioner) -> None:
        super().__init__()
        self.captioner = captioner

    def get(self, model: str = "auto", backend: str = "auto", device: str = "auto"):
        return self.captioner


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
    from alttext_app.gui.main_window import MainWindow
    from alttext_app.gui.settings_store import SettingsStore

    store = SettingsStore()
    settings = store.load()
    settings.auto_speak = False  # tests that want speech turn it on
    store.save(settings)
    win = MainWindow(service=service, store=store)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()  # window shortcuts only fire in the active window
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    yield win
    win.runner.cancel()
    win.runner.wait(5000)
    win.speech.close()


def wait_for_caption(qtbot, win, timeout: int = 10_000) -> str:
    qtbot.waitUntil(lambda: not win.runner.busy and win.caption.toPlainText() != "", timeout=timeout)
    return win.caption.toPlainText()


__all__ = ["BUILTIN", "IMAGES", "ColourCaptioner", "InjectedService", "wait_for_caption"]
