"""The NumPy/Pillow pixel operations that replaced OpenCV in the text side."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pytest

from alttext_app.core.builtin.text_pixels import close, connected_components, pgm_bytes
from alttext_app.core.builtin.text_prep import background

ROOT = Path(__file__).resolve().parents[2]


def _flood_components(mask: np.ndarray) -> list[tuple[int, int, int, int, int]]:
    """Reference: plain 8-connected flood fill, (x, y, w, h, area) per component."""
    seen = np.zeros_like(mask, dtype=bool)
    out = []
    h, w = mask.shape
    for y0, x0 in zip(*np.nonzero(mask), strict=True):
        if seen[y0, x0]:
            continue
        stack, pixels = [(y0, x0)], []
        seen[y0, x0] = True
        while stack:
            y, x = stack.pop()
            pixels.append((y, x))
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        stack.append((ny, nx))
        ys, xs = zip(*pixels, strict=True)
        out.append((min(xs), min(ys), max(xs) - min(xs) + 1, max(ys) - min(ys) + 1, len(pixels)))
    return sorted(out)


@pytest.mark.parametrize("seed", range(12))
def test_components_match_a_flood_fill(seed: int) -> None:
    rng = np.random.default_rng(seed)
    h, w = (int(v) for v in rng.integers(1, 40, size=2))
    mask = rng.random((h, w)) < rng.uniform(0.1, 0.7)
    found = connected_components(mask)
    boxes = sorted(
        zip(found.x[1:].tolist(), found.y[1:].tolist(), found.w[1:].tolist(),
            found.h[1:].tolist(), found.area[1:].tolist(), strict=True)
    )
    assert boxes == [tuple(int(v) for v in b) for b in _flood_components(mask)]
    assert found.count == len(boxes) + 1
    # The label image marks exactly the mask, one label per component.
    assert ((found.labels > 0) == mask).all()
    assert len(np.unique(found.labels[mask])) == len(boxes)


def test_diagonal_touch_joins_and_empty_mask() -> None:
    mask = np.array([[1, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=bool)
    assert connected_components(mask).count == 2
    empty = connected_components(np.zeros((4, 5), dtype=bool))
    assert empty.count == 1 and empty.labels.shape == (4, 5) and not empty.labels.any()


def test_close_bridges_short_gaps_only() -> None:
    row = np.array([[1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1]], dtype=bool)
    # A window of n (odd) pixels bridges gaps of up to n - 1 pixels.
    assert close(row, 3, axis=1).astype(int).tolist() == [[1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 1]]
    assert close(row.T, 3, axis=0)[:6, 0].all() and not close(row.T, 3, axis=0)[7, 0]


def test_background_ignores_letters() -> None:
    page = np.full((120, 200, 3), 230, dtype=np.uint8)
    page[40:52, 20:180:6] = 20  # thin dark strokes: text
    bg = background(page, 41)
    assert bg.shape == page.shape
    assert np.abs(bg.astype(int) - 230).max() <= 2


def test_pgm_header() -> None:
    data = pgm_bytes(np.zeros((3, 4), dtype=np.uint8))
    assert data.startswith(b"P5\n4 3\n255\n") and len(data) == len(b"P5\n4 3\n255\n") + 12


def test_no_opencv_anywhere_in_the_app() -> None:
    """OpenCV is not a dependency any more (it was 152 MB of the bundle)."""
    for path in (ROOT / "alttext_app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(n.split(".")[0] == "cv2" for n in names), path
