"""The classifier's view of a photo, summed the ways the scene's cross-checks need it.

`scene_build` asks it whether the classifier backs a detector box (the mass on the classes that
mean the same thing), whether the picture is of an animal, a person or plants, and whether the
classifier makes a confident claim of its own about the main subject.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from alttext_app.core.builtin.labels import PlainLabel
from alttext_app.core.builtin.sentence import best_claim

PLANT_CLASSES = slice(984, 999)  # ImageNet 984 rapeseed ... 998 ear (999 is toilet tissue)


@dataclass
class Evidence:
    """The classifier's view, summed the ways the cross-checks need."""

    probs: np.ndarray
    labels: Sequence[PlainLabel]

    def mass(self, groups: set[str]) -> float:
        return float(sum(p for p, lab in zip(self.probs, self.labels, strict=True)
                         if lab.group in groups or lab.plain in groups))

    def mass_under(self, word: str) -> float:
        """Summed probability of every class the word covers at any level ("building": shops too)."""
        return float(sum(p for p, lab in zip(self.probs, self.labels, strict=True) if word in lab.words))

    @property
    def confident_other(self) -> bool:
        """The classifier makes a confident claim of its own about the main subject."""
        claim = best_claim(self.probs, self.labels)
        return bool(claim and claim.confident)

    @property
    def animal(self) -> float:
        return float(self.probs[:398].sum())  # ImageNet classes 0-397 are animals

    @property
    def plant_matter(self) -> float:
        """ImageNet's plant and fungus classes (rapeseed, daisy, orchid, corn, acorn, rose hip,
        buckeye, mushrooms, ear): what it guesses among leaves, where it has no leaf class."""
        return float(self.probs[PLANT_CLASSES].sum())

    @property
    def person(self) -> float:
        return float(sum(p for p, lab in zip(self.probs, self.labels, strict=True) if lab.person))
