"""`alttext video`: a real video made from the shipped photos → one WebVTT cue per scene."""

from __future__ import annotations

import shutil
import wave
from fractions import Fraction
from pathlib import Path

import pytest
from PIL import Image

from alttext_app.cli.main import main
from alttext_app.core.library import webvtt
from alttext_app.core.library.audio_track import write_spoken_track
from alttext_app.core.library.scenes import detect_scenes

av = pytest.importorskip("av", reason="video needs PyAV (the video extra)")
webvtt_py = pytest.importorskip("webvtt", reason="the check needs webvtt-py (dev extra)")

PHOTOS = Path(__file__).resolve().parents[1] / "data" / "images"
SCENES = ("chelsea.jpg", "coffee.jpg", "rocket.jpg", "astronaut.jpg")
FPS, SECONDS_EACH = 12, 1.5


def make_video(path: Path, codec: str) -> None:
    """Each photo held for SECONDS_EACH, with a little camera drift so frames are not identical."""
    with av.open(str(path), "w") as container:
        stream = container.add_stream(codec, rate=FPS)
        stream.width, stream.height, stream.pix_fmt = 160, 112, "yuv420p"
        stream.time_base = Fraction(1, FPS)
        number = 0
        for name in SCENES:
            photo = Image.open(PHOTOS / name).convert("RGB").resize((176, 124))
            for step in range(int(FPS * SECONDS_EACH)):
                frame = av.VideoFrame.from_image(photo.crop((step % 16, step % 12, step % 16 + 160, step % 12 + 112)))
                frame.pts = number
                number += 1
                container.mux(stream.encode(frame))
        container.mux(stream.encode())


@pytest.mark.parametrize(("codec", "suffix"), [("libx264", ".mp4"), ("libvpx-vp9", ".webm")])
def test_scenes_found_at_each_cut(tmp_path, codec, suffix):
    video = tmp_path / f"clip{suffix}"
    make_video(video, codec)
    scenes = detect_scenes(video)
    assert len(scenes) == len(SCENES)
    for number, scene in enumerate(scenes):
        assert scene.start == pytest.approx(number * SECONDS_EACH, abs=1 / FPS + 0.01)
        assert scene.frame is not None and scene.frame.size == (160, 112)
    assert scenes[-1].end == pytest.approx(len(SCENES) * SECONDS_EACH, abs=0.2)


def test_video_cli_writes_a_valid_webvtt_with_one_cue_per_scene(tmp_path, capsys):
    video = tmp_path / "clip.mp4"
    make_video(video, "libx264")
    out = tmp_path / "clip.vtt"
    assert main(["video", str(video), "-o", str(out), "--model", "builtin"]) == 0
    assert f"{len(SCENES)} scenes described" in capsys.readouterr().out
    parsed = webvtt_py.read(str(out))  # an independent WebVTT parser
    assert len(parsed.captions) == len(SCENES)
    assert parsed.captions[1].start == "00:00:01.500"
    assert all(cue.text.strip() for cue in parsed.captions)
    assert "cat" in parsed.captions[0].text.lower()


def test_cue_text_cannot_break_the_file():
    text = webvtt.render([webvtt.Cue(0, 61.25, "A --> B <i> & C\nnext line"), webvtt.Cue(3725.5, 3725.5, "")])
    assert "00:01:01.250" in text and "01:02:05.500 --> 01:02:05.501" in text
    assert "A --&gt; B &lt;i&gt; &amp; C next line" in text and "(no description)" in text


def test_spoken_track_places_each_description_at_its_time(tmp_path):
    rate = 8000

    def synthesise(text, path):  # a stand-in voice: one second of tone per description
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(b"\x10\x00" * rate)

    cues = [webvtt.Cue(0, 0.5, "a"), webvtt.Cue(0.5, 3, "b"), webvtt.Cue(3, 4, "c")]
    track = write_spoken_track(cues, 6.0, tmp_path / "spoken.wav", synthesise)
    with wave.open(str(track)) as wav:
        assert wav.getnframes() == 6 * rate
        samples = wav.readframes(wav.getnframes())
    voiced = [samples[i * rate * 2 : (i + 1) * rate * 2].count(b"\x10\x00") for i in range(6)]
    # "b" waits until "a" ends (1 s), "c" starts at its own time (3 s), silence after.
    assert voiced == [rate, rate, 0, rate, 0, 0]


@pytest.mark.skipif(not shutil.which("espeak-ng"), reason="needs espeak-ng")
def test_video_cli_speaks_the_descriptions_into_a_wav(tmp_path, capsys):
    video = tmp_path / "clip.mp4"
    make_video(video, "libx264")
    spoken = tmp_path / "spoken.wav"
    assert main(["video", str(video), "-o", str(tmp_path / "c.vtt"), "--speak", str(spoken),
                 "--model", "builtin"]) == 0
    with wave.open(str(spoken)) as wav:
        seconds = wav.getnframes() / wav.getframerate()
        voiced = sum(1 for s in wav.readframes(wav.getnframes())[::2000] if s)
    assert seconds >= len(SCENES) * SECONDS_EACH - 0.1 and voiced > 0
