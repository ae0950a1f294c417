"""The AltText window: image preview, editable alt text, actions, status line.

It composes the parts (preview, caption panel, action table, announcer, speech, task runner) and
holds the story of one image: load it, describe it off the GUI thread, show the words, let the
user keep what they typed. Copy/speak live in `text_output`, dialogs open from `dialogs`.

A changed language setting re-installs the Qt translators at once; Qt then sends every widget
`LanguageChange`, and each part renders its words again from what it holds (`retranslate`).
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from alttext_app import APP_NAME
from alttext_app.core.alttext_rules import length_and_budget
from alttext_app.core.captioner import CaptionResult
from alttext_app.core.protocols import Stage
from alttext_app.core.service import ModelService
from alttext_app.core.session import Session, default_session
from alttext_app.core.settings import Settings
from alttext_app.core.speech import SpeechEngine
from alttext_app.gui import dialogs, drop
from alttext_app.gui.actions import Act, ActionTable
from alttext_app.gui.announce import Announcer, Kind
from alttext_app.gui.caption_panel import CaptionPanel
from alttext_app.gui.describe_job import Preview, describe, stage_text
from alttext_app.gui.icons import app_icon
from alttext_app.gui.image_state import CurrentImage
from alttext_app.gui.image_view import ImageView
from alttext_app.gui.interactive import Interactive
from alttext_app.gui.library_actions import LibraryActions
from alttext_app.gui.live_text import LiveText
from alttext_app.gui.screen_reader import ScreenReaderWatch
from alttext_app.gui.session_watch import SessionWatch
from alttext_app.gui.settings_store import SettingsStore
from alttext_app.gui.speech_thread import SpeechController, SpeechStatus
from alttext_app.gui.tasks import Lane, TaskRunner, shared_runner
from alttext_app.gui.text_output import TextOutput
from alttext_app.gui.translations import install_translations
from alttext_app.gui.window_layout import busy_indicator, split_view

log = logging.getLogger(__name__)
CAPTION_KEY = "caption"  # latest wins: a new image aborts the description of the previous one
SLOW_MS = 1500  # a description taking longer than this gets one spoken "still working"


class MainWindow(QMainWindow):
    def __init__(
        self,
        service: ModelService | None = None,
        speech_engine: SpeechEngine | None = None,
        store: SettingsStore | None = None,
        runner: TaskRunner | None = None,
        session: Session | None = None,
    ) -> None:
        super().__init__()
        if session is None:  # a service given (tests, embedding) gets a session of its own
            session = store.session if store else Session(service=service) if service else default_session()
        self.session = session
        self.service = session.service
        self.store = store or SettingsStore(session)
        self.settings: Settings = session.settings
        self.tasks = runner or shared_runner()
        self.session_watch = SessionWatch(session, self)
        self.session_watch.changed.connect(self._on_settings_changed)
        self.image: CurrentImage | None = None
        self.actions = ActionTable(self)
        self.speech = SpeechController(speech_engine, self.tasks, self)
        self.screen_reader = ScreenReaderWatch(self)
        self._slow_timer = QTimer(self, singleShot=True, interval=SLOW_MS)
        self._slow_timer.timeout.connect(self._still_busy)

        self.view = ImageView()
        self.panel = CaptionPanel(self.actions)
        self.interactive = Interactive(self)  # questions and "More detail", under the alt text
        self.setCentralWidget(split_view(self.view, self.panel, self.interactive.widget))
        self.announcer = Announcer(self.statusBar())
        self.busy = busy_indicator(self.statusBar())
        self.output = TextOutput(self, self.panel, self.speech, self.announcer,
                                 lambda: self.settings, lambda: self.image)
        chain = self.panel.tab_chain() + self.interactive.tab_chain()
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        a = self.actions
        self.library = LibraryActions(  # screen, window, region, clipboard watching, tray icon
            self, describe=self.load_source, tell=self.tell, show_error=self.show_error,
            tray_actions=[a[Act.DESCRIBE_SCREEN], a[Act.DESCRIBE_WINDOW], a[Act.DESCRIBE_REGION],
                          a[Act.PASTE], a[Act.WATCH_CLIPBOARD], None, a[Act.QUIT]])
        self.actions.build_menus(self.menuBar())
        self.actions.bind(self)
        self._connect()
        self.retranslate()
        self.tell(lambda: self.tr("Ready. Open, paste or drop an image."), Kind.STATUS)
        self._update_count()
        self._update_actions()
        self.setAcceptDrops(True)
        self.setWindowIcon(app_icon())
        self.panel.buttons[Act.OPEN].setFocus()  # with no image yet, opening one is the first step
        geometry = self.store.window_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1000, 640)
        self.speech.probe()  # off the GUI thread: it can take seconds with no speech back-end
        self.speech.apply(self.settings.voice, self.settings.rate, self.settings.voices)

    def _connect(self) -> None:
        p = self.panel
        p.decorative.toggled.connect(self.actions[Act.DECORATIVE].setChecked)
        p.decorative.toggled.connect(self._on_decorative)
        p.caption.textChanged.connect(self._update_count)
        p.caption.image_received.connect(self.load_mime)
        p.replace_button.clicked.connect(self.accept_pending)
        p.keep_button.clicked.connect(self.keep_mine)
        self.tasks.busy_changed.connect(self._on_tasks_busy)  # a bound slot: gone with the window
        s = self.speech
        s.speaking_changed.connect(lambda _speaking: self._update_actions())
        s.error.connect(lambda message: self.tell(message, Kind.ERROR))
        s.voice_note.connect(lambda note: note and self.tell(note, Kind.ERROR))
        s.status_changed.connect(self._on_speech_status)

    # --- the window's language -------------------------------------------------------------
    def retranslate(self) -> None:
        """The window's own words in the current language. Its panels do theirs on the same
        LanguageChange; the QObjects it owns (actions, status line, tray) are told from here."""
        self.actions.retranslate()
        self.announcer.retranslate()
        self.library.retranslate()
        self.busy.setAccessibleName(self.tr("Describing the image"))
        image = self.image
        if image is not None and image.path is None:  # a pasted image is named in the language
            image.name = self.tr("pasted image")
            if self.view.has_image():
                self.view.set_name(image.name)
        self._show_title()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt name
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()

    def _show_title(self) -> None:
        image = self.image
        if image is None:
            self.setWindowTitle(APP_NAME)
        elif image.failed:  # nothing stale may be read as current
            self.setWindowTitle(self.tr("Not described — %1").replace("%1", APP_NAME))
        else:
            self.setWindowTitle(f"{image.name} — {APP_NAME}")

    # --- telling the user -------------------------------------------------------------------
    def tell(self, text: LiveText, kind: Kind = Kind.NEWS) -> None:
        """`text`: a sentence, or `lambda: self.tr(...)` to follow a language switch on screen."""
        self.announcer.tell(text, kind)

    def show_error(self, message: str) -> None:
        self.tell(message, Kind.ERROR)

    @property
    def auto_speak(self) -> bool:
        """AltText's own voice reads new descriptions unless a screen reader already does
        (then only when the user asked for both in Settings)."""
        s = self.settings
        return s.auto_speak and (not self.screen_reader.running or s.speak_with_screen_reader)

    # --- loading and describing ---------------------------------------------------------------
    def open_file(self) -> None:
        path = dialogs.ask_image_path(self, self.store.last_folder())
        if path:
            self.store.save_last_folder(str(Path(path).parent))
            self.load_source(path)

    def paste(self) -> None:
        self.load_mime(QApplication.clipboard().mimeData())

    def load_mime(self, mime: QMimeData | None, later: bool = False) -> None:
        """Describe the image in a paste or a drop (`later`: once the drag source is done, as
        some programs block until the drop returns)."""
        try:
            source = drop.image_source(mime)
        except drop.DropError as exc:
            self.show_error(str(exc))
            return
        count = len(drop.local_files(mime)) if mime else 0
        if later:
            QTimer.singleShot(0, lambda: self.load_several(source, count))
        else:
            self.load_several(source, count)

    def load_first_of(self, paths: list[str]) -> None:
        """Describe the first of several images given at start (file managers pass them all)."""
        self.load_several(paths[0], len(paths))

    def load_several(self, source: str | bytes, count: int) -> None:
        self.load_source(source)
        if count > 1:
            self.tell(lambda: self.tr("Describing the first of %n images; AltText describes one at a time.", "", count))

    def load_source(self, source: str | Path | bytes) -> None:
        """Show and describe a new image; it replaces any image still being described."""
        old = self.image
        keep = old is not None and old.user_edited(self.panel.text())
        self.image = image = CurrentImage.from_source(source, self.tr("pasted image"))
        self.panel.clear_for_new_image(keep_text=keep)
        self.view.set_image(None, image.name)
        self.view.set_placeholder(lambda: self.tr("Opening %1…").replace("%1", image.name))
        self._show_title()
        self.interactive.image_changed(self.image)
        self.describe()

    def describe(self) -> None:
        image = self.image
        if image is None:
            self.tell(lambda: self.tr("Open, paste or drop an image first."))
            return
        self.tasks.start(
            partial(describe, self.session, image.source), name="describe", lane=Lane.CAPTION,
            key=CAPTION_KEY, on_progress=partial(self._on_progress, image),
            on_result=partial(self.on_result, image), on_error=partial(self.on_error, image),
            on_finished=self._on_caption_finished, owner=self)
        self.busy.show()
        self.tell(partial(stage_text, Stage.READING), Kind.STATUS)
        self._slow_timer.start()
        self._update_actions()

    def cancel(self) -> None:
        if self.tasks.abort(CAPTION_KEY):
            self._on_caption_finished()
            self.tell(lambda: self.tr("Stopped describing."))

    def _on_progress(self, image: CurrentImage, value: object) -> None:
        if image is not self.image:
            return
        if isinstance(value, Preview):
            self.view.set_image(value.image, image.name)
        elif isinstance(value, Stage):
            self.tell(partial(stage_text, value), Kind.STATUS)

    def _on_tasks_busy(self, _busy: bool) -> None:
        self._update_actions()

    def _on_caption_finished(self) -> None:
        if not self.tasks.is_busy(CAPTION_KEY):
            self.busy.hide()
            self._slow_timer.stop()
        self._update_actions()

    def _still_busy(self) -> None:
        # Quick descriptions need no "working" message; slow ones (model loading) do, once.
        if self.tasks.is_busy(CAPTION_KEY):
            self.tell(self.announcer.shown, Kind.PROGRESS)

    def on_result(self, image: CurrentImage, result: CaptionResult) -> None:
        if image is not self.image:
            return
        image.result, image.failed = result, False
        self._show_title()
        self.panel.show_details(result)
        text = result.alt_text.strip()
        if not text:
            self.tell(lambda: self.tr("AltText could not describe this image; please write the alt text yourself."))
            return
        if image.user_edited(self.panel.text()):
            image.pending = text
            self.panel.show_pending(text)
            self._update_actions()
            self.tell(lambda: self.tr("A new description is ready: %1 Your text was kept; press Alt+R to use "
                                      "the new one or Alt+K to keep yours.").replace("%1", text))
            return
        self._apply_caption(text)

    def _apply_caption(self, text: str) -> None:
        image = self.image
        assert image is not None
        image.pending, image.generated = None, text
        self.panel.hide_pending()
        self.panel.set_text(text)
        self._update_actions()
        self.tell(lambda: self.tr("Description ready."), Kind.STATUS)
        self.announcer.tell_description(self.panel.caption, text)  # moves focus there when it can
        if self.settings.auto_copy:
            self.output.copy(quiet=True)
        if self.auto_speak and self.speech.can_play:
            self.speech.speak(text)

    def on_error(self, image: CurrentImage, message: str) -> None:
        if image is not self.image:
            return
        image.failed = True
        # Nothing stale may be read as current: the old words and the old title go.
        if not image.user_edited(self.panel.text()):
            self.panel.set_text("")
        self.panel.show_details(None)
        self._show_title()
        if not self.view.has_image():
            self.view.set_placeholder(message)  # the core's English: translated now and on a switch
            self.view.set_image(None, "")
        self.show_error(message)

    def accept_pending(self) -> None:
        if self.image is not None and self.image.pending is not None:
            self._apply_caption(self.image.pending)

    def keep_mine(self) -> None:
        if self.image is not None:
            self.image.pending = None
        self.panel.hide_pending()
        self._update_actions()
        self.focus_caption()
        self.tell(lambda: self.tr("Kept your text."))

    def _on_decorative(self, on: bool) -> None:
        self.tell((lambda: self.tr("Marked as decorative: HTML and Markdown copies get empty alt text.")) if on
                  else (lambda: self.tr("No longer decorative: copies use the alt text.")))

    # --- settings and speech ------------------------------------------------------------------
    def apply_settings(self, settings: Settings) -> None:
        """Settings edited here: saved through the session, which tells every listener."""
        self.store.save(settings)
        self.tell(lambda: self.tr("Settings saved."), Kind.STATUS)

    def _on_settings_changed(self, settings: Settings) -> None:
        old, self.settings = self.settings, settings
        if old.language != settings.language:
            # The session has switched the core's messages already; the window follows now:
            # new translators make Qt send LanguageChange to every widget (see `retranslate`).
            install_translations(QApplication.instance(), settings.language)
        self.speech.apply(settings.voice, settings.rate, settings.voices)
        describer = ("model", "backend", "device", "max_chars", "language")
        if self.image is not None and any(getattr(old, k) != getattr(settings, k) for k in describer):
            self.describe()
        self._update_count()

    def _on_speech_status(self, status: SpeechStatus) -> None:
        self.panel.show_speech_note(status.reason)
        self._update_actions()

    def open_settings(self) -> None:
        dialogs.open_settings(self)

    def open_models(self) -> None:
        dialogs.open_models(self)

    def show_shortcuts(self) -> None:
        dialogs.show_shortcuts(self)

    def show_about(self) -> None:
        dialogs.show_about(self)

    # --- small helpers ------------------------------------------------------------------------
    def focus_caption(self) -> None:
        self.panel.caption.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_count(self) -> None:
        self.panel.update_count(*length_and_budget(self.output.alt_text(), self.settings.max_chars))

    def _update_actions(self) -> None:
        # Speak, Copy and Describe stay enabled even with nothing to act on: a disabled shortcut
        # does nothing at all, while an enabled one says why it cannot act.
        a = self.actions
        pending = self.image is not None and self.image.pending is not None
        a[Act.CANCEL].setEnabled(self.tasks.is_busy(CAPTION_KEY))
        a[Act.REPLACE].setEnabled(pending)
        a[Act.KEEP].setEnabled(pending)
        a[Act.STOP].setEnabled(self.speech.speaking)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt name
        if drop.has_image(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt name
        event.acceptProposedAction()
        self.load_mime(event.mimeData(), later=True)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        self.store.save_window_geometry(self.saveGeometry())
        self.speech.close()
        self.tasks.abort(CAPTION_KEY)
        super().closeEvent(event)
