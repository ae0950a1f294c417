"""The scene: cross-checks between detector, faces and classifier, relations, places, English."""

from __future__ import annotations

import numpy as np
import pytest

from alttext_app.core.builtin.detector import Detection
from alttext_app.core.builtin.faces import Face
from alttext_app.core.builtin.labels import plain_labels
from alttext_app.core.builtin.render_en import plural, render_en
from alttext_app.core.builtin.scene import Certainty, RelationKind
from alttext_app.core.builtin.scene_build import build_scene

SIZE = (640, 480)
LABELS = plain_labels()


def probs(**classes: float) -> np.ndarray:
    """A classifier output with the given ImageNet indices (i281=0.8) and the rest spread thin."""
    p = np.full(1000, 0.0, np.float64)
    for key, value in classes.items():
        p[int(key[1:])] = value
    rest = 1.0 - p.sum()
    p += rest / 1000
    return p


def scene(dets, faces=(), **classes):
    return build_scene(dets, list(faces), probs(**classes), LABELS, SIZE)


def face(x0, y0, x1, y1, score=0.99):
    return Face(box=(x0 * SIZE[0], y0 * SIZE[1], x1 * SIZE[0], y1 * SIZE[1]), score=score)


def test_whole_frame_person_on_a_cat_close_up_is_dropped():
    s = scene([Detection("person", 0.59, (0, 0, 1, 1)), Detection("cat", 0.44, (0, 0, 1, 1))],
              i281=0.4, i282=0.3, i285=0.2)
    assert render_en(s) == "A cat"


def test_whole_frame_person_over_a_galaxy_field_is_dropped():
    assert render_en(scene([Detection("person", 0.55, (0, 0, 1, 1))])).startswith("Photo;")


def test_a_big_faceless_person_or_object_nothing_else_backs_is_only_hedged():
    # Abstract wallpapers: NanoDet sees a person in a rendered beach, an umbrella in fanned folds.
    person = Detection("person", 0.67, (0.05, 0.1, 0.9, 0.95))
    assert render_en(scene([person])) == "May show a person"
    umbrella = Detection("umbrella", 0.58, (0.05, 0.1, 0.9, 0.9))
    assert render_en(scene([umbrella])) == "May show an umbrella"
    # A face, a high score or the classifier (i879: umbrella) still make them sure.
    assert render_en(scene([person], [face(0.4, 0.2, 0.55, 0.4)])) == "A person"
    assert render_en(scene([Detection("person", 0.8, person.box)])) == "A person"
    assert render_en(scene([umbrella], i879=0.3)) == "An umbrella"
    # Words ImageNet has no class for cannot be backed at all (a swoosh taken for scissors).
    assert render_en(scene([Detection("scissors", 0.59, (0, 0.11, 1, 0.93))])) == "May show scissors"
    # Small boxes keep the old rule: a person far away has no visible face.
    assert render_en(scene([Detection("person", 0.67, (0.4, 0.3, 0.55, 0.8))])) == "A person"


def test_a_face_confirms_a_person_the_detector_doubts():
    s = scene([Detection("person", 0.52, (0.1, 0.1, 0.6, 1))], [face(0.2, 0.15, 0.4, 0.4)])
    assert s.people is not None and s.people.certainty is Certainty.SURE


def test_counts_in_words_main_subject_first():
    dets = [Detection("person", 0.8, (0.1, 0.2, 0.3, 0.9)), Detection("person", 0.75, (0.4, 0.2, 0.6, 0.9)),
            Detection("dog", 0.7, (0.65, 0.6, 0.9, 0.95))]
    assert render_en(scene(dets, i207=0.6)) == "Two people and a dog"


def test_person_riding_a_motorcycle():
    dets = [Detection("person", 0.8, (0.35, 0.05, 0.65, 0.8)), Detection("motorcycle", 0.8, (0.2, 0.4, 0.85, 0.95))]
    s = scene(dets)
    assert [r.kind for r in s.relations] == [RelationKind.RIDING]
    assert render_en(s) == "A person on a motorcycle"


def test_cup_on_a_table_and_a_kitchen():
    dets = [Detection("cup", 0.7, (0.4, 0.3, 0.55, 0.5)), Detection("table", 0.7, (0.1, 0.45, 0.9, 1.0)),
            Detection("oven", 0.6, (0.0, 0.0, 0.3, 0.4)), Detection("sink", 0.6, (0.6, 0.0, 0.9, 0.3))]
    s = scene(dets)
    assert s.place == "kitchen"
    text = render_en(s)
    assert text.startswith("A cup on a table") and text.endswith("in a kitchen")


def test_animals_the_models_disagree_on_are_just_animals():
    s = scene([Detection("cat", 0.53, (0, 0, 1, 0.8))], i362=0.4, i277=0.2)  # badger, fox
    assert render_en(s) == "An animal"


def test_small_low_boxes_and_weak_guesses_are_left_out():
    dets = [Detection("clock", 0.6, (0.1, 0.1, 0.2, 0.2)), Detection("toilet", 0.47, (0.3, 0.3, 0.7, 0.7))]
    assert render_en(scene(dets)).startswith("Photo;")


def test_a_large_box_the_classifier_contradicts_is_dropped():
    dets = [Detection("banana", 0.6, (0.2, 0.2, 0.8, 0.9)), Detection("banana", 0.52, (0.0, 0.0, 0.2, 0.3))]
    assert render_en(scene(dets, i985=0.65), more=True) == "A daisy"


def test_people_too_small_to_hold_the_classifiers_object():
    dets = [Detection("person", 0.7, (0.0, 0.5, 0.1, 1.0))]
    text = render_en(scene(dets, i919=0.85))  # street sign
    assert "with" not in text and "street sign" in text and "person" in text


def test_hedges_a_lone_unsure_detection():
    assert render_en(scene([Detection("dog", 0.52, (0.2, 0.2, 0.7, 0.9))])) == "May show a dog"


def test_seashore_from_the_classifier():
    s = scene([Detection("person", 0.8, (0.4, 0.3, 0.5, 0.8))], i978=0.7)
    assert render_en(s) == "A person by the sea"


def test_people_words_are_neutral_and_budget_is_kept():
    dets = [Detection("person", 0.8, (0.05 * i, 0.2, 0.05 * i + 0.04, 0.9)) for i in range(7)]
    dets += [Detection("bicycle", 0.8, (0.5, 0.5, 0.9, 0.9)), Detection("car", 0.7, (0.0, 0.5, 0.3, 0.8))]
    text = render_en(scene(dets), 40)
    assert len(text) < 40 and text.startswith("Several people")  # beyond three, no exact number


def test_more_detail_adds_a_second_sentence():
    dets = [Detection("person", 0.8, (0.1, 0.2, 0.5, 0.9)), Detection("bottle", 0.8, (0.7, 0.7, 0.75, 0.85))]
    s = build_scene(dets, [], probs(), LABELS, SIZE, text="“EXIT”")
    brief, more = render_en(s), render_en(s, more=True)
    assert brief == "A person, with text reading “EXIT”"
    assert more == "A person. Also visible: a bottle. Text reads “EXIT”."


@pytest.mark.parametrize("word,expected", [("person", "people"), ("bus", "buses"), ("knife", "knives"),
                                           ("cup of espresso", "cups of espresso"), ("teddy bear", "teddy bears"),
                                           ("potted plant", "potted plants"), ("sheep", "sheep")])
def test_plurals(word, expected):
    assert plural(word) == expected


def test_in_a_graphic_the_detectors_animal_is_hedged_not_replaced():
    dets = [Detection("horse", 0.53, (0.03, 0.02, 0.99, 0.9))]
    s = build_scene(dets, [], probs(i160=0.3, i170=0.3), LABELS, SIZE, graphic=True)
    assert render_en(s) == "Graphic that may show a horse"


def test_weak_boxes_of_the_same_kind_make_one_into_one_or_more():
    dets = [Detection("boat", 0.6, (0.1, 0.5, 0.3, 0.7)), Detection("boat", 0.42, (0.5, 0.5, 0.7, 0.7))]
    assert render_en(scene(dets)) == "One or more boats"
