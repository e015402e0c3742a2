"""The "This week" home view: a thin model over :class:`WeekItem` lines, with headings."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from coachdesk.assembled.week import SECTIONS, WeekItem

ItemRole = Qt.ItemDataRole.UserRole + 6


class WeekModel(QAbstractListModel):
    """Section headings and lines; headings are not selectable."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[WeekItem | str] = []

    def set_items(self, items: list[WeekItem], *, sharing: bool) -> None:
        """Show ``items`` under their headings; private prompts are left out when sharing."""
        rows: list[WeekItem | str] = []
        for key, heading in SECTIONS.items():
            section = [i for i in items if i.section == key and not (sharing and i.private)]
            if section:
                rows.append(f"{heading} ({len(section)})")
                rows.extend(section)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def item_at(self, row: int) -> WeekItem | None:
        """The item on ``row``, or None for a heading."""
        value = self._rows[row]
        return value if isinstance(value, WeekItem) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self._rows[index.row()], str):
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if isinstance(row, str):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return row
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return ("    LATE · " if row.late else "    ") + row.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ("Late: " if row.late else "") + row.text
        if role == ItemRole:
            return row
        return None


class _WeekList(QListView):
    activated_item = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._activate(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _activate(self, index: QModelIndex) -> None:
        item = index.data(ItemRole) if index.isValid() else None
        if isinstance(item, WeekItem):
            self.activated_item.emit(item)


class WeekView(QWidget):
    """This week, one click or Enter from the place to act."""

    open_item = Signal(object)  # WeekItem
    print_pack = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(self.tr("This week"), self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.pack_button = QPushButton(self.tr("Print this week's pack…"), self)
        self.pack_button.setAccessibleName(self.tr("Print this week's prep pack"))
        self.pack_button.setAutoDefault(False)
        self.pack_button.clicked.connect(self.print_pack)
        self.model = WeekModel(self)
        self.view = _WeekList(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("This week"))
        self.view.setUniformItemSizes(True)
        self.view.activated_item.connect(self.open_item)
        self.view.doubleClicked.connect(self.view._activate)
        self.view.clicked.connect(self.view._activate)
        self.empty = QLabel(self.tr("Nothing needs you this week."), self)
        self.empty.setEnabled(False)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.summary)
        head.addLayout(titles, 1)
        head.addWidget(self.pack_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addLayout(head)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)

    def show_items(self, items: list[WeekItem], summary: str, *, sharing: bool) -> None:
        """Fill the view."""
        self.model.set_items(items, sharing=sharing)
        self.summary.setText(summary)
        empty = self.model.rowCount() == 0
        self.view.setVisible(not empty)
        self.empty.setVisible(empty)
        for row in range(self.model.rowCount()):
            if self.model.item_at(row) is not None:
                self.view.setCurrentIndex(self.model.index(row, 0))
                break
