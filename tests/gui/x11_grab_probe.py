"""Run under an X server (tests/gui/test_screen_sources.py starts Xvfb): shows a red window and
reports, as JSON, what AltText's X11 grabs saw: the screen, the active window and a region."""

import json
import sys

from PySide6.QtCore import QRect, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget

from alttext_app.gui.screen_grab import grab_active_window, grab_region, grab_screen, uses_portal


def mean(image: QImage) -> list[int]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    total, n = [0, 0, 0], 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            c = QColor(image.pixel(x, y))
            total = [total[0] + c.red(), total[1] + c.green(), total[2] + c.blue()]
            n += 1
    return [round(v / max(n, 1)) for v in total]


app = QApplication(sys.argv[:1])
window = QWidget()
window.setStyleSheet("background: rgb(220, 20, 20);")
window.setGeometry(100, 80, 200, 120)
window.show()
window.activateWindow()


def report():
    screen = grab_screen()
    own = grab_active_window(exclude={int(window.winId())})
    active = grab_active_window()
    inside = grab_region(QRect(120, 100, 40, 30))
    outside = grab_region(QRect(400, 300, 50, 50))
    print(json.dumps({
        "portal": uses_portal(),
        "screen": [screen.width(), screen.height()], "screen_at_window": QColor(screen.pixel(150, 120)).getRgb()[:3],
        "active": [active.width(), active.height()] if active else None, "active_mean": mean(active) if active else None,
        "own_excluded": own is None,
        "inside": [inside.width(), inside.height()], "inside_mean": mean(inside), "outside_mean": mean(outside),
    }))
    app.quit()


QTimer.singleShot(800, report)
app.exec()
