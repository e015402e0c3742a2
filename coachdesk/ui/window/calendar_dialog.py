"""File → Import calendar…: what a calendar export holds, ticked, before anything is written.

One line a rep: their next 1:1 from the calendar, how often, how many 1:1s ahead, and
how they were matched. Reps matched by e-mail start ticked; those matched only by a name
in an event's title start unticked. Events that are not 1:1s are only counted.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.imports import calendar_import
from coachdesk.imports.calendar import CalendarOneOnOne
from coachdesk.store import reps
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.ui.widgets import files
from coachdesk.ui.widgets.messages import message_box
from coachdesk.ui.widgets.qdates import moment_text


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("CalendarDialog", text, None, n)


class CalendarDialog(QDialog):
    """The 1:1s found in a calendar export, by rep, to tick before they are scheduled."""

    def __init__(
        self,
        journal: Journal,
        prepared: calendar_import.CalendarImport,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.prepared = prepared
        self.today = today
        plan = prepared.plan
        self.setWindowTitle(self.tr("Import calendar"))
        names = {r.id: r.name for r in reps.list_reps(self.journal)}
        by_rep: dict[int, list[CalendarOneOnOne]] = {}
        for one in plan.meetings:
            by_rep.setdefault(one.rep_id, []).append(one)

        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels(
            [self.tr("Rep"), self.tr("Next 1:1"), self.tr("How often"), self.tr("1:1s ahead"), ""]
        )
        self.tree.setAccessibleName(self.tr("1:1s found in the calendar, by rep"))
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.rows: dict[int, QTreeWidgetItem] = {}
        for rep_id, found in sorted(by_rep.items(), key=lambda kv: names.get(kv[0], "")):
            series = plan.series_of(rep_id)
            by_email = any(m.matched_by == "email" for m in found)
            item = QTreeWidgetItem(
                [
                    names.get(rep_id, "?"),
                    moment_text(found[0].start, today),
                    series.rule if series is not None else self.tr("once"),
                    str(len(found)),
                    self.tr("by e-mail") if by_email else self.tr("by name only — check"),
                ]
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked if by_email else Qt.CheckState.Unchecked)
            self.tree.addTopLevelItem(item)
            self.rows[rep_id] = item
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

        left_out = plan.unmatched + plan.team_meetings
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setText(
            self.tr(
                "%1 reps have 1:1s in the next %2 days of this calendar. %3 other events "
                "(team meetings, meetings with other guests, your own) were left out and "
                "are not kept. Tick the reps whose 1:1s to schedule (Space ticks)."
            )
            .replace("%1", str(len(by_rep)))
            .replace("%2", str((plan.until - plan.today).days))
            .replace("%3", str(left_out))
        )
        self.changes_label = QLabel(self)
        self.changes_label.setWordWrap(True)
        self.tree.itemChanged.connect(lambda *_: self._update())

        buttons = QDialogButtonBox(self)
        self.import_button = buttons.addButton(
            self.tr("&Schedule these 1:1s"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.changes_label)
        layout.addWidget(buttons)
        self.resize(760, 460)
        self._show_changes()  # the reps ticked are those the import was prepared with

    def chosen_keys(self) -> set[str]:
        """The keys of the 1:1s of every ticked rep."""
        ticked = {
            rep_id
            for rep_id, item in self.rows.items()
            if item.checkState(0) == Qt.CheckState.Checked
        }
        return {m.key for m in self.prepared.plan.meetings if m.rep_id in ticked}

    def _update(self) -> None:
        self.prepared = calendar_import.choose(
            self.journal, self.prepared, self.today, self.chosen_keys()
        )
        self._show_changes()

    def _show_changes(self) -> None:
        self.changes_label.setText(
            self.tr("On OK: %s") % calendar_import.summary(self.prepared.changes)
        )
        self.import_button.setEnabled(not self.prepared.changes.empty)


def import_calendar(parent: QWidget | None, journal: Journal, today: dt.date) -> bool:
    """Choose a calendar export, show what it holds, and schedule the 1:1s ticked."""
    path = files.ask_open_file(
        parent,
        _tr("Import calendar"),
        files.documents_folder(),
        _tr("Calendar files (*.ics *.ical *.ifb *.zip);;All files (*)"),
    )
    if path is None:
        return False
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        prepared = calendar_import.prepare(journal, path, today=today)
    except KnownProblem as problem:
        QGuiApplication.restoreOverrideCursor()
        message_box(parent, QMessageBox.Icon.Warning, _tr("Calendar not imported"), str(problem))
        return False
    QGuiApplication.restoreOverrideCursor()
    if not prepared.plan.meetings:
        message_box(
            parent,
            QMessageBox.Icon.Information,
            _tr("No 1:1s found"),
            _tr(
                "This calendar holds no 1:1 with a rep in the coming months: an event with "
                "one guest whose e-mail is a rep's. Check the reps' e-mail addresses."
            ),
        )
        return False
    dialog = CalendarDialog(journal, prepared, today, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        calendar_import.apply(journal, dialog.prepared)
    finally:
        dialog.deleteLater()
    return True
