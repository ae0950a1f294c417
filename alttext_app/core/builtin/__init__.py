"""The built-in describer: describes images with weights that ship inside AltText (no download)."""

from __future__ import annotations

from alttext_app.core.captioner import Captioner


def load_builtin() -> Captioner:
    """Load the classifier, face detector and text reader once; the model service caches the result."""
    from alttext_app.core.builtin.describer import BuiltinDescriber

    return BuiltinDescriber()
