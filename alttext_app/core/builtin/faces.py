"""Find faces, so the describer can say "person" or "people" (ImageNet has no person class).

MTCNN (Zhang et al. 2016) with the P-, R- and O-Net weights that ship in the `facenet-pytorch`
wheel (MIT licence), exported to ONNX by `scripts/export_builtin_classifier.py`. The cascade
(image pyramid, non-maximum suppression, box regression) follows facenet-pytorch's
`detect_face`, in numpy for one image. It finds faces, not bodies: people seen from behind or far
away are missed, which makes the describer say less, never more.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from alttext_app.core.builtin.onnx_asset import MISSING, manifest_entry, open_session
from alttext_app.core.captioner import AbortCheck, check_abort
from alttext_app.core.errors import ModelError
from alttext_app.core.paths import asset

log = logging.getLogger(__name__)

WORK_SIDE = 320  # longest side of the copy we search: faces that matter are not tiny
MIN_FACE_FRACTION = 0.08  # of the shorter side; smaller faces are background detail
# Most candidates each refinement stage looks at (best first): bounds the time on busy images.
MAX_CANDIDATES = {"rnet": 48, "onet": 12}
THRESHOLDS = (0.6, 0.7, 0.7)  # P-, R-, O-Net, as in facenet-pytorch
PYRAMID_FACTOR = 0.709


@dataclass(frozen=True)
class Face:
    box: tuple[float, float, float, float]  # x1, y1, x2, y2 in the original image's pixels
    score: float

    @property
    def size(self) -> float:
        return min(self.box[2] - self.box[0], self.box[3] - self.box[1])


def _nms(boxes: np.ndarray, scores: np.ndarray, threshold: float, method: str = "union") -> np.ndarray:
    """Indices of boxes kept by greedy non-maximum suppression."""
    if len(boxes) == 0:
        return np.zeros(0, dtype=np.int64)
    x1, y1, x2, y2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]
    area = (x2 - x1 + 1) * (y2 - y1 + 1)
    order = np.argsort(scores)
    keep = []
    while order.size:
        i = order[-1]
        keep.append(i)
        rest = order[:-1]
        w = np.maximum(0.0, np.minimum(x2[i], x2[rest]) - np.maximum(x1[i], x1[rest]) + 1)
        h = np.maximum(0.0, np.minimum(y2[i], y2[rest]) - np.maximum(y1[i], y1[rest]) + 1)
        inter = w * h
        if method == "min":
            overlap = inter / np.minimum(area[i], area[rest])
        else:
            overlap = inter / (area[i] + area[rest] - inter)
        order = rest[overlap <= threshold]
    return np.asarray(keep, dtype=np.int64)


def _square(boxes: np.ndarray) -> np.ndarray:
    boxes = boxes.copy()
    w = boxes[:, 2] - boxes[:, 0]
    h = boxes[:, 3] - boxes[:, 1]
    side = np.maximum(w, h)
    boxes[:, 0] += w * 0.5 - side * 0.5
    boxes[:, 1] += h * 0.5 - side * 0.5
    boxes[:, 2] = boxes[:, 0] + side
    boxes[:, 3] = boxes[:, 1] + side
    return boxes


def _regress(boxes: np.ndarray, reg: np.ndarray) -> np.ndarray:
    boxes = boxes.copy()
    w = boxes[:, 2] - boxes[:, 0] + 1
    h = boxes[:, 3] - boxes[:, 1] + 1
    boxes[:, 0] += reg[:, 0] * w
    boxes[:, 1] += reg[:, 1] * h
    boxes[:, 2] += reg[:, 2] * w
    boxes[:, 3] += reg[:, 3] * h
    return boxes


def _normalise(pixels: np.ndarray) -> np.ndarray:
    """HWC uint8 -> NCHW float32 in MTCNN's range."""
    return ((pixels.astype(np.float32) - 127.5) * 0.0078125).transpose(2, 0, 1)[None]


def _crops(image: Image.Image, boxes: np.ndarray, size: int) -> np.ndarray:
    """Cut each box (clipped to the image, as facenet-pytorch does) and resize it to size x size."""
    w, h = image.size
    out = []
    for x1, y1, x2, y2 in boxes[:, :4].astype(np.int64):
        x1, y1 = max(int(x1), 1), max(int(y1), 1)
        x2, y2 = min(int(x2), w), min(int(y2), h)
        crop = image.crop((x1 - 1, y1 - 1, max(x2, x1), max(y2, y1)))
        out.append(_normalise(np.asarray(crop.resize((size, size), Image.Resampling.BOX)))[0])
    return np.stack(out)


class FaceDetector:
    def __init__(self, model_dir: Path | None = None) -> None:
        entry = manifest_entry(model_dir or asset("builtin"), "faces")
        try:
            files = {name: (model_dir or asset("builtin")) / entry[name]["file"] for name in ("pnet", "rnet", "onet")}
        except KeyError as exc:
            raise ModelError(MISSING) from exc
        # tiny nets: threads cost more than they save
        self._nets = {name: open_session(path, threads=1) for name, path in files.items()}

    def _run(self, name: str, batch: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        reg, prob = self._nets[name].run(None, {"input": batch})
        return reg, prob

    def detect(self, image: Image.Image, should_abort: AbortCheck | None = None) -> list[Face]:
        ratio = min(1.0, WORK_SIDE / max(image.size))
        work = image if ratio == 1.0 else image.resize(
            (max(1, round(image.width * ratio)), max(1, round(image.height * ratio))),
            Image.Resampling.BOX,
        )
        boxes = self._stage_one(work, should_abort)
        check_abort(should_abort)
        if len(boxes):
            boxes = self._refine(work, boxes, "rnet", 24, THRESHOLDS[1])
        check_abort(should_abort)
        if len(boxes):
            boxes = self._refine(work, boxes, "onet", 48, THRESHOLDS[2])
            boxes = boxes[_nms(boxes[:, :4], boxes[:, 4], 0.7, "min")]
        return [Face(tuple(float(v) / ratio for v in b[:4]), float(b[4])) for b in boxes]  # type: ignore[arg-type]

    def _stage_one(self, work: Image.Image, should_abort: AbortCheck | None) -> np.ndarray:
        w, h = work.size
        min_face = max(20.0, MIN_FACE_FRACTION * min(w, h))
        scale = 12.0 / min_face
        shorter = min(w, h) * scale
        found = []
        while shorter >= 12:
            check_abort(should_abort)
            size = (int(w * scale + 1), int(h * scale + 1))
            reg, prob = self._run("pnet", _normalise(np.asarray(work.resize(size, Image.Resampling.BOX))))
            ys, xs = np.nonzero(prob[0, 1] >= THRESHOLDS[0])
            if len(ys):
                cells = np.stack([xs, ys], axis=1).astype(np.float32)
                q1 = np.floor((2 * cells + 1) / scale)
                q2 = np.floor((2 * cells + 12) / scale)
                boxes = np.concatenate(
                    [q1, q2, prob[0, 1, ys, xs][:, None], reg[0][:, ys, xs].T], axis=1
                )
                found.append(boxes[_nms(boxes[:, :4], boxes[:, 4], 0.5)])
            scale *= PYRAMID_FACTOR
            shorter *= PYRAMID_FACTOR
        if not found:
            return np.zeros((0, 5), dtype=np.float32)
        boxes = np.concatenate(found)
        boxes = boxes[_nms(boxes[:, :4], boxes[:, 4], 0.7)]
        w_box = boxes[:, 2] - boxes[:, 0]
        h_box = boxes[:, 3] - boxes[:, 1]
        moved = np.stack(
            [boxes[:, 0] + boxes[:, 5] * w_box, boxes[:, 1] + boxes[:, 6] * h_box,
             boxes[:, 2] + boxes[:, 7] * w_box, boxes[:, 3] + boxes[:, 8] * h_box, boxes[:, 4]],
            axis=1,
        )
        return _square(moved)

    def _refine(self, work: Image.Image, boxes: np.ndarray, net: str, size: int, threshold: float) -> np.ndarray:
        boxes = boxes[np.argsort(-boxes[:, 4])[: MAX_CANDIDATES[net]]]
        reg, prob = self._run(net, _crops(work, boxes, size))
        keep = prob[:, 1] > threshold
        boxes = np.concatenate([boxes[keep, :4], prob[keep, 1:2]], axis=1)
        reg = reg[keep]
        if net == "rnet":
            order = _nms(boxes[:, :4], boxes[:, 4], 0.7)
            return _square(_regress(boxes[order], reg[order]))
        return _regress(boxes, reg)

    def close(self) -> None:
        self._nets.clear()
