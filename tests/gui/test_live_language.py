"""A language switch in Settings changes the open window at once: menus, buttons, labels, names,
the counter, the details line and the status line follow; the user's alt text never changes."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from gui_support import wait_for_caption

from alttext_app.gui.actions import Act, Menu

pytestmark = pytest.mark.gui
MINE = "My own words about the red square"
HAN = re.compile(r"[\u4e00-\u9fff]")
ROOT = Path(__file__).resolve().parents[2]


def _switch(qtbot, window, language: str, file_menu: str) -> None:
    """Through the session, as Settings and the Models dialog do; Qt delivers LanguageChange next."""
    window.session.update(language=language)
    qtbot.waitUntil(lambda: window.actions.menu(Menu.FILE).title() == file_menu, timeout=5000)


def _window_words(window) -> dict[str, str]:
    p, ask = window.panel, window.interactive.ask_panel
    return {
        "file menu": window.actions.menu(Menu.FILE).title(),
        "open action": window.actions[Act.OPEN].text(),
        "open button name": p.buttons[Act.OPEN].accessibleName(),
        "open button text": p.buttons[Act.OPEN].text(),
        "alt text label": p.caption_label.text(),
        "alt text name": p.caption.accessibleName(),
        "decorative": p.decorative.text(),
        "replace": p.replace_button.text(),
        "counter name": p.count_label.accessibleDescription(),
        "ask label": ask.label.text(),
        "question name": ask.question.accessibleName(),
        "preview name": window.view.accessibleName(),
        "status name": window.announcer.label.accessibleDescription(),
        "busy name": window.busy.accessibleName(),
    }


ENGLISH = {
    "file menu": "&File", "open action": "&Open Image…", "open button name": "Open Image",
    "open button text": "Open Image", "alt text label": "Alt text", "alt text name": "Alt text",
    "decorative": "Decorative image (Ctrl+D)", "replace": "Replace (Alt+R)",
    "counter name": "Length of the alt text", "ask label": "Ask about the image (Alt+Q)",
    "question name": "Question about the image", "preview name": "Image preview", "status name": "Status",
    "busy name": "Describing the image",
}
CHINESE = {
    "file menu": "文件(&F)", "open action": "打开图片(&O)…", "open button name": "打开图片",
    "open button text": "打开图片", "alt text label": "替代文本", "alt text name": "替代文本",
    "decorative": "装饰性图片 (Ctrl+D)", "replace": "替换 (Alt+R)", "counter name": "替代文本的长度",
    "ask label": "询问图片 (Alt+Q)", "question name": "关于图片的问题", "preview name": "图片预览",
    "status name": "状态", "busy name": "正在描述图片",
}


def test_the_window_follows_a_language_switch_and_keeps_the_users_text(qtbot, window, red_png):
    window.load_source(str(red_png))
    wait_for_caption(qtbot, window)
    window.panel.set_text(MINE)  # the user rewrote the description
    window._update_count()
    assert _window_words(window) == ENGLISH
    count = len(MINE)

    _switch(qtbot, window, "zh", "文件(&F)")
    assert _window_words(window) == CHINESE
    assert window.panel.text() == MINE
    assert window.panel.count_label.text() == f"{count} / 125 个字符"
    # The describer runs again in the new language; the user's words stay, the new ones wait.
    qtbot.waitUntil(lambda: window.panel.replace_bar.isVisible(), timeout=10_000)
    assert window.panel.text() == MINE
    assert window.panel.replace_label.text().startswith("新描述已就绪：“")
    assert re.fullmatch(r"由内置描述器描述，用时 [\d.]+ 秒。.*", window.panel.details.text())
    assert HAN.search(window.announcer.status_text())

    _switch(qtbot, window, "en", "&File")
    assert _window_words(window) == ENGLISH
    assert window.panel.text() == MINE
    assert window.panel.count_label.text() == f"{count} of 125 characters"
    assert re.fullmatch(r"Described by the built-in describer in [\d.]+ s\..*", window.panel.details.text())
    assert window.panel.replace_label.text().startswith("A new description is ready: “")
    qtbot.waitUntil(lambda: not window.tasks.is_busy("caption"), timeout=10_000)
    assert window.panel.text() == MINE


def test_what_is_on_screen_is_said_again_in_the_new_language(qtbot, window):
    """With no image: the status line, the preview's hint and an answered question."""
    assert window.announcer.status_text() == "Ready. Open, paste or drop an image."
    ask = window.interactive.ask_panel
    ask.set_image("some image")
    ask.show_answer("What colour is it?", "Red.")
    window.interactive.detail.show_detail("A red square on white.", "tiny-model")

    _switch(qtbot, window, "zh", "文件(&F)")
    assert window.announcer.status_text() == "就绪。请打开、粘贴或拖入一张图片。"
    assert window.view.accessibleDescription().startswith("将图片拖到这里") or HAN.search(
        window.view.accessibleDescription())
    assert ask.history.item(0).text() == "问：What colour is it?\n答：Red."
    assert window.interactive.detail.source.text() == "来自tiny-model"
    assert window.interactive.detail.text.toPlainText() == "A red square on white."

    _switch(qtbot, window, "en", "&File")
    assert window.announcer.status_text() == "Ready. Open, paste or drop an image."
    assert window.view.accessibleDescription().startswith("Drop an image here,")
    assert ask.history.item(0).text() == "Q: What colour is it?\nA: Red."
    assert window.interactive.detail.source.text() == "from tiny-model"


def test_the_last_message_and_the_tray_follow(qtbot, window):
    from PySide6.QtGui import QIcon

    from alttext_app.gui.tray import Tray

    window.panel.set_text("A red square.")  # written by hand: no image, nothing described again
    window.output.copy("plain")
    assert window.announcer.status_text() == "Copied the alt text as plain text."
    tray = Tray(QIcon(), [window.actions[Act.OPEN], None])  # the window's tray, where a desktop has one
    window.library.tray = tray

    _switch(qtbot, window, "zh", "文件(&F)")
    assert window.announcer.status_text() == "已将替代文本复制为纯文本。"  # said again, not copied again
    assert tray.show_action.text() == "显示或隐藏 AltText"
    assert tray.icon.toolTip() == "AltText：描述屏幕、窗口或剪贴板"
    assert tray.menu.actions()[2].text() == "打开图片(&O)…"  # the window's own action

    _switch(qtbot, window, "en", "&File")
    assert window.announcer.status_text() == "Copied the alt text as plain text."
    assert tray.show_action.text() == "Show or Hide AltText"
    assert window.panel.text() == "A red square."


def test_a_failed_image_keeps_its_title_and_message_in_the_new_language(qtbot, window, tmp_path):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    window.load_source(str(broken))
    qtbot.waitUntil(lambda: window.windowTitle() == "Not described — AltText", timeout=10_000)
    english_error = window.announcer.status_text()

    _switch(qtbot, window, "zh", "文件(&F)")
    qtbot.waitUntil(lambda: window.windowTitle() == "未能描述 — AltText", timeout=10_000)
    assert window.announcer.status_text() != english_error  # the core's sentence, translated
    assert HAN.search(window.announcer.status_text())


def _a11y_deps_missing() -> str:
    from a11y_tool import RUN_CHECK

    if not RUN_CHECK.exists() or not (ROOT / ".venv" / "bin" / "python").exists():
        return "the a11y checker or .venv is not there"
    for tool in ("Xvfb", "dbus-run-session", "xdotool"):
        if not shutil.which(tool):
            return f"{tool} is not installed"
    if subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True).returncode:
        return "python3-pyatspi is not installed"
    return ""


@pytest.mark.slow
@pytest.mark.skipif(bool(_a11y_deps_missing()), reason=_a11y_deps_missing() or "ok")
def test_a_screen_reader_hears_the_new_names_after_a_switch_in_settings(tmp_path, red_png):
    """The real app under AT-SPI: Settings (Ctrl+,) → Language (Alt+L) → 简体中文 → OK; the open
    window's controls are renamed in Chinese, and the image is described again in Chinese."""
    from a11y_tool import RUN_CHECK

    config = tmp_path / "config"
    config.mkdir()
    (config / "alttext.ini").write_text("[General]\nauto_speak = false\nlanguage = en\n", encoding="utf-8")
    keys = "F5 ctrl+comma alt+l Down Down Down Return"  # English, Deutsch, 简体中文 (the last stays)
    env = dict(os.environ, TIMEOUT="60", ALTTEXT_CONFIG_DIR=str(config),
               DUMP_ARGS=f"--keys {keys} --window '{red_png.name} — AltText'")
    cmd = [str(RUN_CHECK), "AltText", "--", str(ROOT / ".venv/bin/python"), "-m", "alttext_app", str(red_png)]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=150)
    out = run.stdout
    assert run.returncode == 0, out + run.stderr
    assert "push button   name='Open Image'" in out  # the tree as the window started
    after = out[out.index("KEY ctrl+comma"):]
    for name in ("[push button] '打开图片'", "[text] '替代文本'", "[check box] '装饰性图片'",
                 "[progress bar] '正在描述图片'", "[panel] '图片预览'"):
        assert f"accessible-name src={name}" in after, name
    assert re.search(r"src=\[text\] '替代文本' detail1=0 data='[^']*[\u4e00-\u9fff]", after)  # described again
    assert re.search(r"\[label\] '\d+ / 50 个字符'", after)
