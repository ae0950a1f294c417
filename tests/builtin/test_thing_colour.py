"""The colour of a boxed thing ("What colour is the car?"): synthetic scenes through the built-in
answerer with a stubbed `Sighting`, and real photos whose true colours were checked by eye."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from alttext_app.core.builtin.answers import Sighting, answer
from alttext_app.core.builtin.describer import BuiltinDescriber
from alttext_app.core.builtin.questions import route
from alttext_app.core.builtin.render_en import render_en
from alttext_app.core.builtin.render_zh import render_zh
from alttext_app.core.builtin.scene import Box, Certainty, Scene, SceneObject, Source
from alttext_app.core.builtin.thing_colour import box_colour, pixel_names, with_main_colour
from alttext_app.core.captioner import CaptionOptions, RawCaption

CANT = "I can't tell the colours of things"
ROAD = (118, 120, 122)
W, H = 320, 240


def _road(seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.clip(rng.normal(ROAD, 8, (H, W, 3)), 0, 255)


def _paint(pixels: np.ndarray, box: Box, colour: tuple[int, int, int], inset: float = 0.1) -> None:
    """A thing filling its box but for a margin of background (detector boxes are loose)."""
    x0, y0, x1, y1 = box
    dx, dy = inset * (x1 - x0), inset * (y1 - y0)
    pixels[int((y0 + dy) * H):int((y1 - dy) * H), int((x0 + dx) * W):int((x1 - dx) * W)] = colour


def _ask(pixels: np.ndarray, boxes: tuple[Box, ...], question: str, word: str = "car",
         certainty: Certainty = Certainty.SURE, lang: str = "en") -> str:
    obj = SceneObject(word, len(boxes), certainty, 0.8, Source.DETECTOR, boxes)
    raw = RawCaption("A car", "photo", None, [], {"scene": Scene(objects=(obj,))}, language=lang)
    image = Image.fromarray(pixels.astype(np.uint8))
    return answer(route(question), Sighting(raw, None, True), lang, image, lambda _lang, _more: "A car.")


LEFT, RIGHT = (0.08, 0.35, 0.42, 0.75), (0.55, 0.3, 0.92, 0.8)


def test_a_red_car_on_a_grey_road():
    pixels = _road()
    _paint(pixels, LEFT, (200, 25, 30))
    pixels[int(0.45 * H):int(0.52 * H), int(0.15 * W):int(0.35 * W)] = (20, 22, 25)  # a dark window
    assert _ask(pixels, (LEFT,), "What colour is the car?") == "The car looks red."
    assert _ask(pixels, (LEFT,), "车是什么颜色？", lang="zh") == "汽车看起来是红色的。"
    hedged = _ask(pixels, (LEFT,), "What colour is the car?", certainty=Certainty.HEDGED)
    assert hedged == "Maybe a car, but I am not sure. The car looks red."


def test_two_cars_that_agree_and_two_that_differ():
    pixels = _road(1)
    _paint(pixels, LEFT, (240, 240, 238))
    _paint(pixels, RIGHT, (242, 241, 240))
    assert _ask(pixels, (LEFT, RIGHT), "What colour are the cars?") == "The two cars look white."
    assert _ask(pixels, (LEFT, RIGHT), "汽车是什么颜色的？", lang="zh") == "两辆汽车看起来都是白色的。"
    _paint(pixels, LEFT, (30, 60, 200))
    _paint(pixels, RIGHT, (200, 25, 30))
    assert _ask(pixels, (RIGHT, LEFT), "What colour are the cars?") == "One car looks red and one blue."
    assert _ask(pixels, (RIGHT, LEFT), "车是什么颜色？", lang="zh") == "一辆汽车看起来是红色的，一辆是蓝色的。"


def test_unclear_colours_are_not_guessed():
    pixels = _road(2)
    _paint(pixels, LEFT, (200, 25, 30))
    pixels[:, int(0.25 * W):int(0.42 * W)][int(0.35 * H):int(0.75 * H)] = (30, 60, 200)  # half blue
    assert _ask(pixels, (LEFT,), "What colour is the car?").startswith(CANT)
    grey_car = _road(3)
    _paint(grey_car, LEFT, (128, 128, 130))  # the road's own grey: no telling car from road
    assert _ask(grey_car, (LEFT,), "What colour is the car?").startswith(CANT)
    dark = _road(4)  # half black, half dark grey: black is named only by a clear majority
    _paint(dark, LEFT, (15, 15, 15))
    dark[int(0.35 * H):int(0.75 * H), int(0.25 * W):int(0.42 * W)] = (72, 72, 74)  # dark grey
    assert _ask(dark, (LEFT,), "What colour is the car?").startswith(CANT)
    tiny = (0.5, 0.5, 0.56, 0.56)  # 0.36 % of the image
    small = _road(5)
    _paint(small, tiny, (200, 25, 30), inset=0)
    assert _ask(small, (tiny,), "What colour is the car?").startswith(CANT)


def test_one_unclear_car_among_clear_ones():
    pixels = _road(6)
    _paint(pixels, RIGHT, (200, 25, 30))
    _paint(pixels, LEFT, (128, 128, 130))
    said = _ask(pixels, (RIGHT, LEFT), "What colour are the cars?")
    assert said == "One car looks red. I can't tell the colour of the rest."


def test_people_and_things_not_seen():
    pixels = _road(7)
    _paint(pixels, LEFT, (200, 25, 30))
    assert _ask(pixels, (LEFT,), "What colour is the person wearing?", word="person").startswith(CANT)
    not_seen = _ask(pixels, (LEFT,), "What colour is the bus?")
    assert not_seen == "I can't see any buses, but I may miss small or unusual things."


def test_silver_is_grey_not_blue():
    names, _ = pixel_names(np.array([[182, 190, 205], [200, 30, 30], [40, 120, 40], [12, 14, 18]]))
    assert [int(n) for n in names] == [10, 0, 3, 8]  # grey, red, green, black


def test_box_colour_reads_the_middle_of_the_box():
    pixels = _road(8)
    box = (0.2, 0.2, 0.8, 0.8)
    _paint(pixels, box, (240, 200, 20), inset=0.15)  # yellow, with a loose box
    assert box_colour(Image.fromarray(pixels.astype(np.uint8)), box) == "yellow"


@pytest.mark.parametrize("name,question,expected", [
    # Checked by eye: a red motorcycle in a garage, a blue cup among cups, an orange.
    ("motorcycle.jpg", "What colour is the motorcycle?", "The motorcycle looks red."),
    ("motorcycle.jpg", "摩托车是什么颜色？", "摩托车看起来是红色的。"),
    ("cups.jpg", "What colour is the cup?", "The cup looks blue."),
    ("orange.jpg", "What colour is the orange?", "The orange looks orange."),
    ("motorcycle.jpg", "Is the motorcycle blue?", "No: the motorcycle looks red."),
])
def test_real_photos(describer, photo, name, question, expected):
    lang = "zh" if "颜色" in question else "en"
    assert describer.ask(photo(name), question, CaptionOptions(language=lang)).text == expected


@pytest.mark.parametrize("name,question", [
    ("coffee.jpg", "What colour is the cup?"),  # a white cup on a red saucer: two colours
    ("rowing_boats.jpg", "What colour are the boats?"),  # brown wood in dark shadow, on grey stones
    ("dog.jpg", "What colour is the dog?"),  # brown, black and tan fur
    ("street_parking_sign.jpg", "What colour is the person wearing?"),  # people: never read
])
def test_real_photos_that_stay_unanswered(describer, photo, name, question):
    assert describer.ask(photo(name), question, CaptionOptions()).text.startswith(CANT)


def test_a_tiny_box_beside_a_clear_one_is_not_counted_as_read():
    pixels = _road(9)
    _paint(pixels, RIGHT, (30, 60, 200))
    tiny = (0.2, 0.2, 0.24, 0.25)
    _paint(pixels, tiny, (30, 60, 200), inset=0)
    said = _ask(pixels, (RIGHT, tiny), "What colour are the cars?")
    assert said == "One car looks blue. I can't tell the colour of the rest."


def test_yes_or_no_colour_questions():
    pixels = _road(10)
    _paint(pixels, LEFT, (200, 25, 30))
    assert _ask(pixels, (LEFT,), "Is the car red?") == "Yes: the car looks red."
    assert _ask(pixels, (LEFT,), "Is the car blue?") == "No: the car looks red."
    assert _ask(pixels, (LEFT,), "Is the car red or blue?") == "The car looks red."
    assert _ask(pixels, (LEFT,), "车是红色的吗？", lang="zh") == "是的，汽车看起来是红色的。"
    assert _ask(pixels, (LEFT,), "这辆车是蓝色的吗？", lang="zh") == "不是，汽车看起来是红色的。"
    _paint(pixels, RIGHT, (30, 60, 200))
    assert _ask(pixels, (LEFT, RIGHT), "Are the cars red?") == "One car looks blue and one red."  # larger first
    grey_car = _road(11)
    _paint(grey_car, LEFT, (128, 128, 130))
    assert _ask(grey_car, (LEFT,), "Is the car grey?").startswith(CANT)  # never a guessed yes or no


def test_the_sentence_names_a_clear_main_colour_and_nothing_less_sure():
    pixels = _road()
    _paint(pixels, LEFT, (200, 25, 30))
    image = Image.fromarray(pixels.astype(np.uint8))

    def said(word="car", certainty=Certainty.SURE, boxes=(LEFT,), source=Source.DETECTOR, lang="en"):
        obj = SceneObject(word, len(boxes), certainty, 0.8, source, boxes)
        scene = with_main_colour(Scene(objects=(obj,)), image)
        return render_zh(scene) if lang == "zh" else render_en(scene)

    assert said() == "A red car"
    assert "红色的汽车" in said(lang="zh")
    assert said(certainty=Certainty.HEDGED) == "May show a car"  # unsure things get no colour
    assert said(word="dog") == "A dog"  # fur is patterned: living things keep the plain word
    assert said(boxes=(LEFT, RIGHT)) == "Two cars"  # one colour for two things is a guess
    two_tone = _road()
    _paint(two_tone, LEFT, (200, 25, 30))
    _paint(two_tone, (0.25, 0.35, 0.42, 0.75), (30, 40, 200), inset=0.0)
    obj = SceneObject("car", 1, Certainty.SURE, 0.8, Source.DETECTOR, (LEFT,))
    scene = with_main_colour(Scene(objects=(obj,)), Image.fromarray(two_tone.astype(np.uint8)))
    assert render_en(scene) == "A car"  # half red, half blue: no colour said


def test_a_real_red_motorcycle_is_said_red():
    photo = Path(__file__).resolve().parents[1] / "data" / "eval" / "photos" / "motorcycle.jpg"
    with Image.open(photo) as im:
        im.load()
        assert BuiltinDescriber().caption(im, CaptionOptions()).text.startswith("A red motorcycle")
