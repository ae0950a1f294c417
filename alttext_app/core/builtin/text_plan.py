"""Which parts of a prepared screen two Tesseract engines read, so that both finish together.

Tesseract's recogniser costs about the same per letter whatever the pixels (each line is scaled
to the network's height), so work is counted in letters (letter-sized dark blobs), not in area.
A dense screen is read only down to a budget of letters from the top. Side-by-side windows in
what is read are separate parts (text_split), read left first. Then the parts, in reading order,
are cut once at a free row where half of the letters lie before it: the first engine reads
everything before the cut, the second the rest. (Cut at the middle of the picture instead, two
side-by-side windows of unlike density kept one engine waiting for the other for a third of the
time.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from alttext_app.core.builtin.text_prep import dark_blobs
from alttext_app.core.builtin.text_split import Cut, find_split, free_rows

# A cut this close (share of all letters) to a part's edge is not worth a part of its own.
BALANCE_SLACK = 0.1


@dataclass(frozen=True)
class Part:
    top: int
    bottom: int
    left: int
    right: int
    letters: int


@dataclass
class Plan:
    parts: list[Part] = field(default_factory=list)  # in reading order
    second: int = 0  # parts[second:] go to the second engine; 0: one engine reads all
    partial: bool = False  # letters below the budget were left out


@dataclass(frozen=True)
class Letters:
    """Letter-sized dark blobs of a prepared image: centre x, bottom y, height."""

    x: np.ndarray
    bottom: np.ndarray
    height: np.ndarray

    @classmethod
    def of(cls, grey: np.ndarray) -> Letters:
        blobs = dark_blobs(grey)
        h, w = blobs.h[1:], blobs.w[1:]
        keep = (h >= 4) & (h <= 80) & (w <= 3 * h)
        return cls((blobs.x[1:] + w // 2)[keep], (blobs.y[1:] + h)[keep], h[keep])

    def within(self, left: int, right: int, bottom: int | None = None) -> Letters:
        keep = (self.x >= left) & (self.x < right)
        if bottom is not None:
            keep &= self.bottom <= bottom
        return Letters(self.x[keep], self.bottom[keep], self.height[keep])

    def __len__(self) -> int:
        return int(self.x.size)


def plan_reading(grey: np.ndarray, letters: Letters, budget: int | None, *, two: bool) -> Plan:
    """The parts to read (all of the image, or its top down to `budget` letters) and where the
    second engine's share starts; `two=False` keeps one part for one engine."""
    h, w = grey.shape
    bottom = h
    if budget is not None and len(letters) > budget:
        bottom = _end_below(grey, letters, budget)
    split = find_split(grey[:bottom]) if two else None
    columns = [(0, split[1]), (split[1], w)] if split and split[0] is Cut.COLUMNS else [(0, w)]
    parts = [Part(0, bottom, lo, hi, len(letters.within(lo, hi, bottom))) for lo, hi in columns]
    partial = bottom < h - 1
    return _balance(grey, letters, parts, partial) if two else Plan(parts, 0, partial)


def _end_below(grey: np.ndarray, letters: Letters, count: int) -> int:
    """The row under the first `count` letters from the top, between lines: the emptiest row in
    the next few letter heights (side-by-side text's lines do not line up)."""
    bottoms = np.sort(letters.bottom)
    start = int(bottoms[min(count, bottoms.size - 1)])
    line = int(np.median(letters.height))
    ink = (grey[start : start + 3 * line] <= 128).sum(axis=1)
    return start + int(np.argmin(ink)) if ink.size else min(grey.shape[0], start + line)


def _balance(grey: np.ndarray, letters: Letters, parts: list[Part], partial: bool) -> Plan:
    """Cut the parts where half of the letters lie before the cut (in reading order)."""
    total = sum(p.letters for p in parts)
    if total == 0:
        return Plan(parts, 0, partial)
    half, before = total / 2.0, 0
    for i, part in enumerate(parts):
        if before + part.letters < half:
            before += part.letters
            continue
        # The half-way point falls in this part: at its start (or end) when close enough...
        if before >= half - BALANCE_SLACK * total and i > 0:
            return Plan(parts, i, partial)
        if before + part.letters <= half + BALANCE_SLACK * total and i + 1 < len(parts):
            return Plan(parts, i + 1, partial)
        # ... else at a free row inside it.
        row = _free_row_near(grey, letters, part, int(half - before))
        if row is None:
            return Plan(parts, i + 1 if i + 1 < len(parts) else i, partial)
        mine = letters.within(part.left, part.right, row)
        top = Part(part.top, row, part.left, part.right, int((mine.bottom > part.top).sum()))
        rest = Part(row, part.bottom, part.left, part.right, part.letters - top.letters)
        return Plan([*parts[:i], top, rest, *parts[i + 1 :]], i + 1, partial)
    return Plan(parts, 0, partial)


def _free_row_near(grey: np.ndarray, letters: Letters, part: Part, count: int) -> int | None:
    """The row of `part` with no text on it (frame lines aside) that has nearest to `count` of
    its letters above it, or None when no free row leaves a quarter of them on each side."""
    mine = letters.within(part.left, part.right, part.bottom)
    bottoms = np.sort(mine.bottom[mine.bottom > part.top])
    if bottoms.size < 4:
        return None
    free = np.nonzero(free_rows(grey[part.top : part.bottom, part.left : part.right] < 128))[0]
    free = free + part.top
    above = np.searchsorted(bottoms, free, side="right")  # letters ending on or above each row
    keep = (above >= bottoms.size // 4) & (above <= bottoms.size - bottoms.size // 4)
    if not keep.any():
        return None
    free, above = free[keep], above[keep]
    return int(free[np.argmin(np.abs(above - count))])
