"""The reading plan: two engines get about the same number of letters, cuts never cross text."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from alttext_app.core.builtin.text_plan import Letters, plan_reading
from alttext_app.core.builtin.text_prep import prepare_for_ocr
from alttext_app.core.builtin.text_split import free_rows
from tests.builtin.test_ocr import font


def _screen(left_lines: int, right_lines: int) -> np.ndarray:
    """Two windows split by a border; the right one much denser than the left."""
    img = Image.new("RGB", (1600, 1000), "white")
    draw = ImageDraw.Draw(img)
    draw.line([(800, 0), (800, 999)], fill="black", width=2)
    for i in range(left_lines):
        draw.text((30, 20 + 40 * i), f"Left {i} short", font=font(14), fill="black")
    for i in range(right_lines):
        draw.text((830, 20 + 22 * i), f"Right pane line {i} with a good many words in it", font=font(14), fill="black")
    grey, _ = prepare_for_ocr(img)
    return grey


def _letters_in(plan, parts) -> int:
    return sum(p.letters for p in parts)


@pytest.mark.parametrize("budget", [None, 600])
def test_two_engines_get_about_the_same_letters_and_left_comes_first(budget):
    grey = _screen(6, 40)
    letters = Letters.of(grey)
    plan = plan_reading(grey, letters, budget, two=True)
    first, second = plan.parts[: plan.second], plan.parts[plan.second :]
    assert first and second
    a, b = _letters_in(plan, first), _letters_in(plan, second)
    assert abs(a - b) <= 0.3 * (a + b), (a, b, plan)
    assert plan.parts[0].left == 0  # the left window is read first
    assert plan.partial == (budget is not None)
    if budget is not None:
        assert a + b <= 1.3 * budget
    for part in plan.parts:  # a cut between parts is a row without text
        if part.top > 0:
            ink = grey[:, part.left : part.right] < 128
            assert free_rows(ink)[part.top], part


def test_one_engine_reads_one_part():
    grey = _screen(6, 40)
    plan = plan_reading(grey, Letters.of(grey), None, two=False)
    assert len(plan.parts) == 1 and plan.second == 0 and not plan.partial
