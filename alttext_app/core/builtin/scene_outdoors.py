"""An outdoor view from the layout cues (`layout.Layout`) for the scene: sky and ground.

ImageNet has no class for a forest path, a storm over fields or a lone tree in a meadow; the
layout's colour and texture cues do see a sky, trees and water there. They are said only when
strong, and a grey or dark sky (which a white backdrop or a ceiling can mimic) only when the
ground or the classifier backs it up.
"""

from __future__ import annotations

from alttext_app.core.builtin.layout import Layout, SkyKind
from alttext_app.core.builtin.scene import Certainty, Outdoors

# Layout thresholds (shares of the image or of a part of it), round numbers: below them a cue is
# too weak to say.
TREES = 0.15  # share of the cells beside the sky rows that are vegetation
GREENERY = 0.3  # share of the bottom third that is vegetation
WATER = 0.15  # share of the image in smooth full-width bands below the horizon
FOLIAGE = 0.6  # vegetation filling this share of a frame without sky: "trees or other plants"
# Fallen leaves: ImageNet has no leaf class; on leaf litter it guesses what lies among leaves in its
# photos (acorns, buckeyes, rose hips, mushrooms). Its plant and fungus classes summed to 0.30 on
# a photo of autumn leaves and at most 0.08 on every other non-flower photo of rounds 1-4; the
# pixels must agree: autumn colours with leaf texture filling the frame, as FOLIAGE for green.
PLANT_MATTER = 0.15
OUTDOOR_CLASSES = 0.15  # classifier mass on landscapes and shores that backs a grey or dark sky
STARS = 50  # isolated bright points on a black frame: a starry sky or a deep-space photo


def outdoors(layout: Layout, *, shores: float, landscapes: float, plant_matter: float = 0.0,
             sky_seen: bool = False) -> Outdoors | None:
    """Sky and ground from the layout cues, only where strong: a blue sky at the top that does not
    run down to the bottom edge is said plainly; a dusk, grey or dark sky (which bokeh, a white
    backdrop or a ceiling can mimic) only with vegetation, water or the classifier's landscape
    classes beside it, and hedged. `shores`, `landscapes`: the classifier's summed probability
    on shore classes and on all landscape classes; `plant_matter`: on its plant and fungus classes.
    `sky_seen`: a kite, bird or plane was found with sky all round it (`scene_cues`), so a blue
    that fills the frame down to the bottom edge is a sky, not a backdrop."""
    if layout.stars >= STARS:
        return Outdoors(None, ("stars",), Certainty.HEDGED)
    if layout.greyscale:
        return None
    if not layout.outdoor:
        if layout.vegetation >= FOLIAGE and layout.sky < 0.05:
            return Outdoors(None, ("plants",), Certainty.HEDGED)
        if layout.warm_texture >= FOLIAGE and plant_matter >= PLANT_MATTER:
            return Outdoors(None, ("autumn leaves",), Certainty.HEDGED)
        if sky_seen and layout.sky_kind is SkyKind.BLUE:
            return Outdoors(SkyKind.BLUE.value, (), Certainty.SURE)
        return None
    ground: list[str] = []
    if layout.vegetation_high >= TREES:
        ground.append("a tree" if layout.lone_tree else "trees")
    if layout.vegetation_low >= GREENERY:
        ground.append("greenery")
    if layout.water >= WATER and (layout.sky_kind in (SkyKind.BLUE, SkyKind.DUSK)
                                  or shores >= 0.1):
        ground.append("water")
    # Only a blue sky is said plainly: a blurred orange or pink background behind a close-up (a
    # flower's petals out of focus) is as smooth and warm as a dusk sky, a white wall as a grey one.
    clear = layout.sky_kind is SkyKind.BLUE
    if not clear and not ground and landscapes < OUTDOOR_CLASSES:
        return None
    sky = layout.sky_kind.value if layout.sky_kind else None
    return Outdoors(sky, tuple(ground), Certainty.SURE if clear else Certainty.HEDGED)
