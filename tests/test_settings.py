"""Settings round-trip through the INI file the GUI and CLI share; bad values fall back to defaults."""

from __future__ import annotations

from alttext_app.core.settings import Settings, load_settings, save_settings, settings_file


def test_defaults_when_no_file() -> None:
    assert not settings_file().exists()
    assert load_settings() == Settings()


def test_round_trip() -> None:
    wanted = Settings(voice="en-gb", rate=150, auto_speak=False, auto_copy=True, copy_format="html",
                      model="builtin", backend="onnx", device="cpu", max_chars=200)
    save_settings(wanted)
    assert load_settings() == wanted


def test_bad_values_fall_back_and_unknown_keys_are_kept_out(tmp_path) -> None:
    path = tmp_path / "alttext.ini"
    path.write_text("[General]\nrate=fast\nauto_copy=yes\nsomething_else=1\n")
    settings = load_settings(path)
    assert settings.rate == Settings().rate
    assert settings.auto_copy is True
    assert not hasattr(settings, "something_else")


def test_broken_file_does_not_crash(tmp_path) -> None:
    path = tmp_path / "alttext.ini"
    path.write_text("this is not an ini file\n[[[")
    assert load_settings(path) == Settings()
    save_settings(Settings(rate=100), path)
    assert load_settings(path).rate == 100
