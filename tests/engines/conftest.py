"""Tiny models and their ONNX exports, built once per test session (they take seconds each)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))
import tiny_models  # noqa: E402

IMAGES_DIR = Path(__file__).parents[1] / "data" / "images"
PHOTOS = ("chelsea", "astronaut", "rocket", "motorcycle_left", "hubble_deep_field", "camera",
          "page", "coffee")
FAMILIES = ("vit_gpt2", "blip")


def photos() -> list[Image.Image]:
    return [Image.open(IMAGES_DIR / f"{name}.jpg").convert("RGB") for name in PHOTOS]


@pytest.fixture(scope="session")
def real_photos() -> list[Image.Image]:
    return photos()


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory):
    """family name -> a tiny Hugging Face model folder (built on first use)."""
    base = tmp_path_factory.mktemp("tiny_models")
    built: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in built:
            built[name] = getattr(tiny_models, f"make_{name}")(base / name)
        return built[name]

    return get


@pytest.fixture(scope="session")
def tiny_export(tiny_model_dir, tmp_path_factory):
    """(family name, quantize) -> an ONNX export of the tiny model, parity-checked on real photos."""
    from alttext_app.core.engines.export import export_model

    base = tmp_path_factory.mktemp("tiny_exports")
    built: dict[tuple[str, str | None], Path] = {}

    def get(name: str, quantize: str | None = None) -> Path:
        key = (name, quantize)
        if key not in built:
            out = base / f"{name}-{quantize or 'fp32'}"
            # Random tiny weights: no agreement floor, or every quantised export would fall back.
            built[key] = export_model(tiny_model_dir(name), out, quantize=quantize, images=photos()[:3],
                                      min_agreement=0.0)
        return built[key]

    return get
