"""Colours from the palette, checked for contrast, and a visible focus frame on every control.

No colour is hard-coded: the warning colour and the focus frame start from the palette's own
colours and are moved in lightness until they meet WCAG 2.2 contrast against the window's
background (text 4.5:1, focus indicators and state colours 3:1), so light, dark and
high-contrast themes all work.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

TEXT_CONTRAST = 4.5
FOCUS_CONTRAST = 3.0
FOCUS_WIDTH = 2  # px; grows with the device pixel ratio by itself
_WARNING_HUE = 0  # red: "over the limit" (shown in words too, never by colour alone)
FOCUS_SELECTORS = (
    "QPlainTextEdit", "QTextEdit", "QLineEdit", "QPushButton", "QToolButton", "QComboBox",
    "QCheckBox", "QSpinBox", "QTableWidget", "QTableView", "QListView", "QRadioButton", "QLabel",
)


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def with_contrast(colour: QColor, background: QColor, ratio: float) -> QColor:
    """`colour`, made darker on light backgrounds (lighter on dark ones) until it meets `ratio`."""
    if contrast(colour, background) >= ratio:
        return QColor(colour)
    hue, sat, light, _ = colour.getHslF()
    hue = max(hue, 0.0)  # achromatic colours report -1
    darker = luminance(background) > 0.18
    step = -0.02 if darker else 0.02
    candidate = QColor(colour)
    while 0.0 <= light <= 1.0:
        light += step
        candidate = QColor.fromHslF(hue, sat, min(max(light, 0.0), 1.0))
        if contrast(candidate, background) >= ratio:
            return candidate
    return QColor("black") if darker else QColor("white")


def background(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorRole.Window)


def warning_colour(palette: QPalette) -> QColor:
    """A red readable as text on the window background."""
    bg = background(palette)
    start = QColor.fromHslF(_WARNING_HUE / 360, 0.9, 0.45 if luminance(bg) > 0.18 else 0.7)
    return with_contrast(start, bg, TEXT_CONTRAST)


def focus_colour(palette: QPalette) -> QColor:
    """The palette's highlight, adjusted to stand out 3:1 from the window and the field backgrounds."""
    colour = palette.color(QPalette.ColorRole.Highlight)
    for bg in (background(palette), palette.color(QPalette.ColorRole.Base)):
        colour = with_contrast(colour, bg, FOCUS_CONTRAST)
    return colour


def focus_stylesheet(palette: QPalette) -> str:
    colour = focus_colour(palette).name()
    selectors = ", ".join(f"{name}:focus" for name in FOCUS_SELECTORS)
    # Check box and radio indicators follow the font (the style's are a fixed 13 px).
    indicators = "QCheckBox::indicator, QRadioButton::indicator { width: 0.9em; height: 0.9em; }"
    return f"{selectors} {{ border: {FOCUS_WIDTH}px solid {colour}; }}\n{indicators}"


def contrast_table(palette: QPalette) -> dict[str, float]:
    """Measured ratios for the docs and tests: what is drawn against what."""
    bg, base = background(palette), palette.color(QPalette.ColorRole.Base)
    return {
        "text on window": contrast(palette.color(QPalette.ColorRole.WindowText), bg),
        "text in field": contrast(palette.color(QPalette.ColorRole.Text), base),
        "over-limit text": contrast(warning_colour(palette), bg),
        "focus frame on window": contrast(focus_colour(palette), bg),
        "focus frame on field": contrast(focus_colour(palette), base),
    }


class FocusFrames(QObject):
    """Keeps the application's focus-frame style sheet in step with its palette."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._app = app
        self._base_sheet = app.styleSheet()
        self.apply()
        app.installEventFilter(self)

    def apply(self) -> None:
        sheet = focus_stylesheet(self._app.palette())
        self._app.setStyleSheet(f"{self._base_sheet}\n{sheet}".strip())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self._app and event.type() == QEvent.Type.ApplicationPaletteChange:
            self.apply()
        return False


def install_focus_frames(app: QApplication) -> FocusFrames:
    existing = app.findChild(FocusFrames)
    return existing if isinstance(existing, FocusFrames) else FocusFrames(app)
