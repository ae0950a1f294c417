"""Shared fixtures: the built-in describer is loaded once per test session (about a second)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

PHOTOS = Path(__file__).resolve().parents[1] / "data" / "eval" / "photos"


def _open_photo(name: str) -> Image.Image:
    with Image.open(PHOTOS / name) as img:
        return img.convert("RGB")


@pytest.fixture(scope="session")
def photo():
    """photo("chelsea.jpg") -> an RGB image from tests/data/eval/photos/."""
    return _open_photo


@pytest.fixture(scope="session")
def photos_dir() -> Path:
    return PHOTOS


@pytest.fixture(scope="session")
def describer():
    from alttext_app.core.builtin import load_builtin

    captioner = load_builtin()
    yield captioner
    captioner.close()
