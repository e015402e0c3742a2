"""Commitments on screen: a thin model, a keyboard-driven list, and the add row.

Mine come first everywhere. A late commitment says so first, in a word and with the
style's warning icon, never by colour alone ("Late · Me: Send the deck · was due Fri,
20 Nov"), so the word stays when a long line is cut short.
Keys on a selected commitment: D done, X drop, K keep (with a new due date).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.dates import parse_date
from coachdesk.store.records import Commitment, CommitmentStatus, Owner
from coachdesk.ui.widgets.fitting import WrappingRow
from coachdesk.ui.widgets.qdates import date_edit_format, day_text

CommitmentRole = Qt.ItemDataRole.UserRole + 2


def _tr(text: str) -> str:
    return QCoreApplication.translate("commitments", text)


def describe_due(commitment: Commitment, today: dt.date, *, inviting: bool = False) -> str:
    """Return "due Fri, 27 Nov", "due today" or "was due Mon, 16 Nov" ("" if no date).

    ``inviting`` is for a screen the rep sees: a late one is an invitation, not a charge —
    "open since Mon, 16 Nov — keep, change or drop?".
    """
    if not commitment.due_date:
        return ""
    due = parse_date(commitment.due_date)
    label = day_text(due, today)
    if commitment.status is CommitmentStatus.OPEN:
        if due < today:
            if inviting:
                return _tr("open since %s — keep, change or drop?") % label
            return _tr("was due %s") % label
        if due == today:
            return _tr("due today")
    return _tr("due %s") % label


def is_late(commitment: Commitment, today: dt.date) -> bool:
    """True for an open commitment past its due date."""
    return (
        commitment.status is CommitmentStatus.OPEN
        and commitment.due_date is not None
        and parse_date(commitment.due_date) < today
    )


class CommitmentModel(QAbstractListModel):
    """Commitments as rows; replaced whole through :meth:`set_rows`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Commitment] = []
        self._today = dt.date.today()
        self._rep_name = "Rep"
        self._inviting = False  # the rep can see the screen: late items read as questions

    def set_rows(self, rows: list[Commitment], today: dt.date, rep_name: str) -> None:
        """Show ``rows`` (already in order: mine first)."""
        self.beginResetModel()
        self._rows = list(rows)
        self._today = today
        self._rep_name = rep_name
        self.endResetModel()

    def set_inviting(self, inviting: bool) -> None:
        """Word late items for the rep's eyes ("open since … — keep, change or drop?")."""
        if inviting != self._inviting:
            self.beginResetModel()
            self._inviting = inviting
            self.endResetModel()

    def commitment_at(self, row: int) -> Commitment:
        """Return the commitment shown on ``row``."""
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c = self._rows[index.row()]
        # Late says so first, in a word and an icon as well as its colour (not on the
        # rep's screen: there a late one reads as an invitation, in words only).
        marked_late = not self._inviting and is_late(c, self._today)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            who = _tr("Me") if c.owner is Owner.MANAGER else self._rep_name
            parts = [_tr("Late")] if marked_late else []
            parts.append(f"{who}: {c.text}")
            due = describe_due(c, self._today, inviting=self._inviting)
            if due:
                parts.append(due)
            if c.status is not CommitmentStatus.OPEN:
                parts.append(c.status.value)
            return "  ·  ".join(parts)
        if role == Qt.ItemDataRole.DecorationRole and marked_late:
            from PySide6.QtWidgets import QApplication, QStyle

            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.FontRole and c.status is not CommitmentStatus.OPEN:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and marked_late:
            from PySide6.QtGui import QColor

            return QColor("#b3261e")
        if role == CommitmentRole:
            return c.id
        return None


class CommitmentList(QWidget):
    """A list of commitments with Done / Drop / Keep… buttons and the same keys.

    By default the list is as tall as its rows (up to :attr:`ROWS_SHOWN` of them, however
    many lines each wraps to), for a page that scrolls as a whole; with ``fill`` it takes
    the height its layout gives it instead and scrolls itself, for a dialog that shares
    its height between lists.
    """

    status_requested = Signal(int, object)  # commitment id, CommitmentStatus
    keep_requested = Signal(int)  # commitment id

    ROWS_SHOWN = 8

    def __init__(self, title: str, parent: QWidget | None = None, *, fill: bool = False) -> None:
        super().__init__(parent)
        self.fill = fill
        self.title = QLabel(title, self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.model = CommitmentModel(self)
        self.view = _KeyList(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.setWordWrap(True)
        # Rows wrap to the list's width: no sideways scrolling, and a new width is a
        # new height for each row.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.resized.connect(self._fit_height)
        self.view.key_action.connect(self._key_action)
        self.done_button = QPushButton(self.tr("&Done"), self)
        self.drop_button = QPushButton(self.tr("Dro&p"), self)
        self.keep_button = QPushButton(self.tr("&Keep…"), self)
        for button, name in (
            (self.done_button, self.tr("Mark the selected commitment done")),
            (self.drop_button, self.tr("Drop the selected commitment")),
            (self.keep_button, self.tr("Keep the selected commitment with a new due date")),
        ):
            button.setAccessibleName(name)
            button.setToolTip(name)
            button.setAutoDefault(False)
        self.done_button.clicked.connect(lambda: self._key_action("done"))
        self.drop_button.clicked.connect(lambda: self._key_action("drop"))
        self.keep_button.clicked.connect(lambda: self._key_action("keep"))
        self.empty = QLabel(self.tr("Nothing open."), self)
        self.empty.setEnabled(False)

        # The buttons keep to the right of the title, or go on below it when narrow.
        buttons = WrappingRow(self)
        buttons.add(self.title)
        for button in (self.done_button, self.drop_button, self.keep_button):
            buttons.add(button, at_end=True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(buttons)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        self._update_empty()

    def set_rows(self, rows: list[Commitment], today: dt.date, rep_name: str) -> None:
        """Show ``rows``, keeping the selection on the same row number where possible."""
        row = self.view.currentIndex().row()
        self.model.set_rows(rows, today, rep_name)
        if rows:
            self.view.setCurrentIndex(self.model.index(max(0, min(row, len(rows) - 1)), 0))
        self._update_empty()

    def _update_empty(self) -> None:
        has_rows = self.model.rowCount() > 0
        self.view.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        for button in (self.done_button, self.drop_button, self.keep_button):
            button.setEnabled(has_rows)
        self._fit_height()

    def _fit_height(self) -> None:
        rows = self.model.rowCount()
        frame = 2 * self.view.frameWidth()
        if self.fill:
            # Room for two rows at least; the layout gives it more as it can.
            self.view.setMinimumHeight(2 * self.view.sizeHintForRow(0) + frame if rows else 0)
            return
        if not rows:
            self.view.setFixedHeight(0)
            return
        # Each row as laid out at the list's width, wrapped lines and all.
        self.view.doItemsLayout()
        height = sum(
            max(self.view.visualRect(self.model.index(row, 0)).height(), 1)
            for row in range(min(self.ROWS_SHOWN, rows))
        )
        self.view.setFixedHeight(height + frame)

    def current_id(self) -> int | None:
        """Return the selected commitment's id."""
        index = self.view.currentIndex()
        return int(index.data(CommitmentRole)) if index.isValid() else None

    def _key_action(self, action: str) -> None:
        commitment_id = self.current_id()
        if commitment_id is None:
            return
        if action == "done":
            self.status_requested.emit(commitment_id, CommitmentStatus.DONE)
        elif action == "drop":
            self.status_requested.emit(commitment_id, CommitmentStatus.DROPPED)
        elif action == "keep":
            self.keep_requested.emit(commitment_id)


class _KeyList(QListView):
    key_action = Signal(str)
    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.resized.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = {Qt.Key.Key_D: "done", Qt.Key.Key_X: "drop", Qt.Key.Key_K: "keep"}
        if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() in keys:
            self.key_action.emit(keys[Qt.Key(event.key())])
            return
        super().keyPressEvent(event)


class AddCommitmentRow(QWidget):
    """Owner, text, due date and Add: Enter in the text adds."""

    add_requested = Signal(object, str, object)  # Owner, text, due date ISO or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner = QComboBox(self)
        self.owner.addItem(self.tr("Rep"), Owner.REP)
        self.owner.addItem(self.tr("Me"), Owner.MANAGER)
        self.owner.setAccessibleName(self.tr("Who commits"))
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("A commitment made in this meeting…"))
        self.text.setAccessibleName(self.tr("Commitment"))
        self.text.returnPressed.connect(self._add)
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_edit_format())
        self.due.setAccessibleName(self.tr("Due date"))
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setAccessibleName(self.tr("Add the commitment"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.owner)
        layout.addWidget(self.text, 1)
        layout.addWidget(QLabel(self.tr("due"), self))
        layout.addWidget(self.due)
        layout.addWidget(self.add_button)

    def reset(self, default_due: dt.date) -> None:
        """Clear the text and propose ``default_due``."""
        self.text.clear()
        self.due.setDate(QDate(default_due.year, default_due.month, default_due.day))

    def _add(self) -> None:
        text = self.text.text().strip()
        if not text:
            return
        owner = self.owner.currentData()
        self.add_requested.emit(owner, text, self.due.date().toString("yyyy-MM-dd"))
        self.text.clear()
        self.text.setFocus()


class KeepDialog(QDialog):
    """Ask for a new due date when keeping a commitment open."""

    def __init__(self, commitment: Commitment, proposed: dt.date, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keep commitment"))
        label = QLabel(self.tr("Keep open with a new due date:\n%s") % commitment.text, self)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        self.due = QDateEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(date_edit_format())
        self.due.setDate(QDate(proposed.year, proposed.month, proposed.day))
        self.due.setAccessibleName(self.tr("New due date"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.due)
        layout.addWidget(buttons)

    def due_iso(self) -> str:
        """The chosen date as ``YYYY-MM-DD``."""
        return self.due.date().toString("yyyy-MM-dd")
