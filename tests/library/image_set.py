"""A reproducible set of many distinct images made at run time from the package-shipped photos
(tests/data/images): crops, flips, turns, sizes and file formats vary per image. Never committed:
tests and benchmarks write them under a temporary folder.

    python tests/library/image_set.py OUT_DIR COUNT
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageOps

PHOTOS = Path(__file__).resolve().parents[1] / "data" / "images"
FORMATS = (("jpg", "JPEG"), ("png", "PNG"), ("webp", "WEBP"))


def make_image_set(out_dir: str | Path, count: int, size: int = 160, seed: int = 15) -> list[Path]:
    """`count` images in `out_dir` (in sub-folders of 250, like a photo library), sorted paths."""
    out_dir = Path(out_dir)
    rng = random.Random(seed)
    sources = [Image.open(p).convert("RGB") for p in sorted(PHOTOS.glob("*.jpg"))]
    paths = []
    for number in range(count):
        image = sources[number % len(sources)]
        width, height = image.size
        scale = rng.uniform(0.6, 1.0)
        w, h = int(width * scale), int(height * scale)
        left, top = rng.randint(0, width - w), rng.randint(0, height - h)
        variant = image.crop((left, top, left + w, top + h))
        if rng.random() < 0.5:
            variant = ImageOps.mirror(variant)
        variant.thumbnail((size, size))
        suffix, fmt = FORMATS[number % len(FORMATS)]
        folder = out_dir / f"album-{number // 250:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"img-{number:05d}.{suffix}"
        variant.save(path, fmt, quality=85) if fmt != "PNG" else variant.save(path, fmt)
        paths.append(path)
    return sorted(paths)


if __name__ == "__main__":
    made = make_image_set(sys.argv[1], int(sys.argv[2]))
    print(f"{len(made)} images in {sys.argv[1]}")
