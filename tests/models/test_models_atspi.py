"""The Models window as a Linux screen reader sees it (AT-SPI), via /work/shared/tools/a11y.

This test reads the shared a11y tool on purpose (see /work/shared/README.md); it is skipped where
the tool or its system packages are missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from a11y_tool import RUN_CHECK  # noqa: E402

SHOW = """
import sys
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
app.setApplicationName("AltTextModels")
from alttext_app.gui.models_dialog import ModelsDialog
dialog = ModelsDialog()
dialog.show()
sys.exit(app.exec())
"""

pytestmark = pytest.mark.gui


@pytest.mark.skipif(
    not RUN_CHECK.is_file() or shutil.which("Xvfb") is None or shutil.which("xdotool") is None,
    reason="needs the shared AT-SPI check, Xvfb and xdotool",
)
def test_screen_reader_sees_named_controls_and_a_keyboard_path(tmp_path, isolated_user_dirs):
    script = tmp_path / "show_models.py"
    script.write_text(SHOW)
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # a real (Xvfb) window, not offscreen
    env["DUMP_ARGS"] = "--keys Tab Tab --window Models"
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    done = subprocess.run(
        ["bash", str(RUN_CHECK), "AltTextModels", "--", sys.executable, str(script)],
        capture_output=True, text=True, timeout=120, env=env,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "0 interactive widget(s) with empty name" in out
    assert "name='Download progress'" in out
    assert "name='Download' desc='Download the selected model'" in out
    assert "initial focus: [\"[table] 'Models'\"" in out  # the model list has focus first
    assert "KEY Tab        -> focus:" in out and "[push button] 'Download'" in out.split("KEY Tab")[1]
