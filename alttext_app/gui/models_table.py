"""The Models dialog's table: catalogue entries and installed models, one row each.

`read_rows` walks the catalogue and the model folder (disk work: the task runner runs it); the
table only shows what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from alttext_app.core.i18n import localize
from alttext_app.core.models.catalogue import CatalogueEntry, load_catalogue
from alttext_app.core.models.store import InstalledModel, format_bytes
from alttext_app.core.session import Session
from alttext_app.gui.a11y import name_table_corner

COLUMNS = (
    QT_TRANSLATE_NOOP("ModelsTable", "Model"),
    QT_TRANSLATE_NOOP("ModelsTable", "Size"),
    QT_TRANSLATE_NOOP("ModelsTable", "State"),
    QT_TRANSLATE_NOOP("ModelsTable", "COCO CIDEr"),
    QT_TRANSLATE_NOOP("ModelsTable", "Licence"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ModelsTable", text)


@dataclass(frozen=True)
class ModelRow:
    """One line of the table: a catalogue entry, an installed model, or both."""

    entry: CatalogueEntry | None
    installed: InstalledModel | None

    @property
    def name(self) -> str:
        return self.entry.id if self.entry else self.installed.name  # type: ignore[union-attr]

    @property
    def label(self) -> str:
        return self.entry.alias if self.entry else self.name

    def names(self) -> set[str]:
        names = {self.name.lower(), self.label.lower()}
        if self.entry:
            names.update(a.lower() for a in self.entry.aliases)
        return names


@dataclass(frozen=True)
class ModelListing:
    rows: list[ModelRow]
    root: Path
    active: Path | None


def read_rows(session: Session, _ctx: object = None) -> ModelListing:
    """The catalogue and the installed models (no network use). Slow on big folders."""
    installed = {m.path: m for m in session.installed_models()}
    root = session.models_root()
    rows = [ModelRow(entry, installed.pop(root / entry.folder_name, None)) for entry in load_catalogue()]
    rows.extend(ModelRow(None, model) for model in installed.values())
    return ModelListing(rows, root, session.active_model())


class ModelsTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.rows: list[ModelRow] = []
        self.setHorizontalHeaderLabels([_tr(c) for c in COLUMNS])
        self.setAccessibleName(self.tr("Models"))
        self.setAccessibleDescription(self.tr("Use the arrow keys to pick a model."))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move inside it
        self.setCornerButtonEnabled(False)
        name_table_corner(self)
        self.verticalHeader().setVisible(False)

    def state(self, row: ModelRow, active: Path | None, downloading: str | None) -> str:
        if row.entry is not None and downloading == row.entry.id:
            return self.tr("Downloading")
        if row.installed is None:
            if row.entry and row.entry.recommended:
                return self.tr("Recommended, not installed")
            return self.tr("Not installed")
        if row.installed.path == active:
            return self.tr("Active, fast (ONNX)") if row.installed.has_onnx else self.tr("Active")
        return self.tr("Installed, fast (ONNX)") if row.installed.has_onnx else self.tr("Installed")

    def show_rows(self, listing: ModelListing, downloading: str | None) -> None:
        selected = self.selected_row()
        keep = selected.name if selected else None
        self.rows = listing.rows
        self.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            if row.installed:
                size = format_bytes(row.installed.size_bytes)
            else:
                size = f"~{format_bytes(row.entry.download_bytes)}" if row.entry else ""
            cider = f"{row.entry.coco_cider:g}" if row.entry and row.entry.coco_cider else self.tr("n/a")
            licence = row.entry.license if row.entry else ""
            cells = (row.label, size, self.state(row, listing.active, downloading), cider, licence)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column:  # "Size: 1.2 GB": a cell read alone still says what it is
                    item.setData(Qt.ItemDataRole.AccessibleTextRole,
                                 self.tr("%1: %2").replace("%1", _tr(COLUMNS[column])).replace("%2", text))
                self.setItem(index, column, item)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        target = next((i for i, r in enumerate(self.rows) if r.name == keep), 0 if self.rows else -1)
        if target >= 0:
            self.selectRow(target)

    def selected_row(self) -> ModelRow | None:
        model = self.selectionModel()
        chosen = model.selectedRows() if model else []
        if not chosen or chosen[0].row() >= len(self.rows):
            return None
        return self.rows[chosen[0].row()]

    def select(self, name: str) -> bool:
        """Select the row of a catalogue id, alias or installed name (for menus and tests)."""
        wanted = name.lower()
        for index, row in enumerate(self.rows):
            if wanted in row.names():
                self.selectRow(index)
                return True
        return False

    def details(self, row: ModelRow | None) -> str:
        if row is None:
            return ""
        lines = []
        if row.entry:
            lines.append(self.tr("%1: %2").replace("%1", row.entry.id).replace("%2", localize(row.entry.good_at)))
            if not row.entry.pinned:
                lines.append(self.tr("Its version is not pinned yet, so a download gets the newest one."))
        if row.installed:
            lines.append(self.tr("Installed in %1 (%2).").replace("%1", str(row.installed.path))
                         .replace("%2", format_bytes(row.installed.size_bytes)))
        return " ".join(lines)
