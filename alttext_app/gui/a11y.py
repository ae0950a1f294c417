"""Small accessibility helpers shared by the window and its dialogs."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QComboBox, QTableView


def name_popup(combo: QComboBox) -> None:
    """Give a combo box's drop-down list a name: it is a focusable control of its own."""
    name = combo.accessibleName()
    view = combo.view()
    view.setAccessibleName(QCoreApplication.translate("A11y", "%1 choices").replace("%1", name))
    view.setAccessibleDescription(QCoreApplication.translate("A11y", "Use the arrow keys to choose."))
    container = view.parentWidget()
    if container is not None and container is not combo:
        container.setAccessibleName(view.accessibleName())


def name_table_corner(table: QTableView) -> None:
    """A table's corner button (select all) can take focus: give it a name even when disabled."""
    corner = table.findChild(QAbstractButton, "qt_tableview_cornerbutton")
    if corner is not None:
        corner.setAccessibleName(QCoreApplication.translate("A11y", "Select all"))
