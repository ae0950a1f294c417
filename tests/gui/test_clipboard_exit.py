"""Copying and then quitting must end the process cleanly (PySide6 crashed at exit before)."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from alttext_app.gui.app import create_application
from alttext_app.gui.clipboard import set_clipboard

app = create_application()
set_clipboard('<img src="a.png" alt="A cat.">', '<img src="a.png" alt="A cat.">')
QTimer.singleShot(0, app.quit)
app.exec()
print(QApplication.clipboard().text())
"""


def test_copy_then_quit_exits_cleanly_and_keeps_the_text() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.strip() == '<img src="a.png" alt="A cat.">'
