"""Closing out a 1:1: settle the commitments, set the next date, send the recap.

Meant to take a few minutes with the keyboard alone: D, X and K on the selected
commitment (as everywhere), Tab to the next date, Copy recap, Close out.

Every change to a commitment goes through the undo stack and is recorded as closed in
this meeting, so it stays when the dialog is cancelled and can be undone from
Edit → Undo (or from the dialog's own Undo, which only reaches changes made in it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QDate, QDateTime, QMimeData, Qt, QTime, QUrl
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.assembled import settings_schema
from coachdesk.coaching.cadence import effective_cadence
from coachdesk.coaching.recap import (
    RecapItem,
    ask_for_their_recap,
    discussion_lines,
    human_date,
    mailto,
    recap_markdown,
    recap_text,
)
from coachdesk.dates import iso_moment, parse_date, parse_moment
from coachdesk.render.ics import next_one_on_one
from coachdesk.store import commitments, meetings, outputs, reps, teams
from coachdesk.store.changes import Change, Subject
from coachdesk.store.db import Journal
from coachdesk.store.records import Commitment, CommitmentStatus, Owner
from coachdesk.ui.rep.commitments import CommitmentList, KeepDialog
from coachdesk.ui.rep.meeting_editor import split_commitments
from coachdesk.ui.widgets.changes import changes
from coachdesk.ui.widgets.commands import Commands
from coachdesk.ui.widgets.files import ask_save_file, documents_folder
from coachdesk.ui.widgets.fitting import fit_to_screen
from coachdesk.ui.widgets.links import open_link
from coachdesk.ui.widgets.qdates import date_time_edit_format

MARKDOWN_MIME = "text/markdown"


def _by_due(rows: list[Commitment]) -> list[Commitment]:
    # Carried-over and new commitments arrive as two lists; the rep reads one, by date.
    return sorted(rows, key=lambda c: (c.due_date is None, c.due_date or "", c.id))


def _item(commitment: Commitment) -> RecapItem:
    due = parse_date(commitment.due_date) if commitment.due_date else None
    return RecapItem(commitment.text, due)


class CloseOutDialog(QDialog):
    """Review both sides' commitments, set the next 1:1 and copy the recap."""

    def __init__(
        self,
        journal: Journal,
        commands: Commands,
        meeting_id: int,
        today: dt.date,
        parent: QWidget | None = None,
        *,
        inviting: bool = False,
    ) -> None:
        super().__init__(parent)
        meeting = meetings.get_meeting(journal, meeting_id)
        if meeting is None:
            raise LookupError(meeting_id)
        rep = reps.get_rep(journal, meeting.rep_id)
        if rep is None:
            raise LookupError(meeting.rep_id)
        self.journal = journal
        self.commands = commands
        self.meeting = meeting
        self.rep = rep
        self.today = today
        self.first_name = (rep.name.split() or [""])[0]
        # The dialog's Undo stops where it started: older entries on the shared stack
        # (another rep archived an hour ago) are not this close-out's to undo.
        self._undo_floor = commands.stack.index()
        self._open_mine: list[Commitment] = []
        self._open_theirs: list[Commitment] = []
        self._done_here: list[Commitment] = []

        self.setWindowTitle(self.tr("Close out the 1:1 with %s") % rep.name)
        self.setAccessibleName(self.windowTitle())

        # --- 1. both sides' open commitments, mine first
        review_title = QLabel(self.tr("Still open: done, drop or keep each one"), self)
        font = review_title.font()
        font.setBold(True)
        review_title.setFont(font)
        hint = QLabel(
            self.tr("Keys on the selected commitment: D done · X drop · K keep with a new date"),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        # The two lists share the column's height, each as it has rows to show.
        self.mine_list = CommitmentList(self.tr("Mine"), self, fill=True)
        self.theirs_list = CommitmentList(
            self.tr("%s's") % (self.first_name or rep.name), self, fill=True
        )
        for listing in (self.mine_list, self.theirs_list):
            listing.model.set_inviting(inviting)  # the rep is looking at the screen
        for listing in (self.mine_list, self.theirs_list):
            listing.status_requested.connect(self._set_status)
            listing.keep_requested.connect(self._keep)
        self.review = QVBoxLayout()
        self.review.setSpacing(10)
        self.review.addWidget(self.mine_list)
        self.review.addWidget(self.theirs_list)
        self.review.addStretch(0)

        # --- 2. the next 1:1
        self.next_edit = QDateTimeEdit(self)
        self.next_edit.setCalendarPopup(True)
        self.next_edit.setDisplayFormat(date_time_edit_format())
        self.next_edit.setAccessibleName(self.tr("Date and time of the next 1:1"))
        self.next_edit.setDateTime(_qdatetime(self._proposed_next()))
        next_label = QLabel(self.tr("&Next 1:1:"), self)
        next_label.setBuddy(self.next_edit)
        self.calendar_button = QPushButton(self.tr("Add next 1:1 to ca&lendar…"), self)
        self.calendar_button.setAccessibleName(
            self.tr("Save the next 1:1 as a calendar file to open in your calendar app")
        )
        self.calendar_button.setAutoDefault(False)
        self.calendar_button.clicked.connect(self.save_calendar_file)
        next_row = QHBoxLayout()
        next_row.addWidget(next_label)
        next_row.addWidget(self.next_edit)
        next_row.addWidget(self.calendar_button)
        next_row.addStretch(1)

        left = QVBoxLayout()
        left.addWidget(review_title)
        left.addWidget(hint)
        left.addLayout(self.review, 1)
        left.addLayout(next_row)

        # --- 3. what we discussed: lines of the shared notes I pick (never private ones)
        self.discussed_list = QListWidget(self)
        self.discussed_list.setAccessibleName(self.tr("Lines of the notes for the recap"))
        for line in discussion_lines(meeting.notes):
            item = QListWidgetItem(line, self.discussed_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.discussed_list.itemChanged.connect(lambda *_: self._show_recap())
        discussed_label = QLabel(self.tr("&What we discussed (tick lines for the recap):"), self)
        discussed_label.setBuddy(self.discussed_list)
        discussed_label.setWordWrap(True)
        # Long lines wrap rather than scroll sideways; a few fit, the rest scroll down.
        self.discussed_list.setWordWrap(True)
        self.discussed_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.discussed_list.setMaximumHeight(150)
        has_lines = self.discussed_list.count() > 0
        discussed_label.setVisible(has_lines)
        self.discussed_list.setVisible(has_lines)

        # --- 4. the recap, live
        recap_title = QLabel(self.tr("Recap for %s") % rep.name, self)
        recap_title.setFont(font)
        recap_title.setTextFormat(Qt.TextFormat.PlainText)
        self.plain_button = QRadioButton(self.tr("P&lain text"), self)
        self.plain_button.setAccessibleName(self.tr("Show the recap as plain text, for chat"))
        self.markdown_button = QRadioButton(self.tr("&Markdown"), self)
        self.markdown_button.setAccessibleName(self.tr("Show the recap as Markdown, for email"))
        self.plain_button.setChecked(True)
        self.format_group = QButtonGroup(self)
        self.format_group.addButton(self.plain_button)
        self.format_group.addButton(self.markdown_button)
        self.format_group.buttonToggled.connect(lambda *_: self._show_recap())
        formats = QHBoxLayout()
        formats.addWidget(recap_title, 1)
        formats.addWidget(self.plain_button)
        formats.addWidget(self.markdown_button)
        self.recap_view = QPlainTextEdit(self)
        self.recap_view.setReadOnly(True)
        self.recap_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.recap_view.setTabChangesFocus(True)
        self.recap_view.setAccessibleName(self.tr("Recap"))
        self.copy_button = QPushButton(self.tr("&Copy recap"), self)
        self.copy_button.setAccessibleName(self.tr("Copy the recap to the clipboard"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_recap)
        self.copied_label = QLabel(self)
        self.copied_label.setAccessibleName(self.tr("Copy status"))
        self.copied_label.setWordWrap(True)
        self.email_button = QPushButton(self.tr("&Email the recap…"), self)
        self.email_button.setAccessibleName(self.tr("Write the recap in a new email"))
        self.email_button.setAutoDefault(False)
        self.email_button.clicked.connect(self.email_recap)
        self.ask_button = QPushButton(self.tr("&Ask %s for theirs…") % self.first_name, self)
        self.ask_button.setAccessibleName(self.tr("Ask the rep for their own recap by email"))
        self.ask_button.setAutoDefault(False)
        self.ask_button.clicked.connect(self.ask_for_their_recap)
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.email_button)
        copy_row.addWidget(self.ask_button)
        copy_row.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(discussed_label)
        right.addWidget(self.discussed_list)
        right.addLayout(formats)
        right.addWidget(self.recap_view, 1)
        right.addLayout(copy_row)
        right.addWidget(self.copied_label)

        # --- 4. close out, cancel, undo
        self.buttons = QDialogButtonBox(self)
        self.close_out_button = self.buttons.addButton(
            self.tr("Close &out"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.close_out_button.setAccessibleName(
            self.tr("Close out the meeting and save the next 1:1")
        )
        self.close_out_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        assert cancel is not None
        cancel.setAccessibleName(self.tr("Leave the meeting open"))
        self.undo_button = self.buttons.addButton(
            self.tr("&Undo"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.undo_button.setAccessibleName(self.tr("Undo the last change made here"))
        self.undo_button.setAutoDefault(False)
        self.undo_button.clicked.connect(self.undo)
        # The main window's Ctrl+Z does not reach a modal dialog; this one does.
        self.undo_action = QAction(self.tr("Undo"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.addAction(self.undo_action)
        self.buttons.accepted.connect(self.close_out)
        self.buttons.rejected.connect(self.reject)

        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addSpacing(12)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)

        self.next_edit.dateTimeChanged.connect(lambda *_: self._show_recap())
        commands.stack.indexChanged.connect(self._update_undo)
        changes(journal).changed.connect(self._journal_changed)
        self._listening = True

        self._fit_to_screen()
        self.reload()
        first = self.mine_list if self._open_mine else self.theirs_list
        (first.view if first.model.rowCount() else self.next_edit).setFocus()

    # ----------------------------------------------------------------- data

    def _proposed_next(self) -> dt.datetime:
        """A scheduled 1:1 after this one if there is one, else this one plus the cadence."""
        held = parse_moment(self.meeting.held_at)
        if self.rep.next_meeting_at:
            scheduled = parse_moment(self.rep.next_meeting_at)
            if scheduled > held:
                return scheduled
        team = teams.get_team(self.journal, self.rep.team_id) if self.rep.team_id else None
        default = settings_schema.read(self.journal, settings_schema.DEFAULT_CADENCE_DAYS)
        days = effective_cadence(
            self.rep.cadence_days, team.cadence_days if team else None, default
        )
        # A 1:1 begun at 13:29 proposes 13:30 next time, not the minute it was begun.
        base = held.replace(second=0, microsecond=0)
        quarter = dt.timedelta(minutes=round(base.minute / 15) * 15 - base.minute)
        return base + quarter + dt.timedelta(days=days)

    def reload(self) -> None:
        """Re-read the commitments and refresh the lists and the recap."""
        carried, here = split_commitments(self.journal, self.meeting)
        still_open = _by_due([c for c in carried + here if c.status is CommitmentStatus.OPEN])
        self._open_mine = [c for c in still_open if c.owner is Owner.MANAGER]
        self._open_theirs = [c for c in still_open if c.owner is Owner.REP]
        self._done_here = [
            c
            for c in commitments.list_commitments(self.journal, self.rep.id)
            if c.closed_in_meeting_id == self.meeting.id and c.status is CommitmentStatus.DONE
        ]
        focused = self.focusWidget()
        name = self.first_name or self.rep.name
        self.mine_list.set_rows(self._open_mine, self.today, name)
        self.theirs_list.set_rows(self._open_theirs, self.today, name)
        self._share_height()
        # The last item of a list was just closed: go on with the other list, not nowhere.
        if focused is not None and not focused.isVisible() and self.isVisible():
            for listing in (self.mine_list, self.theirs_list):
                if listing.model.rowCount():
                    listing.view.setFocus()
                    break
            else:
                self.next_edit.setFocus()
        self._show_recap()
        self._update_undo()

    def next_meeting_at(self) -> str:
        """The chosen next 1:1 as stored on the rep: ``YYYY-MM-DDTHH:MM``."""
        return iso_moment(self._next_datetime())[:16]

    def _next_datetime(self) -> dt.datetime:
        value = self.next_edit.dateTime().toPython()
        assert isinstance(value, dt.datetime)
        return value.replace(second=0, microsecond=0)

    def _render(self, render: Callable[..., str]) -> str:
        # Only commitments and dates go in: notes (shared, mine or private) are not read.
        return render(
            first_name=self.first_name,
            meeting_date=parse_date(self.meeting.held_at),
            intro=settings_schema.read(self.journal, settings_schema.RECAP_INTRO),
            mine=[_item(c) for c in self._open_mine],
            theirs=[_item(c) for c in self._open_theirs],
            done_mine=[c.text for c in self._done_here if c.owner is Owner.MANAGER],
            done_theirs=[c.text for c in self._done_here if c.owner is Owner.REP],
            next_meeting=self._next_datetime(),
            discussed=self.discussed(),
        )

    def discussed(self) -> list[str]:
        """The lines of the shared notes ticked for "What we discussed", in order."""
        return [
            item.text()
            for item in (self.discussed_list.item(i) for i in range(self.discussed_list.count()))
            if item is not None and item.checkState() == Qt.CheckState.Checked
        ]

    def plain_recap(self) -> str:
        """The recap as plain text, for chat."""
        return self._render(recap_text)

    def markdown_recap(self) -> str:
        """The recap as Markdown, for email."""
        return self._render(recap_markdown)

    # ----------------------------------------------------------------- actions

    def _set_status(self, commitment_id: int, status: object) -> None:
        found = commitments.get_commitment(self.journal, commitment_id)
        if found is None or found.status is not CommitmentStatus.OPEN:
            return
        self.commands.set_status(commitment_id, CommitmentStatus(str(status)), self.meeting.id)

    def _keep(self, commitment_id: int) -> None:
        found = commitments.get_commitment(self.journal, commitment_id)
        if found is None or found.status is not CommitmentStatus.OPEN:
            return
        # "By our next 1:1" is the usual new date for something kept open.
        dialog = KeepDialog(found, self._next_datetime().date(), self)
        accepted = dialog.exec()
        due = dialog.due_iso()
        dialog.deleteLater()
        if accepted:
            self.commands.keep(commitment_id, due)

    def undo(self) -> None:
        """Undo the last change made in this dialog (never an older one)."""
        if self.commands.stack.index() > self._undo_floor:
            self.commands.stack.undo()

    def copy_recap(self) -> None:
        """Put the recap on the clipboard: plain text, and Markdown for apps that take it."""
        mime = QMimeData()
        mime.setText(self.plain_recap())
        mime.setData(MARKDOWN_MIME, QByteArray(self.markdown_recap().encode("utf-8")))
        QGuiApplication.clipboard().setMimeData(mime)
        self.copied_label.setText(self.tr("Copied. Paste it into chat or email."))

    def _subject(self) -> str:
        return self.tr("Our 1:1 · %s") % human_date(parse_date(self.meeting.held_at))

    def email_recap(self) -> None:
        """Open a new email to the rep with the recap; a long recap goes on the clipboard."""
        body = self.plain_recap()
        link = mailto(self.rep.email, self._subject(), body)
        if link is None:
            self.copy_recap()
            link = mailto(self.rep.email, self._subject(), "")
            self.copied_label.setText(
                self.tr(
                    "The recap is long for an email link, so it is on the clipboard: "
                    "paste it into the new message."
                )
            )
        else:
            self.copied_label.setText(self.tr("Opening a new email…"))
        assert link is not None
        open_link(QUrl(link))

    def ask_for_their_recap(self) -> None:
        """Open a new email asking the rep what they take away, will do and need."""
        subject, body = ask_for_their_recap(self.first_name, parse_date(self.meeting.held_at))
        link = mailto(self.rep.email, subject, body)
        assert link is not None  # a few short lines
        open_link(QUrl(link))
        self.copied_label.setText(self.tr("Opening a new email to %s…") % self.first_name)

    def save_calendar_file(self) -> Path | None:
        """Save the next 1:1 as an .ics file for the calendar app; return where."""
        start = self._next_datetime()
        safe_name = "".join(ch for ch in self.rep.name if ch.isalnum() or ch in " -_").strip()
        suggested = documents_folder() / f"1-1 {safe_name} {start:%Y-%m-%d}.ics"
        chosen = ask_save_file(
            self,
            self.tr("Save the next 1:1 for your calendar"),
            suggested,
            self.tr("Calendar files (*.ics)"),
        )
        if not chosen:
            return None
        target = chosen[0] if chosen[0].suffix.lower() == ".ics" else chosen[0].with_suffix(".ics")
        data = next_one_on_one(
            uid=f"coachdesk-next-1-1-{self.rep.id}-{start:%Y%m%dT%H%M}@coachdesk",
            rep_name=self.rep.name,
            start=start,
            minutes=self.meeting.minutes or 30,
            stamp=self.journal.clock.now().astimezone(),
        )
        outputs.write_file(target, data, what="The calendar file", verify=outputs.verify_text(data))
        self.copied_label.setText(
            self.tr("Saved %s: open it to add the 1:1 to your calendar.") % target.name
        )
        return target

    def close_out(self) -> None:
        """Save the next 1:1 on the rep, mark the meeting closed, and close the dialog."""
        self._stop_listening()
        with self.journal.made_by(self):
            reps.update_rep(self.journal, self.rep.id, next_meeting_at=self.next_meeting_at())
            meetings.close_meeting(self.journal, self.meeting.id)
        self.accept()

    # ----------------------------------------------------------------- plumbing

    def _show_recap(self) -> None:
        text = self.markdown_recap() if self.markdown_button.isChecked() else self.plain_recap()
        if text != self.recap_view.toPlainText():
            self.recap_view.setPlainText(text)
        self.copied_label.clear()

    def _update_undo(self, *_: object) -> None:
        can = self.commands.stack.index() > self._undo_floor
        self.undo_button.setEnabled(can)
        self.undo_action.setEnabled(can)
        self.undo_button.setToolTip(self.commands.stack.undoText() if can else "")

    def _journal_changed(self, change: Change) -> None:
        # Once the dialog has ended (or while it closes the 1:1) there is nothing to show.
        if not self._listening or change.made_by(self):
            return
        if change.touches(Subject.COMMITMENTS, Subject.MEETINGS, Subject.REPS, Subject.SETTINGS):
            self.reload()

    def _stop_listening(self) -> None:
        if self._listening:
            self._listening = False
            self.commands.stack.indexChanged.disconnect(self._update_undo)

    def _share_height(self) -> None:
        """Each list gets the column's height in proportion to its rows; an empty one
        ("Nothing open.") only its line, and the room left over goes below them."""
        mine, theirs = len(self._open_mine), len(self._open_theirs)
        self.review.setStretchFactor(self.mine_list, mine)
        self.review.setStretchFactor(self.theirs_list, theirs)
        self.review.setStretch(2, 0 if mine or theirs else 1)

    def _fit_to_screen(self) -> None:
        # Roomy enough for both columns, never larger than a 1366×768 laptop's desktop.
        fit_to_screen(self, 980, 620, margin=60)

    def done(self, result: int) -> None:
        """Stop following the journal whichever way the dialog ends."""
        self._stop_listening()
        super().done(result)


def _qdatetime(value: dt.datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
