"""Settings' language row: follow the system, or one of the languages AltText has a window for.

Languages are listed by their own names (English, 简体中文, …) so a person who cannot read
the current language still finds theirs. Once the settings are saved, everything follows at once:
messages and descriptions (core.i18n through the session) and the window itself (the main window
re-installs the Qt translators; each part retranslates itself on Qt's LanguageChange).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from alttext_app.core import i18n
from alttext_app.gui.a11y import name_popup
from alttext_app.gui.translations import available_ui_languages


def language_combo(current: str, parent: QWidget | None = None) -> QComboBox:
    """A combo box of "" (the system's language) and every language with a window translation."""
    combo = QComboBox(parent)
    combo.setAccessibleName(QCoreApplication.translate("LanguageChoice", "Language"))
    combo.setAccessibleDescription(QCoreApplication.translate(
        "LanguageChoice",
        "The window, its messages and the descriptions change to this language as soon as you press OK."))
    languages = available_ui_languages()
    system = languages.get(i18n.supported(i18n.system_language()), "English")
    combo.addItem(QCoreApplication.translate("LanguageChoice", "System language (%1)").replace("%1", system), "")
    for code, name in languages.items():
        combo.addItem(name, code)
    index = combo.findData(i18n.normalize(current))
    combo.setCurrentIndex(max(index, 0))
    name_popup(combo)  # its drop-down list is a control of its own for screen readers
    return combo
