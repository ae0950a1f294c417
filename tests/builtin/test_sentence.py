"""The honest-sentence rules, on hand-made probability vectors (no model needed)."""

from __future__ import annotations

import numpy as np
import pytest

from alttext_app.core.builtin.faces import Face
from alttext_app.core.builtin.labels import plain_labels
from alttext_app.core.builtin.render_en import render_en
from alttext_app.core.builtin.scene_build import build_scene
from alttext_app.core.builtin.sentence import best_claim, with_article

LABELS = plain_labels()
NOTHING = "Photo; its subject could not be recognised"


def subject_phrase(p: np.ndarray, labels, faces, *, graphic: bool = False, grey: bool = False) -> str:
    """What the describer says from the classifier and faces alone (no detector boxes)."""
    return render_en(build_scene([], faces, p, labels, (640, 480), graphic=graphic, greyscale=grey))


def probs(assign: dict[int, float]) -> np.ndarray:
    """A probability vector with the given classes; the rest spread thinly over all others."""
    out = np.zeros(1000)
    for index, value in assign.items():
        out[index] = value
    rest = 1.0 - out.sum()
    others = [i for i in range(1000) if i not in assign]
    out[others] = rest / len(others)
    return out


def face(score: float = 0.999) -> Face:
    return Face((10, 10, 60, 60), score)


def test_cats_split_across_breeds_are_a_cat():
    p = probs({285: 0.35, 282: 0.32, 281: 0.24})  # Egyptian, tiger cat, tabby: chelsea.png
    assert subject_phrase(p, LABELS, []) == "A cat"


def test_weak_breeds_that_add_up_are_only_hedged():
    p = probs({151 + i: 0.075 for i in range(10)})  # 0.75 on dogs, no breed above 0.08
    assert subject_phrase(p, LABELS, []) == "May show a dog"


def test_many_breeds_that_add_up_to_near_certainty_are_a_dog():
    p = probs({151 + i: 0.09 for i in range(10)})
    assert subject_phrase(p, LABELS, []) == "A dog"


def test_one_confident_class_uses_its_plain_word():
    assert subject_phrase(probs({967: 0.93}), LABELS, []) == "A cup of espresso"
    assert subject_phrase(probs({872: 0.9}), LABELS, []) == "A tripod"


def test_unsure_guesses_are_left_out():
    assert subject_phrase(probs({76: 0.3, 300: 0.2}), LABELS, []) == NOTHING
    assert best_claim(probs({76: 0.3}), LABELS) is None


def test_classes_that_fire_on_odd_pictures_need_near_certainty():
    assert subject_phrase(probs({111: 0.6}), LABELS, []) == NOTHING  # the moon came out as "nematode"
    assert subject_phrase(probs({971: 0.7}), LABELS, []) == NOTHING  # blurred clock: "bubble"
    assert subject_phrase(probs({971: 0.95}), LABELS, []) == "A bubble"


def test_graphics_need_one_class_to_carry_the_claim():
    spread = probs({151 + i: 0.08 for i in range(10)})  # horse silhouette: dog breeds
    assert subject_phrase(spread, LABELS, [], graphic=True) == "Graphic"
    assert subject_phrase(probs({339: 0.9}), LABELS, [], graphic=True) == "Graphic of a horse"


def test_silent_classes_are_never_said():
    assert subject_phrase(probs({399: 0.95}), LABELS, []) == NOTHING  # abaya: religious association
    assert subject_phrase(probs({916: 0.95}), LABELS, []) == NOTHING  # web site: the text describer's job


def test_people_come_from_faces_and_are_counted_plainly():
    nothing = probs({})
    assert subject_phrase(nothing, LABELS, [face()]) == "A person"
    assert subject_phrase(nothing, LABELS, [face(), face()]) == "Two people"
    assert subject_phrase(nothing, LABELS, [face()] * 4) == "Several people"
    assert subject_phrase(nothing, LABELS, [face(0.6)]) == NOTHING  # weak detections do not count


def test_person_with_a_confident_object():
    assert subject_phrase(probs({872: 0.92}), LABELS, [face()]) == "A person with a tripod"
    assert subject_phrase(probs({834: 0.9}), LABELS, [face()]) == "A person wearing a suit"
    assert subject_phrase(probs({400: 0.47}), LABELS, [face()]) == "A person"  # unsure: left out


def test_person_classes_without_faces():
    assert subject_phrase(probs({983: 0.8}), LABELS, []) == "A scuba diver"
    assert subject_phrase(probs({982: 0.8}), LABELS, []) == "A person"  # "groom" assumes gender


def test_articles():
    assert with_article("owl") == "an owl"
    assert with_article("dog") == "a dog"
    assert with_article("sunglasses") == "sunglasses"
    assert with_article("unicycle") == "a unicycle"
    assert with_article("French horn") == "a French horn"
    assert with_article("espresso machine") == "an espresso machine"


@pytest.mark.parametrize(
    "assign,graphic,grey,expected",
    [
        ({}, False, False, NOTHING),
        ({}, False, True, "Black-and-white " + NOTHING.lower()),
        ({}, True, True, "Black-and-white graphic"),
        ({339: 0.9}, True, False, "Graphic of a horse"),
    ],
)
def test_photo_and_graphic_sentences(assign, graphic, grey, expected):
    assert subject_phrase(probs(assign), LABELS, [], graphic=graphic, grey=grey) == expected


def test_greyscale_needs_almost_no_colour(photo):
    from alttext_app.core.builtin.describer import is_greyscale

    assert is_greyscale(photo("moon.jpg")) and is_greyscale(photo("camera.jpg"))
    assert not is_greyscale(photo("hubble.jpg"))  # coloured galaxies on black
    assert not is_greyscale(photo("coffee.jpg"))
