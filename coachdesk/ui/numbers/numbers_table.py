"""A table of weekly numbers that behaves like a spreadsheet.

Rows are reps (the team grid) or weeks (a rep's page); the first columns are metrics,
typed in place or pasted from a spreadsheet, and read-only columns may follow (the
quarter-to-date pace). Enter moves down, Tab moves right, Delete clears, Ctrl+C copies
and Ctrl+V pastes a tab-separated block from the selected cell.

:class:`NumbersTableModel` is a thin model over plain rows; it never writes. Every
change (one edit, one paste, one clear) goes to its ``saver`` as one list, which
writes it in one transaction; the cells change only once that succeeded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QWidget,
)

from coachdesk.assembled.numbers import format_value
from coachdesk.coaching.amounts import NotANumber, format_count, parse_amount
from coachdesk.coaching.pace import Pace, PaceStatus
from coachdesk.store.numbers import ValueChange
from coachdesk.store.records import Metric

# Problems listed under a refused paste; more are counted.
MAX_PROBLEMS = 6
_LINE_BREAK = re.compile(r"\r\n|\n|\r")

Saver = Callable[[list[ValueChange]], bool]


def _tr(text: str) -> str:
    return QCoreApplication.translate("numbers", text)


@dataclass(frozen=True)
class ExtraCell:
    """A read-only cell after the metric columns (the pace, say)."""

    text: str
    tooltip: str = ""
    accessible: str = ""
    strong: bool = False  # drawn bold: what needs a look, without a wall of red


@dataclass(frozen=True)
class NumbersRow:
    """One row: whose numbers, for which week, and which metrics it counts."""

    label: str
    rep_id: int
    week: str
    values: dict[str, float]
    enabled: frozenset[str]
    extras: tuple[ExtraCell, ...] = ()
    hint: str = ""
    disabled_hint: str = ""  # why a metric is not counted on this row


def pace_cell(metric: Metric, pace: Pace, currency: str) -> ExtraCell:
    """Show a quarter-to-date pace in a few characters, with the whole story in the tip.

    Behind is marked with a triangle and bold type, never with colour alone, and
    nothing is red: a Monday full of numbers should not look like an alarm.
    """
    actual = format_value(metric, pace.actual, currency)
    weeks = _tr("week %d of %d") % (pace.weeks_elapsed, pace.weeks_total)
    if pace.target is None:
        if not pace.actual:
            return ExtraCell("", _tr("No target this quarter."))
        text = _tr("QTD %s") % actual
        tip = _tr("Quarter to date: %s (%s). No target this quarter.") % (actual, weeks)
        return ExtraCell(text, tip, tip)
    target = format_value(metric, pace.target, currency)
    if not pace.judged:
        tip = _tr("Target %s this quarter; no numbers recorded yet (%s).") % (target, weeks)
        return ExtraCell("—", tip, tip)
    # "13.7 demos due by now", not 13.71: a count's share of a target is a rough guide.
    expected = format_value(metric, round(pace.expected or 0.0, 1), currency)
    percent = pace.percent
    shown = f"{percent:.0f}%" if percent is not None else _tr("on pace")
    words = {
        PaceStatus.ON_PACE: _tr("on pace"),
        PaceStatus.SLIGHTLY_BEHIND: _tr("a little behind"),
        PaceStatus.BEHIND: _tr("behind"),
    }.get(pace.status, "")
    tip = _tr(
        "Quarter to date: %s of a %s target (%s). On pace would be %s by now: %s of pace, %s."
    ) % (actual, target, weeks, expected, shown, words)
    if not metric.higher_is_better:
        tip += " " + _tr("Lower is better: the target is a ceiling.")
    behind = pace.status is PaceStatus.BEHIND
    text = f"▼ {shown}" if behind else shown
    return ExtraCell(text, tip, _tr("%s of pace, %s") % (shown, words), strong=behind)


def parse_block(text: str) -> list[list[str]]:
    """Split a spreadsheet's clipboard text into rows of cells (tab-separated)."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()  # spreadsheets end the copied block with a line break
    return [line.split("\t") for line in lines]


class NumbersTableModel(QAbstractTableModel):
    """Rows × (metrics, then read-only columns), over plain :class:`NumbersRow` values."""

    values_saved = Signal(list)  # the ValueChanges written
    refused = Signal(list)  # list[str]: why a typed value was not taken

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics: list[Metric] = []
        self.rows: list[NumbersRow] = []
        self.extra_headers: list[str] = []
        self.currency = "$"
        self.editable = True
        self.saver: Saver | None = None

    # ----------------------------------------------------------------- contents

    def set_rows(
        self,
        metrics: list[Metric],
        rows: list[NumbersRow],
        *,
        extra_headers: Sequence[str] = (),
        currency: str = "$",
    ) -> None:
        """Show ``rows`` under ``metrics`` (and the read-only ``extra_headers``)."""
        self.beginResetModel()
        self.metrics = list(metrics)
        self.rows = list(rows)
        self.extra_headers = list(extra_headers)
        self.currency = currency
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        """Allow typing and pasting, or show the numbers read-only."""
        self.editable = editable
        if self.rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1)
            )

    def set_extras(self, row: int, extras: Sequence[ExtraCell]) -> None:
        """Replace one row's read-only cells in place (no reset: the cursor stays)."""
        self.rows[row] = replace(self.rows[row], extras=tuple(extras))
        if self.extra_headers:
            first = len(self.metrics)
            self.dataChanged.emit(self.index(row, first), self.index(row, self.columnCount() - 1))

    def metric_at(self, column: int) -> Metric | None:
        """The metric of a column, or None for a read-only one."""
        return self.metrics[column] if 0 <= column < len(self.metrics) else None

    def is_counted(self, row: int, column: int) -> bool:
        """True when the row counts the column's metric (it can hold a value)."""
        metric = self.metric_at(column)
        return metric is not None and metric.key in self.rows[row].enabled

    # ----------------------------------------------------------------- Qt model

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        if parent is not None and parent.isValid():
            return 0
        return len(self.metrics) + len(self.extra_headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self.rows):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return self.rows[section].label
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.rows[section].hint or None
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            metric = self.metric_at(section)
            if metric is not None:
                return metric.label
            extra = section - len(self.metrics)
            if 0 <= extra < len(self.extra_headers):
                return self.extra_headers[extra]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable
        if index.column() >= len(self.metrics) or self.is_counted(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEnabled
        if self.editable and self.is_counted(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        metric = self.metric_at(index.column())
        if metric is None:
            return self._extra_data(row, index.column() - len(self.metrics), role)
        counted = metric.key in row.enabled
        value = row.values.get(metric.key)
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return "" if counted else "–"
            return format_value(metric, value, self.currency, short=False)
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else format_count(value).replace(",", "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and not counted:
            return row.disabled_hint or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if not counted:
                return _tr("%s, %s: not counted") % (row.label, metric.label)
            shown = (
                format_value(metric, value, self.currency, short=False)
                if value is not None
                else _tr("empty")
            )
            return f"{row.label}, {metric.label}: {shown}"
        return None

    def _extra_data(self, row: NumbersRow, extra: int, role: int) -> object:
        cell = row.extras[extra] if 0 <= extra < len(row.extras) else ExtraCell("")
        if role == Qt.ItemDataRole.DisplayRole:
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return cell.accessible or cell.text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and cell.strong:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: object,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        problems = self.fill([(index.row(), index.column())], str(value or ""))
        if problems:
            self.refused.emit(problems)
        return not problems

    # ----------------------------------------------------------------- changing

    def fill(self, cells: Sequence[tuple[int, int]], text: str) -> list[str]:
        """Put one typed or pasted value into every cell of ``cells``; return problems."""
        return self._apply([(row, column, text) for row, column in cells])

    def clear(self, cells: Sequence[tuple[int, int]]) -> list[str]:
        """Empty the cells (those that count a metric); return problems."""
        return self._apply(
            [(row, column, "") for row, column in cells if self.is_counted(row, column)]
        )

    def paste(self, top: int, left: int, block: list[list[str]]) -> list[str]:
        """Fill the block into the table from ``(top, left)``; return problems.

        All or nothing: when anything is wrong (a cell that is not a number, a value
        for a metric the row does not count, a block larger than the room) nothing is
        changed and every problem is returned.
        """
        if not block:
            return []
        height, width = len(block), max(len(cells) for cells in block)
        room_down, room_right = len(self.rows) - top, len(self.metrics) - left
        if left >= len(self.metrics):
            return [_tr("Select a cell in a number column to paste into.")]
        problems = []
        if height > room_down:
            problems.append(
                QCoreApplication.translate(
                    "numbers", "The pasted block has %n row(s), ", "", height
                )
                + QCoreApplication.translate(
                    "numbers",
                    "but there is room for %n from the selected cell down.",
                    "",
                    room_down,
                )
            )
        if width > room_right:
            problems.append(
                QCoreApplication.translate(
                    "numbers", "The pasted block has %n column(s), ", "", width
                )
                + QCoreApplication.translate(
                    "numbers",
                    "but there is room for %n number column(s) from the selected cell.",
                    "",
                    room_right,
                )
            )
        if problems:
            return problems
        edits = [
            (top + r, left + c, text)
            for r, cells in enumerate(block)
            for c, text in enumerate(cells)
        ]
        return self._apply(edits)

    def _apply(self, edits: Sequence[tuple[int, int, str]]) -> list[str]:
        problems: list[str] = []
        changes: list[ValueChange] = []
        for row_no, column, text in edits:
            metric = self.metric_at(column)
            if metric is None or not 0 <= row_no < len(self.rows):
                continue
            row = self.rows[row_no]
            where = f"{row.label}, {metric.label}"
            try:
                value = parse_amount(text)
            except NotANumber:
                problems.append(_tr("%s: “%s” is not a number") % (where, text.strip()))
                continue
            if metric.key not in row.enabled:
                if value is not None:
                    problems.append(_tr("%s: not counted here") % where)
                continue
            if value is None and metric.key not in row.values:
                continue  # nothing there, nothing to clear
            changes.append(ValueChange(row.rep_id, row.week, metric.key, value))
        if problems:
            if len(problems) > MAX_PROBLEMS:
                more = len(problems) - MAX_PROBLEMS + 1
                problems = [*problems[: MAX_PROBLEMS - 1], _tr("… and %d more") % more]
            return problems
        if not changes or self.saver is None or not self.saver(changes):
            return []
        self._show_saved(changes)
        return []

    def _show_saved(self, changes: list[ValueChange]) -> None:
        """Update the cells that were written, in place."""
        where = {(row.rep_id, row.week): n for n, row in enumerate(self.rows)}
        columns = {metric.key: n for n, metric in enumerate(self.metrics)}
        for change in changes:
            row_no = where.get((change.rep_id, change.week))
            if row_no is None:
                continue
            row = self.rows[row_no]
            values = dict(row.values)
            if change.value is None:
                values.pop(change.metric_key, None)
            else:
                values[change.metric_key] = change.value
            self.rows[row_no] = replace(row, values=values)
            column = columns[change.metric_key]
            self.dataChanged.emit(self.index(row_no, column), self.index(row_no, column))
        self.values_saved.emit(changes)


class SpreadsheetView(QTableView):
    """A table view that types, pastes and moves like a spreadsheet."""

    problems = Signal(list)  # list[str]: why a paste or an edit was refused

    def __init__(self, model: NumbersTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.numbers = model
        self.setModel(model)
        model.refused.connect(self.problems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.horizontalHeader().setDefaultSectionSize(118)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.verticalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )

    # ----------------------------------------------------------------- moving

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """After Enter commits a cell, move down as a spreadsheet does."""
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_down()

    def move_down(self) -> None:
        """Make the cell below the current one current (staying put on the last row)."""
        current = self.currentIndex()
        if current.isValid() and current.row() + 1 < self.numbers.rowCount():
            self.setCurrentIndex(self.numbers.index(current.row() + 1, current.column()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        if not editing and event.matches(QKeySequence.StandardKey.Copy):
            QGuiApplication.clipboard().setText(self.selected_text())
            return
        key = event.key()
        if not editing and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_down()
            return
        if not editing and key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.clear_selection()
            return
        super().keyPressEvent(event)

    # ----------------------------------------------------------------- clipboard

    def _selected_cells(self) -> list[tuple[int, int]]:
        cells = {(i.row(), i.column()) for i in self.selectionModel().selectedIndexes()}
        current = self.currentIndex()
        if not cells and current.isValid():
            cells = {(current.row(), current.column())}
        return sorted(cells)

    def paste_text(self, text: str) -> list[str]:
        """Paste a tab-separated block from the selected cell; report any problems."""
        if not self.numbers.editable:
            problems = [_tr("Switch on Edit to change the numbers.")]
            self.problems.emit(problems)
            return problems
        block = parse_block(text)
        cells = self._selected_cells()
        if not block or not cells:
            return []
        if len(block) == 1 and len(block[0]) == 1 and len(cells) > 1:
            problems = self.numbers.fill(cells, block[0][0])
        else:
            top = min(row for row, _ in cells)
            left = min(column for _, column in cells)
            problems = self.numbers.paste(top, left, block)
            if not problems:
                self._select_block(top, left, len(block), max(len(r) for r in block))
        self.problems.emit(problems)
        return problems

    def _select_block(self, top: int, left: int, height: int, width: int) -> None:
        model = self.numbers
        selection = QItemSelection(
            model.index(top, left), model.index(top + height - 1, left + width - 1)
        )
        self.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def selected_text(self) -> str:
        """The selected cells as a tab-separated block, ready for a spreadsheet."""
        cells = self._selected_cells()
        if not cells:
            return ""
        rows = sorted({row for row, _ in cells})
        columns = sorted({column for _, column in cells})
        lines = []
        for row in rows:
            texts = []
            for column in columns:
                index = self.numbers.index(row, column)
                role = (
                    Qt.ItemDataRole.EditRole
                    if column < len(self.numbers.metrics)
                    else Qt.ItemDataRole.DisplayRole
                )
                texts.append(str(index.data(role) or "") if (row, column) in cells else "")
            lines.append("\t".join(texts))
        return "\n".join(lines) + "\n"

    def clear_selection(self) -> None:
        """Empty the selected cells, in one change."""
        if not self.numbers.editable:
            return
        self.problems.emit(self.numbers.clear(self._selected_cells()))
