"""Helpers for the GUI tests: small real captioners and waiting for a caption.

A module of its own (not conftest) so `from gui_support import …` never meets another folder's
conftest in sys.modules.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
from PIL import Image

from alttext_app.core.captioner import CaptionOptions, RawCaption, check_abort
from alttext_app.core.service import ModelService

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
        self.thread = threading.get_ident()  # tests check this is not the GUI thread
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


def wait_for_caption(qtbot, win, timeout: int = 10_000) -> str:
    qtbot.waitUntil(lambda: not win.tasks.is_busy("caption") and win.panel.caption.toPlainText() != "", timeout=timeout)
    return win.panel.caption.toPlainText()


def reprobe_speech(qtbot, win) -> None:
    """After the test changed the player: ask again whether speech can play (off the GUI thread)."""
    win.speech.status = type(win.speech.status)()
    win.speech.probe()
    qtbot.waitUntil(lambda: win.speech.status.known, timeout=20_000)


def open_active(qtbot, win) -> None:
    """Show `win` and make it the active window (window shortcuts only fire there)."""
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)


def close_window(win, wait_ms: int = 10_000) -> None:
    """Stop the window's speech thread and await its tasks (a test's teardown)."""
    win.speech.close()
    win.tasks.shutdown(wait_ms)
