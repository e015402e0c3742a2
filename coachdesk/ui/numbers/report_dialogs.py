"""The questions an import of a CRM report asks, and its preview before anything is written.

File → Import numbers… reads the file, then, only when needed: which column is which
(for a CRM whose headings coachdesk does not know; remembered for files with the same
columns), whether the dates put the day or the month first, and whether to leave out
the rows of owners who are not on the roster. Then it shows the weeks × reps × metrics
the report sets, with totals, and writes them only when the user chooses Import.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coachdesk.imports.csvfile import CsvTable
from coachdesk.imports.numbers import (
    NumbersPlan,
    PreviewRow,
    format_value,
    preview_rows,
    unmatched_line,
)
from coachdesk.imports.report_values import DateOrder, parse_report_date
from coachdesk.imports.reports import (
    WON_STAGES,
    ColumnMapping,
    ColumnsNeeded,
    ReportKind,
    heading_key,
    match_columns,
    usable,
)
from coachdesk.store.errors import InvalidInput
from coachdesk.store.records import MetricUnit
from coachdesk.ui.widgets.qdates import to_qdate

_MAX_STAGES = 200  # distinct stages offered as won; a column with more is not a stage
_LISTED_OWNERS = 8


def _tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    return QCoreApplication.translate("report_dialogs", text, disambiguation, n)


def _rows(count: int) -> str:
    return _tr("%n row(s)", None, count)


def _roles(kind: ReportKind) -> list[tuple[str, str]]:
    """The roles offered for a kind of report, with their translated names."""
    if kind is ReportKind.ACTIVITIES:
        return [
            ("owner", _tr("&Assigned to:")),
            ("owner_email", _tr("Assigned to (&email):")),
            ("date", _tr("&Date:")),
            ("type", _tr("&Type (call, meeting…):")),
        ]
    return [
        ("owner", _tr("&Owner:")),
        ("owner_email", _tr("Owner's &email:")),
        ("stage", _tr("&Stage:")),
        ("amount", _tr("A&mount:")),
        ("currency", _tr("C&urrency:")),
        ("converted_amount", _tr("Con&verted amount:")),
        ("close_date", _tr("&Close date:")),
        ("created_date", _tr("Crea&ted date:")),
    ]


# ----------------------------------------------------------------- which column is which


class ColumnsDialog(QDialog):
    """Which column of the report holds the owner, the dates, the amount…, and which
    stages count as won."""

    def __init__(
        self, table: CsvTable, needed: ColumnsNeeded, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.table = table
        self.setWindowTitle(self.tr("Columns of the report"))
        self.setObjectName("report-columns")
        intro = QLabel(
            self.tr(
                "Say which column of the report holds what, and which stages count as won; "
                "files with the same columns will be read the same way next time."
            ),
            self,
        )
        intro.setWordWrap(True)
        # Why it asks, when it is more than "these columns are not known".
        problem = QLabel(needed.what if needed.kind is not None else "", self)
        problem.setVisible(bool(problem.text()))
        problem.setWordWrap(True)
        problem.setTextFormat(Qt.TextFormat.PlainText)
        problem.setAccessibleName(self.tr("Why coachdesk asks"))

        self.kind_box = QComboBox(self)
        self.kind_box.addItem(self.tr("Opportunities (deals)"), ReportKind.OPPORTUNITIES.value)
        self.kind_box.addItem(
            self.tr("Activities (calls, meetings, emails)"), ReportKind.ACTIVITIES.value
        )
        self.kind_box.setAccessibleName(self.tr("Kind of report"))
        kind_form = QFormLayout()
        kind_label = QLabel(self.tr("&Report of:"), self)
        kind_label.setBuddy(self.kind_box)
        kind_form.addRow(kind_label, self.kind_box)

        self.pages = QStackedWidget(self)
        self.boxes: dict[ReportKind, dict[str, QComboBox]] = {}
        for kind in ReportKind:
            page = QWidget(self.pages)
            form = QFormLayout(page)
            form.setContentsMargins(0, 0, 0, 0)
            found = match_columns(table.headers, kind)
            if needed.kind is kind:
                found.update(needed.columns)
            boxes: dict[str, QComboBox] = {}
            for role, label_text in _roles(kind):
                box = QComboBox(page)
                box.addItem(self.tr("(none)"), "")
                for heading in table.headers:
                    box.addItem(heading, heading)
                box.setCurrentIndex(max(box.findData(found.get(role, "")), 0))
                box.setAccessibleName(label_text.replace("&", "").rstrip(":"))
                box.currentIndexChanged.connect(self._changed)
                label = QLabel(label_text, page)
                label.setBuddy(box)
                form.addRow(label, box)
                boxes[role] = box
            self.boxes[kind] = boxes
            if kind is ReportKind.OPPORTUNITIES:
                self.won_list = QListWidget(page)
                self.won_list.setAccessibleName(self.tr("Stages that count as won"))
                self.won_list.setMinimumHeight(90)
                won_label = QLabel(self.tr("&Won stages:"), page)
                won_label.setBuddy(self.won_list)
                form.addRow(won_label, self.won_list)
                boxes["stage"].currentIndexChanged.connect(self._fill_stages)
            self.pages.addWidget(page)
        # The labels of the kind and of both pages line up in one column.
        labels = [kind_label, *self.findChildren(QLabel)]
        widest = max(label.sizeHint().width() for label in labels if label.buddy() is not None)
        for label in labels:
            if label.buddy() is not None:
                label.setMinimumWidth(widest)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        start = needed.kind or (
            ReportKind.ACTIVITIES
            if usable(ReportKind.ACTIVITIES, match_columns(table.headers, ReportKind.ACTIVITIES))
            else ReportKind.OPPORTUNITIES
        )
        self.kind_box.setCurrentIndex(self.kind_box.findData(start.value))
        self.pages.setCurrentIndex(list(ReportKind).index(start))
        self._fill_stages()

        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName(self.tr("What is still needed"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Co&ntinue"))
        ok.setAccessibleName(self.tr("Continue"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(problem)
        layout.addLayout(kind_form)
        layout.addWidget(self.pages)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self._changed()
        self.resize(520, self.sizeHint().height())

    def kind(self) -> ReportKind:
        """The kind of report chosen."""
        return ReportKind(str(self.kind_box.currentData()))

    def columns(self) -> dict[str, str]:
        """Role -> heading, for the roles given a column."""
        return {
            role: str(box.currentData())
            for role, box in self.boxes[self.kind()].items()
            if box.currentData()
        }

    def mapping(self) -> ColumnMapping:
        """The mapping chosen."""
        won: tuple[str, ...] | None = None
        if self.kind() is ReportKind.OPPORTUNITIES and "stage" in self.columns():
            won = tuple(
                str(item.text())
                for n in range(self.won_list.count())
                if (item := self.won_list.item(n)).checkState() == Qt.CheckState.Checked
            )
        return ColumnMapping(self.kind(), self.columns(), won)

    def _kind_changed(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        self._changed()

    def _fill_stages(self) -> None:
        heading = self.boxes[ReportKind.OPPORTUNITIES]["stage"].currentData()
        self.won_list.clear()
        if not heading:
            self.won_list.setEnabled(False)
            return
        counts: dict[str, int] = {}
        for row in self.table.rows:
            value = row.values.get(str(heading), "")
            if value:
                counts[value] = counts.get(value, 0) + 1
        known = {heading_key(stage) for stage in WON_STAGES}
        self.won_list.setEnabled(0 < len(counts) <= _MAX_STAGES)
        for stage in sorted(counts)[:_MAX_STAGES]:
            item = QListWidgetItem(stage, self.won_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if heading_key(stage) in known else Qt.CheckState.Unchecked
            )
            item.setToolTip(_rows(counts[stage]))

    def _changed(self) -> None:
        ready = usable(self.kind(), self.columns())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)
        if ready:
            self.hint.clear()
        elif self.kind() is ReportKind.ACTIVITIES:
            self.hint.setText(self.tr("Needed: who it is assigned to, the date and the type."))
        else:
            self.hint.setText(
                self.tr(
                    "Needed: the owner, and the stage and close date (for deals closed and "
                    "bookings) or the amount and created date (for pipeline created)."
                )
            )


def ask_columns(
    parent: QWidget | None, table: CsvTable, needed: ColumnsNeeded
) -> ColumnMapping | None:
    """Ask which column is which; ``None`` when the user cancels."""
    dialog = ColumnsDialog(table, needed, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.mapping()
    finally:
        dialog.deleteLater()


# ----------------------------------------------------------------- day or month first


def ask_date_order(parent: QWidget | None, example: str) -> DateOrder | None:
    """Ask whether the file's dates put the day or the month first; ``None`` to cancel."""
    locale = QLocale()

    def reading(order: DateOrder) -> str:
        try:
            day = parse_report_date(example, order)
        except InvalidInput:
            return example
        assert day is not None  # the example is not empty
        return locale.toString(to_qdate(day), QLocale.FormatType.LongFormat)

    box = QMessageBox(
        QMessageBox.Icon.Question,
        _tr("Day or month first?"),
        _tr("Every date in the file could be read either way, such as %s.") % example,
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText(_tr("How does the file write its dates?"))
    day_first = box.addButton(
        _tr("&Day first: %s") % reading(DateOrder.DMY), QMessageBox.ButtonRole.AcceptRole
    )
    month_first = box.addButton(
        _tr("&Month first: %s") % reading(DateOrder.MDY), QMessageBox.ButtonRole.AcceptRole
    )
    day_first.setAccessibleName(_tr("Day first"))
    month_first.setAccessibleName(_tr("Month first"))
    box.button(QMessageBox.StandardButton.Cancel).setAccessibleName(_tr("Cancel"))
    box.setDefaultButton(day_first)
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    if clicked is day_first:
        return DateOrder.DMY
    if clicked is month_first:
        return DateOrder.MDY
    return None


# ----------------------------------------------------------------- owners who are not reps


def confirm_unmatched(parent: QWidget | None, plan: NumbersPlan) -> bool:
    """Ask to leave out the rows of the report's owners who are not on the roster."""
    lines = [unmatched_line(owner) for owner in plan.unmatched]
    shown = lines[:_LISTED_OWNERS]
    if len(lines) > len(shown):
        shown.append(_tr("… and %d more") % (len(lines) - len(shown)))
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _tr("Owners not on the roster"),
        (
            _tr("1 owner in the report is not on the roster: someone who left, or of another team.")
            if len(lines) == 1
            else _tr(
                "%d owners in the report are not on the roster: people who left, or of "
                "another team."
            )
            % len(lines)
        ),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText("\n".join(shown) + "\n\n" + _tr("Import the report without their rows?"))
    skip = box.addButton(_tr("&Leave them out"), QMessageBox.ButtonRole.AcceptRole)
    skip.setAccessibleName(_tr("Leave them out"))
    box.button(QMessageBox.StandardButton.Cancel).setAccessibleName(_tr("Cancel"))
    box.setDefaultButton(skip)
    box.exec()
    answer = box.clickedButton() is skip
    box.deleteLater()
    return answer


# ----------------------------------------------------------------- the preview


class PreviewModel(QAbstractTableModel):
    """The preview's rows: week, rep and one column per metric; totals in bold."""

    def __init__(self, plan: NumbersPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.rows: list[PreviewRow] = preview_rows(plan)
        currency = f" ({plan.currency})" if plan.currency else ""
        self.headers = [
            QCoreApplication.translate("report_dialogs", "Week"),
            QCoreApplication.translate("report_dialogs", "Rep"),
            *(m.label + (currency if m.unit is MetricUnit.CURRENCY else "") for m in plan.metrics),
        ]
        self.bold = QFont()
        self.bold.setBold(True)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                first = index.row() == 0 or self.rows[index.row() - 1].week != row.week
                if not row.week:
                    return QCoreApplication.translate("report_dialogs", "All weeks")
                return row.week if first else ""
            if column == 1:
                return row.rep or QCoreApplication.translate("report_dialogs", "Total")
            metric = self.plan.metrics[column - 2]
            return format_value(metric, row.values[column - 2])
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and row.total:
            return self.bold
        return None


class PreviewDialog(QDialog):
    """What the import would write, weeks × reps × metrics with totals; Import writes it."""

    def __init__(self, plan: NumbersPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import numbers: preview"))
        self.setObjectName("numbers-preview")
        self.summary = QLabel(self._summary(plan), self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName(self.tr("What the report sets"))
        self.model = PreviewModel(plan, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Values by week, rep and metric"))
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.setTabKeyNavigation(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = QPushButton(self.tr("&Import"), self)
        self.import_button.setAccessibleName(self.tr("Import"))
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            self.tr("Cancel")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)
        self.resize(max(560, min(980, 240 + 150 * len(plan.metrics))), 520)
        self.import_button.setFocus()

    def _summary(self, plan: NumbersPlan) -> str:
        kind = {
            "opportunities": self.tr("An opportunities report"),
            "activities": self.tr("An activities report"),
        }.get(plan.kind, self.tr("A table of weekly numbers"))
        weeks = plan.weeks
        if not weeks:
            span = self.tr("no weeks")
        elif len(weeks) == 1:
            span = weeks[0]
        else:
            span = self.tr("%s to %s") % (weeks[0], weeks[-1])
        values = self.tr("%n value(s)", "", len(plan.changes))
        people = self.tr("%n rep(s)", "", plan.reps)
        lines = [
            self.tr("%s of %s: %s for %s, %s.") % (kind, _rows(plan.rows), values, people, span),
            self.tr(
                "Inside those weeks a rep of the report who has no rows gets zero; other "
                "weeks and reps are left as they are. Nothing is written until you choose "
                "Import."
            ),
        ]
        if plan.unmatched:
            rows = sum(owner.rows for owner in plan.unmatched)
            lines.append(self.tr("Left out: %s of owners not on the roster.") % _rows(rows))
        for ignored in plan.ignored:
            lines.append(
                self.tr("Not counted: %s (%d): %s.") % (ignored.what, ignored.rows, ignored.why)
            )
        return "\n".join(lines)


def preview(parent: QWidget | None, plan: NumbersPlan) -> bool:
    """Show what the import would write; True when the user chooses Import."""
    dialog = PreviewDialog(plan, parent)
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()
