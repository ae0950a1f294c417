"""Two weak cues that agree: claims no single model makes sure, hedged when pixels back them up.

Each rule pairs a model's weak vote with an independent layout cue (`layout.Layout`) that means
the same thing, and says the claim hedged ("may show"), only when nothing surer was found:
- a building: the classifier's building classes add up (a hotel: library 0.09, planetarium
  0.08, cinema...) and the pixels show long straight lines (walls, window rows, roofs);
- a flower: ImageNet has only two flower classes (daisy, lady's slipper orchid), so a dahlia or a
  marigold spreads its probability over "daisy" and the insects photographed on flowers; a
  strongly coloured, non-green blob filling the middle of the frame (the bloom) is the second cue;
- a kite, a bird or a plane in flight: NanoDet finds such small boxes at 0.5-0.7, where small
  boxes are usually noise (COCO AP small 0.08); sky all round the box is the second cue, and it
  also tells that the blue which fills the frame is a sky, not a backdrop.
"""

from __future__ import annotations

from collections.abc import Sequence

from alttext_app.core.builtin.detector import Detection
from alttext_app.core.builtin.layout import Layout
from alttext_app.core.builtin.scene import Certainty, SceneObject, Source

BUILT_MASS = 0.25  # summed building classes
BUILT_LINES = 3  # long straight lines
# The flower classes' summed probability: the flower photos gave 0.19-0.63, every other photo of
# rounds 1-4 at most 0.04; and the bloom's colour must fill half the middle of the frame.
FLOWER_MASS = 0.15
PETALS = 0.5
FLYERS = {"kite", "bird", "plane"}  # COCO things seen small against the sky
SKY_AROUND = 0.6  # share of the ring of cells around the box that is sky or cloud
FLYER_SCORE = 0.5  # the detector's own hedge threshold (scene_build.HEDGE)


def hedged_by_cues(layout: Layout | None, *, building: float, flower: float) -> SceneObject | None:
    """A hedged building or flower when the classifier's weak vote and the pixels agree.
    `building`, `flower`: the classifier's summed probability on those classes."""
    if layout is None or layout.greyscale:
        return _building(layout, building)
    return _building(layout, building) or (
        SceneObject("flower", 1, Certainty.HEDGED, flower, Source.CLASSIFIER)
        if flower >= FLOWER_MASS and layout.petals >= PETALS else None)


def _building(layout: Layout | None, building: float) -> SceneObject | None:
    if layout is not None and layout.long_lines >= BUILT_LINES and building >= BUILT_MASS:
        return SceneObject("building", 1, Certainty.HEDGED, building, Source.CLASSIFIER)
    return None


def in_the_sky(det: Detection, layout: Layout | None) -> bool:
    """A flying thing's box with sky or cloud all round it (colour photos only: in grey ones a
    white wall looks like cloud)."""
    return (layout is not None and not layout.greyscale and det.label in FLYERS
            and det.score >= FLYER_SCORE and layout.sky_around(det.box) >= SKY_AROUND)


def flyers_in_sky(detections: Sequence[Detection], layout: Layout | None) -> list[Detection]:
    return [d for d in detections if in_the_sky(d, layout)]
