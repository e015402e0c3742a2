"""The 1:1 editor: agenda both ways, notes, private notes, commitments, carry-over.

Every field says who it is for. Text is saved by the :class:`Autosaver` as it is typed;
nothing here ever asks "save changes?". Loading another meeting never resets the undo
history of the one being typed in before it has been saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QEvent, QObject, QSize, Qt, QTime, Signal
from PySide6.QtGui import QFocusEvent, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.dates import iso_moment, parse_date, parse_moment
from coachdesk.store import commitments, meetings
from coachdesk.store.db import Journal
from coachdesk.store.records import (
    MEETING_KIND_LABELS,
    Audience,
    Commitment,
    Meeting,
    MeetingKind,
    Owner,
    audience,
)
from coachdesk.ui.rep.commitments import AddCommitmentRow, CommitmentList
from coachdesk.ui.rep.scheduled_bar import ScheduledBar
from coachdesk.ui.widgets.audience import AudienceTag, Sharing
from coachdesk.ui.widgets.autosave import Autosaver
from coachdesk.ui.widgets.fitting import WrappingRow
from coachdesk.ui.widgets.qdates import date_time_edit_format, day_text

TEXT_FIELDS = ("rep_agenda", "my_agenda", "notes", "private_notes")

if TYPE_CHECKING:
    from coachdesk.ui.widgets.markdown_view import MarkdownView


class NoteEdit(QPlainTextEdit):
    """A plain-text editor that tells when it loses focus (autosave flushes then)."""

    focus_left = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focus_left.emit()


class FieldBox(QWidget):
    """A titled field with its audience tag."""

    def __init__(
        self, title: str, field_audience: Audience, body: QWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.audience = field_audience
        self.title = QLabel(title, self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setBuddy(body)
        self.tag = AudienceTag(field_audience, self)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.title)
        head.addWidget(self.tag)
        head.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(head)
        layout.addWidget(body)


class MeetingEditor(QWidget):
    """Edit one meeting. Needs the journal, the autosaver and the sharing switch."""

    close_out_requested = Signal(int)  # meeting id
    status_requested = Signal(int, object, object)  # commitment id, status, meeting id
    keep_requested = Signal(int)  # commitment id

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
        self.autosaver = autosaver
        self.sharing = sharing
        self.today = today
        self.meeting: Meeting | None = None
        self.rep_name = ""
        self._loading = False
        self.last_text_field: NoteEdit | None = None

        # --- when and what
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(date_time_edit_format())
        self.when.setAccessibleName(self.tr("Date and time of the meeting"))
        self.when.editingFinished.connect(self._when_changed)
        self.kind = QComboBox(self)
        for kind, label in MEETING_KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.kind.setAccessibleName(self.tr("Kind of meeting"))
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.close_out_button = QPushButton(self.tr("Close &out…"), self)
        self.close_out_button.setAccessibleName(self.tr("Close out this meeting and get the recap"))
        self.close_out_button.setAutoDefault(False)
        self.close_out_button.clicked.connect(self._close_out)
        self.closed_label = QLabel(self)
        self.closed_label.setEnabled(False)
        # One line when there is room; the buttons go on below when the editor is narrow
        # (the question bank open beside it, a small screen).
        top = WrappingRow(self)
        top.add(self.when)
        top.add(self.kind)
        top.add(self.closed_label)
        top.add(self.close_out_button, at_end=True)

        # --- a 1:1 that hasn't started: Start, Move…, Skip…
        self.scheduled_bar = ScheduledBar(journal, self)
        self.scheduled_bar.changed.connect(self._scheduled_changed)

        # --- carry-over: open commitments from earlier meetings, mine first
        self.carry_over = CommitmentList(self.tr("Still open from earlier meetings"), self)
        self.carry_over.status_requested.connect(self._status_from_list)
        self.carry_over.keep_requested.connect(self.keep_requested)

        # --- text fields
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        self.editors: dict[str, NoteEdit] = {}
        for field in TEXT_FIELDS:
            edit = NoteEdit(self)
            edit.setFont(mono)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(lambda f=field: self._text_changed(f))
            edit.focus_left.connect(self.autosaver.flush)
            edit.installEventFilter(self)
            self.editors[field] = edit
        self.editors["rep_agenda"].setPlaceholderText(
            self.tr("Their talking points — paste them from chat or email")
        )
        self.editors["my_agenda"].setPlaceholderText(self.tr("My talking points"))
        self.editors["notes"].setPlaceholderText(
            self.tr("Notes in Markdown: **bold**, - lists, # headings")
        )
        self.editors["private_notes"].setPlaceholderText(
            self.tr("Only for you: never printed, exported or shown when sharing")
        )
        names = {
            "rep_agenda": self.tr("Their agenda"),
            "my_agenda": self.tr("My agenda"),
            "notes": self.tr("Notes"),
            "private_notes": self.tr("Private notes"),
        }
        for field, edit in self.editors.items():
            edit.setAccessibleName(names[field])

        self.rep_agenda_box = FieldBox(
            names["rep_agenda"], audience("meetings", "rep_agenda"), self.editors["rep_agenda"]
        )
        self.my_agenda_box = FieldBox(
            names["my_agenda"], audience("meetings", "my_agenda"), self.editors["my_agenda"]
        )
        agenda = QHBoxLayout()
        agenda.addWidget(self.rep_agenda_box)
        agenda.addWidget(self.my_agenda_box)
        # In lines of text, so that a laptop shows the whole 1:1, commitments made in it
        # included, without scrolling; the notes take whatever height is left over.
        for field in ("rep_agenda", "my_agenda"):
            self.editors[field].setMinimumHeight(_lines_high(self.editors[field], 3))
            self.editors[field].setMaximumHeight(_lines_high(self.editors[field], 9))

        # Notes: write in Markdown, read it rendered.
        self.notes_tabs = QTabWidget(self)
        self.notes_tabs.addTab(self.editors["notes"], self.tr("Write"))
        self.preview_holder = QWidget(self)
        QVBoxLayout(self.preview_holder).setContentsMargins(0, 0, 0, 0)
        self.notes_tabs.addTab(self.preview_holder, self.tr("Read"))
        self.notes_tabs.setAccessibleName(self.tr("Notes: write or read"))
        self.notes_tabs.currentChanged.connect(self._notes_tab_changed)
        self.preview: MarkdownView | None = None
        self.editors["notes"].setMinimumHeight(_lines_high(self.editors["notes"], 6))
        self.notes_box = FieldBox(names["notes"], audience("meetings", "notes"), self.notes_tabs)

        # Private notes: collapsed until asked for.
        self.private_toggle = QToolButton(self)
        self.private_toggle.setCheckable(True)
        self.private_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.private_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.private_toggle.setText(self.tr("Show private notes"))
        self.private_toggle.setAccessibleName(self.tr("Show or hide private notes"))
        self.private_toggle.toggled.connect(self._private_toggled)
        self.editors["private_notes"].setMinimumHeight(100)
        self.private_box = FieldBox(
            names["private_notes"],
            audience("meetings", "private_notes"),
            self.editors["private_notes"],
        )
        self.private_box.setVisible(False)
        self.private_section = QWidget(self)
        private_layout = QVBoxLayout(self.private_section)
        private_layout.setContentsMargins(0, 0, 0, 0)
        private_layout.addWidget(self.private_toggle, 0, Qt.AlignmentFlag.AlignLeft)
        private_layout.addWidget(self.private_box)

        # --- commitments made in this meeting
        self.made_here = CommitmentList(self.tr("Commitments made in this meeting"), self)
        self.made_here.status_requested.connect(self._status_from_list)
        self.made_here.keep_requested.connect(self.keep_requested)
        self.add_row = AddCommitmentRow(self)
        self.add_row.add_requested.connect(self._add_commitment)

        content = QWidget(self)
        body = QVBoxLayout(content)
        body.setContentsMargins(12, 8, 12, 12)
        body.setSpacing(10)
        body.addWidget(top)
        body.addWidget(self.scheduled_bar)
        body.addWidget(self.carry_over)
        body.addLayout(agenda)
        body.addWidget(self.notes_box, 1)
        body.addWidget(self.private_section)
        body.addWidget(_rule(self))
        body.addWidget(self.made_here)
        body.addWidget(self.add_row)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        self.content = content
        self.scroll_area = scroll
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        sharing.changed.connect(self._apply_sharing)
        self._apply_sharing(sharing.on)
        self.setEnabled(False)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the editor's own fields allow, and never narrower: the page
        scrolls down, never sideways (panes beside it give way instead)."""
        least = super().minimumSizeHint()
        # The scroll bar's own size, not the style's: this runs while the app changes
        # style (the dark palette), when the style must not be asked from Python.
        bar = self.scroll_area.verticalScrollBar().sizeHint().width()
        width = max(least.width(), self.content.minimumSizeHint().width() + bar)
        return QSize(width, least.height())

    # ----------------------------------------------------------------- loading

    def load(self, meeting_id: int | None, rep_name: str = "") -> None:
        """Show a meeting (``None`` clears the editor)."""
        if self.meeting is not None:
            self.autosaver.detach(self.meeting.id)
            self.autosaver.flush()
        self.meeting = meetings.get_meeting(self.journal, meeting_id) if meeting_id else None
        self.rep_name = rep_name
        self._loading = True
        try:
            m = self.meeting
            self.setEnabled(m is not None)
            for field, edit in self.editors.items():
                edit.setPlainText(getattr(m, field) if m else "")
                edit.setExtraSelections([])
            when = parse_moment(m.held_at) if m else dt.datetime.now()
            self.when.setDateTime(
                QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute))
            )
            self.kind.setCurrentIndex(self.kind.findData(m.kind if m else MeetingKind.ONE_ON_ONE))
            self.closed_label.setText(
                self.tr("Closed out %s") % day_text(m.closed_at, self.today())
                if m and m.closed_at
                else ""
            )
            self.private_toggle.setChecked(False)
            self.notes_tabs.setCurrentIndex(0)
            self.scheduled_bar.show_meeting(m, rep_name)
        finally:
            self._loading = False
        self.refresh_commitments()
        if m is not None:
            self.add_row.reset(parse_date(m.held_at) + dt.timedelta(days=7))

    def refresh_commitments(self) -> None:
        """Re-read the carry-over and this meeting's commitments."""
        m = self.meeting
        if m is None:
            self.carry_over.set_rows([], self.today(), self.rep_name)
            self.made_here.set_rows([], self.today(), self.rep_name)
            return
        carried, here = split_commitments(self.journal, m)
        self.carry_over.set_rows(carried, self.today(), self.rep_name)
        self.made_here.set_rows(here, self.today(), self.rep_name)

    # ----------------------------------------------------------------- editing

    def _text_changed(self, field: str) -> None:
        if self._loading or self.meeting is None:
            return
        edit = self.editors[field]
        self.autosaver.changed(self.meeting.id, field, edit.toPlainText)

    def _when_changed(self) -> None:
        if self._loading or self.meeting is None:
            return
        when = self.when.dateTime().toPython()
        assert isinstance(when, dt.datetime)
        held_at = iso_moment(when)[:16]
        if held_at != self.meeting.held_at[:16]:
            meetings.update_meeting(self.journal, self.meeting.id, held_at=held_at)
            self.meeting = meetings.get_meeting(self.journal, self.meeting.id)

    def _scheduled_changed(self, meeting_id: int) -> None:
        """After a start, move or skip: show the meeting as it is now."""
        if self.meeting is not None and self.meeting.id == meeting_id:
            self.load(meeting_id, self.rep_name)

    def _kind_changed(self) -> None:
        if self._loading or self.meeting is None:
            return
        kind = self.kind.currentData()
        if kind != self.meeting.kind:
            from coachdesk.assembled.settings_schema import agenda_template

            # "My agenda" as the old kind's template left it (or empty) becomes the new
            # kind's; once I have written in it, it is mine and stays.
            editor = self.editors["my_agenda"]
            written = editor.toPlainText()
            if written.strip() in ("", agenda_template(self.journal, self.meeting.kind).strip()):
                self.autosaver.flush()
                editor.setPlainText(agenda_template(self.journal, MeetingKind(kind)))
                self.autosaver.flush()
            meetings.update_meeting(self.journal, self.meeting.id, kind=kind)
            self.meeting = meetings.get_meeting(self.journal, self.meeting.id)

    def _add_commitment(self, owner: Owner, text: str, due: str | None) -> None:
        if self.meeting is None:
            return
        commitments.add_commitment(
            self.journal,
            self.meeting.rep_id,
            owner,
            text,
            due_date=due,
            meeting_id=self.meeting.id,
        )

    def _status_from_list(self, commitment_id: int, status: object) -> None:
        self.status_requested.emit(commitment_id, status, self.meeting.id if self.meeting else None)

    def _close_out(self) -> None:
        if self.meeting is not None:
            self.autosaver.flush()
            self.close_out_requested.emit(self.meeting.id)

    def insert_text(self, text: str) -> None:
        """Insert a line (e.g. a coaching question) into the last text field used."""
        target = self.last_text_field or self.editors["my_agenda"]
        if not target.isVisible() and target is not self.editors["notes"]:
            target = self.editors["notes"]
        cursor = target.textCursor()
        if cursor.positionInBlock() > 0:
            cursor.insertText("\n")
        cursor.insertText(text)
        target.setTextCursor(cursor)
        target.setFocus()

    def highlight(self, words: list[str], *, reveal_private: bool = False) -> int:
        """Mark every occurrence of ``words`` in the text fields; return how many."""
        from PySide6.QtGui import QColor, QTextCharFormat, QTextDocument
        from PySide6.QtWidgets import QTextEdit

        marked = QTextCharFormat()
        marked.setBackground(QColor("#ffe066"))
        marked.setForeground(QColor("#000000"))
        total = 0
        first: NoteEdit | None = None
        for field, edit in self.editors.items():
            selections = []
            document = edit.document()
            for word in words:
                cursor = document.find(word, 0, QTextDocument.FindFlag(0))
                while not cursor.isNull():
                    selection = QTextEdit.ExtraSelection()
                    selection.cursor = cursor
                    selection.format = marked
                    selections.append(selection)
                    cursor = document.find(word, cursor, QTextDocument.FindFlag(0))
            edit.setExtraSelections(selections)
            if selections and first is None and (field != "private_notes" or reveal_private):
                first = edit
                edit.setTextCursor(selections[0].cursor)
                edit.ensureCursorVisible()
            total += len(selections)
        if reveal_private and self.sharing.shows(Audience.PRIVATE):
            self.private_toggle.setChecked(True)
        if first is self.editors["notes"]:
            self.notes_tabs.setCurrentIndex(0)
        return total

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, NoteEdit):
            self.last_text_field = watched
        return False

    # ----------------------------------------------------------------- showing

    def _notes_tab_changed(self, index: int) -> None:
        if index != 1:
            return
        if self.preview is None:
            # Markdown and its sanitiser load on first use, not at start-up.
            from coachdesk.ui.widgets.markdown_view import MarkdownView

            preview = MarkdownView(self.preview_holder)
            layout = self.preview_holder.layout()
            assert layout is not None
            layout.addWidget(preview)
            self.preview = preview
        self.preview.set_markdown(self.editors["notes"].toPlainText())

    def _private_toggled(self, shown: bool) -> None:
        self.private_box.setVisible(shown and self.sharing.shows(Audience.PRIVATE))
        self.private_toggle.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        self.private_toggle.setText(
            self.tr("Hide private notes") if shown else self.tr("Show private notes")
        )

    def _apply_sharing(self, on: bool) -> None:
        for box in (self.rep_agenda_box, self.my_agenda_box, self.notes_box):
            box.setVisible(self.sharing.shows(box.audience))
        private_ok = self.sharing.shows(Audience.PRIVATE)
        self.private_section.setVisible(private_ok)
        self.private_box.setVisible(private_ok and self.private_toggle.isChecked())
        for listing in (self.carry_over, self.made_here):
            listing.model.set_inviting(on)


def split_commitments(
    journal: Journal, meeting: Meeting
) -> tuple[list[Commitment], list[Commitment]]:
    """Return (open commitments from earlier meetings, commitments made in this one).

    Earlier means made before this meeting's time, or made with no meeting; open ones
    carry over whatever happened in between, so nothing disappears because a week was
    skipped. Both lists are mine first.
    """
    held = meetings.meeting_times(journal, meeting.rep_id)
    carried = [
        c
        for c in commitments.open_commitments(journal, meeting.rep_id)
        if c.meeting_id != meeting.id
        and (c.meeting_id is None or held.get(c.meeting_id, "") < meeting.held_at)
    ]
    here = commitments.made_in(journal, meeting.id)
    return carried, here


def _lines_high(edit: QPlainTextEdit, lines: int) -> int:
    """The height of ``edit`` showing ``lines`` lines of its text."""
    margin = int(edit.document().documentMargin())
    return lines * edit.fontMetrics().lineSpacing() + 2 * (margin + edit.frameWidth())


def _rule(parent: QWidget) -> QFrame:
    line = QFrame(parent)
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line
