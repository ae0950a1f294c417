"""The Models dialog: the catalogue and installed models, download with progress, cancel, remove, use.

Downloads run on a worker thread (QRunnable + signals); the worker never touches widgets. Progress
is shown as bytes and a percentage and exposed to screen readers through the progress bar's
accessible name/description and polite announcements every 10 percent.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from alttext_app.core.errors import Cancelled, user_message
from alttext_app.core.models import store
from alttext_app.core.models.catalogue import CatalogueEntry, load_catalogue
from alttext_app.core.models.downloader import Progress, discard_partial
from alttext_app.core.models.store import InstalledModel, format_bytes
from alttext_app.core.session import default_session
from alttext_app.gui.a11y import announce

log = logging.getLogger(__name__)

COLUMNS = ("Model", "Size", "State", "COCO CIDEr", "Licence")


class DownloadSignals(QObject):
    progress = Signal(object)  # downloader.Progress
    succeeded = Signal(object)  # InstalledModel
    failed = Signal(str)  # one sentence for people
    cancelled = Signal()
    finished = Signal()


class DownloadWorker(QRunnable):
    """Downloads one catalogue model on a pool thread; `cancel()` stops it within one chunk."""

    def __init__(self, model_id: str) -> None:
        super().__init__()
        self.model_id = model_id
        self.signals = DownloadSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the dialog keeps it alive until `finished`

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        try:
            model = default_session().pull_model(
                self.model_id, progress=self.signals.progress.emit, should_abort=self._cancel.is_set
            )
        except Cancelled:
            self.signals.cancelled.emit()
        except Exception as exc:  # every failure becomes one sentence; details go to the log
            log.info("download of %s failed", self.model_id, exc_info=True)
            self.signals.failed.emit(user_message(exc))
        else:
            self.signals.succeeded.emit(model)
        finally:
            self.signals.finished.emit()


_pool: QThreadPool | None = None
_running: dict[str, DownloadWorker] = {}  # model id -> worker, until its `finished`


def download_pool() -> QThreadPool:
    """One download at a time, on a pool that outlives any dialog (closing never blocks)."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
    return _pool


class _Row:
    """One line of the table: a catalogue entry, an installed model, or both."""

    def __init__(self, entry: CatalogueEntry | None, installed: InstalledModel | None) -> None:
        self.entry = entry
        self.installed = installed

    @property
    def name(self) -> str:
        return self.entry.id if self.entry else self.installed.name  # type: ignore[union-attr]

    @property
    def label(self) -> str:
        return self.entry.alias if self.entry else self.name


class ModelsDialog(QDialog):
    """Manage captioning models. Emits `activeModelChanged(name)` after “Use this model”."""

    activeModelChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Models")
        self.setAccessibleName("Models")
        self.setAccessibleDescription(
            "Download, remove or choose the model that writes alt text. "
            "Downloads happen only when you press Download."
        )
        self.resize(760, 420)
        self._rows: list[_Row] = []
        self._worker: DownloadWorker | None = None
        self._downloading: str | None = None
        self._last_announced = -1

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Models")
        self.table.setAccessibleDescription("Use the arrow keys to pick a model.")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.table.setCornerButtonEnabled(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.details = QLabel(self)
        self.details.setWordWrap(True)
        self.details.setAccessibleName("About the selected model")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)

        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        self.progress.setFormat("")
        self.progress.setAccessibleName("Download progress")
        self.progress.setAccessibleDescription("No download running.")
        self.progress_label = QLabel("No download running.", self)
        self.progress_label.setAccessibleName("Download status")

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status")

        self.download_button = self._button("&Download", "Download the selected model", self.download)
        self.cancel_button = self._button("&Cancel download", "Stop the running download", self.cancel)
        self.remove_button = self._button("&Remove", "Delete the selected model to free space", self.remove)
        self.use_button = self._button("&Use this model", "Write alt text with the selected model",
                                       self.use_selected)
        self.builtin_button = self._button("Use &built-in describer",
                                           "Write alt text without a downloaded model",
                                           self.use_builtin)
        self.import_button = self._button("&Import folder…", "Install a model folder you carried over",
                                          self.import_folder)
        self.close_button = self._button("Close", "Close this window", self.reject)

        buttons = QHBoxLayout()
        for button in (self.download_button, self.cancel_button, self.remove_button,
                       self.use_button, self.builtin_button, self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)

        self.folder_label = QLabel(self)
        self.folder_label.setAccessibleName("Model folder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                  | Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.details)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.folder_label)
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

    # ---- the table -------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the catalogue and installed models (no network use)."""
        selected = self.selected_row()
        keep = selected.name if selected else None
        installed = {m.path: m for m in store.list_installed()}
        root = store.models_root()
        active = default_session().active_model()
        rows = []
        for entry in load_catalogue():
            rows.append(_Row(entry, installed.pop(root / entry.folder_name, None)))
        rows.extend(_Row(None, model) for model in installed.values())
        self._rows = rows
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            state = self._state(row, active)
            if row.installed:
                size = format_bytes(row.installed.size_bytes)
            else:
                size = f"~{format_bytes(row.entry.download_bytes)}" if row.entry else ""
            cider = f"{row.entry.coco_cider:g}" if row.entry and row.entry.coco_cider else "n/a"
            licence = row.entry.license if row.entry else ""
            cells = (row.label, size, state, cider, licence)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             f"{COLUMNS[column]}: {text}" if column else text)
                self.table.setItem(index, column, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        target = next((i for i, r in enumerate(rows) if r.name == keep), 0 if rows else -1)
        if target >= 0:
            self.table.selectRow(target)
        self.folder_label.setText(f"Model folder: {root}")
        self._update_buttons()

    def _state(self, row: _Row, active) -> str:  # noqa: ANN001 - Path | None
        if row.entry is not None and self._downloading == row.entry.id:
            return "Downloading"
        if row.installed is None:
            return "Recommended, not installed" if row.entry and row.entry.recommended else "Not installed"
        parts = ["Active" if row.installed.path == active else "Installed"]
        if row.installed.has_onnx:
            parts.append("fast (ONNX)")
        return ", ".join(parts)

    def selected_row(self) -> _Row | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._rows):
            return None
        return self._rows[rows[0].row()]

    def select(self, name: str) -> bool:
        """Select the row of a catalogue id, alias or installed name (for menus and tests)."""
        wanted = name.lower()
        for index, row in enumerate(self._rows):
            names = {row.name.lower(), row.label.lower()}
            if row.entry:
                names.update(a.lower() for a in row.entry.aliases)
            if wanted in names:
                self.table.selectRow(index)
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected_row()
        busy = self._worker is not None
        self.download_button.setEnabled(bool(row and row.entry and not row.installed and not busy))
        self.cancel_button.setEnabled(busy)
        self.remove_button.setEnabled(bool(row and row.installed) and not (
            busy and row and row.entry and row.entry.id == self._downloading))
        self.use_button.setEnabled(bool(row and row.installed))
        self.import_button.setEnabled(not busy)
        if row is None:
            self.details.setText("")
            return
        lines = []
        if row.entry:
            lines.append(f"{row.entry.id}: {row.entry.good_at}")
            if not row.entry.pinned:
                lines.append("Its version is not pinned yet, so a download gets the newest one.")
        if row.installed:
            lines.append(f"Installed in {row.installed.path} ({format_bytes(row.installed.size_bytes)}).")
        self.details.setText(" ".join(lines))

    # ---- actions --------------------------------------------------------------------------

    @Slot()
    def download(self) -> None:
        row = self.selected_row()
        if row is None or row.entry is None or self._worker is not None:
            return
        if _running:  # a download from a closed dialog is still stopping
            self._say("The previous download is still stopping; try again in a moment.")
            return
        self._downloading = row.entry.id
        self._last_announced = -1
        worker = DownloadWorker(row.entry.id)
        worker.signals.progress.connect(self._on_progress)
        worker.signals.succeeded.connect(self._on_succeeded)
        worker.signals.failed.connect(self._on_failed)
        worker.signals.cancelled.connect(self._on_cancelled)
        worker.signals.finished.connect(self._on_finished)
        self._worker = worker
        _running[row.entry.id] = worker
        worker.signals.finished.connect(lambda mid=row.entry.id: _running.pop(mid, None))
        self.progress.setValue(0)
        self.progress.setFormat("Starting…")
        self._say(f"Downloading {row.label}…")
        self.refresh()
        download_pool().start(worker)
        self.cancel_button.setFocus()  # the next thing a person may want to press

    @Slot()
    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self._say("Cancelling the download…")

    @Slot(object)
    def _on_progress(self, progress: Progress) -> None:
        if progress.stage == "metadata":
            text = "Asking the model server for the file list…"
            self.progress.setFormat("Starting…")
        elif progress.stage == "install":
            text = "Checking and installing…"
            self.progress.setValue(1000)
            self.progress.setFormat("100%")
        else:
            percent = int(progress.fraction * 100)
            self.progress.setValue(int(progress.fraction * 1000))
            self.progress.setFormat(f"{percent}%")
            text = (f"{format_bytes(progress.done_bytes)} of {format_bytes(progress.total_bytes)} "
                    f"({percent}%)")
            if percent // 10 > self._last_announced:  # a polite word every 10 percent
                self._last_announced = percent // 10
                announce(self.progress, f"{percent} percent")
        self.progress_label.setText(text)
        self.progress.setAccessibleDescription(text)

    @Slot(object)
    def _on_succeeded(self, model: InstalledModel) -> None:
        self._say(f"Installed {model.name} ({format_bytes(model.size_bytes)}).", done=True)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._say(f"Download failed: {message}", assertive=True, done=True)

    @Slot()
    def _on_cancelled(self) -> None:
        self._say("Download cancelled. Nothing was installed; Download resumes where it stopped.",
                  done=True)

    @Slot()
    def _on_finished(self) -> None:
        self._worker = None
        self._downloading = None
        self.refresh()
        self.table.setFocus()

    @Slot()
    def remove(self) -> None:
        row = self.selected_row()
        if row is None or row.installed is None:
            return
        size = format_bytes(row.installed.size_bytes)
        if not self.confirm_remove(row.label, size):
            return
        try:
            name, freed = default_session().remove_model(row.installed.path.name)
            if row.entry is not None:
                freed += discard_partial(row.entry.id)
        except Exception as exc:
            log.info("remove failed", exc_info=True)
            self._say(user_message(exc), assertive=True)
            return
        self._say(f"Removed {name}; freed {format_bytes(freed)}.")
        self.refresh()

    def confirm_remove(self, label: str, size: str) -> bool:
        answer = QMessageBox.question(
            self, "Remove model", f"Remove {label} and free {size}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot()
    def use_selected(self) -> None:
        row = self.selected_row()
        if row is not None and row.installed is not None:
            self._set_active(row.installed.name, row.label)

    @Slot()
    def use_builtin(self) -> None:
        self._set_active("builtin", "the built-in describer")

    def _set_active(self, value: str, label: str) -> None:
        from alttext_app.gui.settings_store import SettingsStore

        settings_store = SettingsStore()
        settings = settings_store.load()
        settings.model = value
        settings_store.save(settings)
        self._say(f"Alt text now comes from {label}.")
        self.refresh()
        self.activeModelChanged.emit(value)

    @Slot()
    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Import a model folder")
        if folder:
            self.import_path(folder)

    def import_path(self, folder: str) -> None:
        self._say("Importing…")
        try:
            model = default_session().import_model(folder)
        except Exception as exc:
            log.info("import failed", exc_info=True)
            self._say(user_message(exc), assertive=True)
            return
        self._say(f"Imported {model.name} ({format_bytes(model.size_bytes)}).")
        self.refresh()
        self.select(model.name)

    def _say(self, text: str, *, assertive: bool = False, done: bool = False) -> None:
        self.status.setText(text)
        self.status.setAccessibleDescription(text)
        if done:
            self.progress_label.setText(text)
            self.progress.setAccessibleDescription(text)
            if self._downloading is None or "Installed" not in text:
                self.progress.setFormat("")
        announce(self.status, text, assertive=assertive)

    # ---- closing --------------------------------------------------------------------------

    def done(self, result: int) -> None:  # noqa: A003 - QDialog API
        """Closing stops a running download (it can be resumed later)."""
        if self._worker is not None:
            self._worker.cancel()  # it stops within one chunk; partial data stays for resuming
            download_pool().waitForDone(2000)
        super().done(result)
