"""Where to cut a big screenshot in two, so that two Tesseract engines read it on two cores.

A cut must not cross any text. Side by side windows or columns are cut between them, at a border
line running down the middle or a wide empty band (which also keeps the reading order: the left
part is read first); otherwise a text-free row between lines near the middle is used. Long frame lines (a window border, a table rule) are ignored when
looking for free space: they cross everything but are no text.
"""

from __future__ import annotations

from enum import Enum

import numpy as np

RULE_SHARE = 0.6  # a row/column inked over this share of its length is a frame line, not text
COLUMN_GAP = 3.0  # letter heights of empty columns needed between side-by-side text


class Cut(Enum):
    COLUMNS = "columns"  # left part, then right part
    ROWS = "rows"  # top part, then bottom part


def _free(ink: np.ndarray, axis: int) -> np.ndarray:
    """Per column (axis=0) or row (axis=1): no ink once frame lines across the other way are
    ignored."""
    other = ink.mean(axis=1 - axis) > RULE_SHARE  # frame lines running along `axis`
    ink = ink[~other] if axis == 0 else ink[:, ~other]
    counts = ink.sum(axis=axis)
    rules = ink.mean(axis=axis) > RULE_SHARE if ink.size else np.zeros(counts.shape, bool)
    return (counts == 0) | rules


def free_rows(ink: np.ndarray) -> np.ndarray:
    """Per row of an ink mask: True where no text crosses it (frame lines aside)."""
    return _free(ink, 1)


def find_split(grey: np.ndarray, letter: float = 12.0) -> tuple[Cut, int] | None:
    """(how, where) to cut a dark-on-white image in two near its middle, or None."""
    ink = grey < 128
    h, w = ink.shape
    lo, hi = int(w * 0.3), int(w * 0.7)
    # A frame line down the middle (a window or pane border) separates what is beside it, even
    # with little space on either side: Tesseract would otherwise join the lines across it.
    borders = np.nonzero(ink[:, lo:hi].mean(axis=0) > 0.9)[0]
    if borders.size:
        return Cut.COLUMNS, lo + int(borders[np.argmin(np.abs(borders + lo - w // 2))])
    free_cols = _free(ink, 0)[lo:hi]
    best, start, run = 0, 0, 0
    for i, free in enumerate(free_cols.tolist() + [False]):
        if free:
            run += 1
        else:
            if run > best:
                best, start = run, i - run
            run = 0
    if best >= COLUMN_GAP * letter:
        return Cut.COLUMNS, lo + start + best // 2
    lo, hi = int(h * 0.3), int(h * 0.7)
    rows = np.nonzero(_free(ink, 1)[lo:hi])[0]
    if rows.size == 0:
        return None
    return Cut.ROWS, lo + int(rows[np.argmin(np.abs(rows + lo - h // 2))])
