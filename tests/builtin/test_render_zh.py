"""Chinese sentences from the language-neutral scene: measure words, word order, hedging, budget."""

from __future__ import annotations

import pytest

from alttext_app.core.alttext_rules_zh import zh_len
from alttext_app.core.builtin import render_zh as zh
from alttext_app.core.builtin.detector import COCO_WORDS
from alttext_app.core.builtin.labels import plain_labels
from alttext_app.core.builtin.scene import (
    PLACES,
    Certainty,
    Relation,
    RelationKind,
    Scene,
    SceneObject,
    Source,
)

SURE, HEDGED = Certainty.SURE, Certainty.HEDGED


def obj(word, count=1, certainty=SURE, area=0.3, **kw):
    box = (0.0, 0.0, area ** 0.5, area ** 0.5)
    return SceneObject(word, count, certainty, 0.9, Source.DETECTOR, boxes=(box,), **kw)


def test_every_word_the_english_renderer_can_say_has_chinese():
    labels = plain_labels()
    keys = {lb.plain for lb in labels} | {lb.group for lb in labels} | set(COCO_WORDS) | {"animal"}
    missing = sorted(k for k in keys if k not in zh.table()["words"])
    assert not missing, missing
    assert set(PLACES) <= set(zh.table()["places"])
    for key, value in zh.table()["words"].items():
        noun, measure, *rest = value.split("|")
        assert noun and not any("a" <= c.lower() <= "z" for c in noun.replace("CD", "").replace("T", "")), key
        assert len(measure) <= 1 and len(rest) <= 1, key


@pytest.mark.parametrize(("scene", "expected"), [
    (Scene((obj("cat"),)), "一只猫"),
    (Scene((obj("person", 2), obj("dog"))), "两个人和一条狗"),
    (Scene((obj("person", 3, more_possible=True),)), "至少三个人"),
    (Scene((obj("car", 12),)), "几辆汽车"),
    (Scene((obj("boat", 1, more_possible=True),)), "至少一艘船"),
    (Scene((obj("dog", certainty=HEDGED),)), "可能是一条狗"),
    (Scene((obj("person", 2), obj("dog")), place="seashore"), "海边的两个人和一条狗"),
    (Scene((obj("person"), obj("motorcycle")), (Relation(0, RelationKind.RIDING, 1),)), "一个人骑着摩托车"),
    (Scene((obj("cup"), obj("table")), (Relation(0, RelationKind.ON, 1),), place="kitchen"),
     "厨房里，一个杯子在桌子上"),
    (Scene((obj("person"), obj("sunglasses", worn=True, held_by_people=True))), "一个人戴着墨镜"),
    (Scene((obj("horse", certainty=HEDGED),), graphic=True), "图形，可能画的是一匹马"),
    (Scene(greyscale=True), "无法识别这张黑白照片的主体"),
    (Scene(place="seashore"), "海岸"),
    (Scene((obj("hay"),)), "干草"),
])
def test_sentences(scene, expected):
    assert zh.render_zh(scene) == expected


def test_text_and_more_detail():
    scene = Scene((obj("stop sign"), obj("car", 2, area=0.01), obj("bird", certainty=HEDGED)),
                  text="“STOP”", greyscale=True)
    assert zh.render_zh(scene) == "一个停车标志，文字为“STOP”"
    assert zh.render_zh(scene, more=True) == (
        "一个停车标志，文字为“STOP”。还能看到两辆汽车。黑白照片。"
    )


def test_budget_drops_parts_rather_than_cutting():
    scene = Scene((obj("person", 2), obj("dog"), obj("bicycle")), place="street")
    assert zh.render_zh(scene, 50) == "街上的两个人、一条狗和一辆自行车"
    assert zh.render_zh(scene, 12) == "街上的两个人和一条狗"
    assert zh.render_zh(scene, 9) == "两个人和一条狗"



@pytest.mark.parametrize(("image", "start"), [
    ("assets/samples/sample.jpg", "一杯浓缩咖啡。"),
    ("tests/data/eval/text/pil_document.png", "文档，内容为“"),
    ("tests/data/eval/text/qt_bar_chart.png", "柱状图，标题为“"),  # its axes show the bars
    ("tests/data/eval/text/qt_signin.png", "截图，文字为“"),
])
def test_builtin_describer_writes_chinese(image, start):
    from pathlib import Path

    from alttext_app.core.captioner import CaptionOptions
    from alttext_app.core.session import Session

    path = Path(__file__).resolve().parents[2] / image
    result = Session().caption(str(path), options=CaptionOptions(language="zh"), model="builtin")
    assert result.lang == "zh" and result.alt_text.startswith(start) and not result.notice
    assert result.alt_text.endswith(("。", "…”")) and zh_len(result.alt_text) <= 50


def test_text_scenes_in_chinese():
    from alttext_app.core.alttext_rules_zh import zh_len
    from alttext_app.core.builtin.render_zh_text import render_zh_text
    from alttext_app.core.builtin.text_scene import (
        ChartInfo,
        CodeInfo,
        DialogInfo,
        TableInfo,
        TextScene,
    )

    chart = TextScene("chart", "Network traffic", chart=ChartInfo("line", ("Download", "Upload"), (), "0", "60", "minutes"))
    assert render_zh_text(chart, 50) == "折线图，标题为“Network traffic”，横轴从 0 到 60 分钟，系列为 Download 和 Upload"
    code = TextScene("code", lines=("def read_prices(path):",), code=CodeInfo("Python", ("read_prices", "cheapest")))
    assert render_zh_text(code, 50) == "Python 代码，定义了 read_prices 和 cheapest，开头为“def read_prices(path):”"
    table = TextScene("table", table=TableInfo(("书名", "作者", "年份"), 5, 3))
    assert render_zh_text(table, 50) == "表格，共 5 行，列为“书名”、“作者”和“年份”"
    dialog = TextScene("dialog", dialog=DialogInfo("要删除相册中的 12 张照片吗？", ("删除", "取消")))
    assert render_zh_text(dialog, 50) == "对话框，询问“要删除相册中的 12 张照片吗？”，按钮为“删除”和“取消”"
    shot = TextScene("screenshot", "设置", ("显示", "声音"), sure=False)
    assert render_zh_text(shot, 50) == "截图，文字可能为“设置”、“显示”、“声音”"
    assert render_zh_text(TextScene("document"), 50) == "文档，其中的文字无法识别"
    long_doc = TextScene("document", lines=("尊敬的客户：感谢您长期以来的支持与信任，我们将于十二月一日起调整营业时间。",))
    out = render_zh_text(long_doc, 30)
    assert zh_len(out) <= 29 and out.endswith("…”")
