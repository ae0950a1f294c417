"""The Models dialog: the catalogue and installed models; download, cancel, remove, use, import.

All model work (listing the folder, downloading, importing, removing) runs in the window's task
runner on the MODELS lane, one job at a time; a download outlives the dialog's widgets only as
far as the runner is concerned (closing the dialog cancels it and drops its late signals).
"""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStatusBar,
    QVBoxLayout,
    QWidget,
)

from alttext_app.core.models.downloader import Progress
from alttext_app.core.models.store import InstalledModel, format_bytes
from alttext_app.core.session import Session, default_session
from alttext_app.gui.announce import Announcer, Kind
from alttext_app.gui.caption_panel import selectable
from alttext_app.gui.download_progress import DownloadProgress
from alttext_app.gui.models_table import ModelListing, ModelRow, ModelsTable, read_rows
from alttext_app.gui.tasks import Lane, TaskContext, TaskRunner, shared_runner

log = logging.getLogger(__name__)
DOWNLOAD_KEY = "model-download"


def _remove(session: Session, row: ModelRow, _ctx: TaskContext) -> tuple[str, int]:
    return session.remove_model(row.installed.path.name)  # type: ignore[union-attr]


def _import(session: Session, folder: str, _ctx: TaskContext) -> InstalledModel:
    return session.import_model(folder)


def _download(session: Session, model_id: str, ctx: TaskContext) -> InstalledModel:
    return session.pull_model(model_id, progress=ctx.progress, should_abort=ctx.should_abort)


def _use(session: Session, value: str, _ctx: TaskContext) -> str:
    return session.use_model(value)


class ModelsDialog(QDialog):
    """Manage captioning models. Emits `activeModelChanged(name)` after “Use this model”."""

    activeModelChanged = Signal(str)
    listed = Signal()  # the table was (re)filled: tests and callers wait on it

    def __init__(self, parent: QWidget | None = None, runner: TaskRunner | None = None,
                 session: Session | None = None) -> None:
        super().__init__(parent)
        self.tasks = runner or shared_runner()
        self.session = session or default_session()
        self.setWindowTitle(self.tr("Models"))
        self.setAccessibleDescription(self.tr(
            "Download, remove or choose the model that writes alt text. "
            "Downloads happen only when you press Download."))
        self.resize(760, 440)
        self.downloading: str | None = None  # catalogue id being downloaded
        self.working = 0  # model jobs started here and not finished
        self.refreshing = False
        self._closed = False
        self._listing = ModelListing([], self.session.models_root(), None)

        self.table = ModelsTable(self)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.details = selectable(QLabel(self))  # its name is its text: what it shows is read
        self.details.setAccessibleDescription(self.tr("About the selected model"))
        status_bar = QStatusBar(self)
        status_bar.setSizeGripEnabled(False)
        self.announcer = Announcer(status_bar)
        self.progress = DownloadProgress(self._progress_word, self)

        self.download_button = self._button(self.tr("&Download"), self.tr("Download the selected model"), self.download)
        self.cancel_button = self._button(self.tr("&Cancel download"), self.tr("Stop the running download"), self.cancel)
        self.remove_button = self._button(self.tr("&Remove"), self.tr("Delete the selected model to free space"), self.remove)
        self.use_button = self._button(self.tr("&Use this model"), self.tr("Write alt text with the selected model"),
                                       self.use_selected)
        self.builtin_button = self._button(self.tr("Use &built-in describer"),
                                           self.tr("Write alt text without a downloaded model"), self.use_builtin)
        self.import_button = self._button(self.tr("&Import folder…"), self.tr("Install a model folder you carried over"),
                                          self.import_folder)
        self.close_button = self._button(self.tr("Close"), self.tr("Close this window"), self.reject)
        buttons = QHBoxLayout()
        for button in (self.download_button, self.cancel_button, self.remove_button, self.use_button,
                       self.builtin_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        self.folder_label = selectable(QLabel(self))
        self.folder_label.setAccessibleDescription(self.tr("Where models are installed"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)
        layout.addWidget(self.folder_label)
        layout.addWidget(status_bar)
        self.setTabOrder(self.table, self.download_button)
        self.refresh()
        self.table.setFocus()

    def _button(self, text: str, description: str, slot) -> QPushButton:  # noqa: ANN001
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAccessibleDescription(description)
        button.setToolTip(description)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    @property
    def busy(self) -> bool:
        return self.working > 0

    @property
    def idle(self) -> bool:
        """No model job running and the table up to date (tests wait for this)."""
        return not self.busy and not self.refreshing

    def _run(self, fn, name: str, on_result, *, key: str | None = None, on_progress=None) -> None:  # noqa: ANN001
        """Start model work on the MODELS lane; the buttons follow until it finishes."""
        self.working += 1
        self.tasks.start(fn, name=name, lane=Lane.MODELS, key=key, on_result=on_result,
                         on_error=self._on_error, on_progress=on_progress, on_finished=self._job_finished,
                         owner=self)
        self._update_buttons()

    def _job_finished(self) -> None:
        if self._closed:
            return
        self.working -= 1
        if self.working == 0:
            self.refresh()

    # ---- the table -------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the catalogue and installed models (off the GUI thread); `listed` follows."""
        self.refreshing = True
        self.tasks.start(partial(read_rows, self.session), name="list models", lane=Lane.QUICK, key=f"model-list-{id(self)}",
                         on_result=self._show_listing, on_error=self._on_error, owner=self)

    def _show_listing(self, listing: ModelListing) -> None:
        self.refreshing = False
        if self._closed:
            return
        self._listing = listing
        self.table.show_rows(listing, self.downloading)
        self.folder_label.setText(self.tr("Model folder: %1").replace("%1", str(listing.root)))
        self._update_buttons()
        self.listed.emit()

    def selected_row(self) -> ModelRow | None:
        return self.table.selected_row()

    def select(self, name: str) -> bool:
        return self.table.select(name)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        busy = self.busy
        self.download_button.setEnabled(bool(row and row.entry and not row.installed and not busy))
        self.cancel_button.setEnabled(self.downloading is not None)
        self.remove_button.setEnabled(bool(row and row.installed) and not busy)
        self.use_button.setEnabled(bool(row and row.installed) and not busy)
        self.import_button.setEnabled(not busy)
        self.details.setText(self.table.details(row))

    # ---- actions --------------------------------------------------------------------------
    @Slot()
    def download(self) -> None:
        row = self.selected_row()
        if row is None or row.entry is None or self.busy:
            return
        self.downloading = row.entry.id
        self.progress.starting()
        self._say(self.tr("Downloading %1…").replace("%1", row.label))
        self._run(partial(_download, self.session, row.entry.id), "download", self._on_downloaded, key=DOWNLOAD_KEY,
                  on_progress=self._on_progress)
        self.table.show_rows(self._listing, self.downloading)
        self.cancel_button.setFocus()  # the next thing a person may want to press

    @Slot()
    def cancel(self) -> None:
        if self.downloading is not None and self.tasks.abort(DOWNLOAD_KEY):
            self.downloading = None
            text = self.tr("Download cancelled. Nothing was installed; Download resumes where it stopped.")
            self.progress.finish(text, complete=False)
            self._say(text)
            self._update_buttons()

    def _progress_word(self, text: str) -> None:
        self.announcer.tell(text, Kind.NEWS)

    def _on_progress(self, progress: Progress) -> None:
        if not self._closed:
            self.progress.show_progress(progress)

    def _on_downloaded(self, model: InstalledModel) -> None:
        self.downloading = None
        text = self.tr("Installed %1 (%2).").replace("%1", model.name).replace("%2", format_bytes(model.size_bytes))
        self.progress.finish(text, complete=True)
        self._say(text)
        self.table.setFocus()

    def _on_error(self, message: str) -> None:
        self.refreshing = False
        if self._closed:
            return
        if self.downloading is not None:
            self.downloading = None
            message = self.tr("Download failed: %1").replace("%1", message)
            self.progress.finish(message, complete=False)
        self.announcer.tell(message, Kind.ERROR)

    @Slot()
    def remove(self) -> None:
        row = self.selected_row()
        if row is None or row.installed is None or self.busy:
            return
        if not self.confirm_remove(row.label, format_bytes(row.installed.size_bytes)):
            return
        self._say(self.tr("Removing %1…").replace("%1", row.label))
        self._run(partial(_remove, self.session, row), "remove model", self._on_removed)

    def _on_removed(self, removed: tuple[str, int]) -> None:
        name, freed = removed
        self._say(self.tr("Removed %1; freed %2.").replace("%1", name).replace("%2", format_bytes(freed)))

    def confirm_remove(self, label: str, size: str) -> bool:
        answer = QMessageBox.question(
            self, self.tr("Remove model"), self.tr("Remove %1 and free %2?").replace("%1", label).replace("%2", size),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def use_selected(self) -> None:
        row = self.selected_row()
        if row is not None and row.installed is not None:
            self._set_active(row.installed.name, row.label)

    @Slot()
    def use_builtin(self) -> None:
        self._set_active("builtin", self.tr("the built-in describer"))

    def _set_active(self, value: str, label: str) -> None:
        def done(saved: str) -> None:
            self._say(self.tr("Alt text now comes from %1.").replace("%1", label))
            self.activeModelChanged.emit(saved)

        self._run(partial(_use, self.session, value), "use model", done)

    @Slot()
    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Import a model folder"))
        if folder:
            self.import_path(folder)

    def import_path(self, folder: str) -> None:
        if self.busy:
            return
        self._say(self.tr("Importing…"))

        def done(model: InstalledModel) -> None:
            self._say(self.tr("Imported %1 (%2).").replace("%1", model.name)
                      .replace("%2", format_bytes(model.size_bytes)))
            self.listed.connect(partial(self._select_once, model.name))

        self._run(partial(_import, self.session, folder), "import model", done)

    def _select_once(self, name: str) -> None:
        self.listed.disconnect()
        self.select(name)

    def _say(self, text: str) -> None:
        self.announcer.tell(text, Kind.NEWS)

    # ---- closing --------------------------------------------------------------------------
    def done(self, result: int) -> None:  # noqa: A003 - QDialog API
        """Closing stops a running download (partial data stays, so Download resumes later)."""
        self.tasks.abort(DOWNLOAD_KEY)
        self._closed = True
        super().done(result)
