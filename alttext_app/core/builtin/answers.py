"""Answers from what the built-in describer already saw: its `Sighting` of one image.

The describer cannot understand a free question; `questions.route` sorts the common ones, and
this module answers each kind only as far as the evidence goes:
- text: the OCR lines worth reading (debris left out), in reading order; or "no readable text";
- count / presence: the cross-checked scene (`scene_build`): exact numbers only up to three,
  "at least" when weaker boxes suggest more, "several" beyond; something not seen is never a
  confident "no" (the detector misses small and unusual things), unless the image is one flat colour;
- kind of image, colour of the whole image (flat, black and white, or one clearly dominant colour),
  of the sky, or of a thing the detector boxed when one colour clearly dominates it (`thing_colour`),
  where (a sure place);
- everything else: that the built-in describer cannot answer it, its description, and how to get a
  model that can.
The sentences and the words for things are in `answer_words`, in the answer's language.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from alttext_app.core.alttext_rules import finalize_alt_text
from alttext_app.core.builtin import render_en, render_zh
from alttext_app.core.builtin.answer_words import GET_A_MODEL, KIND_WORDS, SKY_ANSWERS, Words
from alttext_app.core.builtin.kind import TEXT_KINDS
from alttext_app.core.builtin.ocr import OcrResult
from alttext_app.core.builtin.questions import (
    Question,
    QuestionKind,
    asked_colours,
    gendered,
    hierarchy,
    outdoor_keys,
    thing_key,
)
from alttext_app.core.builtin.scene import Certainty, Scene, SceneObject, Source
from alttext_app.core.builtin.text_layout import strip_gutter
from alttext_app.core.builtin.text_lines import Line, paragraphs, sentences
from alttext_app.core.builtin.text_purpose import QUOTE_CONFIDENCE, SURE_CONFIDENCE, good_lines
from alttext_app.core.builtin.thing_colour import colour_sentence, thing_colours
from alttext_app.core.captioner import RawCaption

MAX_QUOTE_CHARS = 1500  # a whole page is read out; beyond this the person wants a model or a reader
DOMINANT_SHARE = 0.6  # one colour name on this share of the pixels: "mostly blue"
WATER_PLACES = {"seashore", "lakeside", "waterside", "coral reef"}


@dataclass
class Sighting:
    """What the describer found in one image, kept while the person asks about it."""

    raw: RawCaption  # the description and its facts: kind, labels, extra["scene"/"text_scene"]
    ocr: OcrResult | None  # None: OCR did not run (no text seen by the pre-check)
    ocr_whole: bool  # the whole text was read (not only the top of a dense screen)
    plain: str | None = None  # the colour of a flat, one-colour image
    descriptions: dict[tuple[str, bool], str] = field(default_factory=dict)  # (language, more) -> text

    @property
    def scene(self) -> Scene | None:
        return self.raw.extra.get("scene")


def answer_language(question: Question, lang: str) -> str:
    """Chinese when the question is written in Chinese or the user's language is, else English."""
    return "zh" if question.chinese or lang.startswith("zh") else "en"


def answer(question: Question, seen: Sighting, lang: str, image: Image.Image,
           describe: Callable[[str, bool], str]) -> str:
    """The answer to `question`, in `answer_language(question, lang)`. `describe(lang, more)`
    gives the describer's own description, for questions it can only answer with that."""
    words = Words(answer_language(question, lang))
    return _HANDLERS[question.kind](question, seen, words, image, describe)


def _cannot(words: Words, describe: Callable[[str, bool], str], why: str) -> str:
    """An honest "I can't" with the description and how to get a model that can."""
    description = describe(words.lang, False)
    said = words.tr("The built-in describer sees: {description}", description=description)
    return words.join(why, said, words.tr(GET_A_MODEL))


# --- text --------------------------------------------------------------------------------------
def readable_text(ocr: OcrResult | None, kind: str | None, title: str | None = None) -> tuple[str, bool]:
    """(the text worth reading out, in reading order, and whether it was read confidently).
    `title` (a chart's, from its text scene) is read first: axis labels come after it."""
    kept = [ln for ln in good_lines(ocr, kind) if ln.confidence >= QUOTE_CONFIDENCE]
    if kind != "chart":
        kept = strip_gutter(kept)
    if not kept:
        return "", False
    sure = min(ln.confidence for ln in kept) >= SURE_CONFIDENCE
    if kind == "code":
        return "\n".join(ln.text for ln in kept), sure
    if title is not None and any(ln.text == title for ln in kept):
        kept = [ln for ln in kept if ln.text == title] + [ln for ln in kept if ln.text != title]
    return "\n".join(_paragraph(para) for para in paragraphs(kept)), sure


def _paragraph(lines: list[Line]) -> str:
    """One paragraph's lines as running text (a word hyphenated across lines joined again)."""
    return " ".join(s.text.strip() for s in sentences(lines))


def _text(question: Question, seen: Sighting, words: Words, image: Image.Image,
          describe: Callable[[str, bool], str]) -> str:
    if seen.plain is not None:
        return words.tr("It is a plain {colour} image: there is no text in it.", colour=words.colour(seen.plain))
    text_scene = seen.raw.extra.get("text_scene")
    title = text_scene.title if text_scene is not None and text_scene.kind == "chart" else None
    text, sure = readable_text(seen.ocr, seen.raw.kind, title)
    if not text:
        sign = _matching(seen.scene, "sign")  # a street sign the classifier saw, unread
        if sign is not None and sign.sure:
            return words.tr("I can see {thing}, but I can't read any text on it.", thing=words.counted(sign))
        return words.tr("I can't find readable text in this image.")
    if len(text) > MAX_QUOTE_CHARS:
        text = text[:MAX_QUOTE_CHARS].rsplit(" ", 1)[0] + "…"
    if sure:
        return words.tr("The text reads: “{text}”", text=text)
    return words.tr("The text may read: “{text}” (I am not sure I read it right).", text=text)


# --- counting and presence ---------------------------------------------------------------------
def _matching(scene: Scene | None, key: str) -> SceneObject | None:
    """The scene's object that is (or is a kind of) `key`: "cup" finds a cup of espresso."""
    if scene is None:
        return None
    tree = hierarchy()
    return next((o for o in scene.objects if o.word == key or key in tree.get(o.word, ())), None)


def _not_looked(seen: Sighting, words: Words) -> str | None:
    """Why the scene cannot say: a flat image (nothing there) or a text-heavy one (not looked at)."""
    if seen.plain is not None:
        return words.tr("It is a plain {colour} image: there is nothing else in it.",
                        colour=words.colour(seen.plain))
    if seen.scene is None and seen.raw.kind in TEXT_KINDS:
        return words.tr("This looks like {kind}: the built-in describer reads its text but does not "
                        "look for things in it.", kind=words.kind(seen.raw.kind))
    return None


def _gender_note(question: Question, words: Words) -> str:
    if gendered(question.thing):
        return words.tr("I can't tell a person's gender or age from a picture.")
    return ""


def _unknown_thing(question: Question, words: Words, describe: Callable[[str, bool], str]) -> str:
    thing = question.thing or "?"
    why = words.tr("I can't tell: the built-in describer cannot recognise “{thing}”; it knows common "
                   "things such as people, animals, vehicles and furniture.", thing=thing)
    return _cannot(words, describe, why)


def _outdoors(seen: Sighting, keys: tuple[str, ...]) -> tuple[str, Certainty] | None:
    """What the outdoor layout (or a waterside place) shows of `keys`, and how sure it is."""
    scene = seen.scene
    if scene is None or not keys:
        return None
    if "water" in keys and scene.place in WATER_PLACES:
        return "water", Certainty.SURE
    out = scene.outdoors
    if out is None:
        return None
    if "sky" in keys and out.sky is not None:
        return "sky", out.certainty
    shown = next((k for k in keys if k in out.ground), None)  # in the asker's order: grass -> greenery
    return (shown, out.certainty) if shown else None


@dataclass
class _Lookup:
    """What the scene shows of the thing asked about."""

    key: str | None  # the describer's word for it (None: only the outdoor layout knows it)
    found: SceneObject | None  # the scene's object that is (a kind of) it
    view: tuple[str, Certainty] | None  # else what the outdoor layout shows of it
    not_seen: str  # the sentence for "not seen": never a confident no


def _look_up(question: Question, seen: Sighting, words: Words) -> _Lookup | None:
    """None when the describer has no word for the thing (not known, so not looked for)."""
    key = thing_key(question.thing, question.chinese)
    outdoor = outdoor_keys(question.thing)
    if key is None and not outdoor:
        return None
    found = _matching(seen.scene, key) if key else None
    view = _outdoors(seen, outdoor) if found is None else None
    not_seen = words.tr("I can't see any {things}, but I may miss small or unusual things.",
                        things=words.many(key) if key else question.thing)
    return _Lookup(key, found, view, not_seen)


def _count(question: Question, seen: Sighting, words: Words, image: Image.Image,
           describe: Callable[[str, bool], str]) -> str:
    look = _look_up(question, seen, words)
    if look is None:
        return _unknown_thing(question, words, describe)
    if (why := _not_looked(seen, words)) is not None:
        return why
    found, note = look.found, _gender_note(question, words)
    if look.view is not None:
        what = words.outdoor(look.view[0])
        if look.view[0] == "a tree":  # the layout's lone tree
            return words.tr("The picture seems to show {thing}.", thing=what)
        return words.tr("The picture seems to show {thing}, but the built-in describer cannot count them.",
                        thing=what)
    if found is None:
        return words.join(look.not_seen, note)
    if not found.sure:
        return words.join(words.tr("Maybe {things}, but I am not sure.", things=words.counted(found)), note)
    if not found.boxes and found.source is Source.CLASSIFIER:
        said = words.tr("The picture seems to show {thing}, but the built-in describer cannot count them.",
                        thing=words.counted(found))
    elif found.count > render_en.EXACT_UP_TO:
        said = words.tr("Several: I can make out {number}, but in a group I may miss some.",
                        number=words.exact(found))
    elif found.more_possible or found.source is Source.FACES:
        # Weaker boxes of the same kind, or people found by their faces (not those turned away).
        said = words.tr("At least {number}; there may be more that I can't make out.", number=words.exact(found))
    else:
        said = words.tr("I can see {things}.", things=words.exact(found))
    return words.join(said, note)


def _presence(question: Question, seen: Sighting, words: Words, image: Image.Image,
              describe: Callable[[str, bool], str]) -> str:
    look = _look_up(question, seen, words)
    if look is None:
        return _unknown_thing(question, words, describe)
    if seen.plain is not None:  # one flat colour: nothing can hide in it
        return words.tr("No: it is a plain {colour} image.", colour=words.colour(seen.plain))
    if (why := _not_looked(seen, words)) is not None:
        return why
    if look.found is not None:
        sure, things = look.found.sure, words.counted(look.found)
    elif look.view is not None:
        sure, things = look.view[1] is Certainty.SURE, words.outdoor(look.view[0])
    else:
        return words.join(look.not_seen, _gender_note(question, words))
    if sure:
        said = words.tr("Yes: I can see {things}.", things=things)
    else:
        said = words.tr("Maybe: it may show {things}, but I am not sure.", things=things)
    return words.join(said, _gender_note(question, words))


# --- the image as a whole ----------------------------------------------------------------------
def asked_kinds(question: Question) -> list[str]:
    """The kinds of image the question names ("is it a photo or a screenshot" -> both)."""
    return [kind for kind, names in KIND_WORDS.items() if any(name in question.text for name in names)]


def _kind(question: Question, seen: Sighting, words: Words, image: Image.Image,
          describe: Callable[[str, bool], str]) -> str:
    kind = seen.raw.kind or "photo"
    if seen.plain is not None:
        return words.tr("It is a plain {colour} image.", colour=words.colour(seen.plain))
    scene = seen.scene
    if kind == "photo" and scene is not None and scene.greyscale:
        looks = words.tr("It looks like a black-and-white photo.")
    else:
        looks = words.tr("It looks like {kind}.", kind=words.kind(kind))
    asked = asked_kinds(question)
    if len(asked) == 1 and asked[0] != kind:
        return words.tr("It looks more like {kind} than {asked}.", kind=words.kind(kind),
                        asked=words.kind(asked[0]))
    return looks


def dominant_colour(image: Image.Image) -> tuple[str, float]:
    """The commonest colour name over the image's pixels, and its share."""
    from alttext_app.core.builtin.describer import colour_name

    small = np.asarray(image.convert("RGB").resize((48, 48), Image.Resampling.BOX)).reshape(-1, 3)
    counts = Counter(colour_name(px) for px in small)
    name, count = counts.most_common(1)[0]
    return name, count / len(small)


def _colour(question: Question, seen: Sighting, words: Words, image: Image.Image,
            describe: Callable[[str, bool], str]) -> str:
    if seen.plain is not None:
        return words.tr("The whole image is plain {colour}.", colour=words.colour(seen.plain))
    scene = seen.scene
    if scene is not None and scene.greyscale or seen.scene is None and _is_grey(image):
        return words.tr("It is black and white: there is no colour in it.")
    asked = _IMAGE_WORDS.sub(" ", question.text)
    if "sky" in outdoor_keys(asked):
        view = _outdoors(seen, ("sky",))
        out = seen.scene.outdoors if seen.scene is not None else None
        if view is not None and out is not None and out.sky and view[1] is Certainty.SURE:
            return words.tr(SKY_ANSWERS[out.sky])
    key = thing_key(asked, question.chinese)
    if key is not None and seen.scene is not None:
        found = _matching(seen.scene, key)
        if found is None:  # never a confident no
            return words.tr("I can't see any {things}, but I may miss small or unusual things.",
                            things=words.many(key))
        said = _thing_colour(found, words, image, asked_colours(question))
        if said is not None:
            return said
    if key is not None or outdoor_keys(asked):  # a thing with no box, or no clear colour
        return _cannot(words, describe, words.tr("I can't tell the colours of things with the built-in describer."))
    name, share = dominant_colour(image)
    if share >= DOMINANT_SHARE:
        return words.tr("The image as a whole is mostly {colour}.", colour=words.colour(name))
    return _cannot(words, describe, words.tr("It has several colours; the built-in describer can't "
                                             "tell which of them matter."))


def _thing_colour(found: SceneObject, words: Words, image: Image.Image, asked: tuple[str, ...]) -> str | None:
    """The colour of a thing the detector boxed (`thing_colour`), hedged like the thing itself."""
    said = colour_sentence(found, thing_colours(image, found), words, asked)
    if said is None or found.sure:
        return said
    return words.join(words.tr("Maybe {things}, but I am not sure.", things=words.counted(found)), said)


_IMAGE_WORDS = re.compile(r"\b(?:what|which|colou?rs?|colou?red|is|are|the|this|that|it|in|of|image|"
                          r"picture|photo|background|main|mostly|black|white|and|or)\b|图片|照片|图像|背景")


def _is_grey(image: Image.Image) -> bool:
    from alttext_app.core.builtin.describer import is_greyscale

    return is_greyscale(image)


def _place(question: Question, seen: Sighting, words: Words, image: Image.Image,
           describe: Callable[[str, bool], str]) -> str:
    scene = seen.scene
    if scene is not None and scene.place:
        where = (render_zh.table()["places"].get(scene.place, "") if words.zh
                 else render_en.PLACE_PHRASES.get(scene.place, ""))
        if where:
            return words.tr("It seems to be {place}.", place=where)
    return _cannot(words, describe, words.tr("I can't tell where this is."))


def _describe(question: Question, seen: Sighting, words: Words, image: Image.Image,
              describe: Callable[[str, bool], str]) -> str:
    return describe(words.lang, True)


def _other(question: Question, seen: Sighting, words: Words, image: Image.Image,
           describe: Callable[[str, bool], str]) -> str:
    return _cannot(words, describe, words.tr("I can't answer that with the built-in describer."))


_HANDLERS = {
    QuestionKind.TEXT: _text, QuestionKind.COUNT: _count, QuestionKind.PRESENCE: _presence,
    QuestionKind.KIND: _kind, QuestionKind.COLOUR: _colour, QuestionKind.PLACE: _place,
    QuestionKind.DESCRIBE: _describe, QuestionKind.OTHER: _other,
}


def finish(text: str, lang: str) -> str:
    """A description as a finished sentence in its language."""
    return finalize_alt_text(text, max_chars=10_000, language=lang)
