"""A synthetic captioning set: rendered scenes of coloured shapes with their captions.

Each scene holds one or two groups of 1–3 identical shapes. A group sits wholly in one of four
regions cut by the picture's diagonals (the shape's centre is nearest that edge, with a margin), so
every caption is determined by its image: with halves instead, one circle in the top-left corner
would be both "on the left" and "at the top", and no model could learn which the caption says.
Captions follow one template, groups in reading order (left before right, top before bottom):
"two red circles on the left and one blue square on the right". Everything comes from
one seed, so the same call gives the same images and captions; nothing is stored in the repository.
Written as a folder with captions.jsonl whose rows carry their split ("train", "val", "test").
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 224
COLOURS = {
    "red": (220, 40, 40), "green": (40, 170, 60), "blue": (40, 80, 220),
    "yellow": (235, 200, 30), "purple": (140, 60, 180),
}
SHAPES = ("circle", "square", "triangle")
COUNTS = ("one", "two", "three")
PLACES = {  # name -> box (x0, y0, x1, y1) to sample from; `_edge_distances` decides the region
    "on the left": (0, 0, SIZE // 2, SIZE), "on the right": (SIZE // 2, 0, SIZE, SIZE),
    "at the top": (0, 0, SIZE, SIZE // 2), "at the bottom": (0, SIZE // 2, SIZE, SIZE),
}
PAIRS = (("on the left", "on the right"), ("at the top", "at the bottom"))


@dataclass(frozen=True)
class Group:
    count: int
    colour: str
    shape: str
    place: str

    def phrase(self) -> str:
        noun = self.shape + ("s" if self.count > 1 else "")
        return f"{COUNTS[self.count - 1]} {self.colour} {noun} {self.place}"


def caption(groups: list[Group]) -> str:
    return " and ".join(g.phrase() for g in groups)


def random_scene(rng: random.Random) -> list[Group]:
    kinds = rng.sample([(c, s) for c in COLOURS for s in SHAPES], 2)
    if rng.random() < 0.5:
        colour, shape = kinds[0]
        return [Group(rng.randint(1, 3), colour, shape, rng.choice(list(PLACES)))]
    return [Group(rng.randint(1, 3), c, s, place) for (c, s), place in zip(kinds, rng.choice(PAIRS), strict=True)]


def _draw_shape(draw: ImageDraw.ImageDraw, shape: str, cx: float, cy: float, r: float, fill) -> None:
    if shape == "circle":
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=fill)
    elif shape == "square":
        s = r * 0.9
        draw.rectangle((cx - s, cy - s, cx + s, cy + s), fill=fill)
    else:
        draw.polygon([(cx, cy - r), (cx - r, cy + r * 0.8), (cx + r, cy + r * 0.8)], fill=fill)


def _edge_distances(x: float, y: float) -> dict[str, float]:
    return {"on the left": x, "on the right": SIZE - x, "at the top": y, "at the bottom": SIZE - y}


def _inside(place: str, x: float, y: float, r: float) -> bool:
    """The whole shape is in the place's diagonal region: its edge is nearer than any other by
    more than the shape's size (distance between diagonals grows as |d1 - d2| / sqrt 2)."""
    dist = _edge_distances(x, y)
    return all(dist[place] + 1.5 * r + 4 < d for name, d in dist.items() if name != place)


def render(groups: list[Group], rng: random.Random) -> Image.Image:
    shade = rng.randint(215, 250)
    image = Image.new("RGB", (SIZE, SIZE), (shade, shade - rng.randint(0, 10), shade - rng.randint(0, 10)))
    draw = ImageDraw.Draw(image)
    placed: list[tuple[float, float, float]] = []
    for group in groups:
        x0, y0, x1, y1 = PLACES[group.place]
        fill = tuple(max(0, min(255, v + rng.randint(-20, 20))) for v in COLOURS[group.colour])
        for _ in range(group.count):
            for _attempt in range(200):  # rejection sampling: shapes never overlap
                r = rng.uniform(13, 20)
                cx, cy = rng.uniform(x0 + r + 2, x1 - r - 2), rng.uniform(y0 + r + 2, y1 - r - 2)
                if _inside(group.place, cx, cy, r) and all(
                    (cx - px) ** 2 + (cy - py) ** 2 > (r + pr + 4) ** 2 for px, py, pr in placed
                ):
                    break
            placed.append((cx, cy, r))
            _draw_shape(draw, group.shape, cx, cy, r, fill)
    return image


def generate(out_dir: str | Path, sizes: dict[str, int], seed: int = 0) -> Path:
    """Write `sizes[split]` scenes per split into out_dir (PNG + captions.jsonl); return out_dir."""
    out = Path(out_dir)
    (out / "images").mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rows = []
    for split, count in sizes.items():
        for i in range(count):
            groups = random_scene(rng)
            name = f"images/{split}-{i:05d}.png"
            render(groups, rng).save(out / name, optimize=False, compress_level=1)
            rows.append({"image": name, "caption": caption(groups), "split": split})
    with (out / "captions.jsonl").open("w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row) + "\n" for row in rows)
    return out
