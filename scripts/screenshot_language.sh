#!/usr/bin/env bash
# Screenshots of the main window (with a described image), Settings and Models in one language,
# under Xvfb, to look at a translation in place. Needs the CJK fonts for Chinese (fonts-noto-cjk,
# installed by scripts/setup.sh --test).
# Usage: scripts/screenshot_language.sh LANG OUT_DIR [IMAGE]     e.g. zh out/ assets/samples/sample.jpg
# START_LANG=en scripts/screenshot_language.sh zh OUT_DIR: start in English, describe the image,
# then switch to LANG through the session (as Settings does) and shoot the window live-translated.
# Uses a throw-away config folder (your settings are untouched, speech stays quiet).
set -euo pipefail
cd "$(dirname "$0")/.."
[[ $# -ge 2 ]] || { echo "usage: $0 LANG OUT_DIR [IMAGE]" >&2; exit 2; }
lang=$1; out=$(realpath -m "$2"); image=$(realpath "${3:-assets/samples/sample.jpg}")
mkdir -p "$out"
config=$(mktemp -d); trap 'rm -rf "$config"' EXIT
printf '[General]\nauto_speak = false\nlanguage = %s\n' "${START_LANG:-$lang}" > "$config/alttext.ini"
export ALTTEXT_CONFIG_DIR=$config QT_QPA_PLATFORM=xcb
exec xvfb-run -a -s "-screen 0 1280x900x24" "${ALTTEXT_VENV:-.venv}/bin/python" - "$image" "$out" "$lang" <<'PY'
import sys
from pathlib import Path

from PySide6.QtCore import QTimer

from alttext_app.gui.app import create_application
from alttext_app.gui.main_window import MainWindow
from alttext_app.gui.models_dialog import ModelsDialog
from alttext_app.gui.settings_dialog import SettingsDialog

image, out, lang = sys.argv[1], Path(sys.argv[2]), sys.argv[3]
app = create_application()
window = MainWindow()
window.resize(1000, 640)
window.show()
window.load_source(image)
waited = 0


def save(widget, name: str) -> None:
    path = out / name
    widget.grab().save(str(path))
    print(path)


def poll() -> None:
    global waited
    waited += 100
    if window.tasks.running and waited < 120_000:
        QTimer.singleShot(100, poll)
        return
    if window.settings.language != lang:  # START_LANG: switch now, with the window open
        window.session.update(language=lang)
        QTimer.singleShot(100, poll)  # the image is described again in the new language
        return
    QTimer.singleShot(300, shots)  # let the last layout and paint settle


def shots() -> None:
    save(window, "main.png")
    settings = SettingsDialog(window.settings, window.speech, window)
    settings.show()
    models = ModelsDialog(window, runner=window.tasks, session=window.session)

    def rest() -> None:
        save(settings, "settings.png")
        settings.close()
        models.resize(900, 520)
        models.show()
        QTimer.singleShot(1500, lambda: (save(models, "models.png"), app.exit(0)))

    QTimer.singleShot(1500, rest)  # the voice list and installed models arrive from workers


QTimer.singleShot(200, poll)
sys.exit(app.exec())
PY
