"""Read-only tables with a fixed set of columns, named once."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)


class FixedColumnsModel(QAbstractTableModel):
    """A flat table whose columns are ``HEADERS``, translated in ``CONTEXT``.

    A subclass says how many rows it has (:meth:`row_total`) and what each cell shows.
    """

    HEADERS: tuple[str, ...] = ()
    CONTEXT = "tables"

    def row_total(self) -> int:
        """How many rows the table shows."""
        raise NotImplementedError

    def header(self, column: int) -> str:
        """The translated name of ``column``."""
        return QCoreApplication.translate(self.CONTEXT, self.HEADERS[column])

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self.row_total()

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.header(section)
        return None
