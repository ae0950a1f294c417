"""Per-image memo: one computation per image, shared across threads, retried after an error."""

from __future__ import annotations

import gc
import threading
import time
import weakref

import numpy as np
import pytest
from PIL import Image

from alttext_app.core.builtin.image_memo import per_image


def test_the_last_image_is_answered_once_and_arrays_are_read_only():
    calls = []

    @per_image
    def grey(image: Image.Image) -> np.ndarray:
        calls.append(image)
        return np.asarray(image.convert("L")).copy()

    first, second = Image.new("RGB", (4, 4), "red"), Image.new("RGB", (4, 4), "blue")
    a = grey(first)
    assert grey(first) is a and len(calls) == 1
    with pytest.raises(ValueError):
        a[0, 0] = 1  # shared between callers: nobody may change it
    grey(second)
    grey(first)
    assert len(calls) == 3  # only the last image is kept


def test_a_second_thread_waits_for_the_answer_in_progress():
    calls = []

    @per_image
    def slow(image: Image.Image) -> int:
        calls.append(1)
        time.sleep(0.2)
        return image.width

    image = Image.new("RGB", (7, 3))
    got = []
    worker = threading.Thread(target=lambda: got.append(slow(image)))
    worker.start()
    time.sleep(0.05)
    got.append(slow(image))
    worker.join()
    assert got == [7, 7] and len(calls) == 1


def test_an_error_reaches_the_caller_and_the_next_call_tries_again():
    state = {"fail": True}

    @per_image
    def flaky(image: Image.Image) -> int:
        if state["fail"]:
            raise RuntimeError("no")
        return 1

    image = Image.new("RGB", (2, 2))
    with pytest.raises(RuntimeError):
        flaky(image)
    state["fail"] = False
    assert flaky(image) == 1


def test_the_answer_goes_with_its_image():
    @per_image
    def grey(image: Image.Image) -> np.ndarray:
        return np.zeros((100, 100), np.uint8)

    image = Image.new("RGB", (4, 4))
    kept = weakref.ref(grey(image))
    del image
    gc.collect()
    assert kept() is None
