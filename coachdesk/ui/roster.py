"""The roster: a thin list model over rep rows, and the panel that filters it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QLineEdit, QListView, QVBoxLayout, QWidget

from coachdesk.store.records import Rep

RepRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class RosterRow:
    """One line of the roster: the rep and what the list shows about them."""

    rep: Rep
    team_name: str

    @property
    def subtitle(self) -> str:
        """The second line: title and team."""
        return " · ".join(part for part in (self.rep.title, self.team_name) if part)


class RosterModel(QAbstractListModel):
    """Rows of the roster; replaced whole through :meth:`set_rows`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RosterRow] = []

    def set_rows(self, rows: list[RosterRow]) -> None:
        """Show ``rows`` instead of the current ones."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RosterRow:
        """Return the roster row at ``row``."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:  # noqa: N802
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.rep.name}\n{row.subtitle}" if row.subtitle else row.rep.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.subtitle or row.rep.name
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.rep.name}, {row.subtitle}" if row.subtitle else row.rep.name
        if role == RepRole:
            return row.rep.id
        if role == Qt.ItemDataRole.UserRole:
            # what the filter matches: name, title, team, email, territory
            rep = row.rep
            return " ".join((rep.name, rep.title, row.team_name, rep.email, rep.territory))
        return None


class RosterPanel(QWidget):
    """The filter box and the list of reps; emits the chosen rep's id."""

    rep_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = RosterModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(Qt.ItemDataRole.UserRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(self.tr("Find a rep…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter the roster"))
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setUniformItemSizes(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAccessibleName(self.tr("Roster"))
        self.view.selectionModel().currentChanged.connect(self._current_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)

    def set_rows(self, rows: list[RosterRow]) -> None:
        """Replace the roster, keeping the current rep selected if it is still there."""
        current = self.current_rep_id()
        self.model.set_rows(rows)
        if current is not None:
            self.select_rep(current)

    def current_rep_id(self) -> int | None:
        """Return the id of the selected rep, if any."""
        index = self.view.currentIndex()
        return int(index.data(RepRole)) if index.isValid() else None

    def select_rep(self, rep_id: int) -> bool:
        """Select the rep with ``rep_id``; return whether it is shown."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RepRole) == rep_id:
                self.view.setCurrentIndex(index)
                return True
        return False

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.rep_chosen.emit(int(current.data(RepRole)))
