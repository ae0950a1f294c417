"""Remember a function's result for the most recent image: the describer's steps ask about the
same picture several times (the pre-check, OCR's preparation, the kind's statistics and chart
search), and on a 1080p screen each answer costs tens of milliseconds.

Only the last image (or array) is kept, by identity through a weak reference, so nothing is held
alive, and its answer is dropped when it goes. A caller that asks while another thread is still working the answer out waits for it
instead of doing the work twice (the describer prepares OCR ahead on its second core). Arrays
handed out are made read-only: every caller shares them.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

import numpy as np
from PIL import Image

T = TypeVar("T")
K = TypeVar("K", Image.Image, np.ndarray)


class _Answer(Generic[T]):
    def __init__(self) -> None:
        self.ready = threading.Event()
        self.value: T | None = None
        self.error: BaseException | None = None


def per_image(fn: Callable[[K], T]) -> Callable[[K], T]:
    lock = threading.Lock()
    last: list[tuple[weakref.ref, _Answer[T]]] = []

    def forget(gone: weakref.ref) -> None:
        # The image is gone: let its answer (a screen-sized array) go too. No lock here: the
        # collector may run this while this thread holds it; a list swap is atomic anyway.
        if last and last[0][0] is gone:
            last[:] = []

    @functools.wraps(fn)
    def remembered(image: K) -> T:
        with lock:
            if last and last[0][0]() is image:
                answer, mine = last[0][1], False
            else:
                answer, mine = _Answer(), True
                last[:] = [(weakref.ref(image, forget), answer)]
        if mine:
            try:
                value = fn(image)
                if isinstance(value, np.ndarray):
                    value.setflags(write=False)
                answer.value = value
            except BaseException as exc:
                answer.error = exc
                with lock:  # the next caller tries again
                    if last and last[0][1] is answer:
                        last.clear()
                raise
            finally:
                answer.ready.set()
        answer.ready.wait()
        if answer.error is not None:
            raise answer.error
        return answer.value  # type: ignore[return-value]

    return remembered
