"""Colours and focus frames: contrast measured on screen in light, dark and high-contrast palettes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from alttext_app.gui.look import FOCUS_CONTRAST, TEXT_CONTRAST, contrast_table

_SPEC = importlib.util.spec_from_file_location("a11y_look", Path(__file__).resolve().parents[2] / "scripts" / "a11y_look.py")
a11y_look = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(a11y_look)


@pytest.mark.parametrize("name", list(a11y_look.palettes()))
def test_colours_meet_wcag_in_every_palette(name) -> None:
    table = contrast_table(a11y_look.palettes()[name])
    assert table["over-limit text"] >= TEXT_CONTRAST
    assert table["focus frame on window"] >= FOCUS_CONTRAST
    assert table["focus frame on field"] >= FOCUS_CONTRAST


@pytest.mark.parametrize("name", list(a11y_look.palettes()))
def test_focus_frame_on_screen(qtbot, window, name) -> None:
    from alttext_app.gui.look import install_focus_frames

    app = QApplication.instance()
    install_focus_frames(app)
    old = app.palette()
    try:
        app.setPalette(a11y_look.palettes()[name])
        qtbot.wait(50)
        assert a11y_look.measured_focus_contrast(window) >= FOCUS_CONTRAST
    finally:
        app.setPalette(old)


def test_counter_says_over_the_limit_in_words(qtbot, window) -> None:
    window.panel.caption.setPlainText("x" * (window.settings.max_chars + 3))
    text = window.panel.count_label.text()
    assert text == f"{window.settings.max_chars + 3} of {window.settings.max_chars} characters, 3 over"
    assert window.panel.count_label.accessibleName() in ("", text)  # the name is the text itself
