#!/usr/bin/env python3
"""Make the labelled text-image evaluation set in tests/data/eval/text/ (run once; results are committed).

Real programs draw most images: Qt widgets (offscreen platform, grabbed as the user would see them),
and xmessage/xterm under Xvfb, captured with ImageMagick's `import`. Documents, code and charts are
also rendered with Pillow and real fonts (DejaVu). Photos come from scikit-image's CC0 data set.
Each image's exact text and kind go into labels.json.

Usage: .venv/bin/python scripts/make_eval_screenshots.py [--holdout] [SKIMAGE_DATA_DIR]
  --holdout  make the held-out set (tests/data/eval/text/holdout/) instead
Needs: xvfb-run, xmessage, xterm, imagemagick (`import`), fonts-dejavu.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "eval" / "text"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
_ARGS = [a for a in sys.argv[1:] if not a.startswith("--")]
SKIMAGE = Path(_ARGS[0] if _ARGS else "/tmp/skimage_wheel/skimage/data")

CODE_PY = """import json
from pathlib import Path


def load_settings(path: Path) -> dict:
    \"\"\"Read the settings file, or return defaults.\"\"\"
    if not path.exists():
        return {"voice": "default", "rate": 1.0}
    with path.open() as handle:
        return json.load(handle)


class Speaker:
    def __init__(self, rate: float = 1.0) -> None:
        self.rate = rate
"""

CODE_JS = """const express = require('express');
const app = express();

function greet(name) {
  return `Hello, ${name}!`;
}

app.get('/hello', (req, res) => {
  res.send(greet(req.query.name));
});

app.listen(3000);
"""

DOC = [
    ("Accessible images on the web", 26),
    ("Every image that carries meaning needs a text alternative.", 15),
    ("Screen readers announce the alt text in place of the picture,", 15),
    ("so it should say what the image shows and why it is there.", 15),
    ("Decorative images should have empty alt text instead.", 15),
    ("Keep the description short: one sentence is usually enough,", 15),
    ("and never begin with the words image of or picture of.", 15),
]

records: list[dict] = []


def record(name: str, kind: str, text: str, source: str, key: list[str] | None = None) -> None:
    records.append({"file": name, "kind": kind, "text": text, "key": key or [], "source": source})


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS / name), size)


def save(img: Image.Image, name: str) -> None:
    path = OUT / name
    if name.endswith(".jpg"):
        img.convert("RGB").save(path, quality=85)
    else:
        img.save(path, optimize=True)
    size = path.stat().st_size
    assert size < 100_000, f"{name} is {size} bytes"
    print(f"{name}: {img.size} {size // 1024} KB")


# ---- Qt widgets (real Qt rendering, offscreen) ---------------------------------------------------
def qt_images() -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
    from PySide6.QtWidgets import (
        QApplication,
        QCheckBox,
        QDialogButtonBox,
        QFormLayout,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QPushButton,
        QTextBrowser,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication.instance() or QApplication([])
    app.setFont(QFont("DejaVu Sans", 10))

    def grab(widget: QWidget, name: str, w: int, h: int) -> None:
        widget.resize(w, h)
        widget.show()
        app.processEvents()
        widget.grab().save(str(OUT / name))
        widget.close()
        print(name, (OUT / name).stat().st_size // 1024, "KB")

    dlg = QWidget()
    lay = QVBoxLayout(dlg)
    title = QLabel("Save changes to the document before closing?")
    title.setStyleSheet("font-weight: bold; font-size: 14pt")
    lay.addWidget(title)
    lay.addWidget(QLabel("If you don't save, your changes will be lost."))
    box = QDialogButtonBox()
    for label in ("Close without Saving", "Cancel", "Save"):
        box.addButton(QPushButton(label), QDialogButtonBox.ButtonRole.ActionRole)
    lay.addWidget(box)
    grab(dlg, "qt_dialog.png", 520, 150)
    record(
        "qt_dialog.png", "screenshot",
        "Save changes to the document before closing?\n"
        "If you don't save, your changes will be lost.\nClose without Saving Cancel Save",
        "Qt widgets (PySide6), offscreen", ["Save changes to the document before closing?"],
    )

    form = QWidget()
    fl = QFormLayout(form)
    head = QLabel("Sign in to your account")
    head.setStyleSheet("font-size: 16pt; font-weight: bold")
    fl.addRow(head)
    fl.addRow("Email address", QLineEdit("sam@example.org"))
    fl.addRow("Password", QLineEdit())
    fl.addRow(QCheckBox("Remember me on this computer"))
    fl.addRow(QPushButton("Sign in"))
    grab(form, "qt_signin.png", 460, 230)
    record(
        "qt_signin.png", "screenshot",
        "Sign in to your account\nEmail address sam@example.org\nPassword\n"
        "Remember me on this computer\nSign in",
        "Qt widgets (PySide6), offscreen", ["Sign in to your account"],
    )

    dark = QWidget()
    pal = dark.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor("#1e1f22"))
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#e8e8e8"))
    pal.setColor(QPalette.ColorRole.Button, QColor("#2f6fde"))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor("#ffffff"))
    dark.setPalette(pal)
    dark.setAutoFillBackground(True)
    dl = QVBoxLayout(dark)
    h1 = QLabel("Speech settings")
    h1.setStyleSheet("font-size: 15pt; font-weight: bold; color: #ffffff")
    dl.addWidget(h1)
    for line in ("Read alt text aloud after captioning", "Speaking rate: normal",
                 "Voice: English (Great Britain)"):
        dl.addWidget(QLabel(line))
    apply = QPushButton("Apply changes")
    apply.setStyleSheet("background: #2f6fde; color: white; padding: 6px")
    dl.addWidget(apply)
    grab(dark, "qt_dark_settings.png", 420, 220)
    record(
        "qt_dark_settings.png", "screenshot",
        "Speech settings\nRead alt text aloud after captioning\nSpeaking rate: normal\n"
        "Voice: English (Great Britain)\nApply changes",
        "Qt widgets (PySide6), offscreen, dark theme", ["Speech settings"],
    )

    editor = QPlainTextEdit(CODE_PY)
    editor.setFont(QFont("DejaVu Sans Mono", 10))
    grab(editor, "qt_code_editor.png", 560, 300)
    record("qt_code_editor.png", "code", CODE_PY, "Qt QPlainTextEdit, offscreen",
           ["import json"])

    page = QTextBrowser()
    page.setHtml(
        "<h1>Getting started</h1><p>AltText describes images without sending them anywhere. "
        "Open an image, drop it on the window or paste it from the clipboard.</p>"
        "<p>The description appears in the text field, where you can edit it. Press the copy "
        "button to put it on the clipboard, or the speak button to hear it.</p>"
        "<h2>Keyboard shortcuts</h2><p>Control O opens an image and Control C copies the text.</p>"
    )
    grab(page, "qt_help_page.png", 520, 330)
    record(
        "qt_help_page.png", "document",
        "Getting started\nAltText describes images without sending them anywhere. Open an image, "
        "drop it on the window or paste it from the clipboard.\nThe description appears in the "
        "text field, where you can edit it. Press the copy button to put it on the clipboard, or "
        "the speak button to hear it.\nKeyboard shortcuts\nControl O opens an image and Control C "
        "copies the text.",
        "Qt QTextBrowser rendering HTML, offscreen", ["Getting started"],
    )

    class Chart(QWidget):
        def paintEvent(self, _event) -> None:  # noqa: N802 (Qt API)
            p = QPainter(self)
            p.setRenderHint(QPainter.RenderHint.Antialiasing)
            p.fillRect(self.rect(), QColor("white"))
            p.setFont(QFont("DejaVu Sans", 13, QFont.Weight.Bold))
            p.drawText(QRectF(0, 8, self.width(), 30), Qt.AlignmentFlag.AlignCenter,
                       "Monthly downloads")
            p.setFont(QFont("DejaVu Sans", 9))
            left, bottom, top = 60, self.height() - 40, 50
            p.setPen(QPen(QColor("black"), 1))
            p.drawLine(left, top, left, bottom)
            p.drawLine(left, bottom, self.width() - 20, bottom)
            values = [120, 340, 280, 410, 390, 520]
            months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
            for tick in range(0, 601, 200):
                y = bottom - (bottom - top) * tick / 600
                p.drawText(QRectF(0, y - 8, left - 8, 16), Qt.AlignmentFlag.AlignRight, str(tick))
            step = (self.width() - left - 40) / len(values)
            for i, (v, m) in enumerate(zip(values, months, strict=True)):
                x = left + 12 + i * step
                hgt = (bottom - top) * v / 600
                p.fillRect(QRectF(x, bottom - hgt, step * 0.6, hgt), QColor("#3b7dd8"))
                p.drawText(QRectF(x - 10, bottom + 6, step * 0.6 + 20, 16),
                           Qt.AlignmentFlag.AlignCenter, m)
            p.end()

    grab(Chart(), "qt_bar_chart.png", 480, 320)
    record("qt_bar_chart.png", "chart",
           "Monthly downloads\n600\n400\n200\n0\nJan Feb Mar Apr May Jun",
           "Qt QPainter bar chart, offscreen", ["Monthly downloads"])


# ---- X11 programs under Xvfb --------------------------------------------------------------------
def x11_capture(name: str, program: str, geometry: str) -> bool:
    if not shutil.which("xvfb-run"):
        print("skip", name, "(no xvfb-run)")
        return False
    script = (
        f"{program} & pid=$!; sleep 2; import -window root -crop {geometry} +repage "
        f"'{OUT / name}'; kill $pid"
    )
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", "-screen 0 900x600x24", "sh", "-c", script],
        capture_output=True, text=True, timeout=60, check=False,
    )
    ok = (OUT / name).exists()
    print(name, "ok" if ok else f"failed: {done.stderr[-300:]}")
    return ok


def x11_images() -> None:
    msg = "The disk is almost full.\nOnly 2 GB of space is left on Home.\nFree some space now?"
    if shutil.which("xmessage") and x11_capture(
        "xmessage.png",
        f"xmessage -geometry +0+0 -buttons 'Open Files,Ignore' -fn fixed '{msg}'",
        "245x82+0+0",
    ):
        record("xmessage.png", "screenshot", msg + "\nOpen Files Ignore",
               "xmessage under Xvfb, captured with ImageMagick import",
               ["The disk is almost full."])
    if not shutil.which("xterm"):
        return
    with tempfile.TemporaryDirectory() as tmp:
        code = Path(tmp) / "server.js"
        code.write_text(CODE_JS)
        term = (
            "xterm -geometry 64x16+0+0 -fa 'DejaVu Sans Mono' -fs 10 -bg black -fg white "
            f"-e sh -c 'cat {code}; sleep 10'"
        )
        if x11_capture("xterm_code.png", term, "460x260+0+0"):
            record("xterm_code.png", "code", CODE_JS,
                   "xterm under Xvfb (cat of a JavaScript file), import", ["const express"])
        listing = Path(tmp) / "out.txt"
        listing.write_text(
            "Filesystem      Size  Used Avail Use% Mounted on\n"
            "/dev/sda1        98G   71G   22G  77% /\n"
            "tmpfs           7.8G  1.2M  7.8G   1% /run\n"
            "/dev/sdb1       916G  402G  468G  47% /home\n"
        )
        term = (
            "xterm -geometry 56x6+0+0 -fa 'DejaVu Sans Mono' -fs 10 -bg white -fg black "
            f"-e sh -c 'cat {listing}; sleep 10'"
        )
        if x11_capture("xterm_df.png", term, "400x110+0+0"):
            record("xterm_df.png", "screenshot", listing.read_text(),
                   "xterm under Xvfb (disk usage table), import", ["Filesystem"])


# ---- Pillow renderings with real fonts ----------------------------------------------------------
def pillow_images() -> None:
    img = Image.new("RGB", (640, 300), "white")
    d = ImageDraw.Draw(img)
    y = 20
    for text, size in DOC:
        f = font("DejaVuSerif-Bold.ttf" if size > 20 else "DejaVuSerif.ttf", size)
        d.text((30, y), text, font=f, fill=(20, 20, 20))
        y += int(size * 1.7) + (8 if size > 20 else 0)
    save(img, "pil_document.png")
    record("pil_document.png", "document", "\n".join(t for t, _ in DOC),
           "Pillow, DejaVu Serif", [DOC[0][0]])

    lines = CODE_PY.splitlines()
    img = Image.new("RGB", (560, 20 + 17 * len(lines)), (40, 44, 52))
    d = ImageDraw.Draw(img)
    f = font("DejaVuSansMono.ttf", 13)
    for i, line in enumerate(lines):
        colour = (198, 120, 221) if line.lstrip().startswith(("def", "class", "import", "from",
                                                              "return", "if", "with")) else (
            171, 178, 191)
        d.text((12, 10 + 17 * i), line, font=f, fill=colour)
    save(img, "pil_code_dark.png")
    record("pil_code_dark.png", "code", CODE_PY, "Pillow, DejaVu Sans Mono, dark theme",
           ["import json"])

    img = Image.new("RGB", (520, 340), "white")
    d = ImageDraw.Draw(img)
    d.text((260, 12), "Average temperature in 2024", font=font("DejaVuSans-Bold.ttf", 16),
           fill="black", anchor="mt")
    f = font("DejaVuSans.ttf", 12)
    left, bottom, top, right = 60, 290, 50, 500
    d.line([(left, top), (left, bottom), (right, bottom)], fill="black", width=1)
    for t in range(0, 31, 10):
        yy = bottom - (bottom - top) * t / 30
        d.text((left - 8, yy), f"{t}", font=f, fill="black", anchor="rm")
        d.line([(left, yy), (right, yy)], fill=(225, 225, 225))
    temps = [3, 5, 9, 13, 17, 21, 24, 23, 19, 13, 8, 4]
    pts = []
    for i, t in enumerate(temps):
        xx = left + 20 + i * 36
        pts.append((xx, bottom - (bottom - top) * t / 30))
        if i % 3 == 0:
            d.text((xx, bottom + 8), ["Jan", "Apr", "Jul", "Oct"][i // 3], font=f, fill="black",
                   anchor="mt")
    d.line(pts, fill=(220, 60, 40), width=3)
    d.text((280, 330), "Month", font=f, fill="black", anchor="mb")
    save(img, "pil_line_chart.png")
    record("pil_line_chart.png", "chart",
           "Average temperature in 2024\n30\n20\n10\n0\nJan Apr Jul Oct\nMonth",
           "Pillow line chart, DejaVu Sans", ["Average temperature in 2024"])

    img = Image.new("RGB", (500, 260), (250, 200, 40))
    d = ImageDraw.Draw(img)
    d.text((250, 95), "GRAND OPENING", font=font("DejaVuSans-Bold.ttf", 40), fill=(30, 30, 30),
           anchor="mm")
    d.text((250, 160), "Saturday at 10 am", font=font("DejaVuSans.ttf", 26), fill=(30, 30, 30),
           anchor="mm")
    save(img, "pil_poster.png")
    record("pil_poster.png", "graphic", "GRAND OPENING\nSaturday at 10 am",
           "Pillow poster, DejaVu Sans", ["GRAND OPENING"])


def photos() -> None:
    for name in ("coffee.png", "chelsea.png", "astronaut.png", "rocket.jpg", "motorcycle_left.png",
                 "horse.png"):
        src = SKIMAGE / name
        if not src.exists():
            print("skip", src)
            continue
        img = Image.open(src).convert("RGB")
        img.thumbnail((400, 400))
        out = "photo_" + Path(name).stem + ".jpg"
        save(img, out)
        kind = "graphic" if name == "horse.png" else "photo"  # the horse is a silhouette
        record(out, kind, "", "scikit-image data set (CC0 / public domain)")


# ---- held-out set: made after the rules were tuned, never used to tune them ----------------------
def holdout_images() -> None:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import (
        QApplication,
        QGroupBox,
        QLabel,
        QPushButton,
        QRadioButton,
        QTableWidget,
        QTableWidgetItem,
        QTabWidget,
        QTextBrowser,
        QVBoxLayout,
        QWidget,
    )

    app = QApplication.instance() or QApplication([])
    app.setFont(QFont("DejaVu Sans", 10))

    def grab(widget: QWidget, name: str, w: int, h: int) -> None:
        widget.resize(w, h)
        widget.show()
        app.processEvents()
        widget.grab().save(str(OUT / name))
        widget.close()
        print(name, (OUT / name).stat().st_size // 1024, "KB")

    table = QTableWidget(4, 3)
    table.setHorizontalHeaderLabels(["Name", "Size", "Modified"])
    rows = [("holiday.jpg", "2.4 MB", "Yesterday"), ("notes.txt", "3 KB", "Monday"),
            ("budget.ods", "18 KB", "March 2"), ("scan.pdf", "640 KB", "Today")]
    for r, row in enumerate(rows):
        for c, val in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(val))
    grab(table, "qt_file_table.png", 420, 180)
    record("qt_file_table.png", "screenshot",
           "Name Size Modified\n" + "\n".join(" ".join(r) for r in rows),
           "Qt QTableWidget, offscreen", ["Name"])

    tabs = QTabWidget()
    page = QWidget()
    lay = QVBoxLayout(page)
    group = QGroupBox("When an image is opened")
    gl = QVBoxLayout(group)
    for text in ("Describe it at once", "Wait until I press Describe"):
        gl.addWidget(QRadioButton(text))
    lay.addWidget(group)
    lay.addWidget(QPushButton("Restore defaults"))
    tabs.addTab(page, "General")
    tabs.addTab(QWidget(), "Speech")
    tabs.addTab(QWidget(), "Models")
    grab(tabs, "qt_tabs.png", 420, 220)
    record("qt_tabs.png", "screenshot",
           "General Speech Models\nWhen an image is opened\nDescribe it at once\n"
           "Wait until I press Describe\nRestore defaults",
           "Qt QTabWidget, offscreen", ["General"])

    warn = QWidget()
    wl = QVBoxLayout(warn)
    big = QLabel("Delete 3 files permanently?")
    big.setStyleSheet("font-size: 13pt; font-weight: bold")
    wl.addWidget(big)
    wl.addWidget(QLabel("This cannot be undone."))
    wl.addWidget(QPushButton("Delete"))
    grab(warn, "qt_delete_dialog.png", 360, 130)
    record("qt_delete_dialog.png", "screenshot",
           "Delete 3 files permanently?\nThis cannot be undone.\nDelete",
           "Qt widgets, offscreen", ["Delete 3 files permanently?"])

    news = QTextBrowser()
    news.setHtml(
        "<h2>Library opens late on Thursdays</h2><p>From next week the city library will stay "
        "open until nine in the evening every Thursday. The reading room, the children's corner "
        "and the computers will all be available.</p><p>Staff say the change follows a survey in "
        "which most visitors asked for longer hours after work.</p>"
    )
    grab(news, "qt_news.png", 480, 260)
    record("qt_news.png", "document",
           "Library opens late on Thursdays\nFrom next week the city library will stay open "
           "until nine in the evening every Thursday. The reading room, the children's corner and "
           "the computers will all be available.\nStaff say the change follows a survey in which "
           "most visitors asked for longer hours after work.",
           "Qt QTextBrowser, offscreen", ["Library opens late on Thursdays"])

    code_c = (
        "#include <stdio.h>\n\nint main(void) {\n    int total = 0;\n"
        "    for (int i = 1; i <= 10; i++) {\n        total += i;\n    }\n"
        '    printf("%d\\n", total);\n    return 0;\n}\n'
    )
    if shutil.which("xterm"):
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "sum.c"
            src.write_text(code_c)
            term = (
                "xterm -geometry 50x12+0+0 -fa 'DejaVu Sans Mono' -fs 10 -bg '#fdf6e3' "
                f"-fg '#586e75' -e sh -c 'cat {src}; sleep 10'"
            )
            if x11_capture("xterm_c.png", term, "360x200+0+0"):
                record("xterm_c.png", "code", code_c, "xterm under Xvfb, solarized light",
                       ["#include <stdio.h>"])

    # ImageMagick's own text renderer (a real program) for a plain-text letter.
    letter = ("Dear neighbours,\nThe water will be turned off on Friday\nfrom 9 am to 1 pm "
              "while the pipes are repaired.\nThank you for your patience.\nThe building team")
    done = subprocess.run(
        ["convert", "-size", "520x", "-font", str(FONTS / "DejaVuSerif.ttf"),
         "-pointsize", "15", f"caption:{letter}", "-bordercolor", "white", "-border", "20",
         str(OUT / "im_letter.png")], capture_output=True, text=True, check=False)
    if done.returncode == 0:
        print("im_letter.png ok")
        record("im_letter.png", "document", letter, "ImageMagick caption:, DejaVu Serif",
               ["Dear neighbours,"])

    img = Image.new("RGB", (460, 320), "white")
    d = ImageDraw.Draw(img)
    d.text((230, 10), "Survey answers", font=font("DejaVuSans-Bold.ttf", 15), fill="black",
           anchor="mt")
    f = font("DejaVuSans.ttf", 11)
    left, bottom = 50, 280
    d.line([(left, 40), (left, bottom), (440, bottom)], fill=(60, 60, 60), width=2)
    for v in range(0, 101, 25):
        yy = bottom - 2.2 * v
        d.text((left - 6, yy), f"{v}%", font=f, fill="black", anchor="rm")
    for i, (lab, v) in enumerate([("Yes", 64), ("No", 22), ("Unsure", 14)]):
        x0 = left + 30 + i * 125
        d.rectangle([x0, bottom - 2.2 * v, x0 + 70, bottom - 1], fill=[(46, 139, 87),
                    (205, 92, 92), (150, 150, 150)][i])
        d.text((x0 + 35, bottom + 6), lab, font=f, fill="black", anchor="mt")
    save(img, "pil_percent_chart.png")
    record("pil_percent_chart.png", "chart",
           "Survey answers\n100%\n75%\n50%\n25%\n0%\nYes No Unsure",
           "Pillow bar chart, DejaVu Sans", ["Survey answers"])

    img = Image.new("RGB", (480, 270), (20, 60, 120))
    d = ImageDraw.Draw(img)
    d.text((240, 110), "Thank you!", font=font("DejaVuSerif-Bold.ttf", 44), fill="white",
           anchor="mm")
    d.text((240, 175), "See you next year", font=font("DejaVuSans.ttf", 22),
           fill=(255, 215, 0), anchor="mm")
    save(img, "pil_card.png")
    record("pil_card.png", "graphic", "Thank you!\nSee you next year", "Pillow card",
           ["Thank you!"])

    for name, kind in (("camera.png", "photo"), ("coins.png", "photo"), ("retina.jpg", "photo"),
                       ("page.png", "document"), ("logo.png", "graphic")):
        src = SKIMAGE / name
        if not src.exists():
            continue
        im = Image.open(src).convert("RGB")
        im.thumbnail((400, 400))
        out = "sk_" + Path(name).stem + (".png" if name == "page.png" else ".jpg")
        save(im, out)
        text = ""
        if name == "page.png":  # a photographed textbook page (the lines fully inside the frame)
            text = ("Region-based segmentation\nLet us first determine markers of the coins and "
                    "the\nbackground. These markers are pixels that we can label")
        record(out, kind, text, "scikit-image data set (CC0 / public domain)",
               ["Region-based segmentation"] if text else [])


def main() -> None:
    global OUT
    if "--holdout" in sys.argv:
        sys.argv.remove("--holdout")
        OUT = OUT / "holdout"
        OUT.mkdir(parents=True, exist_ok=True)
        holdout_images()
        (OUT / "labels.json").write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
        print(f"{len(records)} held-out images -> {OUT}")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    started = time.time()
    qt_images()
    x11_images()
    pillow_images()
    photos()
    (OUT / "labels.json").write_text(json.dumps(records, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(records)} images in {time.time() - started:.0f} s -> {OUT}")


if __name__ == "__main__":
    main()
