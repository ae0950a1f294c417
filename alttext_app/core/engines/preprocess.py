"""Image preprocessing from preprocessor_config.json in numpy + PIL, without torch or transformers.

It repeats, step for step, what the transformers PIL image processors do (resize with PIL on uint8,
centre crop, rescale in float64 then float32, normalise in float32), so pixel values are identical
to the PyTorch path; `tests/engines/test_preprocess.py` compares them on real photos.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from alttext_app.core.errors import ModelError

IMAGENET_STANDARD = [0.5, 0.5, 0.5]
CLIP_PROCESSOR_DEFAULTS = {  # transformers CLIPImageProcessor's class defaults (GIT, Florence-2)
    "size": {"shortest_edge": 224},
    "crop_size": {"height": 224, "width": 224},
    "do_center_crop": True,
    "resample": 3,
    "image_mean": [0.48145466, 0.4578275, 0.40821073],
    "image_std": [0.26862954, 0.26130258, 0.27577711],
}
# Where an image processor's settings may live, in the order transformers looks.
PROCESSOR_FILES = ("preprocessor_config.json", "image_processor_config.json", "processor_config.json")
# A "shortest edge" resize keeps the aspect ratio, so a 1x65500 strip would become 224x14 million
# pixels (gigabytes, tens of seconds). transformers has the same flaw; we cap the long side, which
# changes nothing for any image under 1:8.
MAX_ASPECT = 8


@dataclass
class ImagePreprocessor:
    """Resize -> centre crop -> rescale -> normalise, as in transformers' image processors."""

    resize: dict[str, int] | None  # {"height", "width"} or {"shortest_edge"}; None = no resize
    resample: int = Image.Resampling.BILINEAR
    crop: dict[str, int] | None = None  # {"height", "width"}
    rescale_factor: float | None = 1 / 255
    mean: list[float] | None = None  # None = no normalisation
    std: list[float] | None = None

    @classmethod
    def from_dir(cls, model_dir: Path, defaults: dict[str, Any] | None = None) -> ImagePreprocessor:
        return cls.from_config({**(defaults or {}), **image_processor_config(model_dir)})

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> ImagePreprocessor:
        resize = _size_dict(cfg.get("size"), default_square=True) if cfg.get("do_resize", True) else None
        crop = _size_dict(cfg.get("crop_size"), default_square=True) if cfg.get("do_center_crop") else None
        rescale = float(cfg.get("rescale_factor", 1 / 255)) if cfg.get("do_rescale", True) else None
        mean = std = None
        if cfg.get("do_normalize", True):
            mean = _three(cfg.get("image_mean", IMAGENET_STANDARD))
            std = _three(cfg.get("image_std", IMAGENET_STANDARD))
        resample = cfg.get("resample", Image.Resampling.BILINEAR)
        return cls(resize=resize, resample=int(resample), crop=crop, rescale_factor=rescale,
                   mean=mean, std=std)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ImagePreprocessor:
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def __call__(self, image: Image.Image) -> np.ndarray:
        """(1, 3, H, W) float32 for an image (converted to RGB first, like do_convert_rgb)."""
        if image.mode != "RGB":
            image = image.convert("RGB")
        if self.resize is not None:
            height, width = self._target_size(image.height, image.width)
            image = image.resize((width, height), resample=self.resample)
        array = np.asarray(image)  # (H, W, 3) uint8
        if self.crop is not None:
            array = _center_crop(array, self.crop["height"], self.crop["width"])
        array = np.ascontiguousarray(array.transpose(2, 0, 1))  # channels first
        if self.rescale_factor is not None:
            out = (array.astype(np.float64) * self.rescale_factor).astype(np.float32)
        else:
            out = array.astype(np.float32)
        if self.mean is not None and self.std is not None:
            mean = np.array(self.mean, dtype=np.float32)
            std = np.array(self.std, dtype=np.float32)
            out = ((out.T - mean) / std).T  # same expression (and rounding) as transformers
        return np.ascontiguousarray(out[None], dtype=np.float32)

    def _target_size(self, height: int, width: int) -> tuple[int, int]:
        size = self.resize or {}
        if "height" in size and "width" in size:
            return int(size["height"]), int(size["width"])
        short = int(size["shortest_edge"])
        # transformers.image_transforms.get_resize_output_image_size(default_to_square=False)
        small, large = (width, height) if width <= height else (height, width)
        new_short, new_long = short, int(short * large / small)
        if "longest_edge" in size and new_long > size["longest_edge"]:
            new_short, new_long = int(size["longest_edge"] * new_short / new_long), size["longest_edge"]
        new_short = max(new_short, 1)
        new_long = min(new_long, new_short * MAX_ASPECT)
        return (new_long, new_short) if width <= height else (new_short, new_long)


def image_processor_config(model_dir: Path) -> dict[str, Any]:
    """The image processor's settings of a model folder: `preprocessor_config.json` (transformers
    4), else the nested "image_processor" of `processor_config.json` (what transformers 5's
    `processor.save_pretrained` writes, with no preprocessor_config.json)."""
    for name in PROCESSOR_FILES:
        path = model_dir / name
        try:
            with path.open(encoding="utf-8") as handle:
                data = json.load(handle)
        except FileNotFoundError:
            continue
        except (OSError, ValueError) as exc:
            raise ModelError(f"The model's {name} cannot be read.", detail=str(exc)) from exc
        if not isinstance(data, dict):
            raise ModelError(f"The model's {name} cannot be read.")
        nested = data.get("image_processor")
        if isinstance(nested, dict):
            return nested
        if name != "processor_config.json" or "image_mean" in data or "size" in data:
            return data
    raise ModelError(
        "The model folder has no image settings (preprocessor_config.json or processor_config.json); "
        "it is not a complete model."
    )


def _size_dict(size: Any, default_square: bool) -> dict[str, int]:
    if size is None:
        return {"height": 224, "width": 224}
    if isinstance(size, int):
        return {"height": size, "width": size} if default_square else {"shortest_edge": size}
    if isinstance(size, (list, tuple)):
        return {"height": int(size[0]), "width": int(size[1])}
    return {k: int(v) for k, v in size.items() if v is not None}


def _three(value: Any) -> list[float]:
    if isinstance(value, (int, float)):
        return [float(value)] * 3
    return [float(v) for v in value]


def _center_crop(array: np.ndarray, crop_h: int, crop_w: int) -> np.ndarray:
    """transformers.image_transforms.center_crop for HWC arrays (pads with zeros when too small)."""
    orig_h, orig_w = array.shape[:2]
    top = (orig_h - crop_h) // 2
    left = (orig_w - crop_w) // 2
    if top >= 0 and left >= 0 and top + crop_h <= orig_h and left + crop_w <= orig_w:
        return array[top : top + crop_h, left : left + crop_w]
    new_h, new_w = max(crop_h, orig_h), max(crop_w, orig_w)
    padded = np.zeros((new_h, new_w, array.shape[2]), dtype=array.dtype)
    top_pad = math.ceil((new_h - orig_h) / 2)
    left_pad = math.ceil((new_w - orig_w) / 2)
    padded[top_pad : top_pad + orig_h, left_pad : left_pad + orig_w] = array
    top += top_pad
    left += left_pad
    top, left = max(0, top), max(0, left)
    return padded[top : top + crop_h, left : left + crop_w]
