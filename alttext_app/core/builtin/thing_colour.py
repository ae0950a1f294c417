"""The colour of a thing the detector boxed, for "What colour is the car?" — said only when clear.

A detector box is a rectangle around a shape: its corners and edges are background, and even its
middle shows windows, tyres, chrome, shadows and the road between the wheels. So, per box:
1. tiny boxes are skipped (too few pixels, and NanoDet's least reliable boxes);
2. only the box's middle is read (`INNER`), and its pixels are named (`pixel_names`: the hue
   bins of `describer.colour_name`, but grey by *chroma*, so a light silver car is not "blue",
   and no name for a hue on the edge between two names or for dark yellow, which looks olive);
3. colours that are no more common in the middle than in a band around the box
   (`BACKGROUND_RATIO`) are the surroundings showing through, and are left out;
4. a colour (red, blue, ...) is named when it clearly beats every other colour among the coloured
   pixels, also with the background left in, and coloured pixels are a good part of what is left
   (the rest being tyres, glass, chrome, shadow);
   black, white and grey, which are also shadows, windows, tyres and roads, only when nearly all
   of what is left is that one neutral shade and almost nothing is coloured.
Anything less clear is None: the answer then says it cannot tell, rather than guess.
People are never read this way (their middle is skin and hair), nor glass, which shows what lies
behind it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from PIL import Image

from alttext_app.core.builtin import render_en, render_zh
from alttext_app.core.builtin.answer_words import Words
from alttext_app.core.builtin.scene import COLOUR_NAMES, HUE_BINS, Box, Scene, SceneObject, Source
from alttext_app.core.builtin.scene_build import ANIMALS

NAMES = COLOUR_NAMES
UNNAMED = len(NAMES)  # a colour between two names (or olive): counted as coloured, never named
_INDEX = {name: i for i, name in enumerate(NAMES)}
NEUTRAL = frozenset({_INDEX["black"], _INDEX["white"], _INDEX["grey"]})
HUE_MARGIN = 5.0  # degrees either side of a bin edge: a toss-up between two names, so neither
CHROMA_MIN = 0.15  # max - min channel (0..1) below this is grey; HLS saturation calls silver blue
DARK = 0.2  # brightest channel below this: too dark to see any colour (black)
OLIVE = 0.6  # a yellow hue whose brightest channel is below this reads olive or khaki, not yellow

MIN_AREA = 0.01  # of the image: smaller boxes have too few pixels (and are NanoDet's weakest)
MIN_SIDE = 24  # pixels, the box's shorter side
INNER = 0.6  # the middle 60 % of the box's width and height (36 % of its area) is read
RING = 0.25  # the band around the box (a quarter of its size each side) stands for the background
GRID = 32  # the middle is read on a 32 x 32 grid (box-filtered: JPEG noise averages out)
RING_GRID = 48
MIN_RING = 100  # ring cells: fewer and the thing fills the frame, there is no background to compare
BACKGROUND_RATIO = 1.5  # a colour under 1.5 x its share around the box is background showing through
MIN_LEFT = 0.3  # less than this of the middle left after the background: mostly background, no answer
# A colour is named when it holds over half of the coloured pixels and three times as many as the
# next colour — a clear winner, so a thing of two colours (a red-and-blue shirt, a white cup on a
# red saucer) is not given one of them — and coloured pixels are at least 40 % of what is left:
# less, and the colour is a detail (a stripe, a logo) on something grey, black or white. It must
# also lead before the background is taken away: when taking the surroundings' colours away
# changes the winner, the thing shares its main colour with its surroundings, and no one can say.
COLOUR_SHARE = 0.5
RUNNER_UP = 3.0
COLOURED_MIN = 0.4
# Black, white and grey are named only with 80 % of what is left *and* of the whole middle (the
# background taken away or not), at most 10 % coloured, and truly neutral (mean chroma under
# 0.08): a dull brown dog's fur is "grey" by name, not by eye, and boats' shadows are black.
NEUTRAL_SHARE = 0.8
NEUTRAL_COLOURED_MAX = 0.1
NEUTRAL_CHROMA = 0.08
MAX_GROUPS = 3  # "One car looks red, one white and one blue": more is a list nobody wants to hear
NOT_READ = frozenset({"person", "wine glass"})  # skin and hair, not clothes; glass shows what is behind


def pixel_names(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(the index into NAMES of each pixel's colour, UNNAMED where none fits; its chroma 0..1)."""
    px = rgb.reshape(-1, 3).astype(np.float32) / 255.0
    top, low = px.max(axis=1), px.min(axis=1)
    chroma, light = top - low, (top + low) / 2
    r, g, b = px[:, 0], px[:, 1], px[:, 2]
    safe = np.where(chroma > 0, chroma, 1.0)
    hue = np.select([top == r, top == g], [((g - b) / safe) % 6, (b - r) / safe + 2], (r - g) / safe + 4) * 60
    limits = np.array([limit for limit, _ in HUE_BINS], dtype=np.float32)
    names = np.array([_INDEX[name] for _, name in HUE_BINS])[np.searchsorted(limits, hue, side="right")
                                                          .clip(0, len(HUE_BINS) - 1)]
    names = np.where((names == _INDEX["orange"]) & (light < 0.35), _INDEX["brown"], names)
    names = np.where((names == _INDEX["red"]) & (light > 0.7), _INDEX["pink"], names)
    names = np.where((names == _INDEX["yellow"]) & (top < OLIVE), UNNAMED, names)
    edges = limits[:-1]  # 0/360 is red on both sides
    near_edge = np.abs(hue[:, None] - edges[None, :]).min(axis=1) < HUE_MARGIN
    names = np.where(near_edge, UNNAMED, names)
    neutral = np.where(top < 0.25, _INDEX["black"], np.where(low > 0.8, _INDEX["white"], _INDEX["grey"]))
    return np.where((chroma < CHROMA_MIN) | (top < DARK), neutral, names), chroma


def _grid(image: Image.Image, box: Box, size: int) -> np.ndarray:
    width, height = image.size
    x0, y0 = int(box[0] * width), int(box[1] * height)
    x1, y1 = max(x0 + 1, int(box[2] * width)), max(y0 + 1, int(box[3] * height))
    return np.asarray(image.crop((x0, y0, x1, y1)).resize((size, size), Image.Resampling.BOX))


def _ring(image: Image.Image, box: Box) -> np.ndarray | None:
    """The pixels of the band around `box` (clipped to the image), or None when there is too little."""
    x0, y0, x1, y1 = box
    dx, dy = RING * (x1 - x0), RING * (y1 - y0)
    outer = (max(0.0, x0 - dx), max(0.0, y0 - dy), min(1.0, x1 + dx), min(1.0, y1 + dy))
    cells = _grid(image, outer, RING_GRID)
    step_x, step_y = (outer[2] - outer[0]) / RING_GRID, (outer[3] - outer[1]) / RING_GRID
    xs = outer[0] + (np.arange(RING_GRID) + 0.5) * step_x
    ys = outer[1] + (np.arange(RING_GRID) + 0.5) * step_y
    inside = ((xs[None, :] >= x0) & (xs[None, :] <= x1)) & ((ys[:, None] >= y0) & (ys[:, None] <= y1))
    ring = cells[~inside]
    return ring if len(ring) >= MIN_RING else None


def _shares(names: np.ndarray) -> np.ndarray:
    return np.bincount(names, minlength=UNNAMED + 1) / max(1, len(names))


def _readable(image: Image.Image, box: Box) -> bool:
    """Big enough to read a colour from."""
    bw, bh = box[2] - box[0], box[3] - box[1]
    return bw * bh >= MIN_AREA and min(bw * image.size[0], bh * image.size[1]) >= MIN_SIDE


def box_colour(image: Image.Image, box: Box) -> str | None:
    """The colour of the thing in `box` (fractions of the image), or None when it is not clear."""
    if not _readable(image, box):
        return None
    bw, bh = box[2] - box[0], box[3] - box[1]
    margin = (1 - INNER) / 2
    middle = (box[0] + margin * bw, box[1] + margin * bh, box[2] - margin * bw, box[3] - margin * bh)
    names, chroma = pixel_names(_grid(image, middle, GRID))
    keep = np.ones(len(names), dtype=bool)
    ring = _ring(image, box)
    if ring is not None:
        background = _shares(names) < BACKGROUND_RATIO * _shares(pixel_names(ring)[0])
        keep = ~background[names]
    if keep.mean() < MIN_LEFT:
        return None
    kept, kept_chroma = names[keep], chroma[keep]
    neutral = np.isin(kept, list(NEUTRAL))
    coloured = kept[~neutral]
    if len(coloured) >= COLOURED_MIN * len(kept):
        ranked = _ranked(coloured)
        if (ranked and ranked[0][1] >= COLOUR_SHARE * len(coloured)
                and (len(ranked) == 1 or ranked[0][1] >= RUNNER_UP * ranked[1][1])
                and ranked[0][0] == _ranked(names[~np.isin(names, list(NEUTRAL))])[0][0]):
            return NAMES[ranked[0][0]]
        return None
    if len(coloured) <= NEUTRAL_COLOURED_MAX * len(kept):
        name, count = _ranked(kept)[0]
        if (count >= NEUTRAL_SHARE * len(kept) and np.mean(names == name) >= NEUTRAL_SHARE
                and float(kept_chroma[kept == name].mean()) < NEUTRAL_CHROMA):
            return NAMES[name]
    return None


def _ranked(names: np.ndarray) -> list[tuple[int, int]]:
    """(name, pixels) commonest first, UNNAMED left out."""
    return Counter(int(n) for n in names if n != UNNAMED).most_common()


def thing_colours(image: Image.Image, obj: SceneObject) -> list[str | None]:
    """Per box, largest first: its colour, or None where it is not clear (or the box too small)."""
    if obj.word in NOT_READ:
        return []
    boxes = sorted(obj.boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1]))
    return [box_colour(image, b) for b in boxes]


def colour_sentence(obj: SceneObject, colours: Sequence[str | None], words: Words,
                    asked: Sequence[str] = ()) -> str | None:
    """"The car looks red.", "The two cars look white.", "One car looks red and one white." (and
    a sentence for those it cannot tell), in the words' language; None when none is clear.
    `asked`: the one colour a yes-or-no question names ("Is the car red?" -> "Yes: the car looks
    red." / "No: the car looks blue."); a mixed answer stays as it is."""
    said = _said(obj, colours, words)
    named = {c for c in colours if c is not None}
    if said is None or len(asked) != 1:
        return said
    inner = said if words.zh else said[0].lower() + said[1:]
    if named == {asked[0]}:
        return words.tr("Yes: {said}", said=inner)
    if asked[0] not in named:
        return words.tr("No: {said}", said=inner)
    return said


def _said(obj: SceneObject, colours: Sequence[str | None], words: Words) -> str | None:
    named = [c for c in colours if c is not None]
    if not named:
        return None
    groups = Counter(named).most_common()
    if len(colours) > render_en.EXACT_UP_TO:  # a crowd: no exact numbers, as the counts say
        things = words.many(obj.word)
        if len(groups) == 1 and len(named) == len(colours):
            return words.tr("The {things} I can make out all look {colour}.", things=things,
                            colour=words.colour(groups[0][0]))
        if groups[0][1] * 3 >= 2 * len(colours):
            return words.tr("Most of the {things} I can make out look {colour}.", things=things,
                            colour=words.colour(groups[0][0]))
        return None
    if len(colours) == 1:
        thing = render_zh.noun(obj.word) if words.zh else obj.word
        return words.tr("The {thing} looks {colour}.", thing=thing, colour=words.colour(named[0]))
    if len(groups) == 1 and len(named) == len(colours):
        return words.tr("The {things} look {colour}.", things=words.exact(replace(obj, count=len(colours))),
                        colour=words.colour(named[0]))
    shown = groups[:MAX_GROUPS]
    said = _listed(obj.word, shown, words)
    if sum(count for _, count in shown) < len(colours):
        said = words.join(said, words.tr("I can't tell the colour of the rest."))
    return said


def _listed(word: str, groups: Sequence[tuple[str, int]], words: Words) -> str:
    """"One car looks red, one white and one blue." / "一辆汽车看起来是红色的，一辆是白色的。"."""
    if words.zh:
        noun, measure, _ = render_zh.entry(word)
        measure = measure or "个"
        numbers = render_zh.table()["numbers"]
        parts = [f"{numbers[n]}{measure}{noun}看起来是{render_zh.colour(c)}的" if i == 0
                 else f"{numbers[n]}{measure}是{render_zh.colour(c)}的" for i, (c, n) in enumerate(groups)]
        return "，".join(parts) + "。"
    first_colour, first = groups[0]
    noun = word if first == 1 else render_en.plural(word)
    parts = [f"{render_en.NUMBERS[first].capitalize()} {noun} {'looks' if first == 1 else 'look'} {first_colour}"]
    parts += [f"{render_en.NUMBERS[n]} {c}" for c, n in groups[1:]]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return listed + "."


# Living things keep their plain word in the sentence: fur and feathers are patterned, and a
# "brown dog" that is brindle would be a confident error in the one sentence everyone hears.
NOT_IN_SENTENCE = NOT_READ | ANIMALS | {"animal"}


def with_main_colour(scene: Scene, image: Image.Image) -> Scene:
    """The scene with its main thing's colour ("a red motorcycle") when that is clear: one sure,
    detector-boxed, non-living thing whose box_colour is unambiguous; otherwise unchanged."""
    main = scene.main
    if (main is None or not main.sure or main.source is not Source.DETECTOR or main.count != 1
            or main.more_possible or len(main.boxes) != 1 or main.word in NOT_IN_SENTENCE
            or scene.greyscale or scene.graphic):
        return scene
    found = box_colour(image, main.boxes[0])
    if found is None:
        return scene
    return replace(scene, objects=(replace(main, colour=found), *scene.objects[1:]))
