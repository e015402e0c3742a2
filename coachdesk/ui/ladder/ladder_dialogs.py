"""The ladder's team-wide windows: where the team stands, and "Me on the ladder".

The team view counts the latest self-ratings per rung — for everyone, or one team —
and how they moved since a chosen day. Names appear only when the manager asks for them
in that view (off each time it opens, and never in sharing mode); then a click on a
rung asks for that rep's Ladder tab (:attr:`TeamLadderDialog.rep_chosen`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSizeF, Qt, Signal
from PySide6.QtGui import QAction, QCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled.ladder import current_ladder
from coachdesk.coaching import ladder as rules
from coachdesk.dates import add_months, iso_date
from coachdesk.render.ladder_charts import TEAM_SIZE, team_chart
from coachdesk.store import ratings, reps, teams
from coachdesk.store.changes import Change, Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from coachdesk.store.records import Rep
from coachdesk.ui.ladder.widgets import PNG_SCALE, LadderTrend, with_suffix
from coachdesk.ui.widgets.audience import Sharing
from coachdesk.ui.widgets.changes import changes
from coachdesk.ui.widgets.chart_view import ChartView
from coachdesk.ui.widgets.qdates import date_entry_format, day_text, from_qdate, to_qdate

# How far back "since" starts when the view opens: one quarter.
DEFAULT_SINCE_MONTHS = 3
_REP_ROLE = Qt.ItemDataRole.UserRole


class TeamLadderDialog(QDialog):
    """Counts per rung for the team, the move since a day, names only on request."""

    rep_chosen = Signal(int)

    def __init__(
        self,
        journal: Journal,
        sharing: Sharing,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.sharing = sharing
        self.today = today
        self.setWindowTitle(self.tr("Where the team stands"))
        self._now: dict[int, int] = {}
        self._then: dict[int, int] = {}
        self._reps: dict[int, Rep] = {}

        self.team = QComboBox(self)
        self.team.setAccessibleName(self.tr("Team"))
        self.team.addItem(self.tr("All teams"), None)
        for team in teams.list_teams(journal):
            self.team.addItem(team.name, team.id)
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat(date_entry_format())
        self.since.setAccessibleName(self.tr("Compare with the day"))
        self.since.setMaximumDate(to_qdate(today()))
        self.since.setDate(to_qdate(add_months(today(), -DEFAULT_SINCE_MONTHS)))
        # Not remembered: every opening starts without names.
        self.names = QCheckBox(self.tr("Show &names"), self)
        self.names.setAccessibleName(self.tr("Show names"))
        self.names.setToolTip(
            self.tr("Names are shown only while this is ticked, and never in sharing mode.")
        )
        self.chart_view = ChartView(self)
        self.chart_view.setAccessibleName(self.tr("Self-ratings per rung"))
        self.chart_view.clicked.connect(self.open_rung)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName(self.tr("How the team moved"))
        self.people = QTreeWidget(self)
        self.people.setHeaderHidden(True)
        self.people.setAccessibleName(self.tr("Names per rung"))
        self.people.itemActivated.connect(self._person_activated)
        self.png_button = QPushButton(self.tr("Save chart as PNG…"), self)
        self.png_button.setAccessibleName(self.tr("Save chart as PNG"))
        self.png_button.setToolTip(self.tr("The counts only: names are never in the picture."))
        self.png_button.setAutoDefault(False)
        self.png_button.clicked.connect(self.save_png)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        # Enter records a rating in the fields here; it must never close the window.
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Team:"), self))
        filters.addWidget(self.team, 1)
        filters.addSpacing(12)
        filters.addWidget(QLabel(self.tr("Since:"), self))
        filters.addWidget(self.since)
        filters.addSpacing(12)
        filters.addWidget(self.names)
        hint = QLabel(
            self.tr(
                "Each person's latest self-rating: where they place themselves, not where "
                "I place them. The question for me is what I will change."
            ),
            self,
        )
        hint.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.png_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(hint)
        layout.addWidget(self.chart_view, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.people, 2)
        layout.addLayout(bottom)
        self.resize(720, 600)

        self.team.currentIndexChanged.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        self.names.toggled.connect(self.refresh)
        sharing.changed.connect(self._sharing_changed)
        changes(journal).changed.connect(self._journal_changed)
        self._sharing_changed(sharing.on)

    # ----------------------------------------------------------------- reading

    @property
    def names_shown(self) -> bool:
        """Whether names are on screen now."""
        return self.names.isChecked() and not self.sharing.on

    def _since_day(self) -> dt.date:
        return from_qdate(self.since.date())

    def refresh(self, *_: object) -> None:
        """Re-count from the journal."""
        team_id = self.team.currentData()
        active = [
            r
            for r in reps.list_reps(self.journal, include_archived=False)
            if team_id is None or r.team_id == team_id
        ]
        self._reps = {r.id: r for r in active}
        today, since = self.today(), self._since_day()
        now = ratings.latest_ratings(self.journal, iso_date(today))
        then = ratings.latest_ratings(self.journal, iso_date(since))
        self._now = {rep_id: r.rung for rep_id, r in now.items() if rep_id in self._reps}
        self._then = {rep_id: r.rung for rep_id, r in then.items() if rep_id in self._reps}

        ladder = current_ladder(self.journal)
        since_text = self.tr("On %s") % day_text(since, today)
        self.chart_view.set_chart(
            team_chart(
                ladder,
                rules.rung_counts(self._now),
                rules.rung_counts(self._then),
                since=since_text,
                title=self.team.currentText(),
            )
        )
        self.chart_view.set_clickable(self.names_shown)
        moved = rules.moves(self._then, self._now)
        not_asked = len(self._reps) - len(self._now)
        self.summary.setText(
            self.tr(
                "Since %s: %d moved up, %d moved down, %d stayed on the same rung, "
                "%d placed themselves for the first time. Not asked yet: %d."
            )
            % (day_text(since, today), moved.up, moved.down, moved.same, moved.new, not_asked)
        )
        self._fill_people(ladder)

    def _fill_people(self, ladder: rules.Ladder) -> None:
        self.people.clear()
        self.people.setVisible(self.names_shown)
        if not self.names_shown:
            return
        for rung in ladder.rungs:
            here = sorted(
                (rep_id for rep_id, n in self._now.items() if n == rung.number),
                key=lambda rep_id: self._reps[rep_id].name.casefold(),
            )
            group = QTreeWidgetItem([f"{rung.number} {rung.name} ({len(here)})"])
            self.people.addTopLevelItem(group)
            for rep_id in here:
                child = QTreeWidgetItem([self._person_text(ladder, rep_id)])
                child.setData(0, _REP_ROLE, rep_id)
                group.addChild(child)
            group.setExpanded(True)

    def _person_text(self, ladder: rules.Ladder, rep_id: int) -> str:
        name = self._reps[rep_id].name
        before, now = self._then.get(rep_id), self._now[rep_id]
        if before is None:
            return self.tr("%s — first self-rating since then") % name
        if now < before:
            return self.tr("%s — up from %s") % (name, ladder.name(before))
        if now > before:
            return self.tr("%s — down from %s") % (name, ladder.name(before))
        return self.tr("%s — same rung") % name

    def people_on(self, rung: int) -> list[int]:
        """The reps whose latest self-rating is on ``rung``, by name."""
        return sorted(
            (rep_id for rep_id, n in self._now.items() if n == rung),
            key=lambda rep_id: self._reps[rep_id].name.casefold(),
        )

    # ----------------------------------------------------------------- acting

    def open_rung(self, rung: object) -> None:
        """A click on a rung: open its rep (or choose among several); only with names."""
        if not self.names_shown or not isinstance(rung, int):
            return
        here = self.people_on(rung)
        if len(here) == 1:
            self.rep_chosen.emit(here[0])
        elif here:
            menu = QMenu(self)
            for rep_id in here:
                action = QAction(self._reps[rep_id].name, menu)
                action.triggered.connect(lambda _c=False, r=rep_id: self.rep_chosen.emit(r))
                menu.addAction(action)
            menu.popup(QCursor.pos())

    def _person_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        rep_id = item.data(0, _REP_ROLE)
        if isinstance(rep_id, int):
            self.rep_chosen.emit(rep_id)

    def _sharing_changed(self, on: bool) -> None:
        if on:
            self.names.setChecked(False)
        self.names.setEnabled(not on)
        self.refresh()

    def _journal_changed(self, change: Change) -> None:
        if change.touches(Subject.LADDER, Subject.REPS, Subject.TEAMS, Subject.SETTINGS):
            self.refresh()

    def save_png_to(self, path: Path, *, scale: float = PNG_SCALE) -> bool:
        """Save the counts chart (never names) as a PNG; False when there is no chart.

        Raises :class:`~coachdesk.store.errors.WriteFailed` when it cannot be written.
        """
        from coachdesk.render import charts

        chart = self.chart_view.chart()
        if chart is None:
            return False
        size = QSizeF(
            max(self.chart_view.width(), TEAM_SIZE.width()),
            max(self.chart_view.height(), TEAM_SIZE.height()),
        )
        charts.save_png(chart, path, size, scale=scale, font=self.chart_view.font())
        return True

    def save_png(self) -> None:
        """Ask where, then save the chart."""
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save chart as PNG"), "team-ladder.png", self.tr("PNG (*.png)")
        )
        if not name:
            return
        try:
            saved = self.save_png_to(with_suffix(Path(name), ".png"))
        except KnownProblem as problem:
            QMessageBox.warning(self, self.tr("Not saved"), str(problem))
            return
        if not saved:
            QMessageBox.warning(
                self, self.tr("Not saved"), self.tr("The picture could not be saved to %s.") % name
            )


class MeLadderDialog(QDialog):
    """Me on the ladder: how I show up with my peer managers and with my team."""

    def __init__(
        self,
        journal: Journal,
        sharing: Sharing,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Me on the ladder"))
        intro = QLabel(
            self.tr(
                "Where I stand, in my own honest view: with my peer managers and with my "
                "team. Managers map themselves first, as a group, before asking anyone else."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.trend = LadderTrend(journal, sharing, today, mine=True, parent=self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        # Enter records a rating in the fields here; it must never close the window.
        buttons.button(QDialogButtonBox.StandardButton.Close).setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.trend, 1)
        layout.addWidget(buttons)
        self.resize(980, 640)
        self.trend.show_subject(None)
        changes(journal).changed.connect(self._journal_changed)

    def _journal_changed(self, change: Change) -> None:
        if change.touches(Subject.LADDER, Subject.SETTINGS):
            self.trend.refresh()
