"""MTCNN face detection (weights from facenet-pytorch, ONNX) on real photos."""

from __future__ import annotations

import numpy as np
import pytest

from alttext_app.core.builtin.faces import FaceDetector, _nms
from alttext_app.core.errors import Cancelled


@pytest.fixture(scope="module")
def detector():
    return FaceDetector()


def test_finds_the_face_in_portraits(detector, photo):
    faces = detector.detect(photo("astronaut.jpg"))
    assert len(faces) == 1 and faces[0].score > 0.99
    x1, y1, x2, y2 = faces[0].box  # her face is at about (180..267, 65..173) in 512 px
    assert 160 < (x1 + x2) / 2 < 290 and 60 < (y1 + y2) / 2 < 180
    assert len(detector.detect(photo("grace_hopper.jpg"))) == 1
    assert len(detector.detect(photo("camera.jpg"))) == 1


@pytest.mark.parametrize("name", ["chelsea.jpg", "coffee.jpg", "motorcycle.jpg", "gravel.jpg", "hubble.jpg"])
def test_no_faces_where_there_are_none(detector, photo, name):
    assert [f for f in detector.detect(photo(name)) if f.score >= 0.95] == []


def test_boxes_are_in_original_pixels(detector, photo):
    image = photo("astronaut.jpg")
    big = image.resize((image.width * 2, image.height * 2))
    small_box = detector.detect(image)[0].box
    big_box = detector.detect(big)[0].box
    assert np.allclose(np.array(big_box) / 2, small_box, atol=12)


def test_abort_between_pyramid_levels(detector, photo):
    with pytest.raises(Cancelled):
        detector.detect(photo("astronaut.jpg"), should_abort=lambda: True)


def test_nms_keeps_the_best_of_overlapping_boxes():
    boxes = np.array([[0, 0, 10, 10], [1, 1, 11, 11], [50, 50, 60, 60]], dtype=float)
    keep = _nms(boxes, np.array([0.9, 0.8, 0.7]), 0.5)
    assert sorted(keep.tolist()) == [0, 2]
    assert _nms(np.zeros((0, 4)), np.zeros(0), 0.5).size == 0
