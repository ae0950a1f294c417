"""Does the window ever freeze? A 10-ms timer in the window's event loop records the longest gap
between its ticks while the window does the slow things people do (issue #10):

1. load 20 images in a row (one 6000×4000 photo, one dense screenshot, the rest 1600×1200),
   each described by the built-in describer before the next is opened;
2. import a ≥ 1 GB model folder (generated in /tmp, deleted afterwards) through the Models dialog;
3. remove it again;
4. open Settings (it lists the voices) while AltText is speaking;
5. open the Models dialog (it lists the catalogue and the model folder);
6. start a second window whose speech back-end does not answer (the probe waits 5 s).

    PYTHONPATH=. .venv/bin/python benchmarks/responsiveness_bench.py [--gb 1.0] [--images 20]

Prints a table (longest gap and 99th percentile per phase, phase length, 1-minute load before and
after) and the CPU it ran on. Target: longest gap ≤ 100 ms in every phase. A gap includes the
10 ms interval itself. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402
from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

TICK_MS = 10
TARGET_MS = 100


class GapMeter:
    """A 10-ms timer on the GUI thread; every tick records how long it really took."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = 0.0

    def start(self) -> None:
        self.gaps = []
        self.clock.start()
        self._last = 0.0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e6
        self.gaps.append(now - self._last)
        self._last = now

    def stop(self) -> tuple[float, float]:
        self._tick()  # a stall at the very end counts too
        self.timer.stop()
        gaps = np.array(self.gaps or [0.0])
        return float(gaps.max()), float(np.percentile(gaps, 99))


def wait_until(app: QApplication, done, timeout_s: float) -> bool:  # noqa: ANN001
    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        app.processEvents()
        if done():
            return True
        time.sleep(0.002)
    return False


# --- inputs, made at run time (nothing big is committed) -------------------------------------
def make_images(folder: Path, count: int) -> list[Path]:
    rng = np.random.default_rng(7)
    paths = []
    y, x = np.mgrid[0:4000, 0:6000]
    photo = np.stack([(x / 6000 * 255), (y / 4000 * 255), ((x + y) % 256)], axis=-1)
    photo = (photo + rng.normal(0, 25, photo.shape)).clip(0, 255).astype(np.uint8)
    big = folder / "photo-6000x4000.jpg"
    Image.fromarray(photo).save(big, quality=90)
    paths.append(big)
    shot = Image.new("RGB", (1920, 1080), "white")
    draw = ImageDraw.Draw(shot)
    for row in range(0, 1080, 14):  # a dense screenshot: a wall of small text
        draw.text((8, row), " ".join(f"word{(row + i) % 997}" for i in range(40)), fill=(20, 20, 20))
    dense = folder / "dense-screenshot.png"
    shot.save(dense)
    paths.append(dense)
    for i in range(count - 2):
        arr = rng.integers(0, 255, (1200, 1600, 3), dtype=np.uint8)
        arr[:, :, i % 3] = 200
        path = folder / f"image-{i:02d}.jpg"
        Image.fromarray(arr).save(path, quality=85)
        paths.append(path)
    return paths


def make_model_folder(folder: Path, gigabytes: float) -> Path:
    """A transformers-shaped folder whose weights file is `gigabytes` large (zeros, valid header)."""
    folder.mkdir(parents=True)
    (folder / "config.json").write_text(json.dumps({"model_type": "vision-encoder-decoder"}))
    (folder / "preprocessor_config.json").write_text(json.dumps({"image_processor_type": "ViTImageProcessor"}))
    (folder / "tokenizer.json").write_text(json.dumps({"version": "1.0", "model": {"type": "WordLevel"}}))
    floats = int(gigabytes * (1 << 30)) // 4
    header = json.dumps({"w": {"dtype": "F32", "shape": [floats], "data_offsets": [0, floats * 4]}}).encode()
    with (folder / "model.safetensors").open("wb") as handle:
        handle.write(len(header).to_bytes(8, "little") + header)
        chunk = bytes(1 << 24)
        left = floats * 4
        while left:
            handle.write(chunk[: min(left, len(chunk))])
            left -= min(left, len(chunk))
    return folder


class _UnreachableSpeech:
    """Stands in for a speech back-end that never answers: asking whether it works takes 5 s."""

    def __new__(cls):  # noqa: ANN204
        from alttext_app.core.speech import SpeechEngine

        class Engine(SpeechEngine):
            @property
            def is_available(self) -> bool:
                time.sleep(5)
                return False

            @property
            def can_play(self) -> bool:
                return self.is_available

            @property
            def reason(self) -> str:
                return "No speech engine answered."

        return Engine()


# --- the phases -------------------------------------------------------------------------------
def run(args: argparse.Namespace) -> list[tuple[str, float, float, float, float, float]]:
    from alttext_app.core.session import Session
    from alttext_app.gui.app import create_application
    from alttext_app.gui.main_window import MainWindow
    from alttext_app.gui.models_dialog import ModelsDialog
    from alttext_app.gui.settings_dialog import SettingsDialog
    from alttext_app.gui.tasks import TaskRunner

    work = Path(tempfile.mkdtemp(prefix="alttext-responsive-"))
    os.environ.setdefault("ALTTEXT_CONFIG_DIR", str(work / "config"))
    os.environ.setdefault("ALTTEXT_MODELS_DIR", str(work / "models"))
    os.environ.setdefault("ALTTEXT_LOG_DIR", str(work / "logs"))
    app = create_application()
    meter = GapMeter()
    rows = []

    def phase(name: str, body) -> None:  # noqa: ANN001
        load0 = os.getloadavg()[0]
        started = time.monotonic()
        meter.start()
        body()
        longest, p99 = meter.stop()
        rows.append((name, longest, p99, time.monotonic() - started, load0, os.getloadavg()[0]))
        print(f"  {name}: longest {longest:.0f} ms", file=sys.stderr, flush=True)

    try:
        print("making inputs…", file=sys.stderr, flush=True)
        images = make_images(work, args.images)
        model = make_model_folder(work / "big-model", args.gb)
        session = Session()
        session.update(auto_speak=False)
        runner = TaskRunner()
        window = MainWindow(session=session, runner=runner)
        window.show()
        wait_until(app, lambda: window.speech.status.known, 30)
        player = work / "player.py"  # stands in for the sound card: "plays" for 30 s
        player.write_text("import time\ntime.sleep(30)\n")
        window.speech.engine.set_player([sys.executable, str(player)])
        window.speech.probe()
        wait_until(app, lambda: window.speech.status.can_play, 30)

        def load_images() -> None:
            for path in images:
                window.load_source(path)
                wait_until(app, lambda: not runner.is_busy("caption"), 120)

        phase(f"load {len(images)} images in a row", load_images)

        dialog = ModelsDialog(window, runner=runner, session=session)
        dialog.show()
        wait_until(app, lambda: dialog.idle, 60)

        def import_model() -> None:
            dialog.import_path(str(model))
            wait_until(app, lambda: dialog.idle, 600)

        phase(f"import a {args.gb:g} GB model folder", import_model)

        def remove_model() -> None:
            dialog.select("big-model")
            dialog.confirm_remove = lambda label, size: True
            dialog.remove()
            wait_until(app, lambda: dialog.idle, 300)

        phase("remove it", remove_model)
        dialog.close()

        def settings_while_speaking() -> None:
            window.speech.speak("This is a long sentence that keeps the speech thread busy. " * 5)
            wait_until(app, lambda: window.speech.speaking, 30)
            settings = SettingsDialog(window.settings, window.speech, window)
            settings.show()
            wait_until(app, lambda: settings.voice.count() > 1 or not settings.voice.accessibleDescription()
                       .endswith("…"), 60)
            settings.close()
            window.speech.stop()

        phase("open Settings (voices) while speaking", settings_while_speaking)

        def models_dialog() -> None:
            models = ModelsDialog(window, runner=runner, session=session)
            models.show()
            wait_until(app, lambda: models.idle, 60)
            models.close()

        phase("open the Models dialog", models_dialog)

        def start_without_speech() -> None:
            second = MainWindow(session=session, runner=runner, speech_engine=_UnreachableSpeech())
            second.show()
            wait_until(app, lambda: second.speech.status.known, 30)
            second.close()

        phase("start with no speech back-end answering", start_without_speech)
        window.close()
        runner.shutdown(10_000)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return rows


def cpu_line() -> str:
    model, flags = "", ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and not model:
                model = line.split(":", 1)[1].strip()
            if line.startswith("flags") and not flags:
                wanted = ("avx2", "avx512f", "fma", "sse4_2")
                flags = " ".join(f for f in line.split(":", 1)[1].split() if f in wanted)
    except OSError:
        pass
    return f"{model or 'unknown CPU'}, {os.cpu_count()} logical CPUs, flags: {flags or 'n/a'}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gb", type=float, default=1.0, help="size of the imported model folder")
    parser.add_argument("--images", type=int, default=20, help="images loaded in a row (≥ 2)")
    args = parser.parse_args()
    rows = run(args)
    print(f"\nCPU: {cpu_line()}; Qt platform: {os.environ['QT_QPA_PLATFORM']}")
    print(f"| phase | longest gap (ms) | 99th pct (ms) | phase (s) | load before → after | ≤ {TARGET_MS} ms |")
    print("|---|---:|---:|---:|---|:-:|")
    for name, longest, p99, seconds, load0, load1 in rows:
        ok = "yes" if longest <= TARGET_MS else "no"
        print(f"| {name} | {longest:.0f} | {p99:.0f} | {seconds:.1f} | {load0:.1f} → {load1:.1f} | {ok} |")
    return 0 if all(r[1] <= TARGET_MS for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
