"""`alttext-app --selftest`: check that an installation works, in a few seconds, without a person.

Opens the real window (offscreen when there is no display), captions the bundled sample image with
the built-in describer, synthesises a short phrase with the speech engine, and prints one line:

    selftest ok: caption="A cup of coffee." speech=available (espeak-ng) ocr=tesseract qt=xcb
    window=0.31s total=0.92s

Exit status 0 when the window, the describer and speech synthesis work; 1 otherwise, with the
reasons on the same line. No audio device and no OCR are reported but are not failures: the app
still shows, copies and saves speech without them. The user's settings are never touched: the
self-test runs on a throw-away settings folder.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)

SPEECH_PROBE = "AltText self-test."


def _choose_platform() -> None:
    """Offscreen unless a display exists; an explicit QT_QPA_PLATFORM always wins."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _check_caption(problems: list[str]) -> str:
    from alttext_app.core.errors import user_message
    from alttext_app.core.paths import sample_image
    from alttext_app.core.session import default_session

    try:
        result = default_session().caption(sample_image(), model="builtin")
    except Exception as exc:  # any failure is the answer, not a crash
        log.exception("selftest: captioning the sample image failed")
        problems.append(f"describer: {user_message(exc)}")
        return ""
    if not result.alt_text.strip():
        problems.append("describer: the built-in describer returned no text for the sample image")
    return result.alt_text


def _check_speech(engine, problems: list[str]) -> str:
    """Synthesise a phrase to a WAV file: proves espeak-ng loads and speaks, even without audio."""
    if not engine.is_available:
        problems.append(f"speech: {engine.reason}")
        return "unavailable"
    folder = Path(tempfile.mkdtemp(prefix="alttext-selftest-"))
    try:
        wav = engine.save_wav(SPEECH_PROBE, folder / "probe.wav", timeout=30)
        if Path(wav).stat().st_size < 1000:
            problems.append("speech: espeak-ng produced no sound for a test phrase")
            return "broken"
    except Exception as exc:
        log.exception("selftest: speech synthesis failed")
        from alttext_app.core.errors import user_message

        problems.append(f"speech: {user_message(exc)}")
        return "broken"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return "available (espeak-ng)" if engine.can_play else "available (espeak-ng, no audio output)"


def _check_ocr() -> str:
    try:
        from alttext_app.core.builtin.ocr import ocr_available
    except ImportError:
        return "none"
    ok, _why = ocr_available()
    return "tesseract" if ok else "off"


def _check_window(app, window, problems: list[str]) -> None:
    window.show()
    app.processEvents()
    if not window.isVisible():
        problems.append("window: the main window did not show")
    # The icon is an SVG: a null icon means Qt's SVG plugins are missing from the installation.
    if window.windowIcon().pixmap(32, 32).isNull():
        problems.append("window: the app icon could not be drawn (Qt SVG support is missing)")


def run_selftest() -> int:
    started = time.perf_counter()
    _choose_platform()
    config = tempfile.mkdtemp(prefix="alttext-selftest-config-")
    saved_config = os.environ.get("ALTTEXT_CONFIG_DIR")
    os.environ["ALTTEXT_CONFIG_DIR"] = config  # never read or write the person's settings
    problems: list[str] = []
    try:
        from alttext_app.core.speech import shared_engine
        from alttext_app.gui.app import create_application
        from alttext_app.gui.main_window import MainWindow

        app = create_application()
        engine = shared_engine()
        window = MainWindow(speech_engine=engine)
        _check_window(app, window, problems)
        window_seconds = time.perf_counter() - started
        caption = _check_caption(problems)
        speech = _check_speech(engine, problems)
        ocr = _check_ocr()
        platform = app.platformName()
        window.close()
        app.processEvents()
    except Exception as exc:  # a broken installation must still end in one line, not a traceback
        log.exception("selftest: unexpected failure")
        print(f"selftest failed: {type(exc).__name__}: {exc}", flush=True)
        return 1
    finally:
        if saved_config is None:
            os.environ.pop("ALTTEXT_CONFIG_DIR", None)
        else:
            os.environ["ALTTEXT_CONFIG_DIR"] = saved_config
        shutil.rmtree(config, ignore_errors=True)
    seconds = time.perf_counter() - started
    facts = (
        f'caption="{caption}" speech={speech} ocr={ocr} qt={platform} '
        f"window={window_seconds:.2f}s total={seconds:.2f}s"
    )
    if problems:
        print(f"selftest failed: {'; '.join(problems)} | {facts}", flush=True)
        return 1
    print(f"selftest ok: {facts}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(run_selftest())
