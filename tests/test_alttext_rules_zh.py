"""Chinese alt-text rules: no "图片：" openings, full-width punctuation, neutral people, a budget."""

from __future__ import annotations

from alttext_app.core.alttext_rules import finalize_alt_text


def zh(text: str, max_chars: int = 125) -> str:
    return finalize_alt_text(text, max_chars=max_chars, language="zh")


def test_filler_openings_go():
    assert zh("图片：一只猫坐在沙发上") == "一只猫坐在沙发上。"
    assert zh("这是一张照片，显示了两只狗在草地上") == "两只狗在草地上。"


def test_punctuation_and_spaces():
    assert zh("一 只 猫 , 在 草地上.") == "一只猫，在草地上。"
    assert zh("窗口标题为“设置”的截图") == "窗口标题为“设置”的截图。"
    assert zh(zh("一只猫。")) == "一只猫。"  # idempotent


def test_people_are_neutral():
    assert zh("一位女士在海边散步") == "一个人在海边散步。"
    assert zh("两名男子在打篮球") == "两个人在打篮球。"


def test_budget_in_chinese_characters_cut_at_a_clause():
    text = "文档，开头是“尊敬的客户：感谢您长期以来的支持与信任，我们将于十二月一日起调整营业时间，请您留意相关通知”"
    out = zh(text)
    assert len(out) <= 50 and out.endswith("…”")
    assert zh("一只猫坐在沙发上，旁边有一个红色的靠垫和一本打开的书", max_chars=40).endswith("…")
