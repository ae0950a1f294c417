"""Start-up: entry points, argument handling, and one caption with the real default describer."""

from __future__ import annotations

import subprocess
import sys

import pytest
from gui_support import wait_for_caption

from alttext_app import APP_NAME, __version__
from alttext_app.core.paths import sample_image
from alttext_app.gui.app import create_application, parse_args


def test_arguments_and_application_name(qapp) -> None:
    args = parse_args(["-style", "fusion", "photo.jpg", "-reverse"])
    assert args.images == ["photo.jpg"] and args.qt_args == ["-style", "fusion", "-reverse"]
    assert parse_args(["a.png", "b.png"]).images == ["a.png", "b.png"]  # "Open with" on several files
    assert not args.selftest
    assert parse_args(["--selftest"]).selftest
    assert create_application().applicationName() == APP_NAME


def test_several_images_at_start_describe_the_first_and_say_so(qtbot, window, red_png, blue_png) -> None:
    window.load_first_of([str(red_png), str(blue_png)])
    assert "first of 2 images" in window.announcer.status_text()  # said (and announced) at once
    assert wait_for_caption(qtbot, window) == "A mostly red square image."


def test_selftest_flag_runs_the_selftest(monkeypatch) -> None:
    selftest = pytest.importorskip("alttext_app.gui.selftest")
    from alttext_app.gui import app

    monkeypatch.setattr(selftest, "run_selftest", lambda: 7)
    assert app.main(["--selftest"]) == 7


def test_python_dash_m_reports_its_version() -> None:
    run = subprocess.run([sys.executable, "-m", "alttext_app", "--version"], capture_output=True, text=True,
                         timeout=60)
    assert run.returncode == 0 and run.stdout.strip() == f"{APP_NAME} {__version__}"


@pytest.mark.slow
def test_real_default_describer_end_to_end(qtbot) -> None:
    """The window with no injected service: the built-in describer captions the bundled sample."""
    pytest.importorskip("alttext_app.core.builtin")
    from alttext_app.gui.main_window import MainWindow

    win = MainWindow()
    qtbot.addWidget(win)
    win.settings.auto_speak = False
    win.show()
    win.load_source(sample_image())
    text = wait_for_caption(qtbot, win, timeout=90_000)
    assert win.image.result is not None and win.image.result.backend == "builtin"
    assert any(word in text.lower() for word in ("cup", "coffee", "espresso", "mug")), text
    assert len(text) <= win.settings.max_chars
    win.speech.close()


def test_ctrl_c_closes_the_window_and_damaged_settings_are_said_once(tmp_path) -> None:
    import os
    import signal
    import time

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ALTTEXT_CONFIG_DIR": str(tmp_path),
           "ALTTEXT_LOG_DIR": str(tmp_path)}
    (tmp_path / "alttext.ini").write_bytes(b"[General]\nrate=\xff\n")  # damaged: said once
    app = subprocess.Popen([sys.executable, "-m", "alttext_app"], env=env, stderr=subprocess.PIPE, text=True)
    log = tmp_path / "alttext.log"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and "window open" not in (log.read_text() if log.exists() else ""):
        time.sleep(0.2)  # the window is up and its event loop about to run (it ignored SIGINT before)
    time.sleep(0.5)
    app.send_signal(signal.SIGINT)
    try:
        _, err = app.communicate(timeout=30)
    finally:
        app.kill()
    assert app.returncode == 0
    assert "Traceback" not in err and "KeyboardInterrupt" not in err
    assert err.count("settings file could not be read") == 1
