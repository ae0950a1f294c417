"""The numpy/PIL preprocessing equals transformers' image processors exactly, on real photos."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from tiny_models import BLIP_PREPROCESSOR, VIT_GPT2_PREPROCESSOR

from alttext_app.core.engines.preprocess import ImagePreprocessor

# A CLIP-style config (shortest edge + centre crop), as GIT uses: covers the other resize path.
CLIP_STYLE = {
    "crop_size": 224, "do_center_crop": True, "do_normalize": True, "do_resize": True,
    "image_mean": [0.48145466, 0.4578275, 0.40821073],
    "image_std": [0.26862954, 0.26130258, 0.27577711],
    "resample": 3, "size": {"shortest_edge": 224},
}


def _transformers_pixels(cls_name: str, config: dict, image: Image.Image) -> np.ndarray:
    import transformers

    cls = getattr(transformers, cls_name)
    cfg = {k: v for k, v in config.items() if k not in ("image_processor_type", "processor_class")}
    processor = cls(**cfg)
    return processor(images=image, return_tensors="np")["pixel_values"]


@pytest.mark.torch
@pytest.mark.parametrize(
    ("cls_name", "config"),
    [("ViTImageProcessorPil", VIT_GPT2_PREPROCESSOR), ("BlipImageProcessorPil", BLIP_PREPROCESSOR),
     ("CLIPImageProcessorPil", CLIP_STYLE)],
)
def test_pixels_identical_to_transformers(cls_name, config, real_photos):
    ours = ImagePreprocessor.from_config(config)
    odd = [Image.new("RGB", (7, 301), (200, 10, 30)), real_photos[0].convert("L").convert("RGB")]
    for image in [*real_photos, *odd]:
        expected = _transformers_pixels(cls_name, config, image)
        got = ours(image)
        assert got.dtype == np.float32
        assert got.shape == expected.shape
        assert np.array_equal(got, expected), f"{cls_name}: max diff {np.abs(got - expected).max()}"


def test_preprocessor_round_trips_through_json():
    pre = ImagePreprocessor.from_config(BLIP_PREPROCESSOR)
    again = ImagePreprocessor.from_json(pre.to_json())
    img = Image.new("RGB", (40, 30), (1, 2, 3))
    assert np.array_equal(pre(img), again(img))
    assert pre(img).shape == (1, 3, 384, 384)
