"""The bar above a scheduled 1:1: start it, move it or skip it (and whose call it was)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.dates import iso_moment, parse_moment
from coachdesk.store import meetings
from coachdesk.store.db import Journal
from coachdesk.store.records import Meeting, Party
from coachdesk.ui.widgets.qdates import date_time_edit_format, moment_text


class WhoseCall(QDialog):
    """Ask whose call a move or a skip is; for a move, the new day and time too."""

    def __init__(self, meeting: Meeting, rep_name: str, *, moving: bool, parent: QWidget) -> None:
        super().__init__(parent)
        name = rep_name or self.tr("the rep")
        self.setWindowTitle(self.tr("Move the 1:1") if moving else self.tr("Skip the 1:1"))
        form = QFormLayout(self)
        self.when: QDateTimeEdit | None = None
        if moving:
            start = parse_moment(meeting.held_at)
            self.when = QDateTimeEdit(
                QDateTime(
                    QDate(start.year, start.month, start.day), QTime(start.hour, start.minute)
                ),
                self,
            )
            self.when.setCalendarPopup(True)
            self.when.setDisplayFormat(date_time_edit_format())
            self.when.setAccessibleName(self.tr("New day and time"))
            form.addRow(self.tr("&To"), self.when)
        self.mine = QRadioButton(self.tr("&My call"), self)
        self.theirs = QRadioButton(self.tr("&%s asked") % name, self)
        self.mine.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.mine)
        group.addButton(self.theirs)
        whose = QVBoxLayout()
        whose.addWidget(self.mine)
        whose.addWidget(self.theirs)
        form.addRow(self.tr("Whose call"), whose)
        hint = QLabel(
            self.tr(
                "Your own moves and skips count in how you're doing on your end; "
                "theirs are theirs to make and never count against them."
            ),
            self,
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def party(self) -> Party:
        """Whose call it was."""
        return Party.ME if self.mine.isChecked() else Party.REP

    def start(self) -> str:
        """The new start, as stored."""
        assert self.when is not None
        moment = self.when.dateTime().toPython()
        assert isinstance(moment, dt.datetime)
        return iso_moment(moment)[:16]


class ScheduledBar(QFrame):
    """Shown above a 1:1 that hasn't started: when it is, and Start, Move…, Skip…."""

    changed = Signal(int)  # meeting id, after a start, move or skip

    def __init__(self, journal: Journal, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.journal = journal
        self.meeting: Meeting | None = None
        self.rep_name = ""
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.start_button = QPushButton(self.tr("&Start the 1:1"), self)
        self.start_button.setAccessibleName(self.tr("Start this 1:1 at its scheduled time"))
        self.move_button = QPushButton(self.tr("Mo&ve…"), self)
        self.skip_button = QPushButton(self.tr("S&kip…"), self)
        for button in (self.start_button, self.move_button, self.skip_button):
            button.setAutoDefault(False)
        self.start_button.clicked.connect(self.start)
        self.move_button.clicked.connect(lambda: self.ask(moving=True))
        self.skip_button.clicked.connect(lambda: self.ask(moving=False))
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.start_button)
        row.addWidget(self.move_button)
        row.addWidget(self.skip_button)
        self.setVisible(False)

    def show_meeting(self, meeting: Meeting | None, rep_name: str) -> None:
        """Show the bar for a scheduled meeting; hide it for any other."""
        self.meeting = meeting if meeting is not None and meeting.scheduled else None
        self.rep_name = rep_name
        self.setVisible(self.meeting is not None)
        if self.meeting is None:
            return
        today = self.journal.clock.now().date()  # the year only when it is not this one
        when = moment_text(parse_moment(self.meeting.held_at), today)
        text = self.tr("Scheduled for %s — not started yet.") % when
        if self.meeting.moved_by is not None and self.meeting.planned_at:
            first = moment_text(parse_moment(self.meeting.planned_at), today)
            text += " " + self.tr("(Moved from %s.)") % first
        self.label.setText(text)

    def start(self) -> None:
        """Start the 1:1 at its scheduled time (the time field changes it, if need be)."""
        if self.meeting is None:
            return
        # A journal that cannot be written (a full disk…) is said by the app's handler.
        meetings.start_meeting(self.journal, self.meeting.id)
        self.changed.emit(self.meeting.id)

    def ask(self, *, moving: bool) -> None:
        """Ask whose call, then move or skip."""
        if self.meeting is None:
            return
        dialog = WhoseCall(self.meeting, self.rep_name, moving=moving, parent=self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            if moving:
                meetings.move_meeting(
                    self.journal, self.meeting.id, dialog.start(), by=dialog.party()
                )
            else:
                meetings.skip_meeting(self.journal, self.meeting.id, by=dialog.party())
        finally:
            dialog.deleteLater()
        self.changed.emit(self.meeting.id)
