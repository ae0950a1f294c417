"""The window in Chinese: complete zh_CN catalogue, loaded from the setting, a second language as data."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from alttext_app.gui.translations import I18N_DIR, available_ui_languages, install_translations

ROOT = Path(__file__).resolve().parents[2]
ZH_TS = I18N_DIR / "alttext_zh_CN.ts"


def _messages(ts: Path):
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            yield name, message


def _lupdate() -> str | None:
    here = Path(sys.executable).parent / "pyside6-lupdate"  # the venv running the tests
    for candidate in (here, ROOT / ".venv" / "bin" / "pyside6-lupdate", shutil.which("pyside6-lupdate")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    return None


def test_every_window_string_has_a_chinese_translation(tmp_path):
    """What `pyside6-lupdate` finds in gui/ today, checked against the committed catalogue."""
    lupdate = _lupdate()
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "alttext_zh_CN.ts"
    shutil.copy(ZH_TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "alttext_app" / "gui").glob("*.py"))
    subprocess.run([lupdate, "-no-obsolete", "-locations", "none", *sources, "-ts", str(fresh)],
                   check=True, capture_output=True, timeout=120)
    unfinished = [
        f"{ctx}: {m.findtext('source')}" for ctx, m in _messages(fresh)
        if m.find("translation").get("type") == "unfinished"
    ]
    assert not unfinished, "run scripts/update_translations.sh and translate:\n" + "\n".join(unfinished)


def test_translations_keep_placeholders_shortcut_letters_and_plurals():
    for ctx, message in _messages(ZH_TS):
        source = message.findtext("source")
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for text in forms:
            assert text.strip(), (ctx, source)
            for n in range(1, 10):
                assert (f"%{n}" in source) == (f"%{n}" in text), (ctx, source, text)
            assert ("%n" in source) == ("%n" in text), (ctx, source, text)
            assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", text)), (ctx, source)
            if "&" in source.replace("&&", ""):  # a mnemonic stays reachable: "文件(&F)"
                assert "&" in text.replace("&&", ""), (ctx, source, text)


def test_window_follows_the_language_setting(qapp):
    from PySide6.QtCore import QCoreApplication

    ctx, message = next(iter(_messages(ZH_TS)), (None, None))
    try:
        assert install_translations(qapp, "zh") == "zh_CN"
        if message is not None and message.get("numerus") != "yes":
            assert QCoreApplication.translate(ctx, message.findtext("source")) == message.findtext("translation")
    finally:
        assert install_translations(qapp, "en") == ""
    assert "zh" in available_ui_languages()


def test_settings_choose_the_language_and_keep_the_voice_per_language(qtbot, window, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from alttext_app.core.session import Session
    from alttext_app.core.voices import Voice, parse_choices
    from alttext_app.gui.actions import Act
    from alttext_app.gui.settings_dialog import SettingsDialog

    def choose(dialog: SettingsDialog) -> int:
        dialog.language.setCurrentIndex(dialog.language.findData("zh"))
        mandarin = Voice("sit/cmn", "Chinese (Mandarin)", ("cmn", "zh-cmn", "zh"))
        dialog._fill_voices([mandarin])
        dialog.voice.setCurrentIndex(dialog.voice.findData("sit/cmn"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SettingsDialog, "exec", choose)
    window.open_settings()
    saved = Session().settings
    assert saved.language == "zh"
    assert parse_choices(saved.voices) == {"zh": "sit/cmn"}
    # The window follows at once (tests/gui/test_live_language.py checks it part by part).
    qtbot.waitUntil(lambda: window.actions[Act.OPEN].text() == "打开图片(&O)…", timeout=5000)
    assert window.announcer.status_text() == "设置已保存。"


def test_counter_counts_chinese_against_the_chinese_budget(qtbot, window):
    window.panel.caption.setPlainText("一只猫坐在沙发上。")
    window._update_count()
    assert window.panel.count_label.text() == "9 of 50 characters"


def test_a_second_window_language_is_only_data(qapp):
    """German came as assets/i18n/de.json + gui/i18n/alttext_de.ts/.qm, no code: it is offered and
    loads; what is not translated yet stays English."""
    from PySide6.QtCore import QCoreApplication

    assert available_ui_languages()["de"] == "Deutsch"
    try:
        assert install_translations(qapp, "de") == "de"
        assert QCoreApplication.translate("Actions", "&File") == "&Datei"
        untranslated = [(ctx, m.findtext("source")) for ctx, m in _messages(I18N_DIR / "alttext_de.ts")
                        if m.find("translation").get("type") == "unfinished" and m.get("numerus") != "yes"]
        for ctx, source in untranslated[:5]:  # not translated yet: English, never empty
            assert QCoreApplication.translate(ctx, source) == source
    finally:
        install_translations(qapp, "en")


@pytest.mark.slow
def test_the_chinese_window_as_a_screen_reader_sees_it(tmp_path):
    """The AT-SPI tree of the window in Chinese: every control named, names in Chinese, mnemonic
    brackets ("(&O)") not read out."""
    from a11y_tool import RUN_CHECK

    if not RUN_CHECK.exists() or not shutil.which("Xvfb") or not (ROOT / ".venv" / "bin" / "python").exists():
        pytest.skip("the AT-SPI check needs Xvfb, the shared a11y tool and .venv")
    config = tmp_path / "config"
    config.mkdir()
    (config / "alttext.ini").write_text("[General]\nauto_speak = false\nlanguage = zh\n", encoding="utf-8")
    image = tmp_path / "red.png"
    from PIL import Image

    Image.new("RGB", (64, 64), (210, 20, 20)).save(image)
    env = dict(os.environ, TIMEOUT="60", ALTTEXT_CONFIG_DIR=str(config),
               DUMP_ARGS="--keys F5 ctrl+comma Tab Escape --window 'red.png — AltText'")
    cmd = [str(RUN_CHECK), "AltText", "--", str(ROOT / ".venv/bin/python"), "-m", "alttext_app", str(image)]
    run = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=150)
    out = run.stdout
    assert run.returncode == 0, out + run.stderr  # 1 = an unnamed control
    assert "name='替代文本'" in out and "push button   name='打开图片'" in out
    buttons = [line for line in out.splitlines() if line.startswith("push button")]
    assert buttons and not [b for b in buttons if "(&" in b or "(O)" in b or "(P)" in b]
    assert "[spin button] '语速'" in out


def test_the_window_says_why_a_description_is_not_in_the_language(qtbot, window):
    from alttext_app.core.captioner import CaptionResult

    notice = "No translation model is installed, so this description is in English; get one with “alttext models pull opus-mt-en-zh”."
    result = CaptionResult(None, "A cat.", "a cat", "distilvit", "onnx", "cpu", 0.4, notice=notice)
    window.panel.show_details(result)
    assert notice in window.panel.details.text()
