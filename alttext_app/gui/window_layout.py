"""How the main window's parts sit: the preview left, the alt text and questions right, and an
indeterminate progress bar at the end of the status line. Layout only; no behaviour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressBar, QSplitter, QStatusBar, QWidget


def split_view(preview: QWidget, panel: QWidget, below_panel: QWidget) -> QSplitter:
    """Preview : (alt text over questions), 3 : 2; no part can be collapsed out of reach."""
    side = QSplitter(Qt.Orientation.Vertical)
    side.addWidget(panel)
    side.addWidget(below_panel)
    side.setChildrenCollapsible(False)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(preview)
    splitter.addWidget(side)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 2)
    splitter.setChildrenCollapsible(False)
    splitter.setContentsMargins(8, 8, 8, 4)
    return splitter


def busy_indicator(status_bar: QStatusBar) -> QProgressBar:
    """A hidden busy bar in the status line (captioning has no reliable percentage)."""
    busy = QProgressBar()
    busy.setRange(0, 0)
    busy.setMaximumWidth(busy.fontMetrics().horizontalAdvance("M") * 12)
    busy.hide()
    status_bar.addPermanentWidget(busy)
    status_bar.setSizeGripEnabled(True)
    return busy
