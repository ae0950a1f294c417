"""The app's settings as one typed record, and the INI file that stores them.

Only `alttext_app.core.session.Session` calls `read_settings_file` / `write_settings_file`
(a test enforces it): the CLI and the window both go through a Session, so the file has one
reader and one writer. Reading never raises: every value is checked (type, range, choices) and a
bad one falls back to its default, with the problem reported so the Session can say so once.
Writing is atomic (temp file + fsync + rename), so a kill or a full disk never leaves a
truncated file behind.
"""

from __future__ import annotations

import configparser
import contextlib
import io
import logging
import os
import re
import tempfile
from dataclasses import dataclass, fields
from pathlib import Path

from alttext_app.core.alttext_rules import DEFAULT_MAX_CHARS
from alttext_app.core.paths import config_dir
from alttext_app.core.protocols import Backend, CopyFormat, Device

log = logging.getLogger(__name__)

SECTION = "General"
MIN_MAX_CHARS, MAX_MAX_CHARS = 40, 1000
DEFAULT_RATE = 175  # words per minute
MIN_RATE, MAX_RATE = 60, 450
COPY_FORMATS = tuple(CopyFormat)
_MAX_TEXT = 4096  # longest string setting kept (a voice id, a model name or folder)
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off")


@dataclass
class Settings:
    voice: str = ""  # speech engine voice id; "" = the engine's default
    voices: str = ""  # the user's voice per language, "en=gmw/en-US,zh=sit/cmn" (core.voices)
    language: str = ""  # language of the window, messages and descriptions; "" = the system's
    rate: int = DEFAULT_RATE
    auto_speak: bool = True
    speak_with_screen_reader: bool = False  # auto_speak also while a screen reader runs (two voices)
    auto_copy: bool = False
    copy_format: str = CopyFormat.PLAIN.value
    model: str = "auto"  # "auto", "builtin", an installed model name or a folder
    backend: str = Backend.AUTO.value
    device: str = Device.AUTO.value
    max_chars: int = DEFAULT_MAX_CHARS
    models_dir: str = ""  # where models are installed; "" = the platform data folder


_RANGES = {"rate": (MIN_RATE, MAX_RATE), "max_chars": (MIN_MAX_CHARS, MAX_MAX_CHARS)}
_CHOICES = {"copy_format": tuple(CopyFormat), "backend": Backend.choices(), "device": tuple(Device)}


def settings_file() -> Path:
    return config_dir() / "alttext.ini"


def _parse_value(name: str, raw: str, default: object) -> object:
    """The typed value of one setting; ValueError when it is not valid."""
    text = raw.strip()
    if isinstance(default, bool):
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise ValueError(name)
    if isinstance(default, int):
        if not re.fullmatch(r"[+-]?\d{1,9}", text):  # also refuses 1e21 and 10**100
            raise ValueError(name)
        return int(text)
    if len(raw) > _MAX_TEXT or re.search(r"[\x00-\x1f\x7f]", raw):
        raise ValueError(name)
    return text


def check_value(name: str, value: object) -> bool:
    """Whether `value` is acceptable for setting `name` (type, range and choices)."""
    default = getattr(Settings, name)
    if type(value) is not type(default) and not (isinstance(default, str) and isinstance(value, str)):
        return False
    if name in _RANGES:
        low, high = _RANGES[name]
        return low <= value <= high  # type: ignore[operator]
    if name in _CHOICES:
        return value in _CHOICES[name]
    if isinstance(value, str):
        return len(value) <= _MAX_TEXT and not re.search(r"[\x00-\x1f\x7f]", value)
    return True


def validated(settings: Settings) -> tuple[Settings, list[str]]:
    """A copy with every invalid value replaced by its default, and the names of those values."""
    clean = Settings()
    bad = []
    for field in fields(Settings):
        value = getattr(settings, field.name)
        if check_value(field.name, value):
            setattr(clean, field.name, str(value) if isinstance(value, str) else value)
        else:
            bad.append(field.name)
    return clean, bad


@dataclass
class ReadResult:
    settings: Settings
    unreadable: str = ""  # why the whole file was unusable ("" when it could be read)
    bad_keys: tuple[str, ...] = ()  # settings whose stored value was invalid

    @property
    def damaged(self) -> bool:
        return bool(self.unreadable or self.bad_keys)


def read_settings_file(path: Path) -> ReadResult:
    """Read and check the settings file; a missing file is all defaults and not a problem."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return ReadResult(Settings())
    except OSError as exc:
        log.warning("could not read settings from %s: %s", path, exc)
        return ReadResult(Settings(), unreadable="it could not be opened")
    if data.startswith(b"\xef\xbb\xbf"):  # a BOM from a Windows editor: harmless, read past it
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return ReadResult(Settings(), unreadable="it is not UTF-8 text")
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    try:
        parser.read_file(io.StringIO(text), source=str(path))
    except configparser.Error as exc:
        log.warning("settings file %s is malformed: %s", path, exc)
        return ReadResult(Settings(), unreadable="it is not a valid settings file")
    settings = Settings()
    bad = []
    if parser.has_section(SECTION):
        for field in fields(Settings):
            raw = parser.get(SECTION, field.name, fallback=None)
            if raw is None:
                continue
            try:
                value = _parse_value(field.name, raw, getattr(settings, field.name))
            except ValueError:
                value = None
            if value is None or not check_value(field.name, value):
                log.warning("ignoring bad setting %s=%r", field.name, raw[:80])
                bad.append(field.name)
                continue
            setattr(settings, field.name, value)
    return ReadResult(settings, bad_keys=tuple(bad))


def write_settings_file(settings: Settings, path: Path) -> None:
    """Write the settings atomically: a temp file beside it, fsync, then rename over it."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keep key case
    parser.add_section(SECTION)
    for field in fields(Settings):
        value = getattr(settings, field.name)
        parser.set(SECTION, field.name, str(value).lower() if isinstance(value, bool) else str(value))
    buffer = io.StringIO()
    parser.write(buffer)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(buffer.getvalue())
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the OS allows it
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def keep_aside(path: Path) -> Path | None:
    """Move a damaged settings file out of the way (kept for the user); returns where it went."""
    for n in range(100):
        target = path.with_name(f"{path.name}.broken" + (f"-{n}" if n else ""))
        if not target.exists():
            try:
                path.rename(target)
            except OSError:
                log.warning("could not keep the damaged settings file %s aside", path, exc_info=True)
                return None
            return target
    return None
