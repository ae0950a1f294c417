"""Two weak cues that agree (scene_cues, scene_outdoors): a flower, a kite in the sky, autumn
leaves. Each is said hedged only when the model's weak vote and the pixels agree, and each cue
alone says nothing."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from alttext_app.core.builtin import render_zh as zh
from alttext_app.core.builtin.detector import Detection
from alttext_app.core.builtin.labels import plain_labels
from alttext_app.core.builtin.layout import Layout, SkyKind, analyse
from alttext_app.core.builtin.render_en import render_en
from alttext_app.core.builtin.scene import Certainty, Outdoors
from alttext_app.core.builtin.scene_build import build_scene
from alttext_app.core.builtin.scene_outdoors import outdoors

RNG = np.random.default_rng(11)
W, H = 320, 240
SIZE = (640, 480)
LABELS = plain_labels()


def _probs(**classes: float) -> np.ndarray:
    """ImageNet indices (i985=0.2) with the rest spread thin."""
    p = np.zeros(1000)
    for key, value in classes.items():
        p[int(key[1:])] = value
    return p + (1.0 - p.sum()) / 1000


def _image(arr: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def _bloom() -> np.ndarray:
    """An orange bloom with petal texture filling the middle, dark green leaves round it."""
    arr = np.clip(np.array([40, 80, 30]) + RNG.normal(0, 25, (H, W, 1)) * [0.6, 1.0, 0.5], 0, 255)
    arr[50:190, 70:250] = np.clip(np.array([235, 120, 30]) + RNG.normal(0, 20, (140, 180, 1)), 0, 255)
    return arr


# --- layout cues ------------------------------------------------------------------------------
def test_petals_are_a_strong_non_green_colour_in_the_middle():
    assert analyse(_image(_bloom())).petals >= 0.8
    leaves = np.clip(np.array([40, 110, 30]) + RNG.normal(0, 30, (H, W, 1)), 0, 255)
    assert analyse(_image(leaves)).petals < 0.1
    sky = np.tile(np.array([60.0, 120.0, 230.0]), (H, W, 1))  # strong blue, but a sky: no bloom
    assert analyse(_image(sky)).petals < 0.1
    beige = np.clip(np.array([200, 180, 150]) + RNG.normal(0, 20, (H, W, 1)), 0, 255)  # skin, sand
    assert analyse(_image(beige)).petals < 0.1


def test_warm_texture_is_autumn_colour_with_texture():
    litter = np.clip(np.array([190, 100, 30]) + RNG.normal(0, 40, (H, W, 3)) * [1.0, 0.7, 0.3], 0, 255)
    assert analyse(_image(litter)).warm_texture >= 0.8
    smooth = np.tile(np.array([190.0, 100.0, 30.0]), (H, W, 1))  # an orange wall: no texture
    assert analyse(_image(smooth)).warm_texture < 0.1


def test_sky_around_a_box():
    arr = np.tile(np.array([60.0, 120.0, 230.0]), (H, W, 1))
    arr[100:120, 200:230] = (250, 40, 40)  # a small kite
    layout = analyse(_image(arr))
    assert layout.sky_around((200 / W, 100 / H, 230 / W, 120 / H)) >= 0.9
    arr[:, :] = RNG.normal(120, 50, (H, W, 3))  # clutter round it
    assert analyse(_image(arr)).sky_around((200 / W, 100 / H, 230 / W, 120 / H)) < 0.2
    assert Layout().sky_around((0.4, 0.4, 0.5, 0.5)) == 0.0  # no cells: no sky


# --- claims -----------------------------------------------------------------------------------
def test_a_flower_needs_the_flower_classes_and_the_petals():
    bloom = Layout(petals=0.8)
    scene = build_scene([], [], _probs(i985=0.2), LABELS, SIZE, layout=bloom)
    assert render_en(scene) == "May show a flower"
    assert zh.render_zh(scene) == "可能是一朵花"
    # Either cue alone says nothing.
    assert build_scene([], [], _probs(i985=0.05), LABELS, SIZE, layout=bloom).main is None
    assert build_scene([], [], _probs(i985=0.2), LABELS, SIZE, layout=Layout(petals=0.2)).main is None
    assert build_scene([], [], _probs(i985=0.2), LABELS, SIZE,
                       layout=Layout(petals=0.8, greyscale=True)).main is None
    # A sure claim of the classifier is not replaced.
    assert render_en(build_scene([], [], _probs(i985=0.7), LABELS, SIZE, layout=bloom)) == "A daisy"


def _all_sky(**extra) -> Layout:
    cells = np.ones((12, 16), dtype=bool)
    return Layout(sky=0.9, sky_kind=SkyKind.BLUE, sky_top=1.0, sky_bottom=1.0, sky_cells=cells, **extra)


KITE = Detection("kite", 0.65, (0.6, 0.3, 0.68, 0.4))  # 0.8 % of the frame: a "small" box


def test_a_small_kite_with_sky_all_round_is_hedged_and_the_sky_is_said():
    scene = build_scene([KITE], [], _probs(), LABELS, SIZE, layout=_all_sky())
    assert render_en(scene) == "May show a kite under a blue sky"
    assert scene.outdoors == Outdoors("blue sky", (), Certainty.SURE)


@pytest.mark.parametrize("layout", [
    None,
    Layout(sky=0.9, sky_kind=SkyKind.BLUE, sky_top=1.0, sky_bottom=1.0,
           sky_cells=np.zeros((12, 16), dtype=bool)),  # clutter round the box
    _all_sky(greyscale=True),  # a white wall looks like cloud
])
def test_a_small_kite_without_sky_round_it_is_noise(layout):
    scene = build_scene([KITE], [], _probs(), LABELS, SIZE, layout=layout)
    assert scene.main is None and (scene.outdoors is None or scene.outdoors.sky is None)


def test_only_flying_things_lean_on_the_sky():
    cup = Detection("cup", 0.65, KITE.box)
    scene = build_scene([cup], [], _probs(), LABELS, SIZE, layout=_all_sky())
    assert scene.main is None and scene.outdoors is None  # a blue backdrop stays a backdrop
    weak = Detection("kite", 0.45, KITE.box)  # below the detector's hedge
    assert build_scene([weak], [], _probs(), LABELS, SIZE, layout=_all_sky()).main is None


def test_autumn_leaves_need_the_colour_and_the_plant_classes():
    litter = Layout(warm_texture=0.9)
    assert outdoors(litter, shores=0.0, landscapes=0.0, plant_matter=0.3) == Outdoors(
        None, ("autumn leaves",), Certainty.HEDGED)
    assert outdoors(litter, shores=0.0, landscapes=0.0, plant_matter=0.05) is None  # fur, wood
    assert outdoors(Layout(warm_texture=0.3), shores=0.0, landscapes=0.0, plant_matter=0.3) is None
    scene = build_scene([], [], _probs(i990=0.12, i988=0.06, i989=0.04), LABELS, SIZE, layout=litter)
    assert render_en(scene) == "May show autumn leaves"
    assert zh.render_zh(scene) == "可能是秋天的落叶"
