"""Messages in the user's language: tables per language as data, --lang, the system locale."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from alttext_app.cli.main import main as cli_main
from alttext_app.core import i18n
from alttext_app.core.paths import asset

ROOT = Path(__file__).resolve().parents[1]


def test_language_follows_the_system_locale(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert i18n.language() == "zh"
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")  # no table: English
    assert i18n.language() == "en"
    i18n.set_language("zh-Hans")
    assert i18n.language() == "zh"


def test_templates_and_finished_sentences_are_translated():
    assert i18n.tr("There is no text to speak.", lang="zh") == "没有可朗读的文本。"
    sentence = "No model called “blip” is installed; see “alttext models list”."
    assert i18n.localize(sentence, "zh") == "没有安装名为“blip”的模型；请查看“alttext models list”。"
    assert i18n.localize("A sentence nobody translated.", "zh") == "A sentence nobody translated."
    assert i18n.tr("There is no text to speak.", lang="en") == "There is no text to speak."


def _tables():
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in asset("i18n").glob("*.json")}


def test_every_table_keeps_the_placeholders():
    for code, data in _tables().items():
        assert data["language"]["name"], code
        for key, value in data["messages"].items():
            assert i18n.placeholders(key) == i18n.placeholders(value), (code, key)
            assert key.count("%") == value.count("%"), (code, key)


def _tr_literals() -> set[str]:
    found = set()
    for path in (ROOT / "alttext_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and ast.unparse(node.func) in ("tr", "i18n.tr") and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


def test_chinese_has_every_message_written_with_tr():
    missing = _tr_literals() - set(_tables()["zh"]["messages"])
    assert not missing, f"add these to assets/i18n/zh.json: {sorted(missing)}"


def test_a_language_is_only_a_data_file():
    # de.json is data only: no code names German, yet it is offered and used.
    assert i18n.available_languages()["de"] == "Deutsch"
    for path in (ROOT / "alttext_app").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert '"de"' not in source and "Deutsch" not in source, path
    assert i18n.tr("There is no text to speak.", lang="de") == "Es gibt keinen Text zum Vorlesen."


def test_cli_errors_and_help_in_chinese(tmp_path, capsys):
    assert cli_main(["--lang", "zh", "caption", str(tmp_path / "missing.png")]) == 1
    err = capsys.readouterr().err
    assert "不存在" in err and "missing.png" in err
    with pytest.raises(SystemExit):
        cli_main(["caption", "--help", "--lang", "zh"])
    out = capsys.readouterr().out
    assert "用法：" in out and "为每张图片编写替代文本" in out


def test_cli_caption_json_says_its_language_and_how_to_translate(capsys):
    assert cli_main(["caption", "--json", "--model", "builtin", "--lang", "zh", str(asset("samples", "sample.jpg"))]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert data["lang"] in ("zh", "en")
    if data["lang"] == "en":  # an English-only captioner and no translator installed
        assert "opus-mt-en-zh" in data["notice"] and "opus-mt-en-zh" in captured.err
