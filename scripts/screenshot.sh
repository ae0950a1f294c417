#!/usr/bin/env bash
# Start the AltText window under Xvfb with an image, wait for its description, save a screenshot.
# Usage: scripts/screenshot.sh IMAGE OUT.png [WIDTHxHEIGHT]   (default 1000x640)
# Uses a throw-away config folder so your settings are untouched and speech stays quiet.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { echo "usage: $0 IMAGE OUT.png [WIDTHxHEIGHT]" >&2; exit 2; }
image=$(realpath "$1"); out=$(realpath -m "$2"); size=${3:-1000x640}
config=$(mktemp -d); trap 'rm -rf "$config"' EXIT
printf '[General]\nauto_speak = false\n' > "$config/alttext.ini"
export ALTTEXT_CONFIG_DIR=$config QT_QPA_PLATFORM=xcb
exec xvfb-run -a -s "-screen 0 1280x800x24" "${ALTTEXT_VENV:-.venv}/bin/python" - "$image" "$out" "$size" <<'PY'
import sys

from PySide6.QtCore import QTimer

from alttext_app.gui.app import create_application
from alttext_app.gui.main_window import MainWindow

image, out, size = sys.argv[1:4]
width, height = (int(n) for n in size.split("x"))
app = create_application()
window = MainWindow()
window.resize(width, height)
window.show()
window.load_source(image)
waited = 0


def poll() -> None:
    global waited
    waited += 100
    if window.tasks.is_busy("caption") and waited < 120_000:
        QTimer.singleShot(100, poll)
        return
    QTimer.singleShot(300, shoot)  # let the last layout and paint settle


def shoot() -> None:
    ok = window.grab().save(out)
    print(f"{out}: {window.announcer.status_text()} | {window.panel.text()}")
    app.exit(0 if ok else 1)


QTimer.singleShot(200, poll)
sys.exit(app.exec())
PY
