"""Descriptions in the user's language when the captioner writes English only.

After a captioning model's English alt text is finished, `localize_result` looks for an installed
translation model from English to the wanted language (a MarianMT "opus-mt-en-<lang>" model, see
models/catalogue.json), translates, applies that language's alt-text rules and keeps the English
original in `alt_text_en`. Without one the description stays English and `notice` says how to get
a translator — never a silent change of language.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from alttext_app.core.alttext_rules import finalize_alt_text
from alttext_app.core.captioner import AbortCheck, CaptionResult
from alttext_app.core.engines.marian_text import language_pair
from alttext_app.core.i18n import tr

log = logging.getLogger(__name__)

TRANSLATION_FAMILIES = ("marian",)
_lock = threading.Lock()
_loaded: dict[tuple[str, str], object] = {}


def find_translator(source: str, target: str) -> Path | None:
    """The folder of an installed translation model from `source` to `target`, or None."""
    from alttext_app.core.models.store import list_installed, load_dir_for

    for model in list_installed():
        if model.family in TRANSLATION_FAMILIES and language_pair(model.name) == (source, target):
            return load_dir_for(model.path)
    return None


def suggested_translator(source: str, target: str) -> str | None:
    """The catalogue name to pull for this pair, if the catalogue has one."""
    from alttext_app.core.models.catalogue import load_catalogue

    for entry in load_catalogue():
        if entry.family in TRANSLATION_FAMILIES and language_pair(entry.id) == (source, target):
            return entry.alias
    return None


def translator_for(model_dir: Path, target: str):
    """A loaded Translator, kept for the next caption."""
    from alttext_app.core.engines.translator import Translator

    key = (str(model_dir), target)
    with _lock:
        if key not in _loaded:
            _loaded[key] = Translator(model_dir, target)
        return _loaded[key]


def localize_result(
    result: CaptionResult, language: str, max_chars: int, should_abort: AbortCheck | None = None
) -> CaptionResult:
    """Translate `result` into `language` in place when a translator is installed; else say how."""
    if not result.alt_text or not language or result.lang == language:
        return result
    folder = find_translator(result.lang, language)
    if folder is None:
        name = suggested_translator(result.lang, language)
        if name:
            result.notice = tr(
                "No translation model is installed, so this description is in English; "
                "get one with “alttext models pull {name}”.", name=name,
            )
        else:
            result.notice = tr("AltText cannot translate descriptions into this language yet, "
                               "so this one is in English.")
        return result
    text = translator_for(folder, language).translate(result.alt_text, should_abort)
    translated = finalize_alt_text(text, max_chars=max_chars, language=language)
    if translated:
        result.alt_text_en, result.alt_text, result.lang = result.alt_text, translated, language
    return result
