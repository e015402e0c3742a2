"""Help → Licences: every part coachdesk is made of, with its licence text.

The list comes from :mod:`coachdesk.assembled.licences` — the one the bundle was built with, or,
run from source, the installed distributions' metadata. A text is read only when its
component is selected.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import licences
from coachdesk.assembled.licences import Component
from coachdesk.ui.widgets.fitting import fit_to_screen
from coachdesk.ui.widgets.tables import FixedColumnsModel


def _tr(text: str) -> str:
    return QCoreApplication.translate("licences", text)


class ComponentModel(FixedColumnsModel):
    """Read-only: one row per component, with its version and licence."""

    CONTEXT = "licences"

    HEADERS = ("Component", "Version", "Licence")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Component] = []

    def set_rows(self, rows: Sequence[Component]) -> None:
        """Show ``rows``."""
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def component(self, row: int) -> Component | None:
        """The component shown on ``row``, if there is one."""
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_total(self) -> int:
        return len(self.rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        component = self.component(index.row()) if index.isValid() else None
        if component is None:
            return None
        cells = (component.name, component.version, component.licence or _tr("unknown"))
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            shown = (component.name, _tr(component.kind), component.origin)
            if component.origin:
                return _tr("%s (%s); licence texts from %s") % shown
            return f"{shown[0]} ({shown[1]})"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _tr("%s, version %s, licence %s") % cells
        return None


class LicencesDialog(QDialog):
    """The components of coachdesk and their licences; the text of the one selected."""

    def __init__(
        self, parent: QWidget | None = None, components: Sequence[Component] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Licences"))
        self.setObjectName("licences-dialog")

        intro = QLabel(
            self.tr(
                "coachdesk is free software under the Apache License 2.0. It is made with "
                "the components below, each under its own licence: select one to read it."
            ),
            self,
        )
        intro.setWordWrap(True)

        self.model = ComponentModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Components"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        # Names and versions in full; a long licence expression ("LGPL-3.0-only OR
        # GPL-2.0-only…") is elided, and its text is beside it anyway.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Licence text"))
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        # The texts keep their own line breaks; a line longer than the pane goes on
        # below rather than off to the side.
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 560])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName(self.tr("Close"))

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 960, 600)

        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        self._load(components)

    def _load(self, components: Sequence[Component] | None) -> None:
        if components is None:
            try:
                components = licences.components()
            except (OSError, licences.DamagedList) as error:
                # A damaged list is a fault of the build, not of the user: say what it is.
                self.model.set_rows([])
                self.text.setPlainText(
                    self.tr("The list of components could not be read: %s") % error
                )
                return
        self.model.set_rows(components)
        if self.model.rowCount():
            self.table.selectRow(0)

    def select(self, name: str) -> bool:
        """Select the component called ``name``; False when there is none."""
        for row, component in enumerate(self.model.rows):
            if component.name.lower() == name.lower():
                self.table.selectRow(row)
                return True
        return False

    def selected(self) -> Component | None:
        """The component whose licence is shown."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.component(rows[0].row()) if rows else None

    def _show_selected(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        component = self.selected()
        self.text.setPlainText(licences.read_texts(component) if component else "")
        self.text.moveCursor(self.text.textCursor().MoveOperation.Start)
