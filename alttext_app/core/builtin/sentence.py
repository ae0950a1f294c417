"""The classifier's honesty rules: which ImageNet word (if any) may be said, plainly or hedged.

`scene_build` uses them beside the detector and the faces; `render_en` says the result.

Honesty rules (see /work/shared/README.md guidance): say plainly what is likely, hedge ("may
show") what is only plausible, leave out the rest; no gender, age, ethnicity or religion, only
"person"/"people". Probabilities are summed over classes that share a plain word ("tabby",
"tiger cat" and "Egyptian cat" are all "cat"), so hesitating between breeds still gives "dog".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from alttext_app.core.builtin.label_tree import CONFIDENT_ONLY
from alttext_app.core.builtin.labels import PlainLabel

# A word is stated plainly when its summed probability reaches CONFIDENT and its best single
# class is not a long shot (many weak breeds adding up is how silhouettes become "dog").
CONFIDENT = 0.6
CONFIDENT_TOP_CLASS = 0.3
SURE = 0.85  # summed probability that is trusted whatever the single classes say
HEDGE = 0.4  # below this a word is left out: a weaker guess is more often wrong than right
FACE_SCORE = 0.95  # MTCNN's final score; its false positives sit far below on our photos
# ImageNet classifiers judge by texture more than shape (Geirhos et al., ICLR 2019), so drawings
# and silhouettes fool them: a horse silhouette came out as 75% spread over dog breeds. For
# graphics ask more, and want one class to carry the claim on its own.
GRAPHIC_SHIFT = 0.15
GRAPHIC_TOP_CLASS = 0.5

# Words said without an article ("jeans", "ice cream").
_NO_ARTICLE = {
    "jeans", "sunglasses", "mountains", "hay", "pasta", "beehives", "matches", "scales",
    "pajamas", "toilet paper", "swimming trunks", "guacamole", "ice cream", "red wine",
    "clear soup", "eggnog", "dough", "standing stones", "velvet", "food", "coral", "armour",
    "chain mail", "squash", "corn", "broccoli", "cauliflower", "hot pot", "meatloaf",
    "landscape", "rapeseed field", "mashed potato", "chocolate sauce", "carbonara", "scissors",
}
# Worn things: "a person wearing a suit" rather than "a person with a suit".
_WORN = {
    "suit", "T-shirt", "sweatshirt", "military uniform", "academic gown", "lab coat", "kimono",
    "jeans", "trench coat", "fur coat", "cardigan", "poncho", "sunglasses", "tie", "bow tie",
    "hat", "cowboy hat", "sombrero", "swimsuit", "graduation cap", "mask", "gas mask",
    "motorcycle helmet", "football helmet", "bathing cap", "necklace", "apron", "pajamas",
}


@dataclass(frozen=True)
class Claim:
    word: str
    probability: float
    confident: bool


def with_article(word: str) -> str:
    if word in _NO_ARTICLE:
        return word
    if word.startswith(("cup of", "ball of", "ear of", "bow and")):
        return "a " + word
    return ("an " if word[:1].lower() in "aeiou" and not word.startswith(("uni", "eu", "one"))
            else "a ") + word


def best_claim(probs: np.ndarray, labels: Sequence[PlainLabel], *, graphic: bool = False) -> Claim | None:
    """The most specific word worth saying, or None when nothing is likely enough.

    Levels, most specific first: the plain word, its group, then the groups' parents
    (`label_tree`: "shop" -> "building"). The first level whose best word is confident wins
    ("hedging your bets": a building, when no single building class is sure); when none is, the
    most specific likely word is hedged. Parents in CONFIDENT_ONLY are never hedged."""
    shift = GRAPHIC_SHIFT if graphic else 0.0
    depth = max(len(label.words) for label in labels)
    tables: list[dict[str, list[float]]] = [{} for _ in range(depth)]
    for prob, label in zip(probs.tolist(), labels, strict=True):
        if label.person:
            continue  # people come from faces and person_claim, never from objects
        words = label.words
        for level, table in enumerate(tables):
            if level and label.unreliable:
                break  # its doubtful mass must not prop up a coarser word
            table.setdefault(words[min(level, len(words) - 1)], []).append(prob)
    silent = {label.plain for label in labels if label.silent}
    shaky = {label.plain for label in labels if label.unreliable}

    def judge(table: dict[str, list[float]], level: int) -> Claim | None:
        word, members = max(table.items(), key=lambda item: sum(item[1]))
        mass = sum(members)
        if word in silent or mass < HEDGE + shift or (word in shaky and mass < SURE):
            return None
        if graphic and max(members) < GRAPHIC_TOP_CLASS:
            return None
        # Broad parents sum unlike classes (a tick and a jellyfish are an "animal"): only SURE counts.
        broad = level >= 2 and word in CONFIDENT_ONLY
        confident = mass >= SURE + shift / 2 or (
            not broad and mass >= CONFIDENT + shift and max(members) >= CONFIDENT_TOP_CLASS + shift
        )
        if broad and not confident:
            return None
        return Claim(word, mass, confident)

    claims = [judge(table, level) for level, table in enumerate(tables) if table]
    specific = [c for c in claims[:2] if c]
    coarse = [c for c in claims[2:] if c]
    if any(c.confident for c in specific):
        return next(c for c in specific if c.confident)
    if specific and specific[0].probability >= CONFIDENT:
        return specific[0]  # "may show a butterfly" says more than "an animal"
    return next((c for c in coarse if c.confident), None) or next(iter(specific + coarse), None)


def person_claim(probs: np.ndarray, labels: Sequence[PlainLabel]) -> Claim | None:
    """Classes that imply a person (scuba diver, baseball player) when one of them is likely."""
    best = max((i for i, label in enumerate(labels) if label.person), key=lambda i: probs[i])
    prob = float(probs[best])
    if prob < CONFIDENT:
        return None
    word = labels[best].plain if not labels[best].silent else "person"
    return Claim(word, prob, True)
