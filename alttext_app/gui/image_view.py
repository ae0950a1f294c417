"""The image preview: scales to fit, keeps its aspect ratio, and says what to do when empty."""

from __future__ import annotations

from PIL import Image
from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QSizePolicy, QWidget

from alttext_app.gui.live_text import LiveText, render

EMPTY_TEXT = QT_TRANSLATE_NOOP("ImageView", "Drop an image here,\nor press Ctrl+O to open one,\nor Ctrl+V to paste one.")


def pil_to_qimage(image: Image.Image) -> QImage:
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    qimage = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return qimage.copy()  # own the pixels: `data` is freed when this function returns


class ImageView(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap: QPixmap | None = None
        self._scaled: QPixmap | None = None  # cached for the current size: smooth scaling is slow
        self._hint: LiveText = lambda: self.tr(EMPTY_TEXT)  # as given: rendered again on a language switch
        self._placeholder = ""
        self._name = ""
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Image preview"))
        self._placeholder = render(self._hint)
        self._describe(self._name)
        self.update()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _describe(self, name: str) -> None:
        # The description follows the image, so nothing stale is read as current.
        self._name = name
        if name:
            self.setAccessibleDescription(self.tr("Preview of %1").replace("%1", name))
        else:
            self.setAccessibleDescription(self._placeholder.replace("\n", " "))

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()  # grows with the font: room for the hint text
        return QSize(line * 14, line * 10)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().lineSpacing()
        return QSize(line * 32, line * 25)

    def set_image(self, image: Image.Image | QImage | None, name: str = "") -> None:
        if image is None:
            self._pixmap = None
        else:
            qimage = image if isinstance(image, QImage) else pil_to_qimage(image)
            self._pixmap = QPixmap.fromImage(qimage)
        self._scaled = None
        self._describe(name)
        self.update()

    def set_name(self, name: str) -> None:
        """The image's name changed (a pasted image's name follows the language)."""
        self._describe(name)

    def set_placeholder(self, text: LiveText) -> None:
        """What the empty preview says: a sentence (core English is translated) or a callable."""
        self._hint = text
        self._placeholder = render(text)
        if self._pixmap is None:
            self._describe("")
        self.update()

    def has_image(self) -> bool:
        return self._pixmap is not None

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt name
        super().paintEvent(event)
        painter = QPainter(self)
        area = self.contentsRect().adjusted(8, 8, -8, -8)
        if self._pixmap is None:
            painter.setPen(self.palette().color(QPalette.ColorRole.Text))
            font = painter.font()
            font.setPointSizeF(font.pointSizeF() * 1.15)
            painter.setFont(font)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._placeholder)
            return
        ratio = self.devicePixelRatioF()
        # An image pixel is one logical pixel, so at 200 % the preview grows like the rest of the
        # window (small images are not blown up beyond that: blurred icons mislead about quality).
        target = self._pixmap.size() * ratio
        room = area.size() * ratio
        if target.width() > room.width() or target.height() > room.height():
            target = target.scaled(room, Qt.AspectRatioMode.KeepAspectRatio)
        # Small images stay at their own size: blown-up icons look blurred and mislead about quality.
        scaled = self._scaled
        if scaled is None or scaled.size() != target:
            scaled = self._pixmap.scaled(
                target, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
            scaled.setDevicePixelRatio(ratio)
            self._scaled = scaled
        size = scaled.deviceIndependentSize().toSize()
        x = area.x() + (area.width() - size.width()) // 2
        y = area.y() + (area.height() - size.height()) // 2
        painter.drawPixmap(x, y, scaled)
