"""Text-to-WAV synthesisers used by alttext_app.core.speech (always called from its one thread).

- `EspeakCli`: the `espeak-ng` program, one short process per utterance. Used on Linux when the
  program is there: deterministic, and nothing in our process can get into a bad state.
- `Pyttsx3Synth`: pyttsx3 (SAPI5 on Windows, NSSpeechSynthesizer on macOS, libespeak-ng elsewhere).
  Measured here: with libespeak-ng, pyttsx3 drops property changes and sometimes cuts audio when
  utterances follow each other (its driver handles espeak's callbacks on another thread and clears
  its command queue when a loop ends), so it is only the fallback where espeak-ng is absent.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Protocol

log = logging.getLogger(__name__)
_OTHER_LANGUAGES = re.compile(r"\(([\w-]+) \d+\)")


class Synth(Protocol):
    name: str
    default_voice: str

    def voices(self) -> list[tuple[str, str, tuple[str, ...]]]:
        """(id, name, languages) for each voice."""
        ...

    def synthesise(self, text: str, path: Path, voice: str, rate: int) -> None:
        """Write `text` spoken with `voice` ('' = default) at `rate` words per minute to `path`."""
        ...


class EspeakCli:
    name = "espeak-ng"

    def __init__(self, exe: str) -> None:
        self.exe = exe
        self.default_voice = ""  # espeak-ng's own default (English)

    def voices(self) -> list[tuple[str, str, tuple[str, ...]]]:
        out = subprocess.run([self.exe, "--voices"], capture_output=True, text=True, timeout=20, check=True)
        voices = []
        for line in out.stdout.splitlines()[1:]:
            # Pty Language Age/Gender VoiceName File Other-languages, e.g. "(zh-cmn 5)(zh 5)"
            parts = line.split(maxsplit=5)
            if len(parts) >= 5:
                others = _OTHER_LANGUAGES.findall(parts[5]) if len(parts) > 5 else []
                voices.append((parts[4], parts[3].replace("_", " "), (parts[1], *others)))
        return voices

    def synthesise(self, text: str, path: Path, voice: str, rate: int) -> None:
        cmd = [self.exe, "-s", str(rate), "-w", str(path), "--stdin"]
        if voice:
            cmd[1:1] = ["-v", voice]
        run = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=120)
        if run.returncode != 0:
            raise RuntimeError(f"espeak-ng exited with {run.returncode}: {run.stderr[-300:]!r}")


class Pyttsx3Synth:
    name = "pyttsx3"

    def __init__(self, driver: str | None = None) -> None:
        import pyttsx3

        self.engine = pyttsx3.init(driver) if driver else pyttsx3.init()
        self.default_voice = self.engine.getProperty("voice") or ""
        _silence_driver_prints()

    def voices(self) -> list[tuple[str, str, tuple[str, ...]]]:
        voices = []
        for v in self.engine.getProperty("voices") or []:
            langs = tuple(
                lang.decode("utf-8", "ignore") if isinstance(lang, bytes) else str(lang)
                for lang in (getattr(v, "languages", None) or [])
            )
            voices.append((str(v.id), str(v.name or v.id), langs))
        return voices

    def synthesise(self, text: str, path: Path, voice: str, rate: int) -> None:
        # Never `say()`: its espeak driver keeps writing to the last save_to_file target and plays
        # through an unstoppable `aplay`. A fresh save_to_file target each time avoids both.
        self.engine.setProperty("voice", voice or self.default_voice)
        self.engine.setProperty("rate", rate)
        self.engine.save_to_file(text, str(path))
        self.engine.runAndWait()


def _silence_driver_prints() -> None:
    """pyttsx3's espeak driver prints "Audio saved to …" on stdout, polluting the CLI's output.
    Shadow `print` in that module only (swapping sys.stdout from this thread would race)."""
    module = sys.modules.get("pyttsx3.drivers.espeak")
    if module is not None:
        module.print = lambda *args, **kwargs: log.debug("speech driver: %s", " ".join(map(str, args)))


def make_synth(prefer: str = "auto") -> Synth:
    """The best synthesiser here: espeak-ng's program on Linux, else pyttsx3. Raises if none."""
    exe = shutil.which("espeak-ng") or shutil.which("espeak")
    if prefer in ("auto", "espeak-ng") and exe and not sys.platform.startswith(("win", "darwin")):
        return EspeakCli(exe)
    if prefer == "espeak-ng":
        raise RuntimeError("espeak-ng is not installed")
    return Pyttsx3Synth()
