"""A rep's page: who they are, their timeline, the 1:1 editor and the question bank."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import settings_schema
from coachdesk.assembled.flags import collect as collect_flags
from coachdesk.assembled.timeline import (
    TimelineEvent,
    TimelineGroup,
    build_timeline,
    first_line,
    shown,
)
from coachdesk.coaching.cadence import effective_cadence
from coachdesk.store import meetings, reps, settings, teams
from coachdesk.store.changes import Change, Subject
from coachdesk.store.db import Journal
from coachdesk.store.records import Rep
from coachdesk.ui import REP_PAGE_TABS
from coachdesk.ui.rep.meeting_editor import MeetingEditor
from coachdesk.ui.rep.timeline_view import EventRole, TimelinePanel
from coachdesk.ui.widgets.audience import Sharing
from coachdesk.ui.widgets.autosave import Autosaver
from coachdesk.ui.widgets.changes import changes
from coachdesk.ui.widgets.qdates import day_text, moment_text
from coachdesk.ui.widgets.rep_tab import RepTab

if TYPE_CHECKING:
    from coachdesk.ui import RepPageTab


class QuestionsPanel(QWidget):
    """Ask, don't tell: one click puts a question into the agenda or the notes."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Ask, don't tell"), self)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        hint = QLabel(self.tr("Click a question to add it where you were typing."), self)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAccessibleName(self.tr("Coaching questions"))
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 8, 6, 8)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.list)
        # Wide enough for a question to wrap onto two or three lines, not one word a line.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 28)

    def set_questions(self, questions: list[str]) -> None:
        """Show the bank's active questions."""
        self.list.clear()
        for text in questions:
            self.list.addItem(QListWidgetItem(text))

    def _chosen(self, item: QListWidgetItem) -> None:
        self.chosen.emit(item.text())


def further_tabs() -> list[RepPageTab]:
    """The further tabs of the rep page (Agreement, Plan, Numbers, Ladder…), in order.

    Their modules are loaded first: each registers its tab in
    :data:`coachdesk.ui.REP_PAGE_TABS` when it loads. They are loaded here, when the
    first rep page is built, not with this module, so start-up does not pay for them.
    """
    from coachdesk.ui.agreements import agreement_page, plan_page  # noqa: F401
    from coachdesk.ui.ladder import ladder_page  # noqa: F401
    from coachdesk.ui.numbers import numbers_page  # noqa: F401

    return list(REP_PAGE_TABS)


# What the timeline holds: 1:1s and commitments, agreements and steps used,
# self-ratings, the weeks' numbers; and settings its words come from (the currency
# sign, the ladder's rung names).
TIMELINE_SUBJECTS = (
    Subject.SETTINGS,
    Subject.MEETINGS,
    Subject.COMMITMENTS,
    Subject.AGREEMENTS,
    Subject.LADDER,
    Subject.NUMBERS,
)
# What the header shows: the rep's details, and flags from every subject that has them.
HEADER_SUBJECTS = (*TIMELINE_SUBJECTS, Subject.REPS, Subject.TEAMS, Subject.PLANS)


class RepPage(QWidget):
    """Everything about one rep. Gets what it needs passed in."""

    edit_requested = Signal(int)
    new_meeting_requested = Signal()
    prep_requested = Signal()

    def __init__(
        self,
        journal: Journal,
        autosaver: Autosaver,
        sharing: Sharing,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.sharing = sharing
        self.today = today
        self.rep: Rep | None = None

        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setAccessibleName(self.tr("Rep name"))
        self.subtitle = QLabel(self)
        self.subtitle.setTextFormat(Qt.TextFormat.PlainText)
        self.subtitle.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New 1:1"), self)
        self.new_button.setToolTip(self.tr("Start a new 1:1 (Ctrl+N)"))
        self.new_button.setAccessibleName(self.tr("Start a new 1:1"))
        self.new_button.setAutoDefault(False)
        self.new_button.clicked.connect(self.new_meeting_requested)
        self.edit_button = QPushButton(self.tr("Edit rep…"), self)
        self.edit_button.setAccessibleName(self.tr("Edit this rep's details"))
        self.edit_button.setAutoDefault(False)
        self.edit_button.clicked.connect(
            lambda: self.edit_requested.emit(self.rep.id) if self.rep else None
        )
        self.flags_label = QLabel(self)
        self.flags_label.setTextFormat(Qt.TextFormat.PlainText)
        self.flags_label.setWordWrap(True)
        self.flags_label.setAccessibleName(self.tr("Prompts for me about this rep"))
        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.heading)
        titles.addWidget(self.subtitle)
        titles.addWidget(self.flags_label)
        header.addLayout(titles, 1)
        self.prep_button = QPushButton(self.tr("Prep sheet…"), self)
        self.prep_button.setToolTip(
            self.tr("Preview, print or save this rep's prep sheet (Ctrl+P)")
        )
        self.prep_button.setAccessibleName(self.tr("Prep sheet"))
        self.prep_button.setAutoDefault(False)
        self.prep_button.clicked.connect(self.prep_requested)
        header.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.prep_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)

        # --- the 1:1s tab: timeline | editor | questions
        self.timeline_panel = TimelinePanel(self)
        self.timeline = self.timeline_panel.view
        self.timeline.selectionModel().currentChanged.connect(self._event_chosen)
        self.timeline_filter = self.timeline_panel.filter
        self.timeline_filter.changed.connect(self._show_events)
        self._events: list[TimelineEvent] = []  # the rep's, before the filter
        self.editor = MeetingEditor(journal, autosaver, sharing, today, self)
        self.questions = QuestionsPanel(self)
        self.questions.chosen.connect(self.editor.insert_text)
        self.meetings_split = QSplitter(Qt.Orientation.Horizontal, self)
        self.meetings_split.addWidget(self.timeline_panel)
        self.meetings_split.addWidget(self.editor)
        self.meetings_split.addWidget(self.questions)
        self.meetings_split.setStretchFactor(0, 0)
        self.meetings_split.setStretchFactor(1, 1)
        self.meetings_split.setStretchFactor(2, 0)
        self.meetings_split.setSizes([270, 680, 240])
        # The question bank is a side panel the manager opens when wanted.
        self.questions.setVisible(False)
        self.meetings_split.setChildrenCollapsible(True)

        # --- the details tab
        self.details = QWidget(self)
        self.details_form = QFormLayout(self.details)
        self.details_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.meetings_split, self.tr("1:1s"))
        self.tabs.addTab(self.details, self.tr("Details"))
        self.tabs.setAccessibleName(self.tr("Rep pages"))

        self._pages: list[RepTab] = []
        self._stale: set[int] = set()
        for make_page in further_tabs():
            title, page = make_page(self)
            self.add_page(page, title)
        self.tabs.currentChanged.connect(self._tab_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addLayout(header)
        layout.addWidget(self.tabs, 1)
        sharing.changed.connect(lambda _on: self._refresh_timeline())
        sharing.changed.connect(lambda _on: self._show_flags())
        # Editing who the rep is stays off the shared screen (and the dialog lists teams).
        sharing.changed.connect(lambda on: self.edit_button.setVisible(not on))
        self.edit_button.setVisible(not sharing.on)
        changes(journal).changed.connect(self._journal_changed)

    def _journal_changed(self, change: Change) -> None:
        """Show again what a write changed of this rep (every tab listens for its own)."""
        if self.rep is None:
            return
        if change.touches(Subject.REPS) and reps.get_rep(self.journal, self.rep.id) is None:
            self.show_rep(None)  # deleted
            return
        if change.touches(*HEADER_SUBJECTS):
            self.refresh_header()
        if change.touches(*TIMELINE_SUBJECTS):
            self._refresh_timeline()
        if change.touches(Subject.MEETINGS, Subject.COMMITMENTS):
            self.editor.refresh_commitments()
        # Typing (MEETING_TEXT) changes only one timeline summary: notes_saved updates
        # that row itself rather than re-reading the timeline.
        if change.touches(Subject.QUESTIONS):
            self.questions.set_questions([q.text for q in settings.list_questions(self.journal)])

    def show_tab(self, where: str) -> None:
        """Bring forward the tab named by ``where`` ("meeting", "agreement", "ladder"…)."""
        if where in ("meeting", "commitments", ""):
            self.tabs.setCurrentIndex(0)
            return
        for index in range(self.tabs.count()):
            if self.tabs.tabText(index).replace("&", "").lower().startswith(where.lower()):
                self.tabs.setCurrentIndex(index)
                return

    def add_page(self, page: RepTab, title: str) -> None:
        """Add a tab; ``page.show_rep(rep_id)`` is called when it is shown for a rep."""
        self._pages.append(page)
        self.tabs.addTab(page, title)

    def _tab_changed(self, _index: int) -> None:
        shown = self.tabs.currentWidget()
        current = next((page for page in self._pages if page is shown), None)
        if current is not None and id(current) in self._stale:
            self._stale.discard(id(current))
            current.show_rep(self.rep.id if self.rep else None)

    def refresh_pages(self) -> None:
        """Mark every extra page stale and refresh the one on screen."""
        self._stale = {id(page) for page in self._pages}
        self._tab_changed(self.tabs.currentIndex())

    # ----------------------------------------------------------------- showing

    def show_rep(self, rep_id: int | None) -> None:
        """Show one rep (or nothing)."""
        self.rep = reps.get_rep(self.journal, rep_id) if rep_id is not None else None
        rep = self.rep
        if rep is None:
            self.heading.clear()
            self.subtitle.clear()
            self._events = []
            self.timeline.model_.set_rows([])
            self.editor.load(None)
            self.refresh_pages()
            return
        self.refresh_header()
        self.questions.set_questions([q.text for q in settings.list_questions(self.journal)])
        self._refresh_timeline()
        self._open_first_meeting()
        self.refresh_pages()

    def refresh_header(self) -> None:
        """Re-read the rep's name and details."""
        if self.rep is None:
            return
        rep = reps.get_rep(self.journal, self.rep.id)
        if rep is None:
            return
        self.rep = rep
        team = teams.get_team(self.journal, rep.team_id) if rep.team_id else None
        parts = [rep.title, team.name if team else ""]
        if rep.archived_at:
            parts.append(self.tr("archived"))
        self.heading.setText(rep.name)
        self.subtitle.setText(" · ".join(p for p in parts if p))
        self._show_flags()
        self._fill_details(rep, team.name if team else "", team.cadence_days if team else None)

    def _show_flags(self) -> None:
        """Show this rep's flags (prompts for the manager), never in sharing mode."""
        texts: list[str] = []
        if self.rep is not None and not self.sharing.on:
            flagged = collect_flags(self.journal, self.today())
            texts = [f.text for f in flagged.get(self.rep.id, [])]
        self.flags_label.setText("  ·  ".join("⚑ " + t for t in texts))
        self.flags_label.setVisible(bool(texts))

    def _fill_details(self, rep: Rep, team_name: str, team_cadence: int | None) -> None:
        while self.details_form.rowCount():
            self.details_form.removeRow(0)
        cadence = effective_cadence(
            rep.cadence_days,
            team_cadence,
            settings_schema.read(self.journal, settings_schema.DEFAULT_CADENCE_DAYS),
        )
        own = self.tr(" (their own)") if rep.cadence_days else self.tr(" (the team's)")
        today = self.today()
        rows = [
            (self.tr("Title"), rep.title),
            (self.tr("Team"), team_name),
            (self.tr("Email"), rep.email),
            (self.tr("Started"), day_text(rep.start_date, today) if rep.start_date else ""),
            (self.tr("Territory"), rep.territory),
            (self.tr("1:1 every"), self.tr("%n day(s)", "", cadence) + own),
            (
                self.tr("Next 1:1"),
                moment_text(rep.next_meeting_at, today) if rep.next_meeting_at else "",
            ),
            (self.tr("How they like to be reached"), rep.reach_by),
        ]
        for label, value in rows:
            field = QLabel(value or "—", self.details)
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details_form.addRow(label, field)

    def _refresh_timeline(self) -> None:
        if self.rep is None:
            return
        self._events = [
            e for e in build_timeline(self.journal, self.rep.id) if self.sharing.shows(e.audience)
        ]
        self._show_events()

    def _show_events(self) -> None:
        """Show the events the filter lets through, keeping the selection."""
        current = self._current_event()
        groups = self.timeline_filter.groups()
        self.timeline.model_.set_rows(shown(self._events, groups), self.today())
        if current is not None:
            self.select_event(current.kind, current.ref_id, load=False)

    def timeline_groups(self) -> frozenset[TimelineGroup]:
        """What the timeline shows besides the meetings (window state, kept by the window)."""
        return self.timeline_filter.groups()

    def set_timeline_groups(self, groups: frozenset[TimelineGroup]) -> None:
        """Show these groups on the timeline besides the meetings."""
        self.timeline_filter.set_groups(groups)

    def refresh_timeline(self) -> None:
        """Re-read the timeline, keeping the selection."""
        self._refresh_timeline()

    def _current_event(self) -> TimelineEvent | None:
        index = self.timeline.currentIndex()
        event = index.data(EventRole) if index.isValid() else None
        return event if isinstance(event, TimelineEvent) else None

    def _open_first_meeting(self) -> None:
        """Open the latest meeting up to today; with none, the next one scheduled.

        Next week's scheduled 1:1 is the newest on the timeline, but today's (or the
        last) is the one a manager comes back to.
        """
        model = self.timeline.model_
        tomorrow = (self.editor.today() + dt.timedelta(days=1)).isoformat()
        ahead: int | None = None
        for row in range(model.rowCount()):
            event = model.event_at(row)
            if event.kind != "meeting":
                continue
            if event.when >= tomorrow:
                ahead = row  # newest first: the last one seen is the soonest
                continue
            self.timeline.setCurrentIndex(model.index(row, 0))
            return
        if ahead is not None:
            self.timeline.setCurrentIndex(model.index(ahead, 0))
            return
        self.editor.load(None)

    def select_event(self, kind: str, ref_id: int, *, load: bool = True) -> bool:
        """Select an event on the timeline (and open it)."""
        row = self.timeline.model_.find(kind, ref_id)
        if row < 0:
            return False
        if not load:
            self.timeline.selectionModel().blockSignals(True)
        try:
            self.timeline.setCurrentIndex(self.timeline.model_.index(row, 0))
        finally:
            self.timeline.selectionModel().blockSignals(False)
        return True

    def _event_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        event = current.data(EventRole) if current.isValid() else None
        if isinstance(event, TimelineEvent) and event.kind == "meeting":
            self.tabs.setCurrentIndex(0)
            self.editor.load(event.ref_id, self.rep.name.split()[0] if self.rep else "")

    def notes_saved(self, meeting_id: int, notes: str) -> None:
        """Update one meeting's summary on the timeline after its notes were saved."""
        self.timeline.model_.update_summary("meeting", meeting_id, first_line(notes[:2000]))

    def open_meeting(self, meeting_id: int) -> None:
        """Show a meeting in the editor, selecting it on the timeline."""
        shown = self.editor.meeting
        already = shown is not None and shown.id == meeting_id  # then it is read again
        self._refresh_timeline()
        if not self.select_event("meeting", meeting_id) or already:
            self.editor.load(meeting_id, self.rep.name.split()[0] if self.rep else "")

    def latest_meeting_id(self) -> int | None:
        """Return the rep's newest meeting id."""
        if self.rep is None:
            return None
        last = meetings.last_meeting(self.journal, self.rep.id)
        return last.id if last else None
