"""Chinese words for a `scene.Scene`: the same facts as `render_en`, in Chinese order and grammar.

"海边的两个人和一条狗", "一个人骑着摩托车", "一个杯子在桌子上", "可能是一条狗". Numbers take their
measure word (一只猫, 两个人, 三辆汽车; 两 not 二 before a measure word), mass nouns go without
(干草, 牛仔裤), a place comes first as a topic ("厨房里，一只猫在桌子上") and hedging is "可能是…".
The words are data, `assets/i18n/words/zh.json` (noun, measure word, verb when worn), so the
vocabulary is checked and extended without touching this code. Length is in characters: the budget
is the Chinese one from `alttext_rules_zh.budget`.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from alttext_app.core.alttext_rules_zh import zh_len
from alttext_app.core.builtin.render_en import EXACT_UP_TO
from alttext_app.core.builtin.scene import Certainty, Outdoors, RelationKind, Scene, SceneObject
from alttext_app.core.paths import asset

GENERIC = ("东西", "个", "")  # a key missing from the table: say less rather than English


@cache
def table() -> dict[str, Any]:
    return json.loads(asset("i18n", "words", "zh.json").read_text(encoding="utf-8"))


def entry(word: str) -> tuple[str, str, str]:
    """(noun, measure word or '' for mass nouns, verb used when it is worn or '')."""
    raw = table()["words"].get(word)
    if raw is None:
        return GENERIC
    noun, measure, *verb = raw.split("|")
    return noun, measure, verb[0] if verb else ""


def noun(word: str) -> str:
    return entry(word)[0]


def counted(obj: SceneObject | None = None, *, word: str = "", count: int = 1, more: bool = False) -> str:
    """一只猫, 两个人, 至少三个杯子, 至少一艘船, 几辆汽车; mass nouns without a number (干草).
    As in English (render_en.counted): exact numbers only up to three, "at least" when weaker
    boxes suggest more."""
    if obj is not None:
        word, count, more = obj.word, obj.count, obj.more_possible
    name, measure, _ = entry(word)
    if not measure:
        return name
    if count > EXACT_UP_TO:
        return f"几{measure}{name}"
    if obj is not None and obj.colour and count == 1 and not more:
        name = f"{colour(obj.colour)}的{name}"  # 一辆红色的摩托车
    return f"{'至少' if more else ''}{table()['numbers'][count]}{measure}{name}"


def colour(name: str) -> str:
    return table()["colours"].get(name, name)


def _held(scene: Scene) -> str:
    held = next((o for o in scene.objects if o.held_by_people and o.sure), None)
    if held is None or scene.people is None:
        return ""
    name, _, verb = entry(held.word)
    return f"{verb or '穿'}着{name}" if held.worn else f"带着{name}"


def _phrase(scene: Scene, index: int) -> tuple[str, bool]:
    """(the phrase, whether it is a clause with its own verb rather than a bare noun phrase)."""
    obj = scene.objects[index]
    text = counted(obj)
    clause = False
    if obj.word == "person":
        held = _held(scene)
        text, clause = (text + held, True) if held else (text, clause)
    relation = scene.relation_of(index)
    if relation is not None:
        target = noun(scene.objects[relation.target].word)
        text += f"骑着{target}" if relation.kind is RelationKind.RIDING else f"在{target}上"
        clause = True
    return text, clause


def _join(items: list[str], clauses: bool) -> str:
    if len(items) == 1:
        return items[0]
    if clauses:  # 一个人骑着摩托车，一条狗在草地上
        return "，".join(items)
    return "、".join(items[:-1]) + "和" + items[-1]


def _parts(scene: Scene) -> tuple[list[tuple[str, bool]], str]:
    """Phrases for the first sentence (main first) and the place locative."""
    main = scene.main
    assert main is not None
    used = {0} | {r.target for r in scene.relations if r.subject == 0}
    phrases = [_phrase(scene, 0)]
    for i, obj in enumerate(scene.objects[1:], start=1):
        if i in used or not obj.sure or obj.held_by_people:
            continue
        if obj.area < 0.05 and obj.word != "person":
            continue  # small things wait for the second sentence
        phrases.append(_phrase(scene, i))
        used |= {i} | {r.target for r in scene.relations if r.subject == i}
    where = table()["places"].get(scene.place, "") if scene.place else ""
    return phrases, where


def _with_place(body: str, clauses: bool, where: str) -> str:
    if not where:
        return body
    return f"{where}，{body}" if clauses else f"{where}的{body}"


def sky(scene: Scene) -> str:
    """'蓝天下' when the layout is sure of the sky, else ''."""
    out = scene.outdoors
    if out is None or out.sky is None or out.certainty is not Certainty.SURE:
        return ""
    return table()["sky"][out.sky]


def _outdoor_words(out: Outdoors) -> str:
    """'蓝天下的一棵树和绿色植被', '树木或其他植物'."""
    words = [table()["ground"][g] for g in out.ground] or [table()["ground"]["view"]]
    text = _join(words, False)
    return f"{table()['sky'][out.sky]}的{text}" if out.sky else text


def outdoors_alone(out: Outdoors) -> str:
    """'蓝天下的一棵树和绿色植被', '可能是树木或其他植物'."""
    text = _outdoor_words(out)
    return text if out.certainty is Certainty.SURE else f"可能是{text}"


def background(scene: Scene, first: str) -> str:
    """For 'more' detail, as render_en.background: '背景是蓝天下的树木。'"""
    out = scene.outdoors
    if scene.main is None or out is None or (not out.ground and (not out.sky or table()['sky'][out.sky] in first)):
        return ""
    return f"背景{'是' if out.certainty is Certainty.SURE else '可能是'}{_outdoor_words(out)}。"


def _graphic(scene: Scene, text: str, hedged: bool) -> str:
    if not scene.graphic:
        return f"可能是{text}" if hedged else text
    kind = "黑白图形" if scene.greyscale else "图形"
    return f"{kind}，可能画的是{text}" if hedged else f"{kind}，画的是{text}"


def first_sentence(scene: Scene, budget: int) -> str:
    """The richest first sentence that fits `budget` characters."""
    main = scene.main
    if main is None:
        if scene.place:
            alone = table()["places_alone"].get(scene.place, "照片")
            return f"{sky(scene)}的{alone}" if sky(scene) else alone
        if scene.outdoors is not None and not scene.graphic:
            return outdoors_alone(scene.outdoors)
        return f"无法识别这张{'黑白' if scene.greyscale else ''}照片的主体"
    if not main.sure:
        return _graphic(scene, counted(main), hedged=True)
    phrases, where = _parts(scene)
    candidates = []
    for keep in range(min(len(phrases) - 1, 2), -1, -1):
        chosen = phrases[: keep + 1]
        clauses = any(clause for _, clause in chosen)
        body = _join([text for text, _ in chosen], clauses)
        if where:
            candidates.append(_with_place(body, clauses, where))
        elif sky(scene):
            candidates.append(_with_place(body, clauses, sky(scene)))
        candidates.append(body)
    for text in candidates:
        sentence = _graphic(scene, text, hedged=False)
        if zh_len(sentence) + 1 <= budget:
            return sentence
    return _graphic(scene, candidates[-1], hedged=False)


def second_sentence(scene: Scene, first: str) -> str:
    """Further sure objects, visible text, black-and-white: for 'more' detail (hedged detector
    boxes are not listed, as in English: they were wrong more often than right)."""
    rest = [counted(o) for i, o in enumerate(scene.objects)
            if i > 0 and o.sure and not o.held_by_people and noun(o.word) not in first]
    parts = []
    if rest:
        parts.append(f"还能看到{_join(rest, False)}。")
    parts.append(background(scene, first))
    if scene.text and scene.text not in first:
        parts.append(f"文字为{scene.text}。")
    if scene.greyscale and not scene.graphic:
        parts.append("黑白照片。")
    return "".join(parts)


def render_zh(scene: Scene, budget: int = 50, *, more: bool = False) -> str:
    """Alt text for the scene in Chinese: one sentence, plus more when `more` detail is asked for."""
    first = first_sentence(scene, budget)
    if scene.text:
        quoted = f"，文字为{scene.text}"
        if more or zh_len(first + quoted) + 1 <= budget:
            first += quoted
    if not more:
        return first
    second = second_sentence(scene, first)
    return f"{first}。{second}" if second else first
