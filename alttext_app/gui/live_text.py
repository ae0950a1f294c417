"""Text that follows the window's language after it was shown.

A message kept on screen (the status line, the preview's hint) is stored as it was given, not
only as it was rendered, so a language switch can render it again: a callable (usually a lambda
around `self.tr(...)`) is called again; a plain string is an English sentence from the core, or
one already translated, and goes through the core's message table (`localize` leaves a string it
does not know as it is).
"""

from __future__ import annotations

from collections.abc import Callable

from alttext_app.core.i18n import localize

LiveText = str | Callable[[], str]


def render(text: LiveText) -> str:
    """The text in the current language."""
    return text() if callable(text) else localize(text)
