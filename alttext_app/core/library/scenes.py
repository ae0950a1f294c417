"""Scene changes in a video, and one still frame per scene to describe.

Decoding uses PyAV (the optional `video` extra: FFmpeg's decoders shipped in the wheel, so H.264,
VP8/VP9, AV1, MPEG-4 and more work without system codecs). A cut is where the colour histogram of
consecutive frames changes a lot; scenes shorter than `min_scene` seconds are merged into
the one before, so flashes and fades do not each get a description. Each scene is described from
its middle frame (away from the blur of a transition), taken in a second decoding pass: keeping
full frames of every scene in memory would not scale to long videos.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from alttext_app.core.errors import AltTextError

SAMPLE_SIZE = (64, 36)  # frames are compared small: cuts are visible, noise is not
BINS = 16
MAX_FRAME_SIDE = 1024  # representative frames are scaled down to this for captioning


@dataclass
class Scene:
    start: float  # seconds
    end: float
    frame: Image.Image | None = None  # the middle frame, RGB


def _import_av():
    try:
        import av
    except ImportError as exc:
        raise AltTextError(
            "Describing videos needs PyAV: pip install 'alttext[video]' (or pip install av)."
        ) from exc
    return av


def _frames(path: Path) -> Iterator[tuple[float, float, object]]:
    """(time, frame duration, frame) for every frame. Every frame is compared (not a sample):
    cuts land on the exact frame, and shrinking a decoded frame costs little beside decoding."""
    av = _import_av()
    try:
        container = av.open(str(path))
    except (av.error.FFmpegError, OSError) as exc:
        raise AltTextError(f"“{path.name}” cannot be opened as a video.", detail=str(exc)) from exc
    with container:
        if not container.streams.video:
            raise AltTextError(f"“{path.name}” has no video in it.")
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        rate = stream.average_rate or stream.guessed_rate or 25
        try:
            for frame in container.decode(stream):
                if frame.time is not None:
                    yield frame.time, float(1 / rate), frame
        except av.error.FFmpegError as exc:
            raise AltTextError(f"The video “{path.name}” is damaged.", detail=str(exc)) from exc


def _histogram(frame) -> np.ndarray:
    pixels = frame.reformat(width=SAMPLE_SIZE[0], height=SAMPLE_SIZE[1], format="rgb24").to_ndarray()
    bins = pixels.astype(np.int32) * BINS // 256
    hist = [np.bincount(bins[..., c].ravel(), minlength=BINS) for c in range(3)]
    joined = np.concatenate(hist).astype(np.float64)
    return joined / joined.sum()


def find_cuts(
    path: str | Path, threshold: float = 0.35, min_scene: float = 1.0
) -> tuple[list[float], float]:
    """Scene start times (the first is the video's start) and the video's end time, in seconds.

    `threshold` is the share of the histogram that must change (0–1) between two frames.
    """
    path = Path(path)
    starts: list[float] = []
    previous: np.ndarray | None = None
    end = 0.0
    for time, step, frame in _frames(path):
        hist = _histogram(frame)
        changed = previous is not None and 0.5 * np.abs(hist - previous).sum() >= threshold
        if not starts or (changed and time - starts[-1] >= min_scene):
            starts.append(time)
        previous = hist
        end = time + step
    if not starts:
        raise AltTextError(f"No frames could be read from “{path.name}”.")
    return starts, end


def detect_scenes(
    path: str | Path, threshold: float = 0.35, min_scene: float = 1.0
) -> list[Scene]:
    """The video's scenes, each with its middle frame."""
    path = Path(path)
    starts, end = find_cuts(path, threshold, min_scene)
    scenes = [Scene(s, e) for s, e in zip(starts, [*starts[1:], end], strict=True)]
    pending = iter(scenes)
    scene = next(pending)
    for time, _step, frame in _frames(path):
        while scene is not None and time >= (scene.start + scene.end) / 2:
            scene.frame = _still(frame)
            scene = next(pending, None)
        if scene is None:
            break
    for scene in scenes:
        if scene.frame is None:  # a scene too short to reach its middle frame
            scene.frame = next((s.frame for s in reversed(scenes) if s.frame is not None), None)
    return scenes


def _still(frame) -> Image.Image:
    image = frame.to_image()
    image.thumbnail((MAX_FRAME_SIDE, MAX_FRAME_SIDE))
    return image.convert("RGB")
