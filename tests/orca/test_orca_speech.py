"""What the real screen reader SAYS: Orca, headless, reading AltText (issue #9).

Runs `orca_speaks.sh` beside this file (adapted from ../shared/tools/a11y): a private Xvfb,
D-Bus session with the AT-SPI bus, openbox and Orca with its speech only logged. AltText starts
with one photo, opens a second with Ctrl+O, then a file that is not an image; the test asserts
that Orca spoke each new description exactly once, spoke the error, that the old words and title
were gone, and that Orca's "read status bar" read the status text.

Orca on a busy machine falls behind (it processes its event queue in Python, and a closing file
dialog queues hundreds of events); the harness gives it 15 s per utterance and the test tries
twice. When every attempt missed something while the machine's load per CPU was above
BUSY_LOAD_PER_CPU, it is skipped with what Orca said (the result measures the machine, not
AltText); on a machine with room it must pass.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
PHOTOS = REPO / "tests" / "data" / "eval" / "photos"
ATTEMPTS = 2
BUSY_LOAD_PER_CPU = 3.0  # above this Orca 43 itself falls 10–30 s behind (docs/accessibility.md)

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _missing() -> str:
    for tool in ("orca", "openbox", "Xvfb", "dbus-run-session", "xdotool"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (scripts/setup.sh --test installs it)"
    if subprocess.run(["/usr/bin/python3", "-c", "import pyatspi"], capture_output=True).returncode:
        return "python3-pyatspi is not installed"
    return ""


@pytest.mark.skipif(bool(_missing()), reason=_missing() or "ok")
def test_orca_speaks_descriptions_once_errors_and_the_status_bar(tmp_path) -> None:
    not_an_image = tmp_path / "notes.png"
    not_an_image.write_text("just some words, not a picture\n")
    app = f"/usr/bin/env PYTHONPATH={REPO} OMP_NUM_THREADS=1 {sys.executable} -m alttext_app"
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(ALTTEXT_APP_CMD=app, ORCA_BAR_SPEAK_WAIT="15", ORCA_BAR_TIMEOUT="150")
    outputs = []
    for attempt in range(ATTEMPTS):
        env["ORCA_BAR_KEEP"] = str(tmp_path / f"logs{attempt}")
        run = subprocess.run(
            ["bash", str(HERE / "orca_speaks.sh"), str(PHOTOS / "chelsea.jpg"), str(PHOTOS / "coffee.jpg"),
             str(not_an_image)],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=200,
        )
        outputs.append(run.stdout + run.stderr[-3000:])
        if run.returncode == 0:
            break
    else:
        load = os.getloadavg()[0] / (os.cpu_count() or 1)
        report = "\n---\n".join(outputs)
        if load > BUSY_LOAD_PER_CPU:
            pytest.skip(f"machine too busy for Orca 43 to keep up (load {load:.1f} per CPU):\n{report}")
        pytest.fail("Orca did not speak as required in any of the attempts:\n" + report)
    out = run.stdout
    assert "orca: 2/2 new descriptions spoken, 2/2 exactly once" in out
    assert "spoken: yes" in out.split("error:")[1].splitlines()[0]
    assert "status bar read as text: yes" in out
