"""Screenshots and contrast of the window for docs/accessibility.md (issue #9).

    xvfb-run -a -s "-screen 0 2600x1700x24" .venv/bin/python scripts/a11y_look.py docs/img

For each palette (light, dark, high contrast) it computes the contrast of the colours AltText
draws (text, over-limit counter, focus frame) against their backgrounds, and measures the focus
frame on screen: it focuses the alt-text field, grabs the window and compares the frame's pixels
with the background beside it. It saves small PNG screenshots at 100 %, 200 % (QT_SCALE_FACTOR=2
is set for that run: it re-runs itself) and with an 18-point font. Prints a Markdown table.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "assets" / "samples" / "sample.jpg"


def palettes():
    from PySide6.QtGui import QColor, QPalette

    def make(window, text, base, highlight, button=None):
        p = QPalette()
        r = QPalette.ColorRole
        for role, colour in ((r.Window, window), (r.WindowText, text), (r.Base, base), (r.Text, text),
                             (r.Button, button or window), (r.ButtonText, text), (r.Highlight, highlight),
                             (r.HighlightedText, base), (r.AlternateBase, window), (r.ToolTipBase, base),
                             (r.ToolTipText, text), (r.PlaceholderText, text)):
            p.setColor(role, QColor(colour))
        return p

    return {
        "light": make("#efefef", "#000000", "#ffffff", "#308cc6"),
        "dark (Adwaita-dark colours)": make("#323232", "#eeeeec", "#2d2d2d", "#11427e", "#3a3a3a"),
        "high contrast": make("#000000", "#ffffff", "#000000", "#1aebff"),
    }


def measured_focus_contrast(window) -> float:  # noqa: ANN001
    """Contrast on screen between the focus frame and the window background beside it."""
    from PySide6.QtGui import QColor

    from alttext_app.gui.look import contrast

    field = window.panel.caption
    field.setFocus()
    window.repaint()
    image = window.grab().toImage()
    ratio = window.devicePixelRatioF()
    top_left = field.mapTo(window, field.rect().topLeft())
    y = int((top_left.y() + field.height() // 2) * ratio)
    outside = QColor(image.pixel(int((top_left.x() - 4) * ratio), y))
    frame = [QColor(image.pixel(int((top_left.x() + dx) * ratio), y)) for dx in range(0, 3)]
    return max(contrast(c, outside) for c in frame)


def shoot(out: Path, name: str, font_pt: float | None = None) -> list[str]:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from alttext_app.core.session import Session
    from alttext_app.gui.app import create_application
    from alttext_app.gui.look import contrast_table
    from alttext_app.gui.main_window import MainWindow

    app = create_application()
    if font_pt:
        font = app.font()
        font.setPointSizeF(font_pt)
        app.setFont(font)
    session = Session()
    session.update(auto_speak=False, model="builtin")
    window = MainWindow(session=session)
    window.resize(1000, 640)
    window.show()
    window.activateWindow()  # :focus frames need an active window
    window.load_source(str(SAMPLE))
    rows: list[str] = []

    def wait() -> None:
        if window.tasks.is_busy("caption"):
            QTimer.singleShot(200, wait)
            return
        QTimer.singleShot(800, finish)

    def finish() -> None:
        window.activateWindow()
        QApplication.setActiveWindow(window)
        window.panel.caption.setFocus()
        QApplication.processEvents()
        if name == "100":
            for label, palette in palettes().items():
                app.setPalette(palette)
                QApplication.processEvents()
                table = contrast_table(palette)
                on_screen = measured_focus_contrast(window)
                rows.append(f"| {label} | {table['text on window']:.1f} | {table['text in field']:.1f} | "
                            f"{table['over-limit text']:.1f} | {table['focus frame on window']:.1f} | "
                            f"{table['focus frame on field']:.1f} | {on_screen:.1f} |")
            app.setPalette(palettes()["light"])
        window.panel.caption.setFocus()
        QApplication.processEvents()
        path = out / f"window-{name}.png"
        window.grab().save(str(path))
        full = Image.open(path).convert("RGB")
        if name == "200":  # the text side at 200 % (the whole window is too big for a small PNG)
            full = full.crop((int(full.width * 0.6), 0, full.width, full.height))
        for colours in (96, 64, 48, 32, 24, 16):  # small PNGs for the docs (< 150 KB each)
            full.quantize(colors=colours, dither=Image.Dither.NONE).save(path, optimize=True)
            if path.stat().st_size < 150_000:
                break
        print(f"{path} {path.stat().st_size // 1024} KB", file=sys.stderr)
        app.quit()

    wait()
    app.exec()
    return rows


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/img")
    out.mkdir(parents=True, exist_ok=True)
    if os.environ.get("A11Y_LOOK_RUN"):
        name = os.environ["A11Y_LOOK_RUN"]
        rows = shoot(out, name, 18 if name == "18pt" else None)
        print("\n".join(rows))
        return 0
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", ALTTEXT_CONFIG_DIR=os.environ.get("ALTTEXT_CONFIG_DIR", "/tmp/a11y-look"))
    print("| palette | text on window | text in field | over-limit counter | focus frame vs window | "
          "focus frame vs field | focus frame on screen |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, extra in (("100", {}), ("200", {"QT_SCALE_FACTOR": "2"}), ("18pt", {})):
        run = subprocess.run([sys.executable, __file__, str(out)], env={**env, **extra, "A11Y_LOOK_RUN": name},
                             capture_output=True, text=True, timeout=300)
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr[-2000:])
    return 0


if __name__ == "__main__":
    sys.exit(main())
