"""The "This week" home view, made for a Monday morning.

Two lists side by side (one above the other in a narrow window): the week's 1:1s, today's
first, and what to follow up — my commitments by rep, then theirs, then my prompts. A
commitment is marked done, kept open with a new date or dropped where it stands, by key,
button or context menu; Enter opens the rep. The view asks, the window writes (through
its undoable commands, so the journal tells every view), and the refreshed list keeps the
cursor on the row that was chosen, or the nearest one left.
"""

from __future__ import annotations

from typing import overload

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QFont,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPalette,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled.week import Week
from coachdesk.store.records import CommitmentStatus
from coachdesk.ui.week.week_rows import Row, RowKind, follow_up_rows, meeting_rows, summary

RowRole = Qt.ItemDataRole.UserRole + 6
# Narrower than this, the two lists stack instead of standing side by side.
SIDE_BY_SIDE_WIDTH = 820
_MARK = 10  # the past-due mark's size, in pixels


def _late_colour(palette: QPalette) -> QColor:
    """Amber, not red: readable on the light and the dark palette, and calm."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return QColor("#e5a64b") if dark else QColor("#a15c00")


def _mark(colour: QColor | None) -> QIcon:
    """A round mark beside a past-due row; a blank one keeps the other rows aligned."""
    pixmap = QPixmap(_MARK, _MARK)
    pixmap.fill(Qt.GlobalColor.transparent)
    if colour is not None:
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(1, 1, _MARK - 2, _MARK - 2)
        painter.end()
    return QIcon(pixmap)


class WeekTreeModel(QAbstractItemModel):
    """A thin tree over :class:`Row`s: headings, the rows under them, and theirs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._parents: list[int] = []  # by row number: its parent's number, -1 at the top
        self._places: list[int] = []  # by row number: its place under its parent
        self._children: dict[int, list[int]] = {-1: []}
        self._numbers: dict[tuple[object, ...], int] = {}  # by key
        self._marks: tuple[QIcon, QIcon] | None = None

    def set_rows(self, rows: list[Row]) -> None:
        """Show ``rows`` (and the rows they fold) in place of what was shown."""
        self.beginResetModel()
        self._rows, self._parents, self._places = [], [], []
        self._children, self._numbers = {-1: []}, {}
        self._marks = None  # the palette may have changed since
        pending = [(row, -1) for row in rows]
        while pending:
            row, parent = pending.pop(0)
            number = len(self._rows)
            self._rows.append(row)
            self._parents.append(parent)
            self._places.append(len(self._children[parent]))
            self._children[parent].append(number)
            self._numbers[row.key] = number
            self._children[number] = []
            pending[:0] = [(child, number) for child in row.children]
        self.endResetModel()

    def row_at(self, index: QModelIndex | QPersistentModelIndex) -> Row | None:
        """The row ``index`` shows."""
        return self._rows[index.internalId()] if index.isValid() else None

    def index_of(self, key: tuple[object, ...]) -> QModelIndex:
        """The index of the row with ``key`` (invalid when there is none)."""
        number = self._numbers.get(key)
        if number is None:
            return QModelIndex()
        return self.createIndex(self._places[number], 0, number)

    def index(
        self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex | None = None
    ) -> QModelIndex:
        under = parent.internalId() if parent is not None and parent.isValid() else -1
        numbers = self._children.get(under, [])
        if column != 0 or not 0 <= row < len(numbers):
            return QModelIndex()
        return self.createIndex(row, 0, numbers[row])

    @overload
    def parent(self) -> QObject | None: ...

    @overload
    def parent(self, child: QModelIndex | QPersistentModelIndex) -> QModelIndex: ...

    def parent(
        self, child: QModelIndex | QPersistentModelIndex | None = None
    ) -> QObject | QModelIndex | None:
        if child is None:
            return super().parent()
        if not child.isValid():
            return QModelIndex()
        above = self._parents[child.internalId()]
        if above < 0:
            return QModelIndex()
        return self.createIndex(self._places[above], 0, above)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        under = parent.internalId() if parent is not None and parent.isValid() else -1
        if parent is not None and parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(under, []))

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 1

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        row = self.row_at(index)
        if row is None or row.kind is RowKind.NOTE:
            return Qt.ItemFlag.NoItemFlags  # read, never chosen: the cursor passes it by
        if row.kind is RowKind.HEADING:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        row = self.row_at(index)
        if row is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row.text
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return row.text.replace("\u2068", "").replace("\u2069", "")
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.FontRole and row.kind is RowKind.HEADING:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.DecorationRole and row.kind in (
            RowKind.GROUP,
            RowKind.COMMITMENT,
        ):
            if self._marks is None:
                late = _late_colour(QGuiApplication.palette())
                self._marks = (_mark(late), _mark(None))
            return self._marks[0] if row.late else self._marks[1]
        return None


class WeekTree(QTreeView):
    """One of This week's lists: folds remembered, the cursor kept across refreshes."""

    focused = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = WeekTreeModel(self)
        self.setModel(self.model_)
        self.setAccessibleName(name)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setIconSize(QSize(_MARK, _MARK))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setExpandsOnDoubleClick(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # What the manager folded or unfolded; anything else opens as it comes:
        # headings open, a rep's commitments folded under their count.
        self._folds: dict[tuple[object, ...], bool] = {}
        self.expanded.connect(self._remember_open)
        self.collapsed.connect(self._remember_folded)

    def current_row(self) -> Row | None:
        """The row under the cursor."""
        return self.model_.row_at(self.currentIndex())

    def texts(self) -> list[str]:
        """Every line, folded or not, top to bottom: what a reader of the list can reach."""
        found: list[str] = []
        pending = [self.model_.index(n, 0) for n in range(self.model_.rowCount())]
        while pending:
            index = pending.pop(0)
            found.append(str(index.data(Qt.ItemDataRole.AccessibleTextRole)))
            pending[:0] = [
                self.model_.index(n, 0, index) for n in range(self.model_.rowCount(index))
            ]
        return found

    def set_rows(self, rows: list[Row]) -> None:
        """Show ``rows``, folds as they were, the cursor on the same row or its neighbour."""
        wanted = self._cursor_candidates()
        folds = dict(self._folds)
        self.model_.set_rows(rows)
        self._open_folds(QModelIndex(), folds)
        self._folds = folds
        for key in wanted:
            index = self.model_.index_of(key)
            if index.isValid() and self.model_.flags(index) & Qt.ItemFlag.ItemIsEnabled:
                self.put_cursor(index)
                return
        self.put_cursor(self._first(selectable=True) or self._first(selectable=False))

    def put_cursor(self, index: QModelIndex | None) -> None:
        """Move the cursor (and the selection) to ``index``, shown."""
        if index is None or not index.isValid():
            return
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        flags = self.selectionModel().SelectionFlag
        self.selectionModel().setCurrentIndex(
            index, flags.ClearAndSelect if self.hasFocus() else flags.Clear
        )
        self.scrollTo(index)

    def _cursor_candidates(self) -> list[tuple[object, ...]]:
        """Where the cursor goes after a refresh: its row, else the next one after it
        under the same heading, else the one before, else its heading, and so on up."""
        index = self.currentIndex()
        wanted: list[tuple[object, ...]] = []
        while index.isValid():
            row = self.model_.row_at(index)
            if row is not None:
                wanted.append(row.key)
            parent = index.parent()
            count = self.model_.rowCount(parent)
            for number in [*range(index.row() + 1, count), *range(index.row() - 1, -1, -1)]:
                sibling = self.model_.row_at(self.model_.index(number, 0, parent))
                if sibling is not None and sibling.kind is not RowKind.NOTE:
                    wanted.append(sibling.key)
            index = parent
        return wanted

    def _open_folds(self, parent: QModelIndex, folds: dict[tuple[object, ...], bool]) -> None:
        for number in range(self.model_.rowCount(parent)):
            index = self.model_.index(number, 0, parent)
            row = self.model_.row_at(index)
            if row is None or not row.children:
                continue
            if folds.get(row.key, row.kind is RowKind.HEADING):
                self.expand(index)
            self._open_folds(index, folds)

    def _first(self, *, selectable: bool) -> QModelIndex | None:
        pending = [self.model_.index(n, 0) for n in range(self.model_.rowCount())]
        while pending:
            index = pending.pop(0)
            flags = self.model_.flags(index)
            if flags & Qt.ItemFlag.ItemIsEnabled and (
                not selectable or flags & Qt.ItemFlag.ItemIsSelectable
            ):
                return index
            pending[:0] = [
                self.model_.index(n, 0, index) for n in range(self.model_.rowCount(index))
            ]
        return None

    def _remember_open(self, index: QModelIndex) -> None:
        row = self.model_.row_at(index)
        if row is not None:
            self._folds[row.key] = True

    def _remember_folded(self, index: QModelIndex) -> None:
        row = self.model_.row_at(index)
        if row is not None:
            self._folds[row.key] = False

    # Only the list with the keyboard shows its chosen row: two highlighted rows would
    # leave the manager guessing where D goes. The cursor stays put in the other one.
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        index = self.currentIndex()
        if index.isValid() and not self.selectionModel().isSelected(index):
            self.selectionModel().select(index, self.selectionModel().SelectionFlag.ClearAndSelect)
        self.focused.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() is not Qt.FocusReason.PopupFocusReason:
            self.selectionModel().clearSelection()


class WeekView(QWidget):
    """This week: today's 1:1s first, the rest by day; what to follow up, mine first."""

    open_rep = Signal(int, str)  # rep id, the rep-page tab to show
    open_meeting = Signal(int, int)  # rep id, the scheduled 1:1 to open
    status_requested = Signal(int, object, object)  # commitment id, CommitmentStatus, None
    keep_requested = Signal(int)  # commitment id
    print_pack = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary_text = ""
        self.title = QLabel(self.tr("This week"), self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.pack_button = QPushButton(self.tr("Print this week's pack…"), self)
        self.pack_button.setAccessibleName(self.tr("Print this week's prep pack"))
        self.pack_button.setAutoDefault(False)
        self.pack_button.clicked.connect(self.print_pack)

        self.meetings = WeekTree(self.tr("1:1s this week"), self)
        self.follow_ups = WeekTree(self.tr("Commitments and prompts"), self)
        self._active: WeekTree = self.meetings
        self.meetings_label = QLabel(self.tr("&1:1s this week"), self)
        self.meetings_label.setBuddy(self.meetings)
        self.follow_ups_label = QLabel(self.tr("&Commitments and prompts"), self)
        self.follow_ups_label.setBuddy(self.follow_ups)
        for label in (self.meetings_label, self.follow_ups_label):
            bold = label.font()
            bold.setBold(True)
            label.setFont(bold)

        self.open_action = self._action(
            self.tr("Open the rep"), (Qt.Key.Key_Return, Qt.Key.Key_Enter), self._open
        )
        self.done_action = self._action(self.tr("Mark done"), (Qt.Key.Key_D,), self._done)
        self.keep_action = self._action(
            self.tr("Keep open, with a new date…"), (Qt.Key.Key_K,), self._keep
        )
        self.drop_action = self._action(self.tr("Drop"), (Qt.Key.Key_X,), self._drop)
        self.meetings.addAction(self.open_action)
        for action in (self.open_action, self.done_action, self.keep_action, self.drop_action):
            self.follow_ups.addAction(action)

        self.open_button = self._button(self.tr("Open the rep"), self.open_action)
        self.done_button = self._button(self.tr("Mark done"), self.done_action)
        self.keep_button = self._button(self.tr("Keep open…"), self.keep_action)
        self.drop_button = self._button(self.tr("Drop"), self.drop_action)
        self.hint = QLabel(
            self.tr(
                "Enter opens the rep · on a commitment: D done, K keep open with a new "
                "date, X drop · → shows a rep's commitments · Tab: the other list"
            ),
            self,
        )
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        for tree in (self.meetings, self.follow_ups):
            tree.focused.connect(self._tree_focused)
            tree.doubleClicked.connect(self._double_clicked)
            tree.selectionModel().currentChanged.connect(self._update_buttons)
            tree.model_.modelReset.connect(self._update_buttons)

        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.summary)
        head.addLayout(titles, 1)
        head.addWidget(self.pack_button, 0, Qt.AlignmentFlag.AlignTop)
        self.lists = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        # The 1:1s' lines are short; what to follow up gets the room.
        for label, tree, share in (
            (self.meetings_label, self.meetings, 2),
            (self.follow_ups_label, self.follow_ups, 3),
        ):
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(tree, 1)
            self.lists.addLayout(column, share)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.done_button, self.keep_button, self.drop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.addLayout(head)
        layout.addLayout(self.lists, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        self._update_buttons()

    # ----------------------------------------------------------------- filling

    def show_week(self, week: Week, *, sharing: bool) -> None:
        """Fill both lists; the manager's prompts are left out while sharing."""
        self.summary_text = summary(week, sharing=sharing)
        self.summary.setText(self.summary_text)
        self.meetings.set_rows(meeting_rows(week))
        self.follow_ups.set_rows(follow_up_rows(week, sharing=sharing))

    def take_focus(self) -> None:
        """Give the keyboard to the list used last (the 1:1s at first)."""
        self._active.setFocus()

    # ----------------------------------------------------------------- acting

    def _action(self, text: str, keys: tuple[Qt.Key, ...], slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcuts([QKeySequence(key) for key in keys])
        # Keys belong to the list with the keyboard: a letter typed anywhere else is text.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        return action

    def _button(self, text: str, action: QAction) -> QPushButton:
        button = QPushButton(text, self)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{action.text()} ({keys})")
        button.setAccessibleName(action.text().rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(action.trigger)
        return button

    def _tree_focused(self) -> None:
        sender = self.sender()
        if isinstance(sender, WeekTree):
            self._active = sender
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self._active.current_row()
        self.open_button.setEnabled(row is not None and row.rep_id is not None)
        on_commitment = self._active is self.follow_ups and _is_commitment(row)
        for button in (self.done_button, self.keep_button, self.drop_button):
            button.setEnabled(on_commitment)

    def _double_clicked(self, index: QModelIndex) -> None:
        tree = self.sender()
        if isinstance(tree, WeekTree):
            self._active = tree
            self._open()

    def _open(self) -> None:
        row = self._active.current_row()
        if row is None:
            return
        if row.kind is RowKind.HEADING:
            index = self._active.currentIndex()
            self._active.setExpanded(index, not self._active.isExpanded(index))
        elif row.rep_id is not None and row.meeting_id is not None:
            self.open_meeting.emit(row.rep_id, row.meeting_id)
        elif row.rep_id is not None:
            self.open_rep.emit(row.rep_id, row.where)

    def _chosen_commitment(self) -> int | None:
        """The commitment under the cursor; on a rep's group, its commitments are shown
        and the cursor goes to the first, so the next key acts on one, never on all."""
        tree = self.follow_ups
        self._active = tree
        tree.setFocus()
        row = tree.current_row()
        if row is not None and row.kind is RowKind.GROUP and row.children:
            index = tree.currentIndex()
            tree.expand(index)
            tree.put_cursor(tree.model_.index(0, 0, index))
            return None
        return row.commitment_id if row is not None and _is_commitment(row) else None

    def _done(self) -> None:
        chosen = self._chosen_commitment()
        if chosen is not None:
            self.status_requested.emit(chosen, CommitmentStatus.DONE, None)

    def _drop(self) -> None:
        chosen = self._chosen_commitment()
        if chosen is not None:
            self.status_requested.emit(chosen, CommitmentStatus.DROPPED, None)

    def _keep(self) -> None:
        chosen = self._chosen_commitment()
        if chosen is not None:
            self.keep_requested.emit(chosen)

    # ----------------------------------------------------------------- layout

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.lists.direction() != direction:
            self.lists.setDirection(direction)


def _is_commitment(row: Row | None) -> bool:
    return row is not None and row.kind is RowKind.COMMITMENT and row.commitment_id is not None
