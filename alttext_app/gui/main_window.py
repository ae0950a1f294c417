"""The AltText window: image preview, editable alt text, actions, status line."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolButton,
    QWidget,
)

from alttext_app import APP_NAME, __version__
from alttext_app.core.captioner import CaptionResult
from alttext_app.core.formats import format_alt_text, one_line
from alttext_app.core.images import SUPPORTED_SUFFIXES
from alttext_app.core.service import ModelService
from alttext_app.core.settings import Settings
from alttext_app.core.speech import SpeechEngine
from alttext_app.gui import drop
from alttext_app.gui.a11y import announce
from alttext_app.gui.actions import Act, make_actions
from alttext_app.gui.caption_panel import CaptionPanel
from alttext_app.gui.clipboard import set_clipboard
from alttext_app.gui.icons import app_icon
from alttext_app.gui.image_view import ImageView
from alttext_app.gui.settings_store import SettingsStore
from alttext_app.gui.speech_thread import SpeechController
from alttext_app.gui.workers import CaptionRequest, CaptionRunner

log = logging.getLogger(__name__)

FORMAT_NAMES = {"plain": "plain text", "html": "HTML", "markdown": "Markdown"}


class MainWindow(QMainWindow):
    def __init__(
        self,
        service: ModelService | None = None,
        speech_engine: SpeechEngine | None = None,
        store: SettingsStore | None = None,
    ) -> None:
        super().__init__()
        self.store = store or SettingsStore()
        self.settings: Settings = self.store.load()
        self.runner = CaptionRunner(service, self)
        self.speech = SpeechController(speech_engine, self)
        self.speech_note = self.speech.apply(self.settings.voice, self.settings.rate)
        self.source: str | bytes | None = None  # what is being described
        self.source_name = ""
        self.result: CaptionResult | None = None
        self._generated = ""  # the text AltText last put in the field (not the user's)
        self._pending: str | None = None  # a new description waiting for Replace / Keep mine
        self.last_announcement = ""
        self.announcements: list[str] = []  # recent ones, newest last (tests and debugging)
        self.actions = make_actions(self)
        self._slow_timer = QTimer(self, singleShot=True, interval=1500)
        self._slow_timer.timeout.connect(self._still_busy)
        self._build_ui()
        self._build_menus()
        self._connect()
        self._update_actions()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.setWindowIcon(app_icon())
        self.buttons[Act.OPEN].setFocus()  # with no image yet, opening one is the first thing to do
        geometry = self.store.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1000, 640)

    # --- layout -----------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.view = ImageView()
        self.panel = p = CaptionPanel(self.actions, self.speech.reason or self.speech_note)
        # Shortcuts to the panel's widgets: the window's code (and its tests) use them directly.
        self.caption, self.count_label = p.caption, p.count_label
        self.decorative, self.buttons = p.decorative, p.buttons
        self.replace_bar, self.replace_label = p.replace_bar, p.replace_label
        self.replace_button, self.keep_button = p.replace_button, p.keep_button
        self.details, self.ocr_label, self.ocr_text = p.details, p.ocr_label, p.ocr_text
        self.speech_label = p.speech_label

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.view)
        splitter.addWidget(self.panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        splitter.setContentsMargins(8, 8, 8, 4)
        self.setCentralWidget(splitter)

        self.status_label = QLabel("Ready. Open, paste or drop an image.")
        self.status_label.setAccessibleName("Status")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # indeterminate: captioning has no reliable percentage
        self.busy.setMaximumWidth(160)
        self.busy.setAccessibleName("Describing the image")
        self.busy.hide()
        self.statusBar().addWidget(self.status_label, 1)
        self.statusBar().addPermanentWidget(self.busy)
        self.statusBar().setSizeGripEnabled(True)

        chain = self.panel.tab_chain()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._update_count()

    def _build_menus(self) -> None:
        a = self.actions
        menus = (
            ("&File", (Act.OPEN, Act.PASTE, None, Act.QUIT)),
            ("&Edit", (Act.COPY, Act.COPY_PLAIN, Act.COPY_HTML, Act.COPY_MARKDOWN, None, Act.FOCUS_TEXT,
                       Act.DECORATIVE, Act.REPLACE, Act.KEEP)),
            ("&Image", (Act.DESCRIBE, Act.CANCEL)),
            ("&Speech", (Act.SPEAK, Act.STOP, None, Act.SAVE_SPEECH)),
            ("&Tools", (Act.MODELS, Act.SETTINGS)),
            ("&Help", (Act.SHORTCUTS, Act.ABOUT)),
        )
        for title, acts in menus:
            menu = self.menuBar().addMenu(title)
            for act in acts:
                if act is None:
                    menu.addSeparator()
                else:
                    menu.addAction(a[act])
        overflow = self.menuBar().findChild(QToolButton, "qt_menubar_ext_button")
        if overflow is not None:  # shown when the window is too narrow for every menu
            overflow.setAccessibleName("More menus")
        a[Act.QUIT].setMenuRole(QAction.MenuRole.QuitRole)
        a[Act.SETTINGS].setMenuRole(QAction.MenuRole.PreferencesRole)
        if importlib.util.find_spec("alttext_app.gui.models_dialog") is None:
            a[Act.MODELS].setEnabled(False)
            a[Act.MODELS].setStatusTip("Model management is not part of this build.")

    def _connect(self) -> None:
        a = self.actions
        a[Act.OPEN].triggered.connect(self.open_file)
        a[Act.PASTE].triggered.connect(self.paste)
        a[Act.DESCRIBE].triggered.connect(self.describe)
        a[Act.CANCEL].triggered.connect(self.cancel)
        a[Act.SPEAK].triggered.connect(self.speak)
        a[Act.STOP].triggered.connect(self.speech.stop)
        a[Act.SAVE_SPEECH].triggered.connect(self.save_speech)
        a[Act.COPY].triggered.connect(lambda: self.copy())
        a[Act.COPY_PLAIN].triggered.connect(lambda: self.copy("plain"))
        a[Act.COPY_HTML].triggered.connect(lambda: self.copy("html"))
        a[Act.COPY_MARKDOWN].triggered.connect(lambda: self.copy("markdown"))
        a[Act.FOCUS_TEXT].triggered.connect(self.focus_caption)
        a[Act.DECORATIVE].setCheckable(True)
        a[Act.DECORATIVE].toggled.connect(self.decorative.setChecked)
        self.decorative.toggled.connect(a[Act.DECORATIVE].setChecked)
        self.decorative.toggled.connect(self._on_decorative)
        a[Act.SETTINGS].triggered.connect(self.open_settings)
        a[Act.MODELS].triggered.connect(self.open_models)
        a[Act.SHORTCUTS].triggered.connect(self.show_shortcuts)
        a[Act.ABOUT].triggered.connect(self.show_about)
        a[Act.QUIT].triggered.connect(self.close)
        self.caption.textChanged.connect(self._update_count)
        self.caption.textChanged.connect(self._update_actions)
        self.caption.image_received.connect(self.load_mime)
        self.replace_button.clicked.connect(self.accept_pending)
        self.keep_button.clicked.connect(self.keep_mine)
        a[Act.REPLACE].triggered.connect(self.accept_pending)
        a[Act.KEEP].triggered.connect(self.keep_mine)
        r = self.runner
        r.progress.connect(self.set_status)
        r.preview.connect(lambda image: self.view.set_image(image, self.source_name))
        r.result.connect(self.on_result)
        r.error.connect(self.on_error)
        r.busy_changed.connect(self._on_busy)
        s = self.speech
        s.speaking_changed.connect(lambda _speaking: self._update_actions())
        s.error.connect(lambda message: self.set_status(message, announce_it=True))
        s.saved.connect(lambda path: self.set_status(f"Saved the speech to {Path(path).name}.", announce_it=True))

    # --- loading and describing ---------------------------------------------------------------
    def open_file(self) -> None:
        patterns = " ".join(f"*{suffix}" for suffix in SUPPORTED_SUFFIXES)
        path, _ = QFileDialog.getOpenFileName(
            self, "Open Image", self.store.last_folder(), f"Images ({patterns});;All files (*)"
        )
        if path:
            self.store.save_last_folder(str(Path(path).parent))
            self.load_source(path)

    def paste(self) -> None:
        self.load_mime(QApplication.clipboard().mimeData())

    def load_mime(self, mime: QMimeData | None) -> None:
        try:
            source = drop.image_source(mime)
        except drop.DropError as exc:
            self.show_error(str(exc))
            return
        self._load_dropped(source, len(drop.local_files(mime)))

    def load_source(self, source: str | Path | bytes) -> None:
        """Show and describe a new image; it replaces any image still being described."""
        self.source = str(source) if isinstance(source, Path) else source
        self.source_name = Path(self.source).name if isinstance(self.source, str) else "pasted image"
        self.result = None
        if not self._user_edited():  # the old description is not about the new image
            self._generated = ""
            self.caption.clear()
        self.decorative.setChecked(False)
        self.view.set_image(None)
        self.view.set_placeholder(f"Opening {self.source_name}…")
        self.setWindowTitle(f"{self.source_name} — {APP_NAME}")
        self.details.clear()
        self.ocr_text.clear()
        self.ocr_label.hide()
        self.ocr_text.hide()
        self.describe()

    def describe(self) -> None:
        if self.source is None:
            self.set_status("Open, paste or drop an image first.", announce_it=True)
            return
        s = self.settings
        request = CaptionRequest(self.source, s.model, s.backend, s.device, s.max_chars)
        self.runner.submit(request)

    def cancel(self) -> None:
        if self.runner.busy:
            self.runner.cancel()
            self.set_status("Stopped describing.", announce_it=True)

    def on_result(self, result: CaptionResult) -> None:
        self.result = result
        self._show_details(result)
        text = result.alt_text.strip()
        if not text:
            self.set_status("AltText could not describe this image; please write the alt text yourself.",
                            announce_it=True)
            return
        if self._user_edited():
            self._pending = text
            self.replace_label.setText(f"A new description is ready: “{text}”")
            self.replace_bar.show()
            self._update_actions()
            self.set_status("A new description is ready. Your text was kept.")
            self._announce("A new description is ready. Press Alt+R to use it or Alt+K to keep your text.")
            return
        self._apply_caption(text)

    def _show_details(self, result: CaptionResult) -> None:
        name = "the built-in describer" if result.backend == "builtin" else result.model
        kind = f"{result.kind.capitalize()}, described" if result.kind else "Described"
        self.details.setText(f"{kind} by {name} in {result.seconds:.1f} s.")
        ocr = (result.ocr_text or "").strip()
        self.ocr_text.setPlainText(ocr)
        self.ocr_label.setVisible(bool(ocr))
        self.ocr_text.setVisible(bool(ocr))

    def _apply_caption(self, text: str) -> None:
        self._pending = None
        self.replace_bar.hide()
        self._update_actions()
        self._generated = text
        self.caption.setPlainText(text)
        self.caption.moveCursor(self.caption.textCursor().MoveOperation.End)
        # When focus moves into the field, screen readers read it with its new text; announcing too
        # would read the caption twice. Announce when focus was there already or cannot move here.
        moves_focus = self.isActiveWindow() and not self.caption.hasFocus()
        self.focus_caption()
        self.set_status("Description ready.")
        if not moves_focus:
            self._announce(text)
        if self.settings.auto_copy:
            self.copy(quiet=True)
        if self.settings.auto_speak and self.speech.can_play:
            self.speech.speak(text)

    def accept_pending(self) -> None:
        if self._pending is not None:
            self._apply_caption(self._pending)

    def keep_mine(self) -> None:
        self._pending = None
        self.replace_bar.hide()
        self._update_actions()
        self.focus_caption()
        self.set_status("Kept your text.", announce_it=True)

    def on_error(self, message: str) -> None:
        if not self.view.has_image():
            self.view.set_placeholder(message)
        self.show_error(message)

    def show_error(self, message: str) -> None:
        self.set_status(message, announce_it=True, assertive=True)

    def _user_edited(self) -> bool:
        text = self.caption.toPlainText().strip()
        return bool(text) and text != self._generated.strip()

    # --- speaking and copying -----------------------------------------------------------------
    def alt_text(self) -> str:
        return one_line(self.caption.toPlainText())

    def speak(self) -> None:
        text = self.alt_text()
        if not text:
            self.set_status("There is no alt text to read yet.", announce_it=True)
            return
        self.speech.speak(text)

    def save_speech(self, path: str | None = None) -> None:
        text = self.alt_text()
        if not text:
            self.set_status("There is no alt text to save yet.", announce_it=True)
            return
        if path is None:
            stem = Path(self.source).stem if isinstance(self.source, str) else "alt-text"
            path, _ = QFileDialog.getSaveFileName(
                self, "Save Speech", str(Path.home() / f"{stem}.wav"), "WAV sound (*.wav)"
            )
        if path:
            self.speech.save_wav(text, path)

    def _on_decorative(self, on: bool) -> None:
        self.set_status(
            "Marked as decorative: HTML and Markdown copies get empty alt text." if on
            else "No longer decorative: copies use the alt text.",
            announce_it=True,
        )

    def copy(self, fmt: str | None = None, *, quiet: bool = False) -> None:
        fmt = fmt or self.settings.copy_format
        text = "" if self.decorative.isChecked() else self.alt_text()
        if self.decorative.isChecked() and fmt == "plain":
            self.set_status("A decorative image has no alt text; copy as HTML or Markdown to get alt=\"\".",
                            announce_it=True)
            return
        if not text and not self.decorative.isChecked():
            self.set_status("There is no alt text to copy yet.", announce_it=True)
            return
        path = self.source if isinstance(self.source, str) else None
        formatted = format_alt_text(text, fmt, path)
        # Rich editors take the HTML tag itself; code editors get it as text.
        set_clipboard(formatted, formatted if fmt == "html" else None)
        what = "empty alt text (decorative)" if self.decorative.isChecked() else "the alt text"
        message = f"Copied {what} as {FORMAT_NAMES.get(fmt, fmt)}."
        if quiet:
            self.set_status(f"Description ready; copied as {FORMAT_NAMES.get(fmt, fmt)}.")
        else:
            self.set_status(message, announce_it=True)

    # --- dialogs ------------------------------------------------------------------------------
    def open_settings(self) -> None:
        from alttext_app.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.speech, self)
        accepted = dialog.exec() == SettingsDialog.DialogCode.Accepted
        if accepted:
            old = self.settings
            self.settings = dialog.settings()
            self.store.save(self.settings)
            self.set_status("Settings saved.")
            describer = ("model", "backend", "device", "max_chars")
            if self.source is not None and any(getattr(old, k) != getattr(self.settings, k) for k in describer):
                self.describe()
        note = self.speech.apply(self.settings.voice, self.settings.rate)  # also undoes "Try voice"
        if note:
            self.show_error(note)
        self._update_count()
        self._update_actions()

    def open_models(self) -> None:
        try:
            from alttext_app.gui.models_dialog import ModelsDialog
        except ImportError:
            log.info("models dialog unavailable", exc_info=True)
            self.show_error("Model management is not part of this build.")
            return
        dialog = ModelsDialog(self)
        dialog.activeModelChanged.connect(self._use_model)
        dialog.exec()
        # The dialog saves the choice itself (and resets it when the active model is removed):
        # take it over, or a later settings save here would write the old model back.
        self._use_model(self.store.load().model)

    def _use_model(self, name: str) -> None:
        self.settings.model = name

    def show_shortcuts(self) -> None:
        from alttext_app.gui.help_dialog import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<p><b>{APP_NAME} {__version__}</b></p><p>Offline, private alt text for any image. "
            "Images never leave this computer.</p>",
        )

    # --- small helpers ------------------------------------------------------------------------
    def focus_caption(self) -> None:
        self.caption.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_status(self, text: str, *, announce_it: bool = False, assertive: bool = False) -> None:
        self.status_label.setText(text)
        if announce_it:
            self._announce(text, assertive=assertive)

    def _announce(self, text: str, *, assertive: bool = False) -> None:
        self.last_announcement = text
        self.announcements = [*self.announcements[-19:], text]
        announce(self.caption, text, assertive=assertive)

    def _on_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:
            self.set_status("Describing the image…")
            self._slow_timer.start()
        else:
            self._slow_timer.stop()
        self._update_actions()

    def _still_busy(self) -> None:
        # Quick descriptions need no "working" message; slow ones (model loading) do, once.
        if self.runner.busy:
            self._announce(self.status_label.text())

    def _update_count(self) -> None:
        self.panel.update_count(len(self.alt_text()), self.settings.max_chars)

    def _update_actions(self) -> None:
        # Speak, Copy and Describe stay enabled even with nothing to act on: a disabled shortcut
        # does nothing at all, while an enabled one says why it cannot act.
        a = self.actions
        a[Act.CANCEL].setEnabled(self.runner.busy)
        a[Act.REPLACE].setEnabled(self._pending is not None)
        a[Act.KEEP].setEnabled(self._pending is not None)
        a[Act.STOP].setEnabled(self.speech.speaking)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt name
        if drop.has_image(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt name
        event.acceptProposedAction()
        # Let the drag source finish before we start work (some apps block until the drop returns).
        mime = event.mimeData()
        try:
            source = drop.image_source(mime)
        except drop.DropError as exc:
            self.show_error(str(exc))
            return
        several = len(drop.local_files(mime))
        QTimer.singleShot(0, lambda: self._load_dropped(source, several))

    def load_first_of(self, paths: list[str]) -> None:
        """Describe the first of several images given at start (file managers pass them all)."""
        self._load_dropped(paths[0], len(paths))

    def _load_dropped(self, source: str | bytes, count: int) -> None:
        self.load_source(source)
        if count > 1:
            self.set_status(f"Describing the first of {count} images; AltText describes one at a time.",
                            announce_it=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        self.store.save_window_geometry(self.saveGeometry())
        self.runner.cancel()
        self.speech.close()
        self.runner.wait(3000)
        super().closeEvent(event)
