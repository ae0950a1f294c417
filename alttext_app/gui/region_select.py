"""Choose a region of the screen by keyboard (or mouse) over a still picture of the screen.

The picture is taken first and the region is cut from it, so what is described is exactly what
was on screen when the person asked. Keys: arrows move the frame, Shift+arrows resize it, Ctrl
makes steps of one pixel, Enter describes, Escape cancels. Each change is announced (size and
position), so the frame can be placed without seeing it well.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from alttext_app.gui.announce import tell_focused

STEP, FINE_STEP, MIN_SIDE = 20, 1, 8
_MOVES = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}


class RegionSelector(QWidget):
    chosen = Signal(QImage, QRect)  # the cut-out picture and its rectangle on the desktop
    cancelled = Signal()

    def __init__(self, screenshot: QImage, desktop_rect: QRect, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                         | Qt.WindowType.WindowStaysOnTopHint)
        self.setObjectName("region_selector")
        self.setAccessibleName(self.tr("Choose a region of the screen"))
        self.setAccessibleDescription(self.tr(
            "Arrow keys move the frame, Shift with arrow keys changes its size, Ctrl makes small "
            "steps. Enter describes the region, Escape cancels. You can also drag with the mouse."))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._image = screenshot
        self._origin = desktop_rect.topLeft()
        self.setGeometry(desktop_rect)
        size = screenshot.size()
        self.region = QRect(QPoint(size.width() // 4, size.height() // 4), size / 2)
        self._drag_start: QPoint | None = None

    def describe_region(self) -> str:
        r = self.region
        return self.tr("Region {w} by {h} pixels, {x} from the left, {y} from the top.").format(
            w=r.width(), h=r.height(), x=r.x(), y=r.y())

    def _bounds(self) -> QRect:
        return QRect(QPoint(0, 0), self._image.size())

    def _set_region(self, rect: QRect) -> None:
        rect = rect.normalized()
        if rect.width() < MIN_SIDE or rect.height() < MIN_SIDE:
            rect.setSize(rect.size().expandedTo(QSize(MIN_SIDE, MIN_SIDE)))
        bounds = self._bounds()
        rect = rect.intersected(bounds) if not bounds.contains(rect) else rect
        self.region = rect
        self.update()
        tell_focused(self, self.describe_region())

    def accept_region(self) -> None:
        self.chosen.emit(self._image.copy(self.region), self.region.translated(self._origin))
        self.close()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept_region()
        elif key == Qt.Key.Key_Escape:
            self.cancelled.emit()
            self.close()
        elif key in _MOVES:
            dx, dy = _MOVES[key]
            step = FINE_STEP if mods & Qt.KeyboardModifier.ControlModifier else STEP
            rect = QRect(self.region)
            if mods & Qt.KeyboardModifier.ShiftModifier:
                rect.setWidth(rect.width() + dx * step)
                rect.setHeight(rect.height() + dy * step)
            else:
                rect.translate(dx * step, dy * step)
                bounds = self._bounds()
                rect.moveLeft(min(max(rect.left(), 0), bounds.right() - rect.width() + 1))
                rect.moveTop(min(max(rect.top(), 0), bounds.bottom() - rect.height() + 1))
            self._set_region(rect)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt name
        self._drag_start = event.position().toPoint()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt name
        if self._drag_start is not None:
            self.region = QRect(self._drag_start, event.position().toPoint()).normalized()
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt name
        if self._drag_start is not None:
            self._set_region(QRect(self._drag_start, event.position().toPoint()))
            self._drag_start = None

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt name
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        shade = QColor(0, 0, 0, 110)  # dim what is left out; the region keeps its real colours
        outside = self.rect()
        for part in (QRect(0, 0, outside.width(), self.region.top()),
                     QRect(0, self.region.bottom() + 1, outside.width(), outside.height()),
                     QRect(0, self.region.top(), self.region.left(), self.region.height()),
                     QRect(self.region.right() + 1, self.region.top(), outside.width(), self.region.height())):
            painter.fillRect(part, shade)
        painter.setPen(QPen(self.palette().highlight().color(), 3))
        painter.drawRect(self.region.adjusted(-2, -2, 1, 1))
        painter.setPen(QPen(Qt.GlobalColor.white, 1, Qt.PenStyle.DashLine))
        painter.drawRect(self.region.adjusted(-2, -2, 1, 1))
