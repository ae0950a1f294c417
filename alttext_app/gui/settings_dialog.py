"""The Settings dialog: speech, copying and the describer. Edits a copy of `Settings`."""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from alttext_app.core import i18n
from alttext_app.core.settings import (
    DEFAULT_MAX_CHARS,
    MAX_MAX_CHARS,
    MAX_RATE,
    MIN_MAX_CHARS,
    MIN_RATE,
    Settings,
)
from alttext_app.core.speech import Voice
from alttext_app.core.voices import remember
from alttext_app.gui.a11y import name_popup
from alttext_app.gui.language_choice import language_combo
from alttext_app.gui.speech_thread import SpeechController

log = logging.getLogger(__name__)

COPY_FORMAT_LABELS = (("plain", QT_TRANSLATE_NOOP("SettingsDialog", "Plain text")), ("html", QT_TRANSLATE_NOOP("SettingsDialog", "HTML <img> tag")),
                      ("markdown", QT_TRANSLATE_NOOP("SettingsDialog", "Markdown image")))
BACKEND_LABELS = (("auto", QT_TRANSLATE_NOOP("SettingsDialog", "Automatic")), ("onnx", QT_TRANSLATE_NOOP("SettingsDialog", "ONNX Runtime")),
                  ("torch", QT_TRANSLATE_NOOP("SettingsDialog", "PyTorch")))
DEVICE_LABELS = (("auto", QT_TRANSLATE_NOOP("SettingsDialog", "Automatic")), ("cpu", QT_TRANSLATE_NOOP("SettingsDialog", "Processor (CPU)")),
                 ("cuda", QT_TRANSLATE_NOOP("SettingsDialog", "Graphics card (CUDA)")))
MODEL_LABELS = (("auto", QT_TRANSLATE_NOOP("SettingsDialog", "Automatic (the active model, else built-in)")),
                ("builtin", QT_TRANSLATE_NOOP("SettingsDialog", "Built-in describer")))


def _translated(items: tuple[tuple[str, str], ...]) -> list[tuple[str, str]]:
    return [(value, QCoreApplication.translate("SettingsDialog", label)) for value, label in items]


def installed_model_names(_ctx: object = None) -> list[str]:
    """Installed model names (a walk of the model folder: run it off the GUI thread)."""
    try:
        from alttext_app.core.models.store import list_installed

        return [model.name for model in list_installed()]
    except Exception:  # a broken model store must not block Settings
        log.info("installed models unavailable", exc_info=True)
        return []


COMBO_CHARS = 36  # the longest built-in label ("Automatic (the active model, else built-in)") nearly fits


def _combo(name: str, items: list[tuple[str, str]] | tuple[tuple[str, str], ...], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    # Width in characters (it follows the font), not measured over every item: with a style sheet
    # that measuring made adding 150 voices take tens of milliseconds on the GUI thread.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(COMBO_CHARS)
    for value, label in items:
        combo.addItem(label, value)
    _select(combo, current)
    name_popup(combo)
    return combo


def _select(combo: QComboBox, current: str) -> None:
    index = combo.findData(current)
    if index < 0:  # voice ids may differ in case between tools
        lowered = [str(combo.itemData(i)).lower() for i in range(combo.count())]
        index = lowered.index(current.lower()) if current.lower() in lowered else 0
    combo.setCurrentIndex(index)


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, speech: SpeechController | None, parent: QWidget | None = None,
                 *, screen_reader: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("AltText Settings"))
        self._settings = dataclasses.replace(settings)
        self._speech = speech
        self._voices: dict[str, Voice] = {}

        # Language: the window's (from the next start), the messages' and the descriptions'.
        self.language = language_combo(settings.language)
        language_box = QGroupBox(self.tr("Language"))
        QFormLayout(language_box).addRow(self.tr("&Language:"), self.language)

        # Speech. The voice list comes from the speech thread, which may be busy speaking: it
        # arrives later (the window never waits for it).
        self.voice = _combo(self.tr("Voice"), [("", self.tr("Default voice"))], settings.voice)
        self.voice.setEnabled(False)
        self.voice.setAccessibleDescription(self.tr("Loading the list of voices…"))
        if speech is not None:
            speech.list_voices(self._fill_voices, owner=self)
        self.rate = QSpinBox()
        self.rate.setRange(MIN_RATE, MAX_RATE)
        self.rate.setSingleStep(10)
        self.rate.setSuffix(self.tr(" words per minute"))
        self.rate.setValue(settings.rate)
        self.rate.setAccessibleName(self.tr("Speaking rate"))
        self.try_voice = QPushButton(self.tr("&Try Voice"))
        self.try_voice.setAccessibleName(self.tr("Try voice"))
        self.try_voice.setAccessibleDescription(self.tr("Speak a short sentence with this voice and rate."))
        self.try_voice.clicked.connect(self._try_voice)
        self.try_voice.setEnabled(speech is not None and speech.can_play)
        self.auto_speak = QCheckBox(self.tr("Speak &automatically when a description is ready"))
        self.auto_speak.setChecked(settings.auto_speak)
        self.with_reader = QCheckBox(self.tr("Also speak automatically while a &screen reader runs"))
        self.with_reader.setChecked(settings.speak_with_screen_reader)
        self.with_reader.setAccessibleDescription(self.tr(
            "Off by default: your screen reader already reads each new description, "
            "and two voices at once are hard to follow."))
        speech_box = QGroupBox(self.tr("Speech"))
        form = QFormLayout(speech_box)
        form.addRow(self.tr("&Voice:"), self.voice)
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.rate, 1)
        rate_row.addWidget(self.try_voice)
        rate_label = QLabel(self.tr("&Rate:"))  # a row holding a layout gets no buddy by itself
        rate_label.setBuddy(self.rate)
        form.addRow(rate_label, rate_row)
        form.addRow(self.auto_speak)
        form.addRow(self.with_reader)
        notes = []
        if screen_reader:
            notes.append(self.tr("A screen reader is running, so AltText does not also speak new "
                                 "descriptions unless you tick the box above."))
        if speech is not None and speech.status.reason:
            notes.append(i18n.localize(speech.status.reason))  # the core's sentence, translated
        for text in notes:
            note = QLabel(text)
            note.setWordWrap(True)
            note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                         | Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(note)

        # Copying
        self.copy_format = _combo(self.tr("Copy format"), _translated(COPY_FORMAT_LABELS), settings.copy_format)
        self.auto_copy = QCheckBox(self.tr("C&opy automatically when a description is ready"))
        self.auto_copy.setChecked(settings.auto_copy)
        copy_box = QGroupBox(self.tr("Copying"))
        copy_form = QFormLayout(copy_box)
        copy_form.addRow(self.tr("Copy &format:"), self.copy_format)
        copy_form.addRow(self.auto_copy)

        # Describer
        # Installed models come from a walk of the model folder: off the GUI thread, added later.
        models = _translated(MODEL_LABELS)
        if settings.model not in {value for value, _ in models}:
            models.append((settings.model, settings.model))
        self.model = _combo(self.tr("Model"), models, settings.model)
        if speech is not None:
            speech.runner.start(installed_model_names, name="installed models", on_result=self._fill_models,
                                owner=self)
        self.backend = _combo(self.tr("Backend"), _translated(BACKEND_LABELS), settings.backend)
        self.device = _combo(self.tr("Device"), _translated(DEVICE_LABELS), settings.device)
        self.max_chars = QSpinBox()
        self.max_chars.setRange(MIN_MAX_CHARS, MAX_MAX_CHARS)
        self.max_chars.setSingleStep(5)
        self.max_chars.setSuffix(self.tr(" characters"))
        self.max_chars.setValue(settings.max_chars)
        self.max_chars.setAccessibleName(self.tr("Longest alt text"))
        self.max_chars.setAccessibleDescription(
            self.tr("Descriptions are cut at a word boundary to fit; %1 is the usual advice.")
            .replace("%1", str(DEFAULT_MAX_CHARS)))
        model_box = QGroupBox(self.tr("Describer"))
        model_form = QFormLayout(model_box)
        model_form.addRow(self.tr("&Model:"), self.model)
        model_form.addRow(self.tr("&Backend:"), self.backend)
        model_form.addRow(self.tr("&Device:"), self.device)
        model_form.addRow(self.tr("&Longest alt text:"), self.max_chars)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))

        layout = QVBoxLayout(self)
        layout.addWidget(speech_box)
        layout.addWidget(copy_box)
        layout.addWidget(model_box)
        layout.addWidget(language_box)  # last: speech stays first in the tab order
        layout.addWidget(buttons)
        self.voice.setFocus()

    def settings(self) -> Settings:
        """The edited settings (meaningful after the dialog was accepted)."""
        s = self._settings
        s.voice = self.voice.currentData() or ""
        s.voices = remember(s.voices, self._voices.get(s.voice))  # kept for that voice's language
        s.language = self.language.currentData() or ""
        s.rate = self.rate.value()
        s.auto_speak = self.auto_speak.isChecked()
        s.speak_with_screen_reader = self.with_reader.isChecked()
        s.copy_format = self.copy_format.currentData()
        s.auto_copy = self.auto_copy.isChecked()
        s.model = self.model.currentData()
        s.backend = self.backend.currentData()
        s.device = self.device.currentData()
        s.max_chars = self.max_chars.value()
        return dataclasses.replace(s)

    def _fill_models(self, names: list[str]) -> None:
        known = {str(self.model.itemData(i)) for i in range(self.model.count())}
        for name in names:
            if name not in known:
                self.model.addItem(name, name)

    def _fill_voices(self, voices: list[Voice]) -> None:
        current = self.voice.currentData() or self._settings.voice
        self._voices = {voice.id: voice for voice in voices}
        for voice in voices:
            self.voice.addItem(voice.label, voice.id)
        _select(self.voice, current)
        self.voice.setEnabled(self.voice.count() > 1)
        self.voice.setAccessibleDescription(
            self.tr("%n voice(s) available.", "", len(voices)) if voices else self.tr("No voices found."))

    def _try_voice(self) -> None:
        if self._speech is None:
            return
        voice_id = self.voice.currentData() or ""
        voice = self._voices.get(voice_id)
        self._speech.apply(voice_id, self.rate.value(), remember(self._settings.voices, voice))
        # The sample in the voice's own language: a Mandarin voice says the Chinese sentence, an
        # English voice the English one, whatever the window's language.
        language = voice.language if voice and voice.language else i18n.language()
        sample = self.tr("This is how AltText will read your descriptions.")
        if language != i18n.language():
            sample = "This is how AltText will read your descriptions."
        self._speech.speak(sample, language)
