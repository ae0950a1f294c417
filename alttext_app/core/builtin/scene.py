"""What the built-in describer saw in a photo, language-neutral: the structure every renderer reads.

`scene_build.build_scene` fills it from the detector (NanoDet-m, COCO), the face detector (MTCNN)
and the ImageNet classifier, after cross-checking them; `render_en.render_en` (and other
languages' renderers) turn it into words. Renderers never look at the raw model outputs, and the
builder never chooses words of any language: everything a renderer needs is here.

Words are *keys*, not English prose: `SceneObject.word` is a COCO word from
`detector.COCO_WORDS` ("person", "cup", "table", "motorcycle") or an ImageNet plain word from
`labels.plain_labels()` ("cup of espresso", "tripod", "raccoon"), or the generic "animal".
`Scene.place` is a key from `PLACES`. A renderer maps keys to its own language (English keys are
used as they are; a missing key in another language falls back to a more generic word).

Structure (all frozen dataclasses, safe to share between threads):

    Scene
      objects:   tuple[SceneObject]  most important first (main subject = objects[0]); people,
                 when present and sure, are one SceneObject with word "person" and a count
      relations: tuple[Relation]     only where boxes make them sure (subject/target are indices
                 into objects): ON ("a cup on a table"), RIDING ("a person on a motorcycle")
      place:     str | None          PLACES key ("kitchen", "seashore", "street", ...)
      place_certainty: Certainty
      text:      str | None          visible text worth quoting (already chosen and cut)
      outdoors:  Outdoors | None     sky and ground read from pixels (`layout`), when strong enough
      greyscale: bool                the photo has (almost) no colour
      graphic:   bool                a drawing/graphic rather than a photo
      confidence: float              0..1, how sure the whole description is (weakest main claim)

    SceneObject
      word: str, count: int (>= 1), certainty: Certainty (SURE or HEDGED; unsure things are left
      out, not listed), boxes: tuple[Box] (fractions of the image, x0, y0, x1, y1; empty when the
      object came from the classifier, which has no boxes), score: float, source: Source,
      worn: bool (a thing a person wears: "wearing a tie", not "with a tie"),
      held_by_people: bool (said with the people: "a person with a tripod"),
      more_possible: bool (weaker boxes of the same kind were seen: "at least two people")

    Outdoors
      sky: str | None ("blue sky", "grey sky", "dark sky", "dusk sky": layout.SkyKind values),
      ground: tuple[str] (GROUND keys, most important first), certainty: Certainty

People are never described by gender, age or any other trait: the structure has no field for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

Box = tuple[float, float, float, float]

# The colour words of the describer (the keys of the Chinese word table's "colours"), and the hue
# bins (degrees, upper limits) that name a coloured pixel: the whole image (`describer.colour_name`)
# and one thing (`thing_colour`) are named alike.
COLOUR_NAMES = ("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white", "grey")
HUE_BINS = ((15, "red"), (40, "orange"), (70, "yellow"), (170, "green"), (260, "blue"), (320, "purple"),
            (345, "pink"), (361, "red"))


class Certainty(Enum):
    SURE = "sure"  # say it plainly
    HEDGED = "hedged"  # say it with "may show" (or the language's hedge), or leave it out


class Source(Enum):
    DETECTOR = "detector"  # NanoDet-m box
    CLASSIFIER = "classifier"  # whole-image ImageNet class
    FACES = "faces"  # MTCNN faces (people only)


class RelationKind(Enum):
    ON = "on"  # subject rests on target: a cup on a table, a cat on a bed
    RIDING = "riding"  # a person on a horse, bicycle, motorcycle, skateboard, surfboard


# Place keys: where the photo was taken, when sure. Renderers phrase them ("in a kitchen",
# "on a beach", "by a lake").
PLACES = (
    "kitchen", "bedroom", "bathroom", "living room", "dining table", "street", "office",
    "seashore", "lakeside", "mountains", "valley", "cliff", "coral reef", "field", "snow",
    "sky", "space", "waterside",
)


# What the layout can say lies under the sky (or fills the frame): keys renderers phrase.
GROUND = ("a tree", "trees", "greenery", "water", "plants", "autumn leaves", "stars")


@dataclass(frozen=True)
class Outdoors:
    """An outdoor view read from pixels: the sky's colour and what lies below it."""

    sky: str | None
    ground: tuple[str, ...]
    certainty: Certainty


@dataclass(frozen=True)
class SceneObject:
    word: str
    count: int
    certainty: Certainty
    score: float
    source: Source
    boxes: tuple[Box, ...] = ()
    worn: bool = False
    held_by_people: bool = False
    more_possible: bool = False  # weaker boxes of the same kind: the count may be higher
    colour: str | None = None  # one of COLOUR_NAMES, when thing_colour finds it clear

    @property
    def sure(self) -> bool:
        return self.certainty is Certainty.SURE

    @property
    def area(self) -> float:
        """Largest box's share of the image (1.0 for whole-image classifier claims)."""
        if not self.boxes:
            return 1.0
        return max((b[2] - b[0]) * (b[3] - b[1]) for b in self.boxes)


@dataclass(frozen=True)
class Relation:
    subject: int  # index into Scene.objects
    kind: RelationKind
    target: int


@dataclass(frozen=True)
class Scene:
    objects: tuple[SceneObject, ...] = ()
    relations: tuple[Relation, ...] = ()
    place: str | None = None
    place_certainty: Certainty = Certainty.SURE
    text: str | None = None
    outdoors: Outdoors | None = None
    greyscale: bool = False
    graphic: bool = False
    confidence: float = 0.0
    extra: dict[str, object] = field(default_factory=dict, compare=False)  # evidence for logs/tests

    @property
    def main(self) -> SceneObject | None:
        return self.objects[0] if self.objects else None

    @property
    def people(self) -> SceneObject | None:
        return next((o for o in self.objects if o.word == "person"), None)

    def relation_of(self, index: int) -> Relation | None:
        """The relation whose subject is objects[index], if any."""
        return next((r for r in self.relations if r.subject == index), None)
