"""The honest-sentence rules, on hand-made probability vectors (no model needed)."""

from __future__ import annotations

import numpy as np
import pytest

from alttext_app.core.builtin.faces import Face
from alttext_app.core.builtin.labels import plain_labels
from alttext_app.core.builtin.sentence import (
    best_claim,
    people_phrase,
    photo_sentence,
    subject_phrase,
    with_article,
)

LABELS = plain_labels()


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
    assert subject_phrase(p, LABELS, []) == "a cat"


def test_weak_breeds_that_add_up_are_only_hedged():
    p = probs({151 + i: 0.075 for i in range(10)})  # 0.75 on dogs, no breed above 0.08
    assert subject_phrase(p, LABELS, []) == "may show a dog"


def test_many_breeds_that_add_up_to_near_certainty_are_a_dog():
    p = probs({151 + i: 0.09 for i in range(10)})
    assert subject_phrase(p, LABELS, []) == "a dog"


def test_one_confident_class_uses_its_plain_word():
    assert subject_phrase(probs({967: 0.93}), LABELS, []) == "a cup of espresso"
    assert subject_phrase(probs({872: 0.9}), LABELS, []) == "a tripod"


def test_unsure_guesses_are_left_out():
    assert subject_phrase(probs({76: 0.3, 300: 0.2}), LABELS, []) == ""
    assert best_claim(probs({76: 0.3}), LABELS) is None


def test_classes_that_fire_on_odd_pictures_need_near_certainty():
    assert subject_phrase(probs({111: 0.6}), LABELS, []) == ""  # the moon came out as "nematode"
    assert subject_phrase(probs({971: 0.7}), LABELS, []) == ""  # blurred clock: "bubble"
    assert subject_phrase(probs({971: 0.95}), LABELS, []) == "a bubble"


def test_graphics_need_one_class_to_carry_the_claim():
    spread = probs({151 + i: 0.08 for i in range(10)})  # horse silhouette: dog breeds
    assert subject_phrase(spread, LABELS, [], graphic=True) == ""
    assert subject_phrase(probs({339: 0.9}), LABELS, [], graphic=True) == "a horse"


def test_silent_classes_are_never_said():
    assert subject_phrase(probs({399: 0.95}), LABELS, []) == ""  # abaya: religious association
    assert subject_phrase(probs({916: 0.95}), LABELS, []) == ""  # web site: the text describer's job


def test_people_come_from_faces_and_are_counted_plainly():
    assert people_phrase([face()]) == "a person"
    assert people_phrase([face(), face()]) == "two people"
    assert people_phrase([face()] * 4) == "a group of people"
    assert people_phrase([face(0.6)]) == ""  # weak detections do not count


def test_person_with_a_confident_object():
    assert subject_phrase(probs({872: 0.92}), LABELS, [face()]) == "a person with a tripod"
    assert subject_phrase(probs({834: 0.9}), LABELS, [face()]) == "a person wearing a suit"
    assert subject_phrase(probs({400: 0.47}), LABELS, [face()]) == "a person"  # unsure: left out


def test_person_classes_without_faces():
    assert subject_phrase(probs({983: 0.8}), LABELS, []) == "a scuba diver"
    assert subject_phrase(probs({982: 0.8}), LABELS, []) == "a person"  # "groom" assumes gender


def test_articles():
    assert with_article("owl") == "an owl"
    assert with_article("dog") == "a dog"
    assert with_article("sunglasses") == "sunglasses"
    assert with_article("unicycle") == "a unicycle"
    assert with_article("French horn") == "a French horn"
    assert with_article("espresso machine") == "an espresso machine"


@pytest.mark.parametrize(
    "subject,graphic,grey,expected",
    [
        ("a cat", False, False, "a cat"),
        ("", False, False, "Photo; its subject could not be recognised"),
        ("", False, True, "Black-and-white photo; its subject could not be recognised"),
        ("", True, True, "Black-and-white graphic"),
        ("may show a horse", True, False, "Graphic that may show a horse"),
        ("a horse", True, False, "Graphic of a horse"),
    ],
)
def test_photo_sentence(subject, graphic, grey, expected):
    assert photo_sentence(subject, graphic=graphic, greyscale=grey) == expected


def test_greyscale_needs_almost_no_colour(photo):
    from alttext_app.core.builtin.describer import is_greyscale

    assert is_greyscale(photo("moon.jpg")) and is_greyscale(photo("camera.jpg"))
    assert not is_greyscale(photo("hubble.jpg"))  # coloured galaxies on black
    assert not is_greyscale(photo("coffee.jpg"))
