"""Every window action in one table: text, shortcut, help, menu and the method it calls.

Adding an action is one row in `Act`: its menu entry, keyboard shortcut, accessible name and
description, tool tip and the line in the F1 shortcut list all come from that row; `slot` names
the window attribute to call ("describe", or a dotted path into a panel: "question.ask"), with
`arg` passed when given. Strings are translation sources (context "Actions"), translated when the
actions are made and again by `ActionTable.retranslate()` when the language changes (menu titles,
action texts, tool tips, the buttons' accessible names).
"""

from __future__ import annotations

import enum
import logging
import re
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QSizePolicy, QToolButton, QWidget

log = logging.getLogger(__name__)
CONTEXT = "Actions"


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class Menu(enum.Enum):
    """Menus in menu-bar order; the value is the translation source of the title."""

    FILE = QT_TRANSLATE_NOOP("Actions", "&File")
    EDIT = QT_TRANSLATE_NOOP("Actions", "&Edit")
    IMAGE = QT_TRANSLATE_NOOP("Actions", "&Image")
    SPEECH = QT_TRANSLATE_NOOP("Actions", "&Speech")
    TOOLS = QT_TRANSLATE_NOOP("Actions", "&Tools")
    HELP = QT_TRANSLATE_NOOP("Actions", "&Help")


@dataclass(frozen=True)
class ActionSpec:
    text: str  # menu text with & mnemonic (translation source)
    shortcut: str  # portable form, e.g. "Ctrl+O"
    tip: str  # status tip and accessible description (translation source)
    menu: Menu
    slot: str  # window attribute path to call when triggered
    arg: str | None = None  # passed to the slot when given
    separator_before: bool = False
    checkable: bool = False  # the slot then gets the checked state

    def menu_text(self) -> str:
        return _tr(self.text)

    def plain_text(self) -> str:
        """The name without mnemonic or ellipsis: accessible names, tool tips, the F1 list."""
        # "打开图片(&O)": a mnemonic in brackets (the CJK way) goes whole, not just its "&".
        return re.sub(r"\s*\(&\w\)", "", self.menu_text()).replace("&", "").rstrip("…").strip()

    def tip_text(self) -> str:
        return _tr(self.tip)

    def native_shortcut(self) -> str:
        return QKeySequence(self.shortcut).toString(QKeySequence.SequenceFormat.NativeText)


def _row(text: str, shortcut: str, tip: str, menu: Menu, slot: str, **extra: object) -> ActionSpec:
    return ActionSpec(text, shortcut, tip, menu, slot, **extra)  # type: ignore[arg-type]




class Act(enum.Enum):
    OPEN = _row(QT_TRANSLATE_NOOP("Actions", "&Open Image…"), "Ctrl+O", QT_TRANSLATE_NOOP("Actions", "Choose an image file to describe."), Menu.FILE, "open_file")
    PASTE = _row(QT_TRANSLATE_NOOP("Actions", "&Paste Image"), "Ctrl+V", QT_TRANSLATE_NOOP("Actions", "Describe the image or image file on the clipboard."),
                 Menu.FILE, "paste")
    QUIT = _row(QT_TRANSLATE_NOOP("Actions", "&Quit"), "Ctrl+Q", QT_TRANSLATE_NOOP("Actions", "Close AltText."), Menu.FILE, "close", separator_before=True)
    COPY = _row(QT_TRANSLATE_NOOP("Actions", "&Copy Alt Text"), "Ctrl+Shift+C", QT_TRANSLATE_NOOP("Actions", "Copy the alt text in the chosen format."),
                Menu.EDIT, "output.copy")
    COPY_PLAIN = _row(QT_TRANSLATE_NOOP("Actions", "Copy as &Plain Text"), "Ctrl+Shift+T", QT_TRANSLATE_NOOP("Actions", "Copy the alt text as plain text."),
                      Menu.EDIT, "output.copy", arg="plain")
    COPY_HTML = _row(QT_TRANSLATE_NOOP("Actions", "Copy as &HTML"), "Ctrl+Shift+H", QT_TRANSLATE_NOOP("Actions", "Copy an HTML img tag with this alt text."),
                     Menu.EDIT, "output.copy", arg="html")
    COPY_MARKDOWN = _row(QT_TRANSLATE_NOOP("Actions", "Copy as &Markdown"), "Ctrl+Shift+K", QT_TRANSLATE_NOOP("Actions", "Copy a Markdown image with this alt text."),
                         Menu.EDIT, "output.copy", arg="markdown")
    FOCUS_TEXT = _row(QT_TRANSLATE_NOOP("Actions", "&Edit Alt Text"), "Alt+A", QT_TRANSLATE_NOOP("Actions", "Move to the alt text field."), Menu.EDIT,
                      "focus_caption", separator_before=True)
    DECORATIVE = _row(QT_TRANSLATE_NOOP("Actions", "Mark as &Decorative"), "Ctrl+D",
                      QT_TRANSLATE_NOOP("Actions", "Decorative images get empty alt text (alt=\"\") so screen readers skip them."),
                      Menu.EDIT, "panel.decorative.setChecked", checkable=True)
    REPLACE = _row(QT_TRANSLATE_NOOP("Actions", "&Use New Description"), "Alt+R", QT_TRANSLATE_NOOP("Actions", "Replace your text with the new description."),
                   Menu.EDIT, "accept_pending")
    KEEP = _row(QT_TRANSLATE_NOOP("Actions", "&Keep My Text"), "Alt+K", QT_TRANSLATE_NOOP("Actions", "Keep your text and drop the new description."),
                Menu.EDIT, "keep_mine")
    DESCRIBE = _row(QT_TRANSLATE_NOOP("Actions", "&Describe Again"), "F5", QT_TRANSLATE_NOOP("Actions", "Describe the current image again with the current settings."),
                    Menu.IMAGE, "describe")
    MORE_DETAIL = _row(QT_TRANSLATE_NOOP("Actions", "&More Detail"), "Ctrl+Shift+D",
                       QT_TRANSLATE_NOOP("Actions", "Describe the image at more length, beside the alt text."),
                       Menu.IMAGE, "interactive.more_detail")
    ASK = _row(QT_TRANSLATE_NOOP("Actions", "As&k About the Image"), "Alt+Q",
               QT_TRANSLATE_NOOP("Actions", "Move to the question field to ask about the image."),
               Menu.IMAGE, "interactive.focus_question")
    CANCEL = _row(QT_TRANSLATE_NOOP("Actions", "Ca&ncel"), "Ctrl+.", QT_TRANSLATE_NOOP("Actions", "Stop describing the image."), Menu.IMAGE, "cancel")
    DESCRIBE_SCREEN = _row(QT_TRANSLATE_NOOP("Actions", "Describe the &Screen"), "Alt+Shift+S",
                           QT_TRANSLATE_NOOP("Actions", "Describe everything on the screen; AltText hides itself while it looks."),
                           Menu.IMAGE, "library.describe_screen", arg="screen", separator_before=True)
    DESCRIBE_WINDOW = _row(QT_TRANSLATE_NOOP("Actions", "Describe the Active &Window"), "Alt+Shift+W",
                           QT_TRANSLATE_NOOP("Actions", "Describe the window of the program you were using."),
                           Menu.IMAGE, "library.describe_screen", arg="window")
    DESCRIBE_REGION = _row(QT_TRANSLATE_NOOP("Actions", "Describe a &Region…"), "Alt+Shift+R",
                           QT_TRANSLATE_NOOP("Actions", "Choose part of the screen with the arrow keys, then describe it."),
                           Menu.IMAGE, "library.describe_screen", arg="region")
    WATCH_CLIPBOARD = _row(QT_TRANSLATE_NOOP("Actions", "&Watch the Clipboard for Images"), "Alt+Shift+V",
                           QT_TRANSLATE_NOOP("Actions", "Describe every new image copied in any program."),
                           Menu.IMAGE, "library.watch", checkable=True)
    SPEAK = _row(QT_TRANSLATE_NOOP("Actions", "&Speak"), "Ctrl+Shift+S", QT_TRANSLATE_NOOP("Actions", "Read the alt text aloud."), Menu.SPEECH, "output.speak")
    STOP = _row(QT_TRANSLATE_NOOP("Actions", "S&top Speaking"), "Esc", QT_TRANSLATE_NOOP("Actions", "Stop reading aloud."), Menu.SPEECH, "speech.stop")
    SAVE_SPEECH = _row(QT_TRANSLATE_NOOP("Actions", "Save Speech as &WAV…"), "Ctrl+Shift+W", QT_TRANSLATE_NOOP("Actions", "Save the alt text read aloud as a WAV sound file."),
                       Menu.SPEECH, "output.save_speech", separator_before=True)
    MODELS = _row(QT_TRANSLATE_NOOP("Actions", "&Models…"), "Ctrl+M", QT_TRANSLATE_NOOP("Actions", "Install, remove and choose captioning models."), Menu.TOOLS,
                  "open_models")
    SETTINGS = _row(QT_TRANSLATE_NOOP("Actions", "S&ettings…"), "Ctrl+,", QT_TRANSLATE_NOOP("Actions", "Choose voice, speed, copy format and model."), Menu.TOOLS,
                    "open_settings")
    SHORTCUTS = _row(QT_TRANSLATE_NOOP("Actions", "&Keyboard Shortcuts"), "F1", QT_TRANSLATE_NOOP("Actions", "List every keyboard shortcut."), Menu.HELP,
                     "show_shortcuts")
    ABOUT = _row(QT_TRANSLATE_NOOP("Actions", "&About AltText"), "Ctrl+Shift+A", QT_TRANSLATE_NOOP("Actions", "Version and privacy information."), Menu.HELP,
                 "show_about")

    @property
    def spec(self) -> ActionSpec:
        return self.value


_ROLES = {Act.QUIT: QAction.MenuRole.QuitRole, Act.SETTINGS: QAction.MenuRole.PreferencesRole}


def resolve(target: object, path: str):  # noqa: ANN201 - any callable
    for part in path.split("."):
        target = getattr(target, part)
    return target


class ActionTable(QObject):
    """The QActions of one window, made from `Act` and owned by it (shortcuts work anywhere in it)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[Act, QAction] = {}
        for act in Act:
            action = QAction(window)
            action.setObjectName(f"action_{act.name.lower()}")
            action.setShortcut(QKeySequence(act.spec.shortcut))
            action.setCheckable(act.spec.checkable)
            action.setMenuRole(_ROLES.get(act, QAction.MenuRole.NoRole))
            window.addAction(action)
            self.actions[act] = action
        self._buttons: dict[Act, QToolButton] = {}
        self._menus: dict[Menu, QMenu] = {}
        self._bar: QMenuBar | None = None
        self.retranslate()

    def __getitem__(self, act: Act) -> QAction:
        return self.actions[act]

    @staticmethod
    def spec(act: Act) -> ActionSpec:
        return act.spec

    def retranslate(self) -> None:
        for act, button in self._buttons.items():  # first: a text change sends the name along
            self._name_button(act, button)
        for act, action in self.actions.items():
            spec = act.spec
            action.setText(spec.menu_text())
            action.setIconText(spec.plain_text())  # buttons: "打开图片", not Qt's "打开图片(O)"
            action.setStatusTip(spec.tip_text())
            action.setToolTip(f"{spec.plain_text()} ({spec.native_shortcut()})")
        for menu_id, menu in self._menus.items():
            menu.setTitle(_tr(menu_id.value))
        if self._bar is not None:
            overflow = self._bar.findChild(QToolButton, "qt_menubar_ext_button")
            if overflow is not None:  # shown when the window is too narrow for every menu
                overflow.setAccessibleName(_tr("More menus"))

    def bind(self, target: object) -> None:
        """Connect each action to its slot on `target` (the window)."""
        for act, action in self.actions.items():
            spec = act.spec
            slot = resolve(target, spec.slot)
            if spec.checkable:
                action.toggled.connect(slot)
            elif spec.arg is not None:
                action.triggered.connect(lambda _checked=False, s=slot, a=spec.arg: s(a))
            else:
                action.triggered.connect(lambda _checked=False, s=slot: s())

    def build_menus(self, bar: QMenuBar) -> None:
        self._bar = bar
        for menu_id in Menu:
            menu = bar.addMenu(_tr(menu_id.value))
            self._menus[menu_id] = menu
            for act in (a for a in Act if a.spec.menu is menu_id):
                if act.spec.separator_before:
                    menu.addSeparator()
                menu.addAction(self.actions[act])
        self.retranslate()

    def menu(self, menu_id: Menu) -> QMenu:
        return self._menus[menu_id]

    def button(self, act: Act) -> QToolButton:
        """A push button for the action: its name, description and shortcut come from the table."""
        button = QToolButton()
        button.setDefaultAction(self.actions[act])
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._buttons[act] = button
        self._name_button(act, button)
        return button

    @staticmethod
    def _name_button(act: Act, button: QToolButton) -> None:
        spec = act.spec
        button.setAccessibleName(spec.plain_text())
        button.setAccessibleDescription(
            _tr("%1 Shortcut: %2.").replace("%1", spec.tip_text()).replace("%2", spec.native_shortcut()))


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(shortcut in the user's native text, action, what it does) for the help window."""
    return [(a.spec.native_shortcut(), a.spec.plain_text(), a.spec.tip_text()) for a in Act]


# lupdate sees these through QT_TRANSLATE_NOOP; keep the two sentence templates findable too.
QT_TRANSLATE_NOOP("Actions", "More menus")
QT_TRANSLATE_NOOP("Actions", "%1 Shortcut: %2.")
