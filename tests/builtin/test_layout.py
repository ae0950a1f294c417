"""Outdoor layout cues from pixels (sky, vegetation, water) and how the scene says them."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from alttext_app.core.builtin import render_zh as zh
from alttext_app.core.builtin.layout import Layout, SkyKind, analyse
from alttext_app.core.builtin.render_en import GROUND_WORDS, SKY_PHRASES, render_en
from alttext_app.core.builtin.scene import GROUND, Certainty, Outdoors, Scene, SceneObject, Source
from alttext_app.core.builtin.scene_outdoors import outdoors

RNG = np.random.default_rng(7)
W, H = 320, 240


def _sky(rows: int, top=(70, 130, 220), bottom=(150, 190, 240)) -> np.ndarray:
    """A smooth vertical gradient, as skies are."""
    t = np.linspace(0, 1, rows)[:, None, None]
    band = (1 - t) * np.array(top) + t * np.array(bottom)
    return np.repeat(band, W, axis=1)


def _foliage(rows: int, cols: int = W) -> np.ndarray:
    """Green with leaf-scale texture."""
    base = np.array([50, 110, 40], dtype=np.float64)
    noise = RNG.normal(0, 35, (rows, cols, 1))
    return np.clip(base + noise * np.array([0.6, 1.0, 0.5]), 0, 255)


def _image(arr: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))


def test_blue_sky_over_vegetation_is_an_outdoor_view():
    arr = np.concatenate([_sky(H // 2), _foliage(H - H // 2)])
    layout = analyse(_image(arr))
    assert layout.outdoor and layout.sky_kind is SkyKind.BLUE
    assert 0.35 <= layout.sky <= 0.6 and layout.vegetation_low >= 0.9
    out = outdoors(layout, shores=0.0, landscapes=0.0)
    assert out == Outdoors("blue sky", ("greenery",), Certainty.SURE)


def test_a_lone_tree_against_the_sky():
    arr = np.concatenate([_sky(H // 2), _foliage(H - H // 2)])
    arr[30:H // 2, 130:190] = _foliage(H // 2 - 30, 60)  # a crown rising into the sky
    layout = analyse(_image(arr))
    assert layout.lone_tree and layout.vegetation_high >= 0.15
    out = outdoors(layout, shores=0.0, landscapes=0.0)
    assert out is not None and out.ground[:1] == ("a tree",)


def test_a_backdrop_is_not_a_sky():
    """A white or blue studio backdrop surrounds the subject down to the bottom edge."""
    arr = np.full((H, W, 3), 245.0)
    arr[80:200, 120:200] = RNG.normal(120, 40, (120, 80, 3))  # an object in the middle
    assert not analyse(_image(arr)).outdoor
    arr[...] = _sky(H)[...]
    arr[80:200, 120:200] = RNG.normal(120, 40, (120, 80, 3))
    assert not analyse(_image(arr)).outdoor


def test_grey_sky_needs_corroboration():
    grey = Layout(sky=0.4, sky_kind=SkyKind.GREY, sky_top=1.0)
    assert outdoors(grey, shores=0.0, landscapes=0.0) is None  # a ceiling or a white wall
    assert outdoors(grey, shores=0.0, landscapes=0.3) == Outdoors("grey sky", (), Certainty.HEDGED)
    with_trees = Layout(sky=0.4, sky_kind=SkyKind.GREY, sky_top=1.0, vegetation_high=0.3)
    assert outdoors(with_trees, shores=0.0, landscapes=0.0).ground == ("trees",)


def test_greyscale_photos_say_nothing_of_the_sky():
    arr = np.concatenate([_sky(H // 2), _foliage(H - H // 2)]).mean(axis=2, keepdims=True).repeat(3, 2)
    layout = analyse(_image(arr))
    assert layout.greyscale and not layout.outdoor
    assert outdoors(layout, shores=0.0, landscapes=0.0) is None


def test_frame_full_of_foliage_is_hedged_plants():
    layout = analyse(_image(_foliage(H)))
    assert layout.vegetation >= 0.9 and layout.sky == 0.0
    assert outdoors(layout, shores=0.0, landscapes=0.0) == Outdoors(None, ("plants",), Certainty.HEDGED)


def test_water_below_the_horizon_mirrors_the_sky():
    sky = _sky(H // 2)
    shore = _foliage(20)
    water = sky[::-1][: H - H // 2 - 20] * 0.9
    layout = analyse(_image(np.concatenate([sky, shore, water])))
    assert layout.water >= 0.15
    out = outdoors(layout, shores=0.0, landscapes=0.0)
    assert out is not None and "water" in out.ground


def test_flat_images_tiny_images_and_other_modes_do_not_crash():
    for size in ((1, 1), (3, 500), (500, 3)):
        analyse(Image.new("RGB", size, "white"))
    picture = _image(np.concatenate([_sky(H // 2), _foliage(H - H // 2)]))
    for mode in ("P", "L", "RGBA", "I;16", "1", "CMYK"):
        analyse(picture.convert(mode))
    big = picture.resize((W * 8, H * 8))  # reduced by a box factor first: the same cues
    assert analyse(big).sky_kind is SkyKind.BLUE and analyse(big).outdoor


@pytest.mark.parametrize(("scene", "english", "chinese"), [
    (Scene(outdoors=Outdoors("blue sky", ("a tree", "greenery"), Certainty.SURE)),
     "A tree and greenery under a blue sky", "蓝天下的一棵树和绿色植被"),
    (Scene(outdoors=Outdoors(None, ("plants",), Certainty.HEDGED)),
     "May show trees or other plants", "可能是树木或其他植物"),
    (Scene(outdoors=Outdoors("dark sky", (), Certainty.HEDGED)),
     "May show an outdoor view under a dark sky", "可能是阴暗的天空下的户外景色"),
    (Scene(outdoors=Outdoors(None, ("stars",), Certainty.HEDGED)),
     "May show stars in a dark sky", "可能是夜空中的星星"),
    (Scene(place="lakeside", outdoors=Outdoors("blue sky", ("water",), Certainty.SURE)),
     "A lake shore under a blue sky", "蓝天下的湖岸"),
    (Scene((SceneObject("building", 1, Certainty.SURE, 0.9, Source.CLASSIFIER),),
           outdoors=Outdoors("blue sky", (), Certainty.SURE)),
     "A building under a blue sky", "蓝天下的一座建筑"),
    # A hedged sky is not added to a subject.
    (Scene((SceneObject("building", 1, Certainty.SURE, 0.9, Source.CLASSIFIER),),
           outdoors=Outdoors("grey sky", ("trees",), Certainty.HEDGED)),
     "A building", "一座建筑"),
])
def test_outdoor_sentences(scene, english, chinese):
    assert render_en(scene) == english
    assert zh.render_zh(scene) == chinese


def test_sky_is_dropped_before_the_budget_is_broken():
    scene = Scene((SceneObject("building", 1, Certainty.SURE, 0.9, Source.CLASSIFIER),),
                  outdoors=Outdoors("blue sky", (), Certainty.SURE))
    assert render_en(scene, 20) == "A building"


def test_every_outdoor_key_has_words():
    assert set(GROUND) == set(GROUND_WORDS) and set(GROUND) <= set(zh.table()["ground"])
    assert {kind.value for kind in SkyKind} == set(SKY_PHRASES) == set(zh.table()["sky"])


def test_stars_on_black_and_not_on_a_dark_forest():
    arr = np.zeros((H, W, 3))
    ys, xs = RNG.integers(2, H - 2, 300), RNG.integers(2, W - 2, 300)
    arr[ys, xs] = 230  # single-pixel stars
    layout = analyse(_image(arr))
    assert layout.stars >= 50
    assert outdoors(layout, shores=0.0, landscapes=0.0) == Outdoors(None, ("stars",), Certainty.HEDGED)
    assert analyse(_image(_foliage(H) * 0.5)).stars < 50  # dark, textured, not black


def test_long_lines_are_built_things():
    walls = np.full((H, W, 3), 200.0)
    for y in range(20, H, 40):  # rows of windows: long horizontal edges
        walls[y:y + 15, 10:W - 10] = 60
    assert analyse(_image(walls)).long_lines >= 3
    assert analyse(_image(_foliage(H))).long_lines == 0


def test_a_building_spread_over_many_classes_is_hedged_with_lines():
    from alttext_app.core.builtin.labels import plain_labels
    from alttext_app.core.builtin.scene_build import build_scene

    probs = np.full(1000, 0.7 / 994)
    for index in (624, 727, 498, 860, 415, 762):  # library, planetarium, cinema, shops: 0.05 each
        probs[index] = 0.05
    lined = Layout(long_lines=5)
    scene = build_scene([], [], probs, plain_labels(), (640, 480), layout=lined)
    assert scene.main is not None and (scene.main.word, scene.main.sure) == ("building", False)
    assert render_en(scene) == "May show a building"
    # Without the lines (or without the layout) nothing is said.
    assert build_scene([], [], probs, plain_labels(), (640, 480), layout=Layout()).main is None
    assert build_scene([], [], probs, plain_labels(), (640, 480)).main is None


def test_warm_bokeh_is_not_said_to_be_a_dusk_sky():
    """A close-up's out-of-focus orange background is as smooth as a sunset: hedged at most."""
    arr = np.concatenate([_sky(H // 2, top=(240, 140, 40), bottom=(250, 170, 80)),
                          RNG.normal(150, 50, (H - H // 2, W, 3))])
    layout = analyse(_image(arr))
    assert layout.sky_kind is SkyKind.DUSK
    out = outdoors(layout, shores=0.0, landscapes=0.0)
    assert out is None or out.certainty is Certainty.HEDGED
    scene = Scene((SceneObject("orange", 1, Certainty.HEDGED, 0.5, Source.CLASSIFIER),), outdoors=out)
    assert render_en(scene) == "May show an orange"


def test_a_shore_that_is_not_a_sure_place_is_a_hedged_landscape():
    from alttext_app.core.builtin.labels import plain_labels
    from alttext_app.core.builtin.scene_build import build_scene

    probs = np.full(1000, 0.6 / 997)
    probs[[978, 977, 975]] = (0.25, 0.1, 0.05)  # seashore, sandbar, lakeside: 0.4, not a place
    scene = build_scene([], [], probs, plain_labels(), (640, 480))
    assert scene.place is None and render_en(scene) == "May show a landscape"


def test_more_detail_says_the_background():
    building = SceneObject("building", 1, Certainty.SURE, 0.9, Source.CLASSIFIER)
    sure = Scene((building,), outdoors=Outdoors("blue sky", ("trees",), Certainty.SURE))
    assert render_en(sure, more=True) == (
        "A building under a blue sky. The background shows trees under a blue sky.")
    assert zh.render_zh(sure, more=True) == "蓝天下的一座建筑。背景是蓝天下的树木。"
    hedged = Scene((building,), outdoors=Outdoors("grey sky", (), Certainty.HEDGED))
    assert render_en(hedged, more=True) == "A building. The background may show an outdoor view under a grey sky."
    # Nothing to add when the first sentence said the sky and there is no ground.
    said = Scene((building,), outdoors=Outdoors("blue sky", (), Certainty.SURE))
    assert render_en(said, more=True) == "A building under a blue sky"


def test_a_blue_wall_behind_indoor_things_is_not_a_sky():
    from alttext_app.core.builtin.detector import Detection
    from alttext_app.core.builtin.labels import plain_labels
    from alttext_app.core.builtin.scene_build import build_scene

    sky = Layout(sky=0.4, sky_kind=SkyKind.BLUE, sky_top=1.0)
    probs = np.full(1000, 1.0 / 1000)
    sofa = Detection("sofa", 0.8, (0.1, 0.5, 0.9, 0.95))
    scene = build_scene([sofa], [], probs, plain_labels(), (640, 480), layout=sky)
    assert scene.outdoors is None and render_en(scene) == "A sofa"
    outside = build_scene([], [], probs, plain_labels(), (640, 480), layout=sky)
    assert outside.outdoors is not None and outside.outdoors.sky == "blue sky"
