"""`alttext-app --selftest` and the bundle's one-binary entry point."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from alttext_app.core.errors import ModelError
from alttext_app.gui import selftest

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(
    r'^selftest ok: caption="(?P<caption>[^"]+)" speech=(?P<speech>.+?) ocr=(?P<ocr>\w+) '
    r"qt=(?P<qt>\w+) window=\d+\.\d\ds total=(?P<total>\d+\.\d\d)s$"
)


def test_selftest_passes_headless_and_prints_one_line(tmp_path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)  # the self-test must pick offscreen by itself
    settings = Path(env["ALTTEXT_CONFIG_DIR"]) / "alttext.ini"
    run = subprocess.run(
        [sys.executable, "-m", "alttext_app", "--selftest"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1, run.stdout
    match = LINE.match(lines[0])
    assert match, lines[0]
    assert "espresso" in match["caption"].lower() or "coffee" in match["caption"].lower()
    assert match["qt"] == "offscreen"
    if shutil.which("espeak-ng"):
        assert match["speech"].startswith("available (espeak-ng")
    assert "Traceback" not in run.stderr
    assert not settings.exists(), "the self-test must not write the person's settings"


def test_selftest_fails_with_the_reason_when_the_describer_breaks(qapp, monkeypatch, capsys) -> None:
    def broken(*args, **kwargs):
        raise ModelError("The built-in describer's files are damaged.")

    monkeypatch.setattr("alttext_app.core.pipeline.caption_image", broken)
    # The session holds its own reference once imported (the window's modules import it early).
    monkeypatch.setattr("alttext_app.core.session.caption_image", broken)
    assert selftest.run_selftest() == 1
    out = capsys.readouterr().out.strip()
    assert out.startswith("selftest failed: describer: The built-in describer's files are damaged.")
    assert len(out.splitlines()) == 1


class FakeEngine:
    def __init__(self, available: bool, wav_bytes: int = 0, can_play: bool = False) -> None:
        self.is_available = available
        self.can_play = can_play
        self.reason = "" if available else "Speech is not available because espeak-ng is missing."
        self.wav_bytes = wav_bytes

    def save_wav(self, text: str, path: Path, timeout: float = 60) -> Path:
        Path(path).write_bytes(b"\0" * self.wav_bytes)
        return Path(path)


@pytest.mark.parametrize(
    ("engine", "status", "problem"),
    [
        (FakeEngine(False), "unavailable", "speech: Speech is not available because espeak-ng is missing."),
        (FakeEngine(True, wav_bytes=44), "broken", "speech: espeak-ng produced no sound for a test phrase"),
        (FakeEngine(True, wav_bytes=20_000), "available (espeak-ng, no audio output)", None),
        (FakeEngine(True, wav_bytes=20_000, can_play=True), "available (espeak-ng)", None),
    ],
)
def test_speech_check(engine, status, problem) -> None:
    problems: list[str] = []
    assert selftest._check_speech(engine, problems) == status
    assert problems == ([problem] if problem else [])


def test_platform_is_offscreen_only_without_a_display(monkeypatch) -> None:
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    selftest._choose_platform()
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("DISPLAY", ":7")
    selftest._choose_platform()
    assert "QT_QPA_PLATFORM" not in os.environ
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    selftest._choose_platform()
    assert os.environ["QT_QPA_PLATFORM"] == "xcb"


def _entry():
    spec = importlib.util.spec_from_file_location("bundle_entry", ROOT / "packaging" / "entry.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("argv", "gui"),
    [
        (["/home/a/.local/bin/alttext-app"], True),
        (["alttext-app", "photo.jpg"], True),
        (["/opt/alttext/alttext", "--gui", "photo.jpg"], True),
        (["/opt/alttext/alttext", "caption", "photo.jpg"], False),
        (["alttext"], False),
        (["alttext", "caption", "--gui"], False),  # only as the first argument
    ],
)
def test_one_binary_picks_window_or_command_line_by_name(argv, gui) -> None:
    assert _entry().wants_gui(argv) is gui


def test_bundle_turns_off_third_party_telemetry(monkeypatch) -> None:
    """ONNX Runtime 1.31 on Linux uploads usage events unless told not to, before it starts."""
    for var in ("ORT_DISABLE_TELEMETRY", "HF_HUB_DISABLE_TELEMETRY"):
        monkeypatch.setenv(var, "")  # recorded, so the test's changes are undone afterwards
        monkeypatch.delenv(var)
    _entry()
    assert os.environ["ORT_DISABLE_TELEMETRY"] == "1"
    assert os.environ["HF_HUB_DISABLE_TELEMETRY"] == "1"
