"""Build a `scene.Scene` from the detector, the face detector and the classifier, cross-checked.

Each model is wrong in its own way, so none is trusted alone where a claim matters:
- NanoDet-m (COCO AP: small objects 0.08, large 0.38) finds things and their places but invents
  "person" at 0.55-0.59 over whole-frame textures (a cat's fur, a galaxy field) and small clocks
  in a grid of coins. So: whole-frame boxes need the classifier (or a face) to agree, small boxes
  need a high score, and a person needs a face, a high score, or a frame the classifier does not
  call an animal.
- MTCNN faces are reliable at 0.95+, but miss people seen from behind: they add people, never
  veto them.
- The ImageNet classifier sees the whole image: it names the main subject well (breeds, "cup of
  espresso", "tripod", "seashore") but not how many. When it and the detector disagree about an
  animal, only what both agree on is said: "an animal".
Thresholds are round numbers set from the models' published behaviour and the reasons above,
then checked (not tuned) on the evaluation photos.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from alttext_app.core.builtin.detector import Detection, iou
from alttext_app.core.builtin.faces import Face
from alttext_app.core.builtin.labels import PlainLabel
from alttext_app.core.builtin.layout import Layout
from alttext_app.core.builtin.scene import (
    Certainty,
    Relation,
    RelationKind,
    Scene,
    SceneObject,
    Source,
)
from alttext_app.core.builtin.scene_cues import flyers_in_sky, hedged_by_cues
from alttext_app.core.builtin.scene_evidence import Evidence
from alttext_app.core.builtin.scene_outdoors import outdoors
from alttext_app.core.builtin.sentence import _WORN, FACE_SCORE, best_claim, person_claim

WHOLE_FRAME = 0.85  # box covers this share of the image: texture hallucinations live here
SMALL = 0.0225  # COCO's "small/medium" objects (< 96 px of 640): NanoDet's weak spot
SMALL_SURE = 0.7
PERSON_SURE = 0.6
ANIMAL_SURE = 0.5
OBJECT_SURE = 0.55
HEDGE = 0.5  # below this a detector-only box is noise more often than not
AGREE = 0.15  # classifier probability on matching classes that counts as agreement
ANIMAL_FRAME = 0.5  # classifier probability on animal classes: "this picture is of an animal"
SAME_THING_IOU = 0.7  # two labels on (almost) the same box: keep the better one
PLACE_SURE = 0.5

ANIMALS = {"bird", "cat", "dog", "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe"}
# Detector word -> classifier groups that confirm it.
AGREES: dict[str, set[str]] = {
    "cat": {"cat"}, "dog": {"dog", "wolf", "wild dog"}, "bird": {"bird", "chicken"},
    "horse": {"horse"}, "sheep": {"sheep or goat"}, "cow": {"cattle"}, "elephant": {"elephant"},
    "bear": {"bear", "panda"}, "zebra": {"zebra"}, "car": {"car"}, "truck": {"truck", "car"},
    "bus": {"bus"}, "boat": {"boat"}, "train": {"train"}, "plane": {"plane"},
    "motorcycle": {"motorbike"}, "bicycle": {"bicycle"}, "cup": {"cup or mug"},
    "bottle": {"bottle"}, "clock": {"clock"}, "laptop": {"computer"}, "television": {"computer"},
    "keyboard": {"keyboard"}, "phone": {"phone"}, "toilet": {"toilet"},
    "bed": {"four-poster bed", "sofa bed", "crib", "quilt"}, "table": {"dining table", "desk"},
    "potted plant": {"flowerpot", "vase"}, "vase": {"vase"}, "banana": {"banana"},
    "apple": {"fruit"}, "orange": {"orange", "lemon", "fruit"}, "broccoli": {"broccoli"},
    "pizza": {"pizza"}, "bench": {"park bench"}, "umbrella": {"umbrella"}, "tie": {"tie"},
    "person": set(),
}
LARGE = 0.25  # a box this big is what the classifier (which sees the whole image) looks at too
HOLDER = 0.15  # people this big can be said "with a tripod"; smaller ones do not hold the claim
RIDDEN = {"bicycle", "motorcycle", "horse", "elephant", "skateboard", "surfboard", "skis",
          "snowboard"}
SURFACES = {"table", "bed", "sofa", "bench", "chair"}
NEVER_ON = RIDDEN | SURFACES | {"person", "car", "bus", "truck", "train", "plane", "boat",
                                "traffic light", "fire hydrant", "stop sign", "parking meter"}
# Classifier groups never said as "a person with ...": too big to hold or wear.
NOT_HELD = {"building", "bridge", "boat", "train", "plane", "bus", "car", "truck", "rocket"}
# ImageNet scene classes -> place keys; when none is sure alone, the coarser key (a shore of some
# water: seashore, lakeside, sandbar, promontory, pier, breakwater, dock) may be.
PLACE_CLASSES: dict[str, tuple[int, ...]] = {
    "seashore": (978, 977, 976), "lakeside": (975,), "mountains": (970,), "valley": (979,),
    "cliff": (972,), "coral reef": (973,),
}
COARSE_PLACES: dict[str, tuple[int, ...]] = {"waterside": (460, 536, 718, 975, 976, 977, 978)}
PLACE_WORDS = {"landscape", "waterside", "coral reef"}  # classifier words that are places, not things
KITCHEN = {"oven", "sink", "microwave", "fridge", "toaster"}
# Sure things that mean a room: a blue wall behind them is not a sky.
INDOOR = KITCHEN | {"sofa", "bed", "toilet", "television", "laptop", "mouse", "remote control",
                    "keyboard", "book", "teddy bear", "hair dryer", "toothbrush"}
INDOOR_PLACES = {"kitchen", "bedroom", "bathroom", "living room", "office"}
ROAD = {"traffic light", "stop sign", "fire hydrant", "parking meter"}
ROAD_VEHICLES = {"car", "bus", "truck"}


def _centre_inside(face: Face, box: tuple[float, float, float, float], size: tuple[int, int]) -> bool:
    cx = (face.box[0] + face.box[2]) / 2 / size[0]
    cy = (face.box[1] + face.box[3]) / 2 / size[1]
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def judge(det: Detection, ev: Evidence, faces: Sequence[Face], size: tuple[int, int],
          *, first: bool = True, graphic: bool = False, in_sky: bool = False) -> tuple[str, Certainty] | None:
    """How sure a detection is after the cross-checks; None drops it. May rename to 'animal'.
    `first`: the best box of its label; only that one can lean on the classifier (which sees
    one main subject, not how many). `in_sky`: a flying thing with sky all round (scene_cues)."""
    whole, small = det.area >= WHOLE_FRAME, det.area < SMALL
    if small and det.score < SMALL_SURE:
        return (det.label, Certainty.HEDGED) if in_sky else None
    if det.label == "person":
        if any(_centre_inside(f, det.box, size) for f in faces):
            return "person", Certainty.SURE
        if (ev.animal >= ANIMAL_FRAME and det.area >= 0.5) or (whole and ev.person < AGREE):
            return None  # a cat's fur, a galaxy field: no face, and the frame is not a person's
        if det.score >= PERSON_SURE and not _unconfirmed_large(det, ev.person):
            return "person", Certainty.SURE
        return ("person", Certainty.HEDGED) if det.score >= HEDGE else None
    agree = ev.mass(AGREES.get(det.label, set())) if first else 0.0
    if det.label in ANIMALS:
        if agree < AGREE and ev.animal >= ANIMAL_FRAME and det.area >= 0.1:
            if graphic and det.score >= ANIMAL_SURE:
                # In drawings the classifier goes by texture (a horse silhouette -> dog breeds);
                # the detector's shape is the better guess, but only a guess.
                return det.label, Certainty.HEDGED
            # Both see an animal but not the same one: say only what they agree on.
            return ("animal", Certainty.SURE) if det.score >= ANIMAL_SURE else None
        if det.score >= ANIMAL_SURE and (agree >= AGREE or det.score >= 0.7):
            return det.label, Certainty.SURE
        if whole and agree < AGREE:
            return None
        return (det.label, Certainty.HEDGED) if det.score >= HEDGE else None
    if whole and agree < AGREE:
        return None  # a whole-frame "bed" over a retina scan
    if det.area >= LARGE and agree < AGREE and ev.confident_other and det.score < 0.7:
        return None  # the classifier is sure the main subject is something else (a daisy, not a banana)
    if det.score >= OBJECT_SURE or (det.score >= 0.4 and agree >= 0.3):
        if _unconfirmed_large(det, agree):
            return det.label, Certainty.HEDGED
        return det.label, Certainty.SURE
    return (det.label, Certainty.HEDGED) if det.score >= HEDGE else None


def _unconfirmed_large(det: Detection, agree: float) -> bool:
    """A big box (a quarter of the frame or more) that the classifier, looking at the same
    pixels, does not back (or cannot: ImageNet has no scissors), at a middling score: NanoDet's
    guess at a shape in abstract art (a person in a rendered beach, an umbrella in fanned-out
    folds, scissors in a swoosh: three KDE/UKUI wallpapers). Said hedged; it changed none of
    the 81 evaluation photos' sentences (their large subjects score >= 0.7 or are backed)."""
    return det.area >= LARGE and agree < AGREE and det.score < SMALL_SURE


def _inside(inner: Detection, outer: Detection) -> bool:
    """Most of `inner` lies within `outer`: a plant's leaves boxed again inside the plant."""
    x0, y0 = max(inner.box[0], outer.box[0]), max(inner.box[1], outer.box[1])
    x1, y1 = min(inner.box[2], outer.box[2]), min(inner.box[3], outer.box[3])
    overlap = max(0.0, x1 - x0) * max(0.0, y1 - y0)
    return overlap >= 0.8 * max(inner.area, 1e-9)


def _dedupe(detections: Sequence[Detection]) -> list[Detection]:
    """One label per thing: cat 0.44 and dog 0.40 on the same box keep only the cat, and a box
    of a label nested in a better box of the same label is the same thing."""
    kept: list[Detection] = []
    for det in sorted(detections, key=lambda d: -d.score):
        box = np.array(det.box)
        if any(iou(box, np.array([k.box]))[0] > SAME_THING_IOU for k in kept):
            continue
        if any(k.label == det.label and _inside(det, k) for k in kept):
            continue
        kept.append(det)
    return kept


def _group(judged: list[tuple[Detection, str, Certainty]], weak: dict[str, int]) -> list[SceneObject]:
    """Boxes of one word become one object; `weak`: per label, boxes too unsure to judge (0.3 to
    the hedge) that still mean "maybe more" ("one or more boats", never a number)."""
    by_word: dict[str, list[tuple[Detection, Certainty]]] = {}
    for det, word, certainty in judged:
        by_word.setdefault(word, []).append((det, certainty))
    objects = []
    for word, items in by_word.items():
        sure = [d for d, c in items if c is Certainty.SURE]
        chosen = sure or [d for d, _ in items][:1]
        objects.append(SceneObject(
            word=word, count=len(chosen), score=max(d.score for d in chosen),
            certainty=Certainty.SURE if sure else Certainty.HEDGED, source=Source.DETECTOR,
            boxes=tuple(d.box for d in chosen),
            more_possible=bool(sure) and (len(items) > len(sure) or weak.get(word, 0) > 0),
        ))
    return objects


def _with_faces(objects: list[SceneObject], faces: Sequence[Face]) -> list[SceneObject]:
    """People seen only as faces, or more faces than person boxes: the count follows the faces."""
    count = len(faces)
    if count == 0:
        return objects
    people = next((o for o in objects if o.word == "person"), None)
    if people and (not people.sure or people.count < count):
        objects.remove(people)
        people = None
    if people is None:
        objects.append(SceneObject("person", count, Certainty.SURE, max(f.score for f in faces),
                                   Source.FACES, tuple()))
    return objects


def _add_classifier(objects: list[SceneObject], ev: Evidence, graphic: bool) -> list[SceneObject]:
    """Refine, attach or add the classifier's own best claim."""
    claim = best_claim(ev.probs, ev.labels, graphic=graphic)
    if claim is None:
        return objects
    under = [lab for lab in ev.labels if claim.word in lab.words]  # the classes the claim covers
    label = under[0]
    # Its words down to the group ("cup of espresso" is a "cup or mug"), for agreement checks.
    covered = {w for lab in under for w in lab.words[: max(2, lab.words.index(claim.word) + 1)]}
    for i, obj in enumerate(objects):
        if covered & AGREES.get(obj.word, set()) or obj.word == "animal" and ev.animal >= ANIMAL_FRAME:
            if claim.confident and obj.count == 1 and obj.word != "animal" and claim.probability >= 0.8:
                objects[i] = SceneObject(claim.word, 1, Certainty.SURE, max(obj.score, claim.probability),
                                         obj.source, obj.boxes)
            return objects  # the detector already says it (or says "animal" where they differ)
    if PLACE_WORDS & set(label.words) and (objects or classifier_place(ev)):
        return objects  # a place, not a thing: `place` says it
    people = next((o for o in objects if o.word == "person" and o.sure and o.area >= HOLDER), None)
    animal_claim = bool(covered & {g for groups in AGREES.values() for g in groups}) and ev.animal >= ANIMAL_FRAME
    if people is not None:
        if claim.confident and not animal_claim and not NOT_HELD & covered:
            objects.append(SceneObject(claim.word, 1, Certainty.SURE, claim.probability, Source.CLASSIFIER,
                                       worn=claim.word in _WORN, held_by_people=True))
        return objects
    big = [o for o in objects if o.sure and o.area >= 0.25]
    if big:
        return objects
    if any(o.word in ANIMALS for o in objects) and ev.animal >= ANIMAL_FRAME:
        return objects  # an animal the classifier names differently: already judged
    certainty = Certainty.SURE if claim.confident else Certainty.HEDGED
    if certainty is Certainty.HEDGED and any(o.sure for o in objects):
        return objects
    word = "landscape" if claim.word == "waterside" else claim.word  # "may show a landscape"
    objects.insert(0, SceneObject(word, 1, certainty, claim.probability, Source.CLASSIFIER))
    return objects


def _riding(person: tuple[float, ...], ride: tuple[float, ...]) -> bool:
    """The person's feet are within the ridden thing's box and their body rises above it."""
    width = person[2] - person[0]
    overlap = min(person[2], ride[2]) - max(person[0], ride[0])
    return (overlap >= 0.5 * width and person[1] < ride[1]
            and ride[1] <= person[3] <= ride[3] + 0.05 * (ride[3] - ride[1]))


def _resting_on(thing: tuple[float, ...], surface: tuple[float, ...]) -> bool:
    """The thing's bottom edge lies on the surface's upper part, its centre over the surface."""
    cx = (thing[0] + thing[2]) / 2
    height = surface[3] - surface[1]
    thing_area = (thing[2] - thing[0]) * (thing[3] - thing[1])
    surface_area = (surface[2] - surface[0]) * height
    return (surface[0] <= cx <= surface[2] and thing_area < surface_area
            and surface[1] <= thing[3] <= surface[1] + 0.7 * height)


def relations(objects: Sequence[SceneObject]) -> tuple[Relation, ...]:
    """Only between sure, single, boxed objects: 'a person on a motorcycle', 'a cup on a table'."""
    found = []
    single = [(i, o) for i, o in enumerate(objects) if o.sure and o.count == 1 and o.boxes]
    for i, subject in single:
        for j, target in single:
            if i == j:
                continue
            if subject.word == "person" and target.word in RIDDEN and _riding(subject.boxes[0], target.boxes[0]):
                found.append(Relation(i, RelationKind.RIDING, j))
                break
            if (target.word in SURFACES and subject.word not in NEVER_ON
                    and _resting_on(subject.boxes[0], target.boxes[0])):
                found.append(Relation(i, RelationKind.ON, j))
                break
    return tuple(found)


def classifier_place(ev: Evidence) -> str | None:
    """A place key when the classifier's scene classes are sure enough on their own."""
    for table in (PLACE_CLASSES, COARSE_PLACES):
        masses = {key: float(ev.probs[list(idx)].sum()) for key, idx in table.items()}
        key, mass = max(masses.items(), key=lambda item: item[1])
        if mass >= PLACE_SURE:
            return key
    return None


def place(objects: Sequence[SceneObject], ev: Evidence) -> str | None:
    """Where, when sure: from the classifier's scene classes, else from sets of objects."""
    if where := classifier_place(ev):
        return where
    sure = {o.word for o in objects if o.sure}
    if len(sure & KITCHEN) >= 2:
        return "kitchen"
    if "bed" in sure and any(o.word == "bed" and o.area >= 0.2 for o in objects):
        return "bedroom"
    if {"toilet", "sink"} <= sure:
        return "bathroom"
    if {"sofa", "television"} <= sure:
        return "living room"
    if sure & ROAD and sure & ROAD_VEHICLES:
        return "street"
    return None


def indoors(objects: Sequence[SceneObject]) -> bool:
    """A sure, boxed object that lives in rooms (a sofa, a laptop, a toilet)."""
    return any(o.sure and o.word in INDOOR and o.source is Source.DETECTOR for o in objects)


def _salience(obj: SceneObject) -> tuple[bool, bool, float]:
    """Sure before hedged, things held by people last, then size x score (living things x2)."""
    living = 2.0 if obj.word in ANIMALS | {"person", "animal"} else 1.0
    return obj.sure, not obj.held_by_people, obj.area * obj.score * living * min(obj.count, 3)


def _subjects_before_surfaces(objects: list[SceneObject]) -> list[SceneObject]:
    """'A cup on a table', not 'a table, a cup': what rests on or rides a thing is said first."""
    for relation in relations(objects):
        subject, target = objects[relation.subject], objects[relation.target]
        if relation.target < relation.subject:
            objects.remove(subject)
            objects.insert(objects.index(target), subject)
    return objects


def build_scene(
    detections: Sequence[Detection], faces: Sequence[Face], probs: np.ndarray,
    labels: Sequence[PlainLabel], size: tuple[int, int], *, graphic: bool = False,
    greyscale: bool = False, text: str | None = None, layout: Layout | None = None,
) -> Scene:
    """The cross-checked scene for one photo or graphic (see the module docstring)."""
    ev = Evidence(probs, labels)
    sure_faces = [f for f in faces if f.score >= FACE_SCORE]
    judged, dropped, weak = [], set(), {}
    seen: set[str] = set()
    flying = [] if graphic else flyers_in_sky(detections, layout)
    for det in _dedupe(detections):
        verdict = judge(det, ev, sure_faces, size, first=det.label not in seen, graphic=graphic,
                        in_sky=det in flying)
        seen.add(det.label)
        if verdict is not None:
            judged.append((det, *verdict))
        elif det.area >= LARGE:
            dropped.add(det.label)  # its smaller boxes are no more believable
        elif det.area >= SMALL and det.label != "person":  # crowds behind a subject: not "maybe more"
            weak[det.label] = weak.get(det.label, 0) + 1
    judged = [j for j in judged if j[0].label not in dropped]
    objects = _with_faces(_group(judged, weak), sure_faces)
    role = person_claim(probs, labels)
    if role and not any(o.word == "person" and o.sure for o in objects):
        objects.append(SceneObject(role.word, 1, Certainty.SURE, role.probability, Source.CLASSIFIER))
    objects = _add_classifier(objects, ev, graphic)
    if not objects and (cue := hedged_by_cues(layout, building=ev.mass_under("building"),
                                              flower=ev.mass_under("flower"))):
        objects.append(cue)
    objects.sort(key=_salience, reverse=True)
    objects = _subjects_before_surfaces(objects)
    where = place(objects, ev)
    main = objects[0] if objects else None
    return Scene(
        objects=tuple(objects), relations=relations(objects), place=where, text=text,
        outdoors=None if graphic or layout is None or where in INDOOR_PLACES or indoors(objects)
        else outdoors(layout, shores=ev.mass({"waterside"}), landscapes=ev.mass({"landscape", "waterside"}),
                      plant_matter=ev.plant_matter,
                      sky_seen=any(o.word in {d.label for d in flying} for o in objects)),
        greyscale=greyscale, graphic=graphic, confidence=main.score if main else 0.0,
        extra={"detections": [(d.label, round(d.score, 3)) for d in detections[:8]]},
    )
