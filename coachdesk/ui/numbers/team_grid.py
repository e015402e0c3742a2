"""The weekly numbers scrum: every active rep × the metrics they count, for one week.

Team → Weekly numbers… opens it; File → Import numbers… brings in a CRM export. The
grid is typed in place or pasted from a spreadsheet, every change is saved at once in
one transaction, and each rep's quarter-to-date pace stands beside their numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMargins, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import settings_schema
from coachdesk.assembled.numbers import TeamWeek, team_week
from coachdesk.coaching.pace import last_completed_week, quarter_of_week, weeks_of_quarter
from coachdesk.dates import IsoWeek
from coachdesk.store import numbers as store
from coachdesk.store import teams as team_store
from coachdesk.store.changes import Change, Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import ImportProblem, KnownProblem
from coachdesk.store.numbers import ValueChange
from coachdesk.store.progress import Cancelled
from coachdesk.store.records import Metric, MetricKind, MetricUnit
from coachdesk.ui import TEAM_MENU
from coachdesk.ui.numbers.numbers_table import (
    ExtraCell,
    NumbersRow,
    NumbersTableModel,
    SpreadsheetView,
    pace_cell,
)
from coachdesk.ui.widgets import files
from coachdesk.ui.widgets.changes import changes
from coachdesk.ui.widgets.fitting import allow_sideways_scrolling, fit_to_screen, size_to_text
from coachdesk.ui.widgets.messages import message_box, show_problems
from coachdesk.ui.widgets.progress import progress_of

if TYPE_CHECKING:
    from coachdesk.imports.numbers import NumbersImportResult
    from coachdesk.ui.window.main_window import MainWindow

# What the numbers views show: the weekly numbers, and targets from the plans.
NUMBERS_SUBJECTS = (Subject.NUMBERS, Subject.PLANS)


def _tr(text: str) -> str:
    return QCoreApplication.translate("team_grid", text)


def week_title(week: IsoWeek) -> str:
    """Return "Week 47 · 16–22 Nov 2026"."""
    monday, sunday = week.monday(), week.sunday()
    if monday.month == sunday.month:
        days = f"{monday.day}–{sunday.day} {sunday:%b %Y}"
    elif monday.year == sunday.year:
        days = f"{monday.day} {monday:%b} – {sunday.day} {sunday:%b %Y}"
    else:
        days = f"{monday.day} {monday:%b %Y} – {sunday.day} {sunday:%b %Y}"
    return _tr("Week %d · %s") % (week.week, days)


def quarter_position(week: IsoWeek) -> str:
    """Return "2026-Q4, week 8 of 14"."""
    quarter = quarter_of_week(week)
    weeks = weeks_of_quarter(quarter)
    return _tr("%s, week %d of %d") % (quarter, weeks.index(week) + 1, len(weeks))


class TeamNumbersWindow(QDialog):
    """The team grid: one week's numbers for every active rep, with their pace."""

    def __init__(
        self, journal: Journal, today: Callable[[], dt.date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.today = today
        self.week = last_completed_week(today())
        self.data: TeamWeek | None = None
        self.setWindowTitle(self.tr("Weekly numbers"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setObjectName("team-numbers")

        self.previous_button = QPushButton("◀", self)
        self.previous_button.setToolTip(self.tr("The week before"))
        self.previous_button.setAccessibleName(self.tr("Previous week"))
        self.previous_button.clicked.connect(lambda: self.show_week(self.week.shifted(-1)))
        self.next_button = QPushButton("▶", self)
        self.next_button.setToolTip(self.tr("The week after"))
        self.next_button.setAccessibleName(self.tr("Next week"))
        self.next_button.clicked.connect(lambda: self.show_week(self.week.shifted(1)))
        for button in (self.previous_button, self.next_button):
            button.setAutoDefault(False)
            size_to_text(button)
        self.week_label = QLabel(self)
        font = self.week_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.week_label.setFont(font)
        self.week_label.setAccessibleName(self.tr("Week shown"))
        self.quarter_label = QLabel(self)
        self.quarter_label.setAccessibleName(self.tr("Where the week is in its quarter"))

        self.team_box = QComboBox(self)
        self.team_box.setAccessibleName(self.tr("Show the reps of"))
        self.team_box.currentIndexChanged.connect(lambda _i: self.reload())
        team_label = QLabel(self.tr("&Team:"), self)
        team_label.setBuddy(self.team_box)
        self.import_button = QPushButton(self.tr("&Import…"), self)
        self.import_button.setAccessibleName(self.tr("Import numbers from a file or a CRM report"))
        self.import_button.setAutoDefault(False)
        self.import_button.clicked.connect(self._import)
        self.metrics_button = QPushButton(self.tr("&Metrics…"), self)
        self.metrics_button.setAccessibleName(self.tr("Choose what is counted"))
        self.metrics_button.setToolTip(
            self.tr("The metric catalogue: what is counted for everyone, and your own metrics")
        )
        self.metrics_button.setAutoDefault(False)
        self.metrics_button.clicked.connect(self._edit_metrics)

        top = QHBoxLayout()
        top.addWidget(self.previous_button)
        top.addWidget(self.week_label)
        top.addWidget(self.next_button)
        top.addSpacing(12)
        top.addWidget(self.quarter_label)
        top.addStretch(1)
        top.addWidget(team_label)
        top.addWidget(self.team_box)
        top.addSpacing(12)
        top.addWidget(self.metrics_button)
        top.addWidget(self.import_button)

        hint = QLabel(
            self.tr(
                "Type a number or paste a block from a spreadsheet (Ctrl+V); Enter moves down. "
                "Every change is saved at once. Pace is each rep's quarter to date against "
                "their target, as of the end of this week."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)

        self.model = NumbersTableModel(self)
        self.model.saver = self._save
        self.model.values_saved.connect(self._values_saved)
        self.view = SpreadsheetView(self.model, self)
        self.view.setAccessibleName(self.tr("Weekly numbers by rep"))
        self.view.verticalHeader().setMinimumWidth(140)
        # A column for every metric counted and one for its pace: as many as the
        # catalogue holds, so wider than a laptop can be, by design.
        allow_sideways_scrolling(self.view)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName(self.tr("What happened"))
        self.view.problems.connect(partial(show_problems, self.status))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self._fill_teams()
        changes(journal).changed.connect(self._journal_changed)
        self.show_week(self.week)
        # Wide enough for every column when the screen has room for them.
        fit_to_screen(self, max(1180, self._table_width()), 560)

    # ----------------------------------------------------------------- data

    def _fill_teams(self) -> None:
        chosen = self.team_box.currentData()
        self.team_box.blockSignals(True)
        self.team_box.clear()
        self.team_box.addItem(self.tr("All teams"), None)
        for team in team_store.list_teams(self.journal):
            self.team_box.addItem(team.name, team.id)
        found = self.team_box.findData(chosen)
        self.team_box.setCurrentIndex(max(found, 0))
        self.team_box.blockSignals(False)

    def show_week(self, week: IsoWeek) -> None:
        """Show one week (not later than the current one)."""
        this_week = IsoWeek.of(self.today())
        self.week = min(week, this_week)
        self.next_button.setEnabled(self.week < this_week)
        self.week_label.setText(week_title(self.week))
        self.quarter_label.setText(quarter_position(self.week))
        self.status.clear()
        self.reload()

    def reload(self) -> None:
        """Re-read the week's numbers and pace for the chosen team."""
        team_id = self.team_box.currentData()
        data = team_week(self.journal, self.week, team_id if isinstance(team_id, int) else None)
        self.data = data
        rows = [
            NumbersRow(
                label=row.rep.name,
                rep_id=row.rep.id,
                week=str(data.week),
                values=row.values,
                enabled=row.enabled,
                extras=self._extras(data, row.rep.id),
                hint=" · ".join(part for part in (row.rep.title, row.team_name) if part),
                disabled_hint=self.tr(
                    "Not counted for %s this quarter: give them a target on their Numbers "
                    "page (or in their plan) to count it."
                )
                % row.rep.name,
            )
            for row in data.rows
        ]
        # Short names keep a pace column narrow: "Pipeline / pace", not "Pipeline created".
        headers = [
            self.tr("%s\npace") % (m.short_label[:1].upper() + m.short_label[1:])
            for m in data.metrics
        ]
        self.model.set_rows(data.metrics, rows, extra_headers=headers, currency=data.currency)
        # Every column as wide as its header needs, as the style draws it.
        header = self.view.horizontalHeader()
        for column in range(len(data.metrics)):
            header.resizeSection(column, max(96, header.sectionSizeHint(column)))
            pace = len(data.metrics) + column
            header.resizeSection(pace, max(72, header.sectionSizeHint(pace)))
        if not rows:
            self.status.setText(self.tr("No active reps in this team."))

    def _table_width(self) -> int:
        """The width the dialog needs to show every column without scrolling."""
        view = self.view
        bar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        rows = view.verticalHeader()
        names = max(rows.minimumWidth(), rows.sizeHint().width())
        table = names + view.horizontalHeader().length()
        sides = margins.left() + margins.right()
        return table + 2 * view.frameWidth() + bar + sides

    def _extras(self, data: TeamWeek, rep_id: int) -> tuple[ExtraCell, ...]:
        row = next(r for r in data.rows if r.rep.id == rep_id)
        cells = []
        for metric in data.metrics:
            pace = row.paces.get(metric.key)
            cells.append(ExtraCell("") if pace is None else pace_cell(metric, pace, data.currency))
        return tuple(cells)

    # ----------------------------------------------------------------- saving

    def _save(self, changes: list[ValueChange]) -> bool:
        try:
            with self.journal.made_by(self):
                saved = store.set_values(self.journal, changes)
        except KnownProblem as problem:
            self.status.setText(str(problem))
            return False
        parts = []
        if saved.written:
            parts.append(self.tr("%n number(s) saved", "", saved.written))
        if saved.cleared:
            parts.append(self.tr("%n cleared", "", saved.cleared))
        self.status.setText(", ".join(parts) + "." if parts else "")
        return True

    def _values_saved(self, changes: list[ValueChange]) -> None:
        """Recompute the pace of the reps whose numbers changed, in place."""
        team_id = self.team_box.currentData()
        data = team_week(self.journal, self.week, team_id if isinstance(team_id, int) else None)
        self.data = data
        touched = {change.rep_id for change in changes}
        for n, row in enumerate(self.model.rows):
            if row.rep_id in touched and any(r.rep.id == row.rep_id for r in data.rows):
                self.model.set_extras(n, self._extras(data, row.rep_id))

    def _journal_changed(self, change: Change) -> None:
        if change.made_by(self):
            return  # the cells show what was typed; _values_saved updates the pace
        if change.touches(Subject.TEAMS):
            self._fill_teams()
        if change.touches(*NUMBERS_SUBJECTS, Subject.REPS, Subject.TEAMS, Subject.SETTINGS):
            self.reload()  # settings: the currency sign

    def _import(self) -> None:
        import_numbers(self, self.journal)

    def _edit_metrics(self) -> None:
        MetricsDialog(self.journal, self).exec()


# ----------------------------------------------------------------- the catalogue


class MetricsDialog(QDialog):
    """The manager's metric catalogue: names, what everyone is counted on, directions.

    Outcomes are counted for everyone by default. An activity is usually left off here
    and counted only for the reps whose plan (or Numbers page) gives it a target.
    """

    NAME, KIND, EVERYONE, LOWER = range(4)

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.setWindowTitle(self.tr("Metrics"))
        intro = QLabel(
            self.tr(
                "Outcomes first: they are counted for every rep. An activity is counted "
                "only for a rep whose plan sets a target for it, unless you tick it here "
                "for everyone. Double-click a name to rename it."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget(self)
        self.list.setAccessibleName(self.tr("Metric catalogue"))
        self.list.setRootIsDecorated(False)
        self.list.setHeaderLabels(
            [
                self.tr("Metric"),
                self.tr("Kind"),
                self.tr("Counted for everyone"),
                self.tr("Lower is better"),
            ]
        )
        # Only the name can be edited; the other columns are check boxes or facts.
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.itemDoubleClicked.connect(self._rename)
        for metric in store.list_metrics(journal):
            item = QTreeWidgetItem([metric.label, self._kind_text(metric), "", ""])
            item.setData(self.NAME, Qt.ItemDataRole.UserRole, metric.key)
            item.setFlags(
                item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
            )
            item.setCheckState(self.EVERYONE, _checked(metric.active))
            item.setCheckState(self.LOWER, _checked(not metric.higher_is_better))
            self.list.addTopLevelItem(item)
        header = self.list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)

        self.new_name = QLineEdit(self)
        self.new_name.setPlaceholderText(self.tr("A metric of your own, e.g. Referrals"))
        self.new_name.setAccessibleName(self.tr("New metric's name"))
        self.new_unit = QComboBox(self)
        self.new_unit.setAccessibleName(self.tr("New metric counts"))
        self.new_unit.addItem(self.tr("a number"), MetricUnit.COUNT.value)
        self.new_unit.addItem(self.tr("an amount"), MetricUnit.CURRENCY.value)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.add_button.setAccessibleName(self.tr("Add the metric"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add)
        self.added: list[store.NewMetric] = []
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.new_unit)
        add_row.addWidget(self.add_button)

        self.currency = QLineEdit(settings_schema.read(journal, settings_schema.NUMBERS_CURRENCY))
        self.currency.setMaxLength(4)
        self.currency.setMaximumWidth(80)
        self.currency.setAccessibleName(self.tr("Currency sign"))
        currency_row = QHBoxLayout()
        currency_label = QLabel(self.tr("&Currency sign for amounts:"), self)
        currency_label.setBuddy(self.currency)
        currency_row.addWidget(currency_label)
        currency_row.addWidget(self.currency)
        currency_row.addStretch(1)

        self.problem = QLabel(self)
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setAccessibleName(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(add_row)
        layout.addLayout(currency_row)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(700, 440)

    def _rename(self, item: QTreeWidgetItem, column: int) -> None:
        if isinstance(item.data(self.NAME, Qt.ItemDataRole.UserRole), str):
            self.list.editItem(item, self.NAME)

    def _kind_text(self, metric: Metric) -> str:
        kind = self.tr("outcome") if metric.kind is MetricKind.OUTCOME else self.tr("activity")
        unit = self.tr("amount") if metric.unit is MetricUnit.CURRENCY else self.tr("number")
        return f"{kind}, {unit}"

    def _add(self) -> None:
        name = " ".join(self.new_name.text().split())
        if not name:
            return
        unit = MetricUnit(str(self.new_unit.currentData()))
        metric = store.NewMetric(name, unit=unit, kind=MetricKind.ACTIVITY)
        item = QTreeWidgetItem([name, self.tr("activity (new)"), "", ""])
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(self.EVERYONE, Qt.CheckState.Unchecked)
        item.setCheckState(self.LOWER, Qt.CheckState.Unchecked)
        item.setData(self.NAME, Qt.ItemDataRole.UserRole, None)
        self.list.addTopLevelItem(item)
        self.added.append(metric)
        self.new_name.clear()

    def accept(self) -> None:
        """Save every change in one go; keep the dialog open if something is wrong."""
        edits: list[store.MetricEdit] = []
        added: list[store.NewMetric] = []
        for n in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(n)
            assert item is not None  # n is below the count
            everyone = item.checkState(self.EVERYONE) == Qt.CheckState.Checked
            lower = item.checkState(self.LOWER) == Qt.CheckState.Checked
            key = item.data(self.NAME, Qt.ItemDataRole.UserRole)
            if isinstance(key, str):
                edits.append(store.MetricEdit(key, item.text(self.NAME), everyone, not lower))
            else:
                new = self.added[len(added)]
                added.append(
                    store.NewMetric(
                        new.label,
                        unit=new.unit,
                        kind=new.kind,
                        higher_is_better=not lower,
                        active=everyone,
                    )
                )
        try:
            store.save_catalogue(self.journal, edits, added)
            currency = self.currency.text().strip() or "$"
            if currency != settings_schema.read(self.journal, settings_schema.NUMBERS_CURRENCY):
                settings_schema.write(self.journal, {settings_schema.NUMBERS_CURRENCY: currency})
        except KnownProblem as problem:  # a name that cannot be used, or the disk
            self.problem.setText(str(problem))
            return
        super().accept()


def _checked(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked


# ----------------------------------------------------------------- import


def import_numbers(parent: QWidget | None, journal: Journal) -> bool:
    """Choose a file of weekly numbers or a CRM report and import it, all or nothing.

    A report asks what it must (its columns, the order of its dates, owners who are not
    reps) and shows its weeks × reps × metrics before anything is written.
    """
    from coachdesk.imports import numbers as numbers_import
    from coachdesk.imports.reports import ColumnsNeeded, DateOrderNeeded
    from coachdesk.imports.workbook import read_table_file
    from coachdesk.ui.numbers import report_dialogs

    path = files.ask_open_file(
        parent,
        _tr("Import numbers"),
        Path.home(),
        _tr("Spreadsheets and CSV files (*.csv *.txt *.xlsx *.xlsm *.xls *.ods)"),
    )
    if path is None:
        return False
    try:
        table = read_table_file(path)
        options = numbers_import.ImportOptions()
        asked = False
        while True:
            try:
                plan = numbers_import.plan_numbers(journal, table, options)
                break
            except ColumnsNeeded as needed:
                mapping = report_dialogs.ask_columns(parent, table, needed)
                if mapping is None:
                    return False
                options, asked = replace(options, mapping=mapping), True
            except DateOrderNeeded as needed:
                order = report_dialogs.ask_date_order(parent, needed.example)
                if order is None:
                    return False
                options = replace(options, date_order=order)
        if plan.kind != numbers_import.WEEKLY:
            if plan.unmatched and not report_dialogs.confirm_unmatched(parent, plan):
                return False
            if not report_dialogs.preview(parent, plan):
                return False
            if asked and plan.mapping is not None:
                numbers_import.remember_mapping(journal, table.headers, plan.mapping)
        # One transaction: stopped at any point, nothing is written.
        with progress_of(
            parent,
            _tr("Import numbers"),
            _tr("Importing the numbers from %s…") % path.name,
            can_cancel=True,
        ) as progress:
            result = numbers_import.save_numbers(journal, plan, progress=progress.tell)
    except Cancelled:
        text = _tr("Import stopped: nothing was imported.")
        if isinstance(parent, QMainWindow):
            parent.statusBar().showMessage(text, 10000)
        else:
            message_box(parent, QMessageBox.Icon.Information, _tr("Numbers not imported"), text)
        return False
    except ImportProblem as problem:
        lines = problem.lines
        shown = lines if len(lines) <= 8 else [*lines[:7], _tr("… and %d more") % (len(lines) - 7)]
        message_box(
            parent,
            QMessageBox.Icon.Warning,
            _tr("Numbers not imported"),
            _tr("Nothing was imported from %s; the journal is unchanged.") % path.name,
            "\n\n".join(p for p in (problem.what, problem.advice, "\n".join(shown)) if p),
            "\n".join(lines) if len(lines) > 8 else "",
        )
        return False
    except KnownProblem as problem:
        message_box(
            parent,
            QMessageBox.Icon.Warning,
            _tr("Numbers not imported"),
            problem.what,
            problem.advice,
        )
        return False
    if result.kind != numbers_import.WEEKLY:
        message_box(
            parent, QMessageBox.Icon.Information, _tr("Numbers imported"), _report_done(result)
        )
        return True
    weeks = (
        result.weeks[0]
        if len(result.weeks) == 1
        else QCoreApplication.translate("team_grid", "%n week(s)", "", len(result.weeks))
    )
    message_box(
        parent,
        QMessageBox.Icon.Information,
        _tr("Numbers imported"),
        QCoreApplication.translate("team_grid", "Imported %n value(s), ", "", result.values)
        + QCoreApplication.translate("team_grid", "%n replaced ", "", result.replaced)
        + QCoreApplication.translate("team_grid", "(%n rep(s), ", "", result.reps)
        + weeks
        + ").",
    )
    return True


def _report_done(result: NumbersImportResult) -> str:
    weeks = result.weeks
    if not weeks:
        span = ""
    elif len(weeks) == 1:
        span = weeks[0]
    else:
        span = _tr("%s to %s") % (weeks[0], weeks[-1])
    reps = QCoreApplication.translate("team_grid", "%n rep(s)", "", result.reps)
    values = QCoreApplication.translate("team_grid", "%n value(s)", "", result.values)
    if result.unchanged == result.values:
        return _tr("Nothing changed: the journal already had these %s (%s, %s).") % (
            values,
            reps,
            span,
        )
    added = result.values - result.unchanged - result.replaced
    return _tr("Imported %s (%s, %s): %d new, %d replaced, %d unchanged.") % (
        values,
        reps,
        span,
        added,
        result.replaced,
        result.unchanged,
    )


# ----------------------------------------------------------------- the Team menu


def open_team_numbers(window: MainWindow) -> TeamNumbersWindow:
    """Show the team grid (one per main window), raising it if it is already open."""
    found = window.findChild(TeamNumbersWindow)
    if isinstance(found, TeamNumbersWindow):
        found.show()
        found.activateWindow()  # brings it to the front, too
        return found
    grid = TeamNumbersWindow(window.journal, window.today, window)
    grid.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    grid.show()
    return grid


def install(window: MainWindow, menu: QMenu) -> dict[str, QAction]:
    """Add Team → Weekly numbers….

    Returns the action as "team_numbers".
    """
    action = QAction(_tr("Weekly &numbers…"), window)
    action.setToolTip(_tr("Type or paste the week's numbers for the whole team"))
    action.triggered.connect(lambda: open_team_numbers(window))
    menu.addAction(action)
    return {"team_numbers": action}


# After the team agreement's entries (10), before the ladder's (30).
TEAM_MENU.register(install, order=20)
