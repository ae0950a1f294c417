"""Accessibility: names on every control, keyboard-only use, focus order, and the tree Orca reads."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from a11y_tool import RUN_CHECK  # noqa: E402
from gui_support import wait_for_caption
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)

from alttext_app.gui.actions import Act, shortcut_rows
from alttext_app.gui.settings_dialog import SettingsDialog

REPO = Path(__file__).resolve().parents[2]
INTERACTIVE = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit)


def _unnamed(root: QWidget) -> list[str]:
    """Every control that can take keyboard focus (combo popups included) has a name."""
    bad = []
    for widget in [root, *root.findChildren(QWidget)]:
        focusable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or isinstance(widget, INTERACTIVE)
        if not focusable or isinstance(widget.parent(), QAbstractSpinBox):
            continue  # a spin box's inner line edit is read as the spin box
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), QComboBox):
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        name = iface.text(QAccessible.Text.Name) if iface else ""
        if not name.strip():
            bad.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}")
    return bad


def test_every_action_has_a_unique_shortcut() -> None:
    keys = [QKeySequence(a.spec.shortcut) for a in Act]
    assert all(not k.isEmpty() for k in keys)
    assert len({k.toString() for k in keys}) == len(keys)
    assert len(shortcut_rows()) == len(Act)


def test_every_window_and_dialog_names_its_focusable_controls(qtbot, window) -> None:
    from alttext_app.gui.help_dialog import ShortcutsDialog
    from alttext_app.gui.models_dialog import ModelsDialog

    assert _unnamed(window) == []
    dialogs = [SettingsDialog(window.settings, window.speech, window), ShortcutsDialog(window),
               ModelsDialog(window, runner=window.tasks)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
    qtbot.waitUntil(lambda: dialogs[0].voice.isEnabled() or dialogs[0].voice.count() == 1, timeout=10_000)
    for dialog in dialogs:
        assert _unnamed(dialog) == [], type(dialog).__name__
    combo = dialogs[0].copy_format
    combo.showPopup()  # the drop-down list is a control of its own
    qtbot.waitUntil(combo.view().isVisible, timeout=5000)
    assert combo.view().accessibleName() == "Copy format choices"
    assert _unnamed(combo.view().window()) == []
    combo.hidePopup()


def test_keyboard_only_flow(qtbot, window, red_png) -> None:
    window.activateWindow()
    window.load_source(red_png)
    wait_for_caption(qtbot, window)
    qtbot.waitUntil(window.panel.caption.hasFocus, timeout=5000)  # focus follows the new caption
    # Tab order: the field, then the buttons in reading order (the hidden bar is skipped).
    expected = [window.panel.decorative] + [
        window.panel.buttons[a] for a in (Act.OPEN, Act.PASTE, Act.DESCRIBE, Act.SPEAK, Act.STOP, Act.COPY)
    ]
    expected = [b for b in expected if b.isEnabled()]  # Stop is off while nothing is spoken
    order = []
    for _ in expected:
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        order.append(window.focusWidget())
    assert order == expected
    # Alt+A comes back to the text; a button activated by Space works.
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    assert window.panel.caption.hasFocus()
    window.panel.buttons[Act.COPY].setFocus()
    qtbot.keyClick(window.panel.buttons[Act.COPY], Qt.Key.Key_Space)
    assert window.announcer.status_text().startswith("Copied")
    # F5 describes again from anywhere.
    window.panel.caption.clear()
    qtbot.keyClick(window.panel.caption, Qt.Key.Key_F5)
    assert wait_for_caption(qtbot, window) == "A mostly red square image."


def test_shortcuts_dialog_lists_every_action(qtbot, window) -> None:
    from alttext_app.gui.help_dialog import ShortcutsDialog

    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    grid = dialog.findChild(QTableWidget)
    assert grid.rowCount() == len(Act)
    assert {grid.item(r, 1).text() for r in range(grid.rowCount())} == {a.spec.plain_text() for a in Act}


def _a11y_deps_missing() -> str:
    if not RUN_CHECK.exists():
        return "the a11y checker is not there"
    for tool in ("Xvfb", "dbus-run-session", "xdotool"):
        if not shutil.which(tool):
            return f"{tool} is not installed"
    check = subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True)
    if check.returncode:
        return "python3-pyatspi is not installed"
    return ""


@pytest.mark.slow
@pytest.mark.skipif(bool(_a11y_deps_missing()), reason=_a11y_deps_missing() or "ok")
def test_orca_sees_named_controls_focus_and_announcements(tmp_path, red_png) -> None:
    env = dict(os.environ, TIMEOUT="60", ALTTEXT_CONFIG_DIR=str(tmp_path / "config"),
               DUMP_ARGS=f"--keys F5 Tab Tab Tab ctrl+comma Tab Escape --window '{red_png.name} — AltText'")
    cmd = [str(RUN_CHECK), "AltText", "--", str(REPO / ".venv/bin/python"), "-m", "alttext_app", str(red_png)]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    out = run.stdout
    assert run.returncode == 0, out + run.stderr  # 1 = an unnamed control, 2 = app never showed
    assert "EMPTY NAME" not in out
    assert "name='Alt text'" in out and "push button   name='Copy Alt Text'" in out
    # The new caption is heard: by focus moving into the field after the text arrived, or (the
    # window not active yet) by the status bar's notification.
    after = out[out.index("EVENT object:text-changed:insert src=[text] 'Alt text'"):]
    assert ("EVENT object:state-changed:focused src=[text] 'Alt text' detail1=1" in after
            or "src=[notification] 'Plain red image.'" in after)
    assert "KEY Tab        -> focus: [\"[check box] 'Decorative image'\"]" in out
    assert "KEY Tab        -> focus: [\"[push button] 'Open Image'\"]" in out
    settings_tab = next(line for line in out.splitlines() if line.startswith("KEY Tab") and "spin button" in line)
    assert "[spin button] 'Speaking rate'" in settings_tab  # Settings opened by Ctrl+, and walked by Tab


def test_first_focus_is_open_image(qtbot, window) -> None:
    assert window.focusWidget() is window.panel.buttons[Act.OPEN]
