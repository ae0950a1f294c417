"""The voice follows the text's language; the user's choice is kept per language."""

from __future__ import annotations

import wave

import pytest

from alttext_app.cli.main import main as cli_main
from alttext_app.core.text_language import text_language
from alttext_app.core.voices import Voice, choose_voice, format_choices, parse_choices

VOICES = [
    Voice("gmw/en-US", "English (America)", ("en-us", "en")),
    Voice("gmw/de", "German", ("de",)),
    Voice("sit/yue", "Chinese (Cantonese)", ("yue", "zh-yue", "zh")),
    Voice("sit/cmn-Latn-pinyin", "Chinese (Mandarin, latin as Pinyin)", ("cmn-latn-pinyin", "zh-cmn", "zh")),
    Voice("sit/cmn", "Chinese (Mandarin, latin as English)", ("cmn", "zh-cmn", "zh")),
    Voice("mb/mb-cn1", "chinese-mb-cn1", ("zh",)),
]


def test_text_language_from_script():
    assert text_language("一只猫坐在沙发上。") == "zh"
    assert text_language("请按 OK 按钮继续") == "zh"  # mixed: a Chinese voice reads the English too
    assert text_language("A cat on a sofa.") == "en"
    assert text_language("Eine Katze.", fallback="de") == "de"
    assert text_language("ねこがいます") == "ja"
    assert text_language("12345", fallback="zh") == "zh"


def test_chinese_text_gets_mandarin_never_the_english_voice():
    assert choose_voice(VOICES, "zh", {}, general="gmw/en-US") == "sit/cmn"
    assert choose_voice(VOICES, "en", {}, general="gmw/en-US") == "gmw/en-US"
    assert choose_voice(VOICES, "en", {}) == ""  # the engine's own English default
    assert choose_voice(VOICES, "ko", {}) is None  # nobody speaks it: say so, do not babble


def test_choice_is_kept_per_language():
    choices = parse_choices("zh=sit/yue, en=gmw/en-US,bad,=x")
    assert choices == {"zh": "sit/yue", "en": "gmw/en-US"}
    assert choose_voice(VOICES, "zh", choices) == "sit/yue"
    assert choose_voice(VOICES, "de", choices) == "gmw/de"
    assert parse_choices(format_choices(choices)) == choices


def _seconds(path) -> float:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


def test_speak_reads_chinese_with_cmn_at_a_sensible_length(tmp_path, capsys):
    from alttext_app.core.speech import shared_engine

    engine = shared_engine()
    if not engine.is_available or engine.backend != "espeak-ng":
        pytest.skip("needs espeak-ng")
    if not any(v.id == "sit/cmn" for v in engine.list_voices()):
        pytest.skip("espeak-ng has no Mandarin voice here")
    text = "一只猫坐在沙发上。"
    assert engine.voice_for("zh") == "sit/cmn"
    out = tmp_path / "zh.wav"
    assert cli_main(["speak", "--rate", "175", "-o", str(out), text]) == 0
    seconds = _seconds(out)
    # Mandarin at this rate: ~3 syllables a second, one per character (8 here) plus a pause.
    assert 1.5 <= seconds <= 5.0, seconds
    # The English voice spells each character out ("Chinese letter…"): far longer.
    english = engine.save_wav(text, tmp_path / "en.wav", language="en")
    assert _seconds(english) > seconds * 1.4
