"""Remember a function's result for the most recent image: the describer's steps ask about the
same picture several times (the pre-check, OCR's preparation, the kind's statistics and chart
search), and on a 1080p screen each answer costs tens of milliseconds.

Only the last image (or array) is kept, by identity through a weak reference, so nothing is held
alive. Arrays handed out are made read-only: every caller shares them.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import TypeVar

import numpy as np
from PIL import Image

T = TypeVar("T")
K = TypeVar("K", Image.Image, np.ndarray)


def per_image(fn: Callable[[K], T]) -> Callable[[K], T]:
    lock = threading.Lock()
    last: list[tuple[weakref.ref, T]] = []

    @functools.wraps(fn)
    def remembered(image: K) -> T:
        with lock:
            if last and last[0][0]() is image:
                return last[0][1]
        value = fn(image)
        if isinstance(value, np.ndarray):
            value.setflags(write=False)
        with lock:
            last[:] = [(weakref.ref(image), value)]
        return value

    return remembered
