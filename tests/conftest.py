"""Shared test set-up: every test gets its own empty user folders, and Qt runs offscreen."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Models, logs and settings go to fresh temp folders, never the developer's real ones."""
    base = tmp_path_factory.mktemp("user")
    for var, sub in (
        ("ALTTEXT_MODELS_DIR", "models"),
        ("ALTTEXT_LOG_DIR", "logs"),
        ("ALTTEXT_CONFIG_DIR", "config"),
        ("ALTTEXT_LIBRARY_DIR", "library"),
    ):
        monkeypatch.setenv(var, str(base / sub))
    # Messages in English whatever the developer's desktop language; a test may choose another.
    monkeypatch.setenv("LANGUAGE", "en")
    from alttext_app.core import i18n

    i18n.set_language(None)
    return base
