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


def test_label_tree_is_a_tree_over_real_groups():
    from alttext_app.core.builtin.label_tree import CONFIDENT_ONLY, PARENT, ancestors

    groups = {label.group for label in plain_labels()}
    parents = set(PARENT.values())
    for child, parent in PARENT.items():
        assert child in groups or child in parents, child  # no dangling entries
        assert child not in ancestors(child), child  # no cycles
        assert parent in parents
    assert parents >= CONFIDENT_ONLY
    labels = plain_labels()
    assert labels[860].group == "shop" and labels[860].parents == ("building",)  # tobacco shop
    assert labels[372].parents == ("primate", "animal")  # baboon
    assert labels[975].words == ("lake", "waterside", "landscape")
    assert all("animal" in label.words[1:] for label in labels[:398])


def _spread(weights: dict[int, float]):
    import numpy as np

    probs = np.full(1000, (1.0 - sum(weights.values())) / (1000 - len(weights)))
    for index, prob in weights.items():
        probs[index] = prob
    return probs


def test_hedging_your_bets_says_the_coarser_word_that_is_sure():
    from alttext_app.core.builtin.sentence import best_claim

    labels = plain_labels()
    # Shops and other buildings, none sure alone: "building" plainly.
    shops = {860: 0.2, 415: 0.15, 424: 0.15, 762: 0.15, 498: 0.1, 624: 0.1}
    claim = best_claim(_spread(shops), labels)
    assert claim is not None and claim.word == "building" and claim.confident
    # Two shops only: "shop", hedged.
    claim = best_claim(_spread({860: 0.25, 415: 0.2}), labels)
    assert claim is not None and (claim.word, claim.confident) == ("shop", False)
    # A tick and a jellyfish add up to "animal" but are unlike: a broad parent needs SURE.
    assert best_claim(_spread({78: 0.35, 107: 0.3}), labels) is None
    # A likely specific word beats a sure vague one: "may show a butterfly", not "an animal".
    claim = best_claim(_spread({323: 0.28, 322: 0.24, 321: 0.21, 301: 0.1, 10: 0.05}), labels)
    assert claim is not None and claim.word == "butterfly"
