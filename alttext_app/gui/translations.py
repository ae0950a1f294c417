"""The window in the user's language: Qt translators for AltText's own strings and for Qt's.

Every user-visible string in gui/ goes through `self.tr()` / `QCoreApplication.translate()`;
`scripts/update_translations.sh` collects them into `gui/i18n/alttext_<locale>.ts` (pyside6-lupdate)
and compiles `.qm` files (pyside6-lrelease). Which language: the `language` setting, else the
system locale (core.i18n, the same choice the command line makes). Adding a language is data
only: an `assets/i18n/<code>.json` naming its Qt locale, and `gui/i18n/alttext_<locale>.ts/.qm`.

Called again while windows are open (the language setting changed), it swaps the translators;
Qt then sends every widget QEvent.LanguageChange and each part of the window retranslates itself.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from alttext_app.core import i18n

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).with_name("i18n")
_installed: list[QTranslator] = []
_current = ""  # the Qt locale name of the window's language now ("" = English)


def available_ui_languages() -> dict[str, str]:
    """code -> own name of each language with a compiled window translation (English always)."""
    languages = {}
    for code, name in i18n.available_languages().items():
        qt_name = i18n.qt_locale(code)
        if code == i18n.DEFAULT or (I18N_DIR / f"alttext_{qt_name}.qm").is_file():
            languages[code] = name
    return languages


def install_translations(app: QCoreApplication, language: str | None = None) -> str:
    """Translate the window into `language` (None = the setting, else the system's).

    Returns the Qt locale name now in use ("" = English, the source language)."""
    global _current
    _current = ""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language is None:
        from alttext_app.core.session import default_session

        default_session()  # reads the language setting into core.i18n
    code = i18n.supported(language) if language else i18n.language()
    qt_name = i18n.qt_locale(code)
    if not qt_name:
        QLocale.setDefault(QLocale("en_US"))
        return ""
    ours = QTranslator(app)
    if not ours.load(f"alttext_{qt_name}", str(I18N_DIR)):
        log.warning("no window translation for %s in %s", qt_name, I18N_DIR)
        return ""
    app.installTranslator(ours)
    _installed.append(ours)
    # Qt's own words (standard dialog buttons, context menus of text fields).
    # qtbase first: the qt_ meta-catalogue also wants modules PySide6-Essentials does not ship.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{qt_name}", qt_dir) or qt_own.load(f"qt_{qt_name}", qt_dir):
        app.installTranslator(qt_own)
        _installed.append(qt_own)
    QLocale.setDefault(QLocale(qt_name))
    _current = qt_name
    return qt_name


def current_ui_language() -> str:
    """The Qt locale name the window is translated into now ("" = English)."""
    return _current
