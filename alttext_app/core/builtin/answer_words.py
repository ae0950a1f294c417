"""The words of the built-in answers: sentence templates through `i18n.tr` (Chinese in
assets/i18n/zh.json) and the phrases for things from the renderers, in the answer's language."""

from __future__ import annotations

from dataclasses import replace

from alttext_app.core.builtin import render_en, render_zh
from alttext_app.core.builtin.scene import SceneObject
from alttext_app.core.i18n import tr

GET_A_MODEL = "For other questions, get a model that answers them with “alttext models pull smolvlm-256m”."
# What the describer calls each kind of image, and the words people ask about them with.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "photo": ("photo", "photograph", "picture taken", "照片", "相片"),
    "screenshot": ("screenshot", "screen shot", "screen capture", "截图", "截屏", "屏幕截图"),
    "document": ("document", "scan", "page", "文档", "扫描件"),
    "code": ("program code", "code", "代码"),
    "chart": ("chart", "graph", "diagram", "图表"),
    "table": ("table of", "spreadsheet", "表格"),
    "dialog": ("dialog", "对话框"),
    "graphic": ("drawing", "illustration", "painting", "cartoon", "graphic", "logo", "icon", "图形",
                "插图", "绘画", "画"),
}
SKY_ANSWERS = {  # translated in assets/i18n/zh.json, like KIND_PHRASES
    "blue sky": "The sky looks blue.", "grey sky": "The sky looks grey.",
    "dark sky": "The sky looks dark.", "dusk sky": "The sky has the colours of dusk.",
}
KIND_PHRASES = {  # translated in assets/i18n/zh.json (tests/builtin/test_builtin_answers.py checks)
    "photo": "a photo", "screenshot": "a screenshot", "document": "a document (a page of text)",
    "code": "a screenshot of program code", "chart": "a chart", "table": "a table",
    "dialog": "a dialog box", "graphic": "a drawing or graphic",
}


class Words:
    """Phrases for things and the sentence end, in the answer's language."""

    def __init__(self, lang: str) -> None:
        self.lang = "zh" if lang == "zh" else "en"
        self.zh = self.lang == "zh"

    def tr(self, template: str, **values: object) -> str:
        return tr(template, lang=self.lang, **values)

    def counted(self, obj: SceneObject) -> str:  # "two dogs", "至少一个杯子"
        return render_zh.counted(obj) if self.zh else render_en.counted(obj)

    def exact(self, obj: SceneObject) -> str:  # "one dog", "five dogs", "5条狗": the number itself
        count = obj.count
        if self.zh:
            noun, measure, _ = render_zh.entry(obj.word)
            if count <= render_en.EXACT_UP_TO or not measure:
                return render_zh.counted(replace(obj, more_possible=False))
            return f"{count}{measure}{noun}"
        number = render_en.NUMBERS[count] if count < len(render_en.NUMBERS) else str(count)
        return f"{number} {obj.word if count == 1 else render_en.plural(obj.word)}"

    def many(self, word: str) -> str:  # "dogs", "狗"
        return render_zh.noun(word) if self.zh else render_en.plural(word)

    def outdoor(self, key: str) -> str:  # "trees or other plants", "树木或其他植物"
        if key == "sky":
            return self.tr("the sky")
        return render_zh.table()["ground"][key] if self.zh else render_en.GROUND_WORDS[key]

    def colour(self, name: str) -> str:
        return render_zh.colour(name) if self.zh else name

    def kind(self, kind: str) -> str:
        return self.tr(KIND_PHRASES.get(kind, "a photo"))

    def join(self, *sentences: str) -> str:
        return ("" if self.zh else " ").join(s for s in sentences if s)
