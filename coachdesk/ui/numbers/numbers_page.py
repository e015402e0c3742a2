"""A rep's Numbers tab: the quarter-to-date pace per metric, their targets, and the last
eight weeks as a chart and a small table. Read-only until Edit is switched on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled.numbers import (
    MetricPace,
    RepNumbers,
    format_value,
    rep_numbers,
    week_of_ref,
)
from coachdesk.assembled.timeline import TimelineEvent
from coachdesk.coaching.amounts import NotANumber, format_count, parse_amount
from coachdesk.coaching.pace import PaceStatus, last_completed_week
from coachdesk.dates import IsoWeek, Quarter
from coachdesk.render import charts
from coachdesk.render.numbers_charts import build_charts
from coachdesk.store import numbers as store
from coachdesk.store.changes import Change, Subject
from coachdesk.store.errors import KnownProblem
from coachdesk.store.numbers import ValueChange
from coachdesk.store.records import Metric, MetricKind, Target, TargetSource
from coachdesk.ui import REP_PAGE_TABS
from coachdesk.ui.numbers.numbers_table import (
    NumbersRow,
    NumbersTableModel,
    SpreadsheetView,
    pace_cell,
)
from coachdesk.ui.numbers.team_grid import NUMBERS_SUBJECTS, quarter_position, week_title
from coachdesk.ui.rep.timeline_view import EventRole
from coachdesk.ui.widgets.changes import changes
from coachdesk.ui.widgets.fitting import size_to_text
from coachdesk.ui.widgets.messages import show_problems
from coachdesk.ui.widgets.rep_tab import RepTab
from coachdesk.ui.widgets.tables import FixedColumnsModel

if TYPE_CHECKING:
    from coachdesk.ui.rep.rep_page import RepPage

CHART_HEIGHT = 170
MIN_CHART_WIDTH = 230


def _tr(text: str) -> str:
    return QCoreApplication.translate("numbers_page", text)


def make_page(rep_page: RepPage) -> tuple[str, RepTab]:
    """The rep page's Numbers tab."""
    page = NumbersPage(rep_page)
    return page.tr("Numbers"), page


# After Agreement (10) and Plan (20), before Ladder (40).
REP_PAGE_TABS.register(make_page, order=30)


def _table_height(view: QTableView, rows: int) -> int:
    header = view.horizontalHeader().sizeHint().height()
    return header + view.verticalHeader().defaultSectionSize() * rows + 2 * view.frameWidth() + 2


# ----------------------------------------------------------------- models


class PaceModel(FixedColumnsModel):
    """Read-only: one row per metric counted this quarter, with its pace."""

    CONTEXT = "numbers_page"

    HEADERS = (
        "Metric",
        "Quarter to date",
        "Target",
        "On pace by now",
        "Pace",
        "At this rate",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[MetricPace] = []
        self.currency = "$"

    def set_rows(self, rows: list[MetricPace], currency: str) -> None:
        """Show ``rows``."""
        self.beginResetModel()
        self.rows = list(rows)
        self.currency = currency
        self.endResetModel()

    def row_total(self) -> int:
        return len(self.rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        metric, pace, column = row.metric, row.pace, index.column()
        cell = pace_cell(metric, pace, self.currency)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column, cell.text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return cell.tooltip
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{metric.label}, {self.header(column)}: {self._text(row, column, '')}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and column == 4 and cell.strong:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, row: MetricPace, column: int, pace_text: str) -> str:
        metric, pace = row.metric, row.pace
        money = self.currency

        def shown(value: float | None) -> str:
            # Shares of a count (8.75 deals "at this rate") are shown to one decimal.
            return "—" if value is None else format_value(metric, round(value, 1), money)

        if column == 0:
            return metric.label
        if column == 1:
            return shown(pace.actual)
        if column == 2:
            return shown(pace.target)
        if column == 3:
            return shown(pace.expected)
        if column == 4:
            if pace.status is PaceStatus.NO_TARGET:
                return _tr("no target")
            if not pace.judged:
                return _tr("no numbers yet")
            words = {
                PaceStatus.ON_PACE: _tr("on pace"),
                PaceStatus.SLIGHTLY_BEHIND: _tr("a little behind"),
                PaceStatus.BEHIND: _tr("behind"),
            }[pace.status]
            return f"{pace_text} · {words}" if pace_text else words
        return shown(pace.projected if pace.judged else None)


class TargetsModel(FixedColumnsModel):
    """Every metric of the catalogue with this rep's target for one quarter."""

    CONTEXT = "numbers_page"

    HEADERS = ("Metric", "Target", "Set by")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.metrics: list[Metric] = []
        self.targets: dict[str, Target] = {}
        self.currency = "$"
        self.editable = False
        self.saver: Callable[[str, float | None], bool] | None = None

    def set_rows(self, metrics: list[Metric], targets: dict[str, Target], currency: str) -> None:
        """Show the catalogue with ``targets``."""
        self.beginResetModel()
        self.metrics = list(metrics)
        self.targets = dict(targets)
        self.currency = currency
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        """Allow setting targets, or only show them."""
        self.editable = editable
        if self.metrics:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.metrics) - 1, 2))

    def row_total(self) -> int:
        return len(self.metrics)

    def _from_plan(self, row: int) -> bool:
        target = self.targets.get(self.metrics[row].key)
        return target is not None and target.source is TargetSource.PLAN

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if self.editable and index.column() == 1 and not self._from_plan(index.row()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.metrics):
            return None
        metric = self.metrics[index.row()]
        target = self.targets.get(metric.key)
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                if metric.kind is MetricKind.ACTIVITY:
                    return _tr("%s (activity)") % metric.label
                return metric.label
            if column == 1:
                return "" if target is None else format_value(metric, target.target, self.currency)
            if target is None:
                return ""
            return _tr("their plan") if target.source is TargetSource.PLAN else _tr("you")
        if role == Qt.ItemDataRole.EditRole and column == 1:
            return "" if target is None else format_count(target.target).replace(",", "")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if target is not None and target.source is TargetSource.PLAN:
                return _tr("From the rep's own plan for the quarter: change it in the plan.")
            if metric.kind is MetricKind.ACTIVITY:
                return _tr("An activity: counted for this rep only while it has a target.")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            shown = self.data(index, Qt.ItemDataRole.DisplayRole) or _tr("none")
            return f"{metric.label}, {self.header(column)}: {shown}"
        return None

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: object,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() != 1 or self.saver is None:
            return False
        try:
            number = parse_amount(str(value or ""))
        except NotANumber:
            return False
        if number is not None and number < 0:
            return False
        return self.saver(self.metrics[index.row()].key, number)


# ----------------------------------------------------------------- the chart


class NumbersChart(QWidget):
    """Small multiples: one chart per metric over the weeks shown (shared chart module)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.charts: list[charts.TimeChart] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName(_tr("Weekly numbers chart"))

    def set_charts(self, shown: list[charts.TimeChart]) -> None:
        """Draw ``shown``, side by side (two rows when they do not fit in one)."""
        self.charts = shown
        self.setAccessibleDescription("\n\n".join(charts.describe(c) for c in shown))
        self.updateGeometry()
        self.update()

    def _columns(self, width: int) -> int:
        if not self.charts:
            return 1
        return max(1, min(len(self.charts), width // MIN_CHART_WIDTH))

    def sizeHint(self) -> QSize:
        return QSize(MIN_CHART_WIDTH * 3, self.heightForWidth(MIN_CHART_WIDTH * 3))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        columns = self._columns(width)
        rows = max(1, -(-len(self.charts) // columns))
        return CHART_HEIGHT * rows

    def resizeEvent(self, event: object) -> None:
        self.setFixedHeight(self.heightForWidth(self.width()))

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.charts:
            return
        painter = QPainter(self)
        try:
            colours = charts.ChartColours.from_palette(self.palette())
            columns = self._columns(self.width())
            width = self.width() / columns
            for n, chart in enumerate(self.charts):
                row, column = divmod(n, columns)
                rect = QRectF(column * width, row * CHART_HEIGHT, width, CHART_HEIGHT)
                charts.paint(painter, rect.adjusted(2, 2, -6, -4), chart, colours)
        finally:
            painter.end()


# ----------------------------------------------------------------- the page


class NumbersPage(RepTab):
    """The Numbers tab of a rep's page."""

    def __init__(self, rep_page: RepPage) -> None:
        super().__init__(rep_page)
        self.rep_page = rep_page
        self.journal = rep_page.journal
        self.today: Callable[[], dt.date] = rep_page.today
        self.rep_id: int | None = None
        self.as_of = last_completed_week(self.today())
        self.target_quarter: Quarter | None = None
        self.numbers: RepNumbers | None = None
        self._stale = False
        self._refresh_pending = False

        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.heading.setFont(font)
        self.heading.setAccessibleName(self.tr("Quarter to date"))
        self.previous_button = QPushButton("◀", self)
        self.previous_button.setAccessibleName(self.tr("Previous week"))
        self.previous_button.setToolTip(self.tr("The week before"))
        self.previous_button.clicked.connect(lambda: self.show_week(self.as_of.shifted(-1)))
        self.week_label = QLabel(self)
        self.week_label.setAccessibleName(self.tr("Numbers up to"))
        self.next_button = QPushButton("▶", self)
        self.next_button.setAccessibleName(self.tr("Next week"))
        self.next_button.setToolTip(self.tr("The week after"))
        self.next_button.clicked.connect(lambda: self.show_week(self.as_of.shifted(1)))
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)
            size_to_text(button)
        self.edit_button = QPushButton(self.tr("&Edit"), self)
        self.edit_button.setCheckable(True)
        self.edit_button.setAutoDefault(False)
        self.edit_button.setAccessibleName(self.tr("Edit the numbers and targets"))
        self.edit_button.setToolTip(self.tr("Type or paste numbers and set targets"))
        self.edit_button.toggled.connect(self.set_editing)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.previous_button)
        top.addWidget(self.week_label)
        top.addWidget(self.next_button)
        top.addSpacing(12)
        top.addWidget(self.edit_button)

        # Pace this quarter.
        self.pace_model = PaceModel(self)
        self.pace_view = QTableView(self)
        self.pace_view.setModel(self.pace_model)
        self.pace_view.setAccessibleName(self.tr("Pace per metric"))
        self.pace_view.verticalHeader().setVisible(False)
        self.pace_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.pace_view.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.pace_view.setWordWrap(False)
        header = self.pace_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(90)
        header.setStretchLastSection(False)

        # Targets for a quarter.
        self.targets_quarter = QComboBox(self)
        self.targets_quarter.setAccessibleName(self.tr("Targets for the quarter"))
        self.targets_quarter.currentIndexChanged.connect(lambda _i: self._quarter_chosen())
        targets_label = QLabel(self.tr("&Targets for"), self)
        targets_label.setBuddy(self.targets_quarter)
        self.targets_model = TargetsModel(self)
        self.targets_model.saver = self._save_target
        self.targets_view = QTableView(self)
        self.targets_view.setModel(self.targets_model)
        self.targets_view.setAccessibleName(self.tr("Targets"))
        self.targets_view.verticalHeader().setVisible(False)
        self.targets_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        theader = self.targets_view.horizontalHeader()
        theader.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        theader.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        theader.setStretchLastSection(True)
        targets_top = QHBoxLayout()
        targets_top.addWidget(targets_label)
        targets_top.addWidget(self.targets_quarter)
        targets_top.addStretch(1)
        # Targets are in the pace table; the list of every metric is for setting them.
        self.targets_panel = QWidget(self)
        targets_box = QVBoxLayout(self.targets_panel)
        targets_box.setContentsMargins(0, 0, 0, 0)
        targets_box.addLayout(targets_top)
        targets_box.addWidget(self.targets_view)
        targets_box.addStretch(1)
        self.targets_panel.setVisible(False)
        for view in (self.pace_view, self.targets_view):
            view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)

        # The weeks: a chart and a small table.
        self.chart = NumbersChart(self)
        self.weeks_model = NumbersTableModel(self)
        self.weeks_model.saver = self._save_values
        self.weeks_model.values_saved.connect(lambda _changes: self._refresh_pace())
        self.weeks_model.set_editable(False)
        self.weeks_view = SpreadsheetView(self.weeks_model, self)
        self.weeks_view.setAccessibleName(self.tr("Numbers of the last eight weeks"))
        self.weeks_view.verticalHeader().setMinimumWidth(120)
        self.weeks_view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(self.tr("What happened"))
        self.weeks_view.problems.connect(partial(show_problems, self.status))

        weeks_title = QLabel(self.tr("Week by week"), self)
        bold = weeks_title.font()
        bold.setBold(True)
        weeks_title.setFont(bold)

        content = QWidget(self)
        grid = QGridLayout(content)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.pace_view, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.targets_panel, 0, 1)
        grid.setColumnStretch(0, 3)
        self.grid = grid
        grid.addWidget(weeks_title, 1, 0, 1, 2)
        grid.addWidget(self.chart, 2, 0, 1, 2)
        grid.addWidget(self.weeks_view, 3, 0, 1, 2)
        grid.addWidget(self.status, 4, 0, 1, 2)
        grid.setRowStretch(5, 1)
        scroll = QScrollArea(self)
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 4, 4)
        layout.addLayout(top)
        layout.addWidget(scroll, 1)

        changes(self.journal).changed.connect(self._journal_changed)
        rep_page.timeline.activated.connect(self._timeline_activated)

    # ----------------------------------------------------------------- showing

    def show_rep(self, rep_id: int | None) -> None:
        """Show a rep's numbers (or nothing)."""
        self.rep_id = rep_id
        self.target_quarter = None
        self.refresh()

    def show_week(self, week: IsoWeek) -> None:
        """Show the quarter's pace as of ``week`` and the eight weeks up to it."""
        self.as_of = min(week, IsoWeek.of(self.today()))
        self.target_quarter = None
        self.status.clear()
        self.refresh()

    def refresh(self) -> None:
        """Re-read everything shown."""
        self._stale = False
        this_week = IsoWeek.of(self.today())
        self.next_button.setEnabled(self.as_of < this_week)
        self.week_label.setText(week_title(self.as_of))
        if self.rep_id is None:
            self.numbers = None
            self.heading.clear()
            self.pace_model.set_rows([], "$")
            self.targets_model.set_rows([], {}, "$")
            self.weeks_model.set_rows([], [])
            self.chart.set_charts([])
            return
        numbers = rep_numbers(self.journal, self.rep_id, self.as_of)
        self.numbers = numbers
        self.heading.setText(self.tr("Quarter to date: %s") % quarter_position(self.as_of))
        self._show_pace(numbers)
        self._fill_quarters(numbers.quarter)
        self._show_targets()
        rows = [
            NumbersRow(
                label=f"W{week.week:02d} · {week.monday().day} {week.monday():%b}",
                rep_id=numbers.rep_id,
                week=str(week),
                values={
                    key: value for (shown, key), value in numbers.values.items() if shown == week
                },
                enabled=numbers.counted[week],
                hint=week_title(week),
                disabled_hint=self.tr("Not counted that quarter: it had no target."),
            )
            for week in numbers.weeks
        ]
        self.weeks_model.set_rows(numbers.metrics, rows, currency=numbers.currency)
        self.weeks_view.setFixedHeight(_table_height(self.weeks_view, len(rows)))
        self.chart.set_charts(build_charts(numbers))

    def _show_pace(self, numbers: RepNumbers) -> None:
        self.pace_model.set_rows(list(numbers.paces.values()), numbers.currency)
        self.pace_view.setFixedHeight(_table_height(self.pace_view, max(len(numbers.paces), 1)))

    def _refresh_pace(self) -> None:
        """After typing: the pace and the chart change, the table stays where it is."""
        if self.rep_id is None:
            return
        numbers = rep_numbers(self.journal, self.rep_id, self.as_of)
        self.numbers = numbers
        self._show_pace(numbers)
        self.chart.set_charts(build_charts(numbers))

    def _fill_quarters(self, current: Quarter) -> None:
        chosen = self.target_quarter or current
        self.targets_quarter.blockSignals(True)
        self.targets_quarter.clear()
        for quarter in (current.shifted(-1), current, current.shifted(1)):
            self.targets_quarter.addItem(str(quarter), str(quarter))
        self.targets_quarter.setCurrentIndex(max(self.targets_quarter.findData(str(chosen)), 0))
        self.targets_quarter.blockSignals(False)
        self.target_quarter = chosen

    def _quarter_chosen(self) -> None:
        text = self.targets_quarter.currentData()
        if isinstance(text, str) and self.numbers is not None:
            year, number = text.split("-Q")
            self.target_quarter = Quarter(int(year), int(number))
            self._show_targets()

    def _show_targets(self) -> None:
        if self.rep_id is None or self.numbers is None or self.target_quarter is None:
            return
        details = store.target_details(self.journal, [self.rep_id], str(self.target_quarter))
        self.targets_model.set_rows(
            self.numbers.catalogue, details[self.rep_id], self.numbers.currency
        )
        self.targets_view.setFixedHeight(
            _table_height(self.targets_view, len(self.numbers.catalogue))
        )

    def set_editing(self, on: bool) -> None:
        """Switch between reading the numbers and changing them (and the targets)."""
        self.weeks_model.set_editable(on)
        self.targets_model.set_editable(on)
        self.targets_panel.setVisible(on)
        self.grid.setColumnStretch(1, 2 if on else 0)
        if self.edit_button.isChecked() != on:
            self.edit_button.setChecked(on)
        self.status.setText(
            self.tr(
                "Type or paste numbers (Enter moves down) and set targets; every change is "
                "saved at once. A target for an activity counts it for this rep only."
            )
            if on
            else ""
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # ----------------------------------------------------------------- saving

    def _save_values(self, changes: list[ValueChange]) -> bool:
        try:
            with self.journal.made_by(self):
                store.set_values(self.journal, changes)
        except KnownProblem as problem:
            self.status.setText(str(problem))
            return False
        return True

    def _save_target(self, metric_key: str, target: float | None) -> bool:
        if self.rep_id is None or self.target_quarter is None:
            return False
        try:
            store.set_target(
                self.journal, self.rep_id, str(self.target_quarter), metric_key, target
            )
        except KnownProblem as problem:
            self.status.setText(str(problem))
            return False
        return True

    def _journal_changed(self, change: Change) -> None:
        # (The rep page shows the weeks on its timeline and flags in its header itself.)
        if not change.touches(*NUMBERS_SUBJECTS, Subject.SETTINGS):
            return
        if change.made_by(self):
            return  # the cells already show what was typed; _refresh_pace follows
        if self.isVisible():
            # Not now: a target typed in the table is saved from inside its editor,
            # and the table must not be refilled under it. Right after, it is closed.
            if not self._refresh_pending:
                self._refresh_pending = True
                # With the page as context: Qt drops the call if the page is gone first.
                QTimer.singleShot(0, self, self._deferred_refresh)
        else:
            self._stale = True

    def _deferred_refresh(self) -> None:
        self._refresh_pending = False
        self._refresh_keeping_targets()

    def _refresh_keeping_targets(self) -> None:
        """Refresh after a target changed, keeping the targets table's cursor."""
        current = self.targets_view.currentIndex()
        quarter = self.target_quarter
        self.refresh()
        if quarter is not None and quarter != self.target_quarter:
            self.target_quarter = quarter
            self._fill_quarters(self.numbers.quarter if self.numbers else quarter)
            self._show_targets()
        if current.isValid():
            self.targets_view.setCurrentIndex(
                self.targets_model.index(current.row(), current.column())
            )

    def _timeline_activated(self, index: QModelIndex) -> None:
        event = index.data(EventRole)
        if isinstance(event, TimelineEvent) and event.kind == "numbers":
            self.as_of = week_of_ref(event.ref_id)
            self.rep_page.tabs.setCurrentWidget(self)
            self.refresh()
