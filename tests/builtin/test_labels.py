"""Plain words for ImageNet classes."""

from __future__ import annotations

import re

from alttext_app.core.builtin.labels import plain_labels


def test_every_class_has_a_plain_word_and_group():
    labels = plain_labels()
    assert len(labels) == 1000
    assert all(label.plain.strip() and label.group.strip() for label in labels)


def test_breeds_fold_into_the_animal():
    labels = plain_labels()
    assert {labels[i].plain for i in range(151, 269)} == {"dog"}
    assert {labels[i].plain for i in range(281, 286)} == {"cat"}
    assert labels[291].plain == "lion" and labels[291].group == "big cat"
    assert labels[22].plain == "eagle" and labels[22].group == "bird"


def test_plain_words_make_no_assumptions_about_people():
    gendered = re.compile(r"\b(man|woman|men|women|boy|girl|lady|groom|bride)\b", re.IGNORECASE)
    for label in plain_labels():
        if not label.silent:
            assert not gendered.search(label.plain), label


def test_jargon_is_translated():
    labels = plain_labels()
    assert labels[673].plain == "computer mouse"  # not the animal
    assert labels[517].plain == "construction crane"  # not the bird (134)
    assert labels[134].plain == "crane"
    assert labels[998].plain == "ear of corn"
