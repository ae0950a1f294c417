"""English words for a `scene.Scene`: main subject first, counts in words, relations, place.

"Two people and a dog on a beach", "A person on a motorcycle", "A cup on a table", "May show a
dog". The first sentence fits the budget (parts are dropped, least important first, rather than
cut); the "more" detail level adds a second sentence with further objects and the visible text.
"""

from __future__ import annotations

from alttext_app.core.builtin.scene import (
    Certainty,
    Outdoors,
    Relation,
    RelationKind,
    Scene,
    SceneObject,
)
from alttext_app.core.builtin.sentence import with_article

NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_IRREGULAR = {"person": "people", "mouse": "mice", "knife": "knives", "sheep": "sheep",
              "fish": "fish", "skis": "skis", "scissors": "scissors", "cattle": "cattle"}
PLACE_PHRASES = {
    "kitchen": "in a kitchen", "bedroom": "in a bedroom", "bathroom": "in a bathroom",
    "living room": "in a living room", "dining table": "at a table", "street": "on a street",
    "office": "in an office", "seashore": "by the sea", "lakeside": "by a lake",
    "mountains": "in the mountains", "valley": "in a valley", "cliff": "on a cliff",
    "coral reef": "on a coral reef", "field": "in a field", "snow": "in the snow",
    "sky": "in the sky", "space": "in space", "waterside": "by the water",
}
PLACE_ALONE = {
    "seashore": "A seashore", "lakeside": "A lake shore", "mountains": "Mountains",
    "valley": "A valley", "cliff": "A cliff", "coral reef": "A coral reef", "kitchen": "A kitchen",
    "bedroom": "A bedroom", "bathroom": "A bathroom", "living room": "A living room",
    "street": "A street", "waterside": "Water and its shore",
}

SKY_PHRASES = {"blue sky": "under a blue sky", "grey sky": "under a grey sky",
               "dark sky": "under a dark sky", "dusk sky": "under a dusk sky"}
GROUND_WORDS = {"a tree": "a tree", "trees": "trees", "greenery": "greenery", "water": "water",
                "plants": "trees or other plants", "autumn leaves": "autumn leaves",
                "stars": "stars in a dark sky"}


def plural(word: str) -> str:
    head, sep, tail = word.partition(" of ")
    if sep:
        return plural(head) + sep + tail
    *first, last = word.split(" ")
    if last in _IRREGULAR:
        return " ".join([*first, _IRREGULAR[last]])
    if last.endswith(("s", "sh", "ch", "x")):
        last += "es"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    else:
        last += "s"
    return " ".join([*first, last])


EXACT_UP_TO = 3  # detectors miss and merge boxes in crowds: beyond three, "several"


def counted(obj: SceneObject) -> str:
    """'a person', 'two people', 'at least three cups', 'one or more boats', 'several cars'."""
    if obj.count == 1:
        if obj.more_possible:
            return f"one or more {plural(obj.word)}"
        return article(f"{obj.colour} {obj.word}" if obj.colour else obj.word)
    if obj.count > EXACT_UP_TO:
        return f"several {plural(obj.word)}"
    return f"{'at least ' if obj.more_possible else ''}{NUMBERS[obj.count]} {plural(obj.word)}"


def article(word: str) -> str:
    """with_article, plus words that need one here ("a landscape")."""
    return f"a {word}" if word == "landscape" else with_article(word)


def _relation_phrase(scene: Scene, relation: Relation | None) -> str:
    if relation is None:
        return ""
    target = with_article(scene.objects[relation.target].word)
    return f" on {target}" if relation.kind in (RelationKind.ON, RelationKind.RIDING) else ""


def _held(scene: Scene) -> str:
    held = next((o for o in scene.objects if o.held_by_people and o.sure), None)
    if held is None or scene.people is None:
        return ""
    return f" {'wearing' if held.worn else 'with'} {with_article(held.word)}"


def _phrase(scene: Scene, index: int) -> str:
    obj = scene.objects[index]
    text = counted(obj)
    if obj.word == "person":
        text += _held(scene)
    return text + _relation_phrase(scene, scene.relation_of(index))


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _first_sentence_parts(scene: Scene) -> tuple[str, list[str], str]:
    """(main phrase, further phrases, place phrase) for the first sentence."""
    main = scene.main
    assert main is not None
    if not main.sure:
        return f"may show {article(main.word)}", [], ""
    used = {0} | {r.target for r in scene.relations if r.subject == 0}
    others = []
    for i, obj in enumerate(scene.objects[1:], start=1):
        if i in used or not obj.sure or obj.held_by_people:
            continue
        if obj.area < 0.05 and obj.word != "person":
            continue  # small things wait for the second sentence
        others.append(_phrase(scene, i))
        used |= {i} | {r.target for r in scene.relations if r.subject == i}
    where = PLACE_PHRASES.get(scene.place, "") if scene.place else ""
    return _phrase(scene, 0), others, where


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def sky_phrase(scene: Scene) -> str:
    """'under a blue sky' when the layout is sure of the sky, else ''."""
    out = scene.outdoors
    if out is None or out.sky is None or out.certainty is not Certainty.SURE:
        return ""
    return SKY_PHRASES[out.sky]


def _outdoor_words(out: Outdoors) -> str:
    """'a tree and greenery under a blue sky', 'trees or other plants'."""
    ground = _join([GROUND_WORDS[g] for g in out.ground]) if out.ground else "an outdoor view"
    return f"{ground} {SKY_PHRASES[out.sky]}" if out.sky else ground


def outdoors_alone(out: Outdoors) -> str:
    """'A tree and greenery under a blue sky', 'May show trees or other plants'."""
    text = _outdoor_words(out)
    return _capital(text) if out.certainty is Certainty.SURE else f"May show {text}"


def background(scene: Scene, first: str) -> str:
    """For 'more' detail: what the layout saw behind a subject, unless the first sentence said
    it all ('The background shows trees under a blue sky.', 'The background may show ...')."""
    out = scene.outdoors
    if scene.main is None or out is None or (not out.ground and (not out.sky or SKY_PHRASES[out.sky] in first)):
        return ""
    verb = "shows" if out.certainty is Certainty.SURE else "may show"
    return f"The background {verb} {_outdoor_words(out)}."


def first_sentence(scene: Scene, max_chars: int) -> str:
    """The whole-budget sentence, richest form that fits."""
    if scene.main is None:
        if scene.place:
            alone = PLACE_ALONE.get(scene.place, "Photo")
            sky = sky_phrase(scene)
            return f"{alone} {sky}" if sky and len(alone) + len(sky) + 2 <= max_chars else alone
        if scene.outdoors is not None and not scene.graphic:
            return outdoors_alone(scene.outdoors)
        if scene.graphic:
            return "Black-and-white graphic" if scene.greyscale else "Graphic"
        kind = "Black-and-white photo" if scene.greyscale else "Photo"
        return f"{kind}; its subject could not be recognised"
    main, others, where = _first_sentence_parts(scene)
    settings = [" ".join(p for p in parts if p) for parts in
                ((where, sky_phrase(scene)), (where, ""), ("", sky_phrase(scene)), ("", ""))]
    candidates = []
    for keep in range(min(len(others), 2), -1, -1):
        for setting in dict.fromkeys(settings):
            body = _join([main, *others[:keep]])
            candidates.append(body + (f" {setting}" if setting else ""))
    for text in candidates:
        sentence = _graphic(scene, text)
        if len(sentence) + 1 <= max_chars:
            return sentence
    return _graphic(scene, candidates[-1])


def _graphic(scene: Scene, text: str) -> str:
    if not scene.graphic:
        return _capital(text)
    kind = "Black-and-white graphic" if scene.greyscale else "Graphic"
    return f"{kind} that {text}" if text.startswith("may show") else f"{kind} of {text}"


def second_sentence(scene: Scene, first: str) -> str:
    """Further sure objects, visible text, black-and-white: for 'more' detail. Hedged detector
    boxes are not listed: at 0.5-0.55 they were wrong more often than right ("a vase")."""
    said = first.lower()
    rest = [counted(o) for i, o in enumerate(scene.objects)
            if o.sure and not o.held_by_people and f" {plural(o.word)}" not in f" {said}"
            and f" {o.word}" not in f" {said}" and i > 0]
    parts = []
    if rest:
        parts.append(f"Also visible: {_join(rest)}.")
    if behind := background(scene, first):
        parts.append(behind)
    if scene.text:
        parts.append(f"Text reads {scene.text}.")
    if scene.greyscale and not scene.graphic and scene.main is not None:
        parts.append("Black-and-white photo.")  # (without a subject the first sentence said so)
    return " ".join(parts)


def render_en(scene: Scene, max_chars: int = 125, *, more: bool = False) -> str:
    """Alt text for the scene: one sentence, plus a second when `more` detail is asked for."""
    first = first_sentence(scene, max_chars)
    if scene.text and not more:
        quoted = f", with text reading {scene.text}"
        if len(first) + len(quoted) + 1 <= max_chars:
            first += quoted
    if not more:
        return first
    second = second_sentence(scene, first)
    return f"{first}. {second}" if second else first
