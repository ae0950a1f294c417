"""A small learning-curve PNG drawn with Pillow (no plotting library): losses and exact match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw

W, H, PAD = 560, 300, 44
SERIES = (("train_loss", (200, 60, 40)), ("val_loss", (40, 90, 200)))
ACCURACY = (40, 150, 60)


def _points(values: list[float], top: float) -> list[tuple[float, float]]:
    n = max(len(values) - 1, 1)
    return [(PAD + (W - 2 * PAD) * i / n, H - PAD - (H - 2 * PAD) * v / top) for i, v in enumerate(values)]


def learning_curve(history: list[dict[str, Any]], path: Path, title: str = "") -> Path:
    image = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((PAD, PAD, W - PAD, H - PAD), outline=(120, 120, 120))
    top = max([r[k] for r in history for k, _ in SERIES if r.get(k) is not None] + [1e-6]) * 1.05
    for key, colour in SERIES:
        values = [float(r[key]) for r in history]
        if len(values) > 1:
            draw.line(_points(values, top), fill=colour, width=2)
    exact = [float(r.get("greedy", {}).get("exact_match", 0.0)) for r in history]
    if len(exact) > 1:  # right axis: 0..1
        draw.line(_points(exact, 1.0), fill=ACCURACY, width=2)
    draw.text((PAD, 8), title or "Learning curve", fill="black")
    draw.text((PAD, 24), "train loss", fill=SERIES[0][1])
    draw.text((PAD + 80, 24), "validation loss", fill=SERIES[1][1])
    draw.text((PAD + 200, 24), "validation exact match (right axis, 0-100 %)", fill=ACCURACY)
    draw.text((4, PAD - 6), f"{top:.2f}", fill="black")
    draw.text((12, H - PAD - 6), "0", fill="black")
    draw.text((W - PAD + 4, PAD - 6), "100%", fill=ACCURACY)
    draw.text((PAD, H - PAD + 8), "epoch 1", fill="black")
    draw.text((W - PAD - 50, H - PAD + 8), f"epoch {len(history)}", fill="black")
    image.save(path, optimize=True)
    return path
