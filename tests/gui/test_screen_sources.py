"""Where screen pictures come from: X11 grabs under Xvfb, the Wayland portal against a stand-in
portal on a private D-Bus, and the keyboard region chooser."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtDBus import QDBusConnection
from PySide6.QtGui import QColor, QImage

from alttext_app.gui.portal_screenshot import PortalScreenshot
from alttext_app.gui.region_select import RegionSelector

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"


def _has_gi() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return False
    return subprocess.run([SYSTEM_PYTHON, "-c", "from gi.repository import Gio"],
                          capture_output=True).returncode == 0


@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")
def test_x11_grabs_screen_active_window_and_region(tmp_path):
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "640x480x24", "-br",
                             "-nolisten", "tcp"], pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            display = pipe.readline().strip()
        env = {**os.environ, "DISPLAY": f":{display}", "QT_QPA_PLATFORM": "xcb",
               "PYTHONPATH": str(ROOT)}
        env.pop("WAYLAND_DISPLAY", None)
        run = subprocess.run([sys.executable, str(HERE / "x11_grab_probe.py")], env=env,
                             capture_output=True, text=True, timeout=60)
        assert run.returncode == 0, run.stderr
        seen = json.loads(run.stdout.strip().splitlines()[-1])
    finally:
        xvfb.terminate()
        xvfb.wait()
    assert seen["portal"] is False
    assert seen["screen"] == [640, 480] and seen["screen_at_window"][0] > 180
    assert seen["active"] == [200, 120], "the active window, at its own size"
    red, green, blue = seen["active_mean"]
    assert red > 180 and green < 60 and blue < 60
    assert seen["own_excluded"], "AltText's own window is never described as 'the active window'"
    assert seen["inside"] == [40, 30] and seen["inside_mean"][0] > 180
    assert max(seen["outside_mean"]) < 30  # the black desktop beside the window


@pytest.fixture
def private_bus():
    if shutil.which("dbus-daemon") is None or not _has_gi():
        pytest.skip("needs dbus-daemon and python3-gi")
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, text=True)
    address = daemon.stdout.readline().strip()
    yield address
    daemon.terminate()
    daemon.wait()


def _portal(address: str, image: Path, mode: str) -> subprocess.Popen:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": address}
    proc = subprocess.Popen([SYSTEM_PYTHON, str(HERE / "fake_portal.py"), str(image), mode],
                            env=env, stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    return proc


@pytest.fixture
def green_png(tmp_path):
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(20, 200, 40))
    path = tmp_path / "shot.png"
    image.save(str(path))
    return path


@pytest.mark.parametrize("mode", ["answer", "cancel"])
def test_portal_screenshot_against_a_stand_in_portal(qtbot, private_bus, green_png, mode):
    portal_process = _portal(private_bus, green_png, mode)
    bus = QDBusConnection.connectToBus(private_bus, f"alttext-test-{mode}")
    try:
        portal = PortalScreenshot(bus)
        assert portal.available()
        signal = portal.finished if mode == "answer" else portal.failed
        with qtbot.waitSignal(signal, timeout=10_000) as blocker:
            portal.request()
        if mode == "answer":
            image = blocker.args[0]
            assert (image.width(), image.height()) == (64, 48)
            assert QColor(image.pixel(10, 10)).getRgb()[:3] == (20, 200, 40)
        else:
            assert "cancelled" in blocker.args[0]
    finally:
        QDBusConnection.disconnectFromBus(f"alttext-test-{mode}")
        portal_process.terminate()
        portal_process.wait()


def test_portal_missing_is_one_sentence(qtbot, private_bus):
    bus = QDBusConnection.connectToBus(private_bus, "alttext-test-none")
    try:
        portal = PortalScreenshot(bus)
        assert not portal.available()
        with qtbot.waitSignal(portal.failed, timeout=10_000) as blocker:
            portal.request()
        assert blocker.args[0] == "This desktop offers no screenshot portal."
    finally:
        QDBusConnection.disconnectFromBus("alttext-test-none")


def test_region_chosen_by_keyboard_only(qtbot):
    shot = QImage(400, 300, QImage.Format.Format_RGB32)
    shot.fill(QColor(0, 0, 0))
    for x in range(200, 260):
        for y in range(150, 190):
            shot.setPixelColor(x, y, QColor(250, 250, 0))
    selector = RegionSelector(shot, QRect(1000, 0, 400, 300))
    qtbot.addWidget(selector)
    assert selector.accessibleName() and "Arrow keys" in selector.accessibleDescription()
    assert selector.region == QRect(100, 75, 200, 150)
    for _ in range(5):  # move right 100 px, down 75 px (3×20 + 15×1)
        qtbot.keyClick(selector, Qt.Key.Key_Right)
    for _ in range(3):
        qtbot.keyClick(selector, Qt.Key.Key_Down)
    for _ in range(15):
        qtbot.keyClick(selector, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    for _ in range(7):  # 200×150 → 60×40 (7 × 20 narrower, 110 lower: 5 × 20 + 10 × 1)
        qtbot.keyClick(selector, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    for _ in range(5):
        qtbot.keyClick(selector, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    for _ in range(10):
        qtbot.keyClick(selector, Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    assert selector.region == QRect(200, 150, 60, 40), selector.describe_region()
    assert "60 by 40" in selector.describe_region()
    with qtbot.waitSignal(selector.chosen) as blocker:
        qtbot.keyClick(selector, Qt.Key.Key_Return)
    image, rect = blocker.args
    assert rect == QRect(1200, 150, 60, 40)  # desktop coordinates
    assert QColor(image.pixel(0, 0)).getRgb()[:3] == (250, 250, 0)
    assert QColor(image.pixel(59, 39)).getRgb()[:3] == (250, 250, 0)


def test_region_escape_cancels(qtbot):
    shot = QImage(100, 100, QImage.Format.Format_RGB32)
    selector = RegionSelector(shot, QRect(0, 0, 100, 100))
    qtbot.addWidget(selector)
    with qtbot.waitSignal(selector.cancelled):
        qtbot.keyClick(selector, Qt.Key.Key_Escape)


def test_capture_hides_altext_while_grabbing_and_restores(qtbot, monkeypatch):
    from PySide6.QtWidgets import QWidget

    from alttext_app.gui import screen_grab
    from alttext_app.gui.screen_capture import ScreenCapture
    from alttext_app.gui.screen_grab import GrabTarget

    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    visible_when_grabbed = []

    def fake_grab(screen=None):
        visible_when_grabbed.append(window.isVisible())
        image = QImage(20, 10, QImage.Format.Format_RGB32)
        image.fill(QColor("red"))
        return image

    monkeypatch.setattr(screen_grab, "grab_screen", fake_grab)
    monkeypatch.setattr(screen_grab, "uses_portal", lambda: False)
    monkeypatch.setattr(screen_grab, "grab_active_window", lambda exclude=None: None)
    capture = ScreenCapture(window, hide_delay_ms=20)
    with qtbot.waitSignal(capture.captured) as blocker:
        capture.start(GrabTarget.SCREEN)
    assert visible_when_grabbed == [False] and window.isVisible()
    assert blocker.args[1] == "the screen" and blocker.args[0].width() == 20
    with qtbot.waitSignal(capture.failed) as blocker:
        capture.start(GrabTarget.WINDOW)  # nothing but AltText is active
    assert blocker.args[0] == "No other program's window is active to describe."
    assert window.isVisible() and not capture.busy
