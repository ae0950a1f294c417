"""Settings through the Session: round trip, every kind of corruption (defaults, file kept aside,
said once), atomic writes, listeners, and one reader/writer of the file in the code."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

import alttext_app
from alttext_app.core import settings as settings_io
from alttext_app.core.session import Session, SettingsError
from alttext_app.core.settings import DEFAULT_MAX_CHARS, Settings, settings_file


def _write(data: bytes) -> Path:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_defaults_when_no_file() -> None:
    session = Session()
    assert session.settings == Settings()
    assert session.take_notice() is None
    assert not settings_file().exists()  # nothing written until something changes


def test_round_trip() -> None:
    wanted = Settings(voice="en-gb", rate=150, auto_speak=False, auto_copy=True, copy_format="html",
                      model="builtin", backend="onnx", device="cpu", max_chars=200)
    Session().save(wanted)
    assert Session().settings == wanted


CORRUPT = {
    "not utf-8": b"[General]\nvoice=caf\xe9\nrate=150\n",
    "duplicate keys": b"[General]\nrate=150\nrate=160\n",
    "duplicate sections": b"[General]\nrate=150\n[General]\nrate=160\n",
    "no section header": b"rate=150\n",
    "garbage": b"this is not an ini file\n[[[",
    "binary": bytes(range(256)) * 4,
}
BAD_VALUES = {
    "wrong type": (b"[General]\nrate=fast\nauto_copy=yes\n", "rate"),
    "huge number": (b"[General]\nmax_chars=1e21\n", "max_chars"),
    "huge integer": (b"[General]\nmax_chars=" + b"9" * 40 + b"\n", "max_chars"),
    "tiny budget": (b"[General]\nmax_chars=1\n", "max_chars"),
    "negative rate": (b"[General]\nrate=-3\n", "rate"),
    "unknown choice": (b"[General]\ncopy_format=rtf\n", "copy_format"),
    "bad backend": (b"[General]\nbackend=tensorflow\n", "backend"),
    "bad boolean": (b"[General]\nauto_speak=perhaps\n", "auto_speak"),
    "control character": (b"[General]\nvoice=en\x1b[31m\n", "voice"),
}


@pytest.mark.parametrize("data", CORRUPT.values(), ids=CORRUPT.keys())
def test_unreadable_file_gives_defaults_kept_aside_and_said_once(data: bytes) -> None:
    path = _write(data)
    session = Session()
    assert session.settings == Settings()
    notice = session.take_notice()
    assert notice and "could not be read" in notice and "default settings" in notice
    assert session.take_notice() is None  # said once
    aside = path.with_name(path.name + ".broken")
    assert aside.read_bytes() == data  # the user's file is kept, untouched
    assert notice.endswith(f"kept as {aside}.")
    assert Session().take_notice() is None  # repaired: the next start is quiet
    assert Session().settings == Settings()


@pytest.mark.parametrize(("data", "key"), BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_bad_values_fall_back_one_by_one(data: bytes, key: str) -> None:
    path = _write(data + b"model=builtin\n")
    session = Session()
    assert getattr(session.settings, key) == getattr(Settings(), key)
    assert session.settings.model == "builtin"  # the good values are kept
    notice = session.take_notice()
    assert notice and key in notice and "reset to their defaults" in notice
    assert path.with_name(path.name + ".broken").read_bytes() == data + b"model=builtin\n"
    assert Session().take_notice() is None


def test_bom_and_unknown_keys_are_harmless() -> None:
    _write(b"\xef\xbb\xbf[General]\nrate=150\nsomething_new=1\n[Other]\nx=1\n")
    session = Session()
    assert session.settings.rate == 150
    assert session.take_notice() is None


def test_the_default_budget_is_one_constant() -> None:
    from alttext_app.core.alttext_rules import DEFAULT_MAX_CHARS as rules_default
    from alttext_app.core.captioner import CaptionOptions

    assert Settings().max_chars == CaptionOptions().max_chars == rules_default == DEFAULT_MAX_CHARS


def test_invalid_values_are_not_saved() -> None:
    session = Session()
    session.update(rate=200)
    saved = session.save(Settings(rate=10**30, max_chars=1, copy_format="rtf", model="builtin"))
    assert (saved.rate, saved.max_chars, saved.copy_format, saved.model) == (200, 125, "plain", "builtin")
    assert Session().settings == saved


def test_listeners_hear_changes_once_and_can_leave() -> None:
    session = Session()
    heard: list[Settings] = []
    unsubscribe = session.subscribe(heard.append)
    session.update(rate=220)
    session.update(rate=220)  # no change, no call
    assert [s.rate for s in heard] == [220]
    unsubscribe()
    session.update(rate=230)
    assert len(heard) == 1


def test_writes_are_atomic(monkeypatch) -> None:
    session = Session()
    session.update(rate=150)
    before = settings_file().read_bytes()

    def fail(*_args) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(SettingsError, match="could not be saved"):
        session.update(rate=300)
    assert settings_file().read_bytes() == before  # the old file is whole
    assert [p.name for p in settings_file().parent.iterdir()] == [settings_file().name]  # no temp left
    assert session.settings.rate == 150


def test_a_file_written_by_another_process_is_read_on_reload() -> None:
    session = Session()
    Session().update(model="builtin")
    assert session.settings.model == "auto"
    assert session.reload().model == "builtin"


def test_only_the_session_reads_and_writes_the_settings_file() -> None:
    """One reader/writer: nothing but core/session.py calls the settings file functions."""
    package = Path(alttext_app.__file__).parent
    private = {"read_settings_file", "write_settings_file", "keep_aside", "settings_file"}
    offenders = []
    for path in package.rglob("*.py"):
        if path.name in ("session.py", "settings.py") and path.parent.name == "core":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
            if isinstance(node, ast.alias):
                name = node.name
            if name in private or (isinstance(node, ast.Constant) and node.value == "alttext.ini"):
                offenders.append(f"{path.relative_to(package)}:{node.lineno}")
    assert offenders == []
    assert settings_io.settings_file().name == "alttext.ini"
