"""Every window action in one table: its text, shortcut and help, so each has a keyboard shortcut
and the shortcut list in Help is always complete."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    text: str  # menu text with & mnemonic
    shortcut: str  # portable text form, e.g. "Ctrl+O"
    tip: str  # status tip and accessible description


class Act(enum.Enum):
    OPEN = ActionSpec("&Open Image…", "Ctrl+O", "Choose an image file to describe.")
    PASTE = ActionSpec("&Paste Image", "Ctrl+V", "Describe the image or image file on the clipboard.")
    DESCRIBE = ActionSpec("&Describe Again", "F5", "Describe the current image again with the current settings.")
    CANCEL = ActionSpec("Ca&ncel", "Ctrl+.", "Stop describing the image.")
    SPEAK = ActionSpec("&Speak", "Ctrl+Shift+S", "Read the alt text aloud.")
    STOP = ActionSpec("S&top Speaking", "Esc", "Stop reading aloud.")
    SAVE_SPEECH = ActionSpec("Save Speech as &WAV…", "Ctrl+Shift+W", "Save the alt text read aloud as a WAV sound file.")
    COPY = ActionSpec("&Copy Alt Text", "Ctrl+Shift+C", "Copy the alt text in the chosen format.")
    COPY_PLAIN = ActionSpec("Copy as &Plain Text", "Ctrl+Shift+T", "Copy the alt text as plain text.")
    COPY_HTML = ActionSpec("Copy as &HTML", "Ctrl+Shift+H", "Copy an HTML img tag with this alt text.")
    COPY_MARKDOWN = ActionSpec("Copy as &Markdown", "Ctrl+Shift+K", "Copy a Markdown image with this alt text.")
    REPLACE = ActionSpec("&Use New Description", "Alt+R", "Replace your text with the new description.")
    KEEP = ActionSpec("&Keep My Text", "Alt+K", "Keep your text and drop the new description.")
    DECORATIVE = ActionSpec("Mark as &Decorative", "Ctrl+D",
                            "Decorative images get empty alt text (alt=\"\") so screen readers skip them.")
    FOCUS_TEXT = ActionSpec("&Edit Alt Text", "Alt+A", "Move to the alt text field.")
    SETTINGS = ActionSpec("S&ettings…", "Ctrl+,", "Choose voice, speed, copy format and model.")
    MODELS = ActionSpec("&Models…", "Ctrl+M", "Install, remove and choose captioning models.")
    SHORTCUTS = ActionSpec("&Keyboard Shortcuts", "F1", "List every keyboard shortcut.")
    ABOUT = ActionSpec("&About AltText", "Ctrl+Shift+A", "Version and privacy information.")
    QUIT = ActionSpec("&Quit", "Ctrl+Q", "Close AltText.")

    @property
    def plain_text(self) -> str:
        return self.value.text.replace("&", "").rstrip("…")


def make_actions(parent: QWidget) -> dict[Act, QAction]:
    """One QAction per table row, owned by `parent` so shortcuts work anywhere in the window."""
    actions: dict[Act, QAction] = {}
    for act in Act:
        action = QAction(act.value.text, parent)
        action.setShortcut(QKeySequence(act.value.shortcut))
        action.setStatusTip(act.value.tip)
        action.setToolTip(f"{act.plain_text} ({act.value.shortcut})")
        action.setObjectName(f"action_{act.name.lower()}")
        parent.addAction(action)
        actions[act] = action
    return actions


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(shortcut in the user's native text, action, what it does) for the help window."""
    return [
        (QKeySequence(a.value.shortcut).toString(QKeySequence.SequenceFormat.NativeText), a.plain_text, a.value.tip)
        for a in Act
    ]
