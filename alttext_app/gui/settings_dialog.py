"""The Settings dialog: speech, copying and the describer. Edits a copy of `Settings`."""

from __future__ import annotations

import dataclasses
import logging

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

from alttext_app.core.settings import (
    DEFAULT_MAX_CHARS,
    MAX_MAX_CHARS,
    MAX_RATE,
    MIN_MAX_CHARS,
    MIN_RATE,
    Settings,
)
from alttext_app.gui.speech_thread import SpeechController

log = logging.getLogger(__name__)

COPY_FORMAT_LABELS = (("plain", "Plain text"), ("html", "HTML <img> tag"), ("markdown", "Markdown image"))
BACKEND_LABELS = (("auto", "Automatic"), ("onnx", "ONNX Runtime"), ("torch", "PyTorch"))
DEVICE_LABELS = (("auto", "Automatic"), ("cpu", "Processor (CPU)"), ("cuda", "Graphics card (CUDA)"))


def model_choices(current: str) -> list[tuple[str, str]]:
    """(value, label) for the model list: automatic, built-in, then installed models if any."""
    choices = [("auto", "Automatic (the active model, else built-in)"), ("builtin", "Built-in describer")]
    try:
        from alttext_app.core.models.store import list_installed

        for model in list_installed():
            choices.append((model.name, model.name))
    except Exception:  # the model store is optional; a broken one must not block Settings
        log.info("installed models unavailable", exc_info=True)
    if current and current not in {value for value, _ in choices}:
        choices.append((current, current))
    return choices


def _combo(name: str, items: list[tuple[str, str]] | tuple[tuple[str, str], ...], current: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    for value, label in items:
        combo.addItem(label, value)
    index = combo.findData(current)
    if index < 0:  # voice ids may differ in case between tools
        lowered = [str(combo.itemData(i)).lower() for i in range(combo.count())]
        index = lowered.index(current.lower()) if current.lower() in lowered else 0
    combo.setCurrentIndex(index)
    return combo


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, speech: SpeechController | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("AltText Settings")
        self.setAccessibleName("AltText Settings")
        self._settings = dataclasses.replace(settings)
        self._speech = speech

        # Speech
        voices = [("", "Default voice")]
        if speech is not None and speech.available:
            voices += [(v.id, v.label) for v in speech.engine.list_voices()]
        self.voice = _combo("Voice", voices, settings.voice)
        self.voice.setEnabled(len(voices) > 1)
        self.rate = QSpinBox()
        self.rate.setRange(MIN_RATE, MAX_RATE)
        self.rate.setSingleStep(10)
        self.rate.setSuffix(" words per minute")
        self.rate.setValue(settings.rate)
        self.rate.setAccessibleName("Speaking rate")
        self.try_voice = QPushButton("&Try Voice")
        self.try_voice.setAccessibleName("Try voice")
        self.try_voice.setAccessibleDescription("Speak a short sentence with this voice and rate.")
        self.try_voice.clicked.connect(self._try_voice)
        self.try_voice.setEnabled(speech is not None and speech.can_play)
        self.auto_speak = QCheckBox("Speak &automatically when a description is ready")
        self.auto_speak.setChecked(settings.auto_speak)
        speech_box = QGroupBox("Speech")
        form = QFormLayout(speech_box)
        form.addRow("&Voice:", self.voice)
        rate_row = QHBoxLayout()
        rate_row.addWidget(self.rate, 1)
        rate_row.addWidget(self.try_voice)
        rate_label = QLabel("&Rate:")  # a row holding a layout gets no buddy by itself
        rate_label.setBuddy(self.rate)
        form.addRow(rate_label, rate_row)
        form.addRow(self.auto_speak)
        if speech is not None and speech.reason:
            note = QLabel(speech.reason)
            note.setWordWrap(True)
            form.addRow(note)

        # Copying
        self.copy_format = _combo("Copy format", COPY_FORMAT_LABELS, settings.copy_format)
        self.auto_copy = QCheckBox("C&opy automatically when a description is ready")
        self.auto_copy.setChecked(settings.auto_copy)
        copy_box = QGroupBox("Copying")
        copy_form = QFormLayout(copy_box)
        copy_form.addRow("Copy &format:", self.copy_format)
        copy_form.addRow(self.auto_copy)

        # Describer
        self.model = _combo("Model", model_choices(settings.model), settings.model)
        self.backend = _combo("Backend", BACKEND_LABELS, settings.backend)
        self.device = _combo("Device", DEVICE_LABELS, settings.device)
        self.max_chars = QSpinBox()
        self.max_chars.setRange(MIN_MAX_CHARS, MAX_MAX_CHARS)
        self.max_chars.setSingleStep(5)
        self.max_chars.setSuffix(" characters")
        self.max_chars.setValue(settings.max_chars)
        self.max_chars.setAccessibleName("Longest alt text")
        self.max_chars.setAccessibleDescription(f"Descriptions are cut at a word boundary to fit; {DEFAULT_MAX_CHARS} is the usual advice.")
        model_box = QGroupBox("Describer")
        model_form = QFormLayout(model_box)
        model_form.addRow("&Model:", self.model)
        model_form.addRow("&Backend:", self.backend)
        model_form.addRow("&Device:", self.device)
        model_form.addRow("&Longest alt text:", self.max_chars)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))

        layout = QVBoxLayout(self)
        layout.addWidget(speech_box)
        layout.addWidget(copy_box)
        layout.addWidget(model_box)
        layout.addWidget(buttons)
        self.voice.setFocus()

    def settings(self) -> Settings:
        """The edited settings (meaningful after the dialog was accepted)."""
        s = self._settings
        s.voice = self.voice.currentData() or ""
        s.rate = self.rate.value()
        s.auto_speak = self.auto_speak.isChecked()
        s.copy_format = self.copy_format.currentData()
        s.auto_copy = self.auto_copy.isChecked()
        s.model = self.model.currentData()
        s.backend = self.backend.currentData()
        s.device = self.device.currentData()
        s.max_chars = self.max_chars.value()
        return dataclasses.replace(s)

    def _try_voice(self) -> None:
        if self._speech is None:
            return
        self._speech.apply(self.voice.currentData() or "", self.rate.value())
        self._speech.speak("This is how AltText will read your descriptions.")
