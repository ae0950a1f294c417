"""Outdoor layout from pixels: sky, vegetation and water, with cheap numpy on the decoded image.

ImageNet has no class for most landscapes (a forest path, a storm over fields, a lone tree), so
the classifier spreads its probability thin there and the describer had nothing to say. Scene
layout has simple, well-known colour and texture cues (as in early outdoor-scene labelling,
e.g. Vailaya et al. 2001; Hoiem et al. 2005 "geometric context": sky is smooth, bright and at the
top; vegetation is green and textured; water is a smooth band below the horizon that mirrors the
sky's colour). Each cue is measured on a coarse grid of cells (a 128 px wide copy of the image);
`Layout` holds the shares, and `scene_build` turns them into claims only where the evidence is
strong, hedged otherwise. Nothing here names an object.

Cell tests (on mean colour in HSV and luminance texture = mean absolute gradient, 0..255):
- sky: smooth (texture < SKY_TEXTURE), and blue (hue 185-255 deg, saturation >= 0.12), or
  bright grey/white cloud, or a dusk hue (purple, pink, orange) that is smooth and not dark,
  or a dark slate storm grey; connected to the top edge through other sky cells.
- vegetation: green-yellow hue (55-165 deg), saturation >= 0.18, not black, textured.
- water: below the sky, smooth, its colour close to the sky's (a reflection) or blue, spanning
  most of the width, with a horizon (a row change) between them.
- petals: strong, non-green colour (saturation >= PETAL_SAT) in the middle half of the frame: what
  a bloom filling a close-up looks like (its leaves and the blurred garden behind are green or dull).
- warm texture: textured cells in autumn-leaf colours (red, orange, yellow, brown): fallen leaves.
- sky cells anywhere (blue or white cloud, smooth): what surrounds a kite, a bird or a plane in flight.
On a 256 px grey copy: long straight lines (edges running a quarter of the width or height: what
walls, window rows and roofs make, and foliage, fur and clouds do not), and stars (isolated
bright peaks on a mostly black frame).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

import numpy as np
from PIL import Image

GRID_W = 128  # analysis copy width; cells of CELL x CELL pixels
CELL = 8
SKY_TEXTURE = 7.0  # mean |gradient| (0..255) below which a cell is smooth enough for sky
CLOUD_TEXTURE = 14.0  # clouds are softer edges: allowed when bright and grey
GREEN_TEXTURE = 6.0  # vegetation shows leaf, needle and grass-blade texture
PETAL_SAT = 0.45  # petals are strongly coloured; skin, wood, sand and walls stay below


class SkyKind(Enum):
    BLUE = "blue sky"
    GREY = "grey sky"  # white or grey: overcast, haze
    DARK = "dark sky"  # storm clouds, night falling
    DUSK = "dusk sky"  # purple, pink or orange: sunset and dusk


@dataclass(frozen=True)
class Layout:
    sky: float = 0.0  # share of the image that is sky connected to the top edge
    sky_kind: SkyKind | None = None
    sky_top: float = 0.0  # share of the top row of cells that is sky
    sky_bottom: float = 0.0  # share of the bottom row that is "sky": a backdrop, not a sky
    vegetation: float = 0.0  # share of green textured cells
    vegetation_high: float = 0.0  # share of cells beside the sky rows that are vegetation (trees)
    vegetation_low: float = 0.0  # share of the bottom third that is vegetation (grass, fields)
    water: float = 0.0  # share of the image that is a smooth band below the horizon
    lone_tree: bool = False  # the vegetation that rises into the sky is one clump with sky both sides
    long_lines: int = 0  # straight edges running a quarter of the image: walls, windows, roofs
    stars: int = 0  # small isolated bright points on a mostly black frame: a starry sky
    greyscale: bool = False
    petals: float = 0.0  # share of the middle half's cells in a strong non-green colour
    warm_texture: float = 0.0  # share of textured cells in autumn colours (red, orange, brown)
    # Cells (rows x cols) that are blue sky or white cloud anywhere, not only from the top edge.
    sky_cells: np.ndarray | None = field(default=None, compare=False, repr=False)

    def sky_around(self, box: tuple[float, float, float, float]) -> float:
        """Share of the cells in a ring around a box (fractions x0, y0, x1, y1) that are sky or
        cloud: 1.0 for a kite or a bird with nothing but sky about it."""
        if self.sky_cells is None:
            return 0.0
        rows, cols = self.sky_cells.shape
        c0, c1 = int(box[0] * cols), min(cols, int(np.ceil(box[2] * cols)))
        r0, r1 = int(box[1] * rows), min(rows, int(np.ceil(box[3] * rows)))
        pad_c, pad_r = max(1, (c1 - c0) // 2), max(1, (r1 - r0) // 2)
        ring = np.zeros_like(self.sky_cells)
        ring[max(0, r0 - pad_r):r1 + pad_r, max(0, c0 - pad_c):c1 + pad_c] = True
        ring[r0:r1, c0:c1] = False
        return float(self.sky_cells[ring].mean()) if ring.any() else 0.0

    @property
    def outdoor(self) -> bool:
        """Sky at the top with something else below it: a view outdoors."""
        return (not self.greyscale and 0.12 <= self.sky <= 0.9 and self.sky_top >= 0.6
                and self.sky_bottom < 0.3)


def _hsv(rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """rgb (..., 3) in 0..1 -> hue in degrees, saturation, value."""
    mx, mn = rgb.max(axis=-1), rgb.min(axis=-1)
    delta = mx - mn
    sat = np.where(mx > 0, delta / np.maximum(mx, 1e-6), 0.0)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    safe = np.maximum(delta, 1e-6)
    hue = np.where(mx == r, ((g - b) / safe) % 6, np.where(mx == g, (b - r) / safe + 2, (r - g) / safe + 4))
    return np.where(delta > 1e-6, hue * 60.0, 0.0), sat, mx


def _cells(image: Image.Image) -> tuple[np.ndarray, np.ndarray]:
    """(mean rgb per cell 0..1, texture per cell)."""
    width, height = image.size
    rows = max(2, round(GRID_W * height / max(width, 1) / CELL))
    small = image.convert("RGB").resize((GRID_W, rows * CELL), Image.Resampling.BOX)
    arr = np.asarray(small, dtype=np.float32)
    lum = arr @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    gx = np.zeros_like(lum)
    gy = np.zeros_like(lum)
    gx[:, 1:] = np.abs(np.diff(lum, axis=1))
    gy[1:, :] = np.abs(np.diff(lum, axis=0))
    cols = GRID_W // CELL
    texture = (gx + gy).reshape(rows, CELL, cols, CELL).mean(axis=(1, 3))
    colour = arr.reshape(rows, CELL, cols, CELL, 3).mean(axis=(1, 3)) / 255.0
    return colour, texture


LINE_WIDTH = 256  # grey copy for lines and stars
LINE_EDGE = 16.0  # grey-level step across two pixels that counts as an edge
LINE_SHARE = 0.25  # a line runs at least this share of the image's width (or height)
STAR_DARK = 40.0  # background grey level of a night sky
STAR_STEP = 60.0  # a star stands this far above its surroundings


def _longest_runs(mask: np.ndarray) -> np.ndarray:
    """Longest run of True in each row of a 2-D bool array (vectorised)."""
    rows, cols = mask.shape
    padded = np.zeros((rows, cols + 2), dtype=np.int8)
    padded[:, 1:-1] = mask
    flat = np.diff(padded.ravel())
    starts, ends = np.flatnonzero(flat == 1), np.flatnonzero(flat == -1)
    longest = np.zeros(rows, dtype=np.int64)
    if starts.size:
        np.maximum.at(longest, starts // (cols + 2), ends - starts)
    return longest


def _line_count(long_rows: np.ndarray) -> int:
    """Adjacent rows of one thick edge are one line."""
    return int(np.sum(np.diff(np.concatenate([[0], long_rows.astype(np.int8)])) == 1))


def _lines_and_stars(image: Image.Image) -> tuple[int, int]:
    width, height = image.size
    rows = max(8, round(LINE_WIDTH * height / max(width, 1)))
    grey = np.asarray(image.convert("L").resize((LINE_WIDTH, rows), Image.Resampling.BOX), dtype=np.float32)
    across = np.abs(grey[2:] - grey[:-2]) > LINE_EDGE  # horizontal edges, row by row
    down = (np.abs(grey[:, 2:] - grey[:, :-2]) > LINE_EDGE).T  # vertical edges, column by column
    lines = (_line_count(_longest_runs(across) >= LINE_SHARE * LINE_WIDTH)
             + _line_count(_longest_runs(down) >= LINE_SHARE * rows))
    stars = 0
    if float((grey < STAR_DARK).mean()) >= 0.6 and rows >= 9:
        core = grey[1:-1, 1:-1]
        peak = np.ones_like(core, dtype=bool)
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if dy or dx:
                    peak &= core > grey[1 + dy:rows - 1 + dy, 1 + dx:LINE_WIDTH - 1 + dx]
        # Surroundings: the mean of a 9x9 box from an integral image, a star barely lifts it.
        summed = np.pad(grey, ((5, 4), (5, 4)), mode="edge").cumsum(0).cumsum(1)
        box = (summed[9:, 9:] - summed[:-9, 9:] - summed[9:, :-9] + summed[:-9, :-9]) / 81.0
        stars = int((peak & (core - box[1:-1, 1:-1] >= STAR_STEP) & (box[1:-1, 1:-1] < STAR_DARK)).sum())
    return lines, stars


def _shrink(image: Image.Image) -> Image.Image:
    """RGB, reduced by an integer box factor to about 256 px on the short side first: a
    14-megapixel photo took 90 ms to resize straight to the analysis sizes (and converting an
    image that is already RGB copies all of it)."""
    factor = min(image.size) // 256
    if image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert("RGB")
    if factor >= 2:
        image = image.reduce(factor)
    return image if image.mode == "RGB" else image.convert("RGB")


def analyse(image: Image.Image) -> Layout:
    """The layout cues for one photo (a few milliseconds)."""
    image = _shrink(image)
    colour, texture = _cells(image)
    lines, stars = _lines_and_stars(image)
    hue, sat, val = _hsv(colour)
    rows, cols = hue.shape
    grey = bool(float(np.percentile(sat, 95)) < 0.08)
    blue = (hue >= 185) & (hue <= 255) & (sat >= 0.12) & (val >= 0.3) & (texture < SKY_TEXTURE)
    cloud = (sat < 0.18) & (val >= 0.55) & (texture < CLOUD_TEXTURE)
    dusk = (((hue >= 255) | (hue <= 45)) & (sat >= 0.12) & (val >= 0.35)
            & (texture < SKY_TEXTURE))
    storm = (sat < 0.35) & (val >= 0.18) & (val < 0.55) & (hue >= 190) & (hue <= 250) & (
        texture < SKY_TEXTURE)
    skyish = blue | cloud | dusk | storm
    sky = np.zeros_like(skyish)
    sky[0] = skyish[0]
    for r in range(1, rows):  # grow down from the top edge through sky-like cells
        sky[r] = skyish[r] & (sky[r - 1] | np.roll(sky[r - 1], 1) | np.roll(sky[r - 1], -1))
    green = (hue >= 55) & (hue <= 165) & (sat >= 0.18) & (val >= 0.08) & (texture >= GREEN_TEXTURE)
    # Dark conifer needles and shaded leaves: low value but still green-dominant and textured.
    green |= (colour[..., 1] >= colour[..., 0]) & (colour[..., 1] >= colour[..., 2] * 0.95) & (
        val >= 0.06) & (val < 0.3) & (texture >= GREEN_TEXTURE) & (sat >= 0.15)
    share = float(sky.mean())
    sky_rows = sky.any(axis=1)
    horizon = int(np.nonzero(sky_rows)[0].max()) + 1 if sky_rows.any() else 0
    kind = _sky_kind(colour[sky], colour[horizon - 1][sky[horizon - 1]]) if horizon else None
    beside = ~sky[:horizon]
    high = float((green[:horizon] & beside).sum() / max(1, beside.sum())) if horizon else 0.0
    low = float(green[rows - max(1, rows // 3):].mean())
    water = _water(colour, texture, sky, horizon)
    # (a smooth blue sky is as strongly coloured, but no bloom)
    petal = (sat >= PETAL_SAT) & (val >= 0.35) & ~((hue >= 55) & (hue <= 165)) & ~blue
    warm = ((hue <= 50) | (hue >= 340)) & (sat >= 0.35) & (val >= 0.15) & (texture >= GREEN_TEXTURE)
    return Layout(
        sky=share, sky_kind=kind, sky_top=float(sky[0].mean()), vegetation=float(green.mean()),
        vegetation_high=high, vegetation_low=low, water=water, greyscale=grey,
        sky_bottom=float(sky[-1].mean()), lone_tree=_lone_tree(green[:horizon], sky[:horizon]),
        long_lines=lines, stars=stars, petals=float(petal[rows // 4:rows - rows // 4, cols // 4:cols - cols // 4].mean()),
        warm_texture=float(warm.mean()), sky_cells=blue | cloud,
    )


def _sky_kind(cells: np.ndarray, lowest: np.ndarray) -> SkyKind:
    """What colour the sky is, from its cells' mean colour; a sky whose lowest row glows purple,
    pink or orange is a dusk sky even when it is blue overhead."""
    hue, sat, val = (float(v) for v in _hsv(cells.mean(axis=0)))
    low_hue, low_sat, _ = (float(v) for v in _hsv(lowest.mean(axis=0)))
    if low_sat >= 0.1 and (low_hue >= 255 or low_hue <= 45) or sat >= 0.12 and (hue >= 255 or hue <= 45):
        return SkyKind.DUSK
    if 185 <= hue < 255 and (sat >= 0.5 or sat >= 0.25 and val >= 0.65):
        return SkyKind.BLUE
    return SkyKind.DARK if val < 0.6 else SkyKind.GREY


def _lone_tree(green: np.ndarray, sky: np.ndarray) -> bool:
    """Above the horizon, the columns with vegetation form one run that does not touch either
    edge, and there is sky on both sides of it: one tree (or one clump) against the sky."""
    if green.size == 0:
        return False
    columns = green.any(axis=0)
    if not columns.any() or columns[0] or columns[-1]:
        return False
    runs = np.flatnonzero(np.diff(columns.astype(np.int8)) == 1).size
    first, last = np.flatnonzero(columns)[[0, -1]]
    return bool(runs == 1 and sky[:, :first].any() and sky[:, last + 1:].any())


def _water(colour: np.ndarray, texture: np.ndarray, sky: np.ndarray, horizon: int) -> float:
    """Share of the image in smooth rows below the horizon whose colour is the sky's (a
    reflection) or blue, each row spanning most of the width."""
    rows = colour.shape[0]
    if not sky.any() or horizon >= rows - 1:
        return 0.0
    sky_colour = colour[sky].mean(axis=0)
    hue, sat, val = _hsv(colour)
    below = colour[horizon:]
    close = np.abs(below - sky_colour).max(axis=-1) < 0.18
    bluish = (hue[horizon:] >= 185) & (hue[horizon:] <= 255) & (sat[horizon:] >= 0.15)
    smooth = texture[horizon:] < SKY_TEXTURE * 1.5
    cell = (close | bluish) & smooth
    full_rows = cell.mean(axis=1) >= 0.7
    return float(full_rows.sum() / rows)
