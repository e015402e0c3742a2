"""A scheduled 1:1 in the window: talking points ahead, started on time, moved, skipped."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import MeetingStatus, Party
from coachdesk.ui.rep.scheduled_bar import WhoseCall
from tests.ui.rep.test_meeting_flow import open_window, type_into


def test_the_1_1_scheduled_today_starts_at_its_time_with_the_points_sent_ahead(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    # Monday 23 Nov 09:00 by the test clock; Björn's 1:1 is at 16:00.
    bjorn = reps.add_rep(journal, reps.NewRep("Björn Becker")).id
    planned = meetings.schedule_meeting(journal, bjorn, "2026-11-23T16:00", minutes=30)
    window = open_window(qtbot, journal, tmp_path)
    window.roster.select_rep(bjorn)
    editor = window.rep_page.editor
    assert editor.meeting is not None and editor.meeting.id == planned.id
    assert editor.scheduled_bar.isVisible()
    assert "not started yet" in editor.scheduled_bar.label.text()
    # The talking points he sent the day before go in ahead of the meeting.
    type_into(qtbot, editor.editors["rep_agenda"], "pricing for Harbourview")
    window.autosaver.flush()

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # New 1:1
    assert editor.meeting is not None and editor.meeting.id == planned.id
    started = meetings.get_meeting(journal, planned.id)
    assert started is not None
    assert (started.status, started.held_at) == (MeetingStatus.HELD, "2026-11-23T16:00")
    assert started.rep_agenda == "pricing for Harbourview"
    assert not editor.scheduled_bar.isVisible()
    assert len(meetings.list_meetings(journal, bjorn)) == 1, "no second meeting was made"
    window.close()


def _answer_whose_call(qtbot: QtBot, theirs: bool) -> None:
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, WhoseCall):
            QTimer.singleShot(20, answer)
            return
        (dialog.theirs if theirs else dialog.mine).click()
        dialog.accept()

    QTimer.singleShot(0, answer)


def test_a_skip_by_the_rep_shows_as_their_call_and_does_not_count_on_my_end(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    dana = reps.add_rep(journal, reps.NewRep("Dana Parker")).id
    planned = meetings.schedule_meeting(journal, dana, "2026-11-25T10:00")
    window = open_window(qtbot, journal, tmp_path)
    window.roster.select_rep(dana)
    bar = window.rep_page.editor.scheduled_bar
    assert bar.meeting is not None and bar.meeting.id == planned.id
    _answer_whose_call(qtbot, theirs=True)
    bar.skip_button.click()
    skipped = meetings.get_meeting(journal, planned.id)
    assert skipped is not None
    assert (skipped.status, skipped.skipped_by) == (MeetingStatus.SKIPPED, Party.REP)
    assert meetings.on_my_end(journal, "2026-11-01", "2026-12-01").skipped_by_me == 0
    titles = [
        window.rep_page.timeline.model_.event_at(row).title
        for row in range(window.rep_page.timeline.model_.rowCount())
    ]
    assert "1:1 skipped — their call" in titles
    rep = reps.get_rep(journal, dana)
    assert rep is not None and rep.next_meeting_at is None
    window.close()


def test_changing_the_kind_brings_its_agenda_until_i_have_written_my_own(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    from coachdesk.assembled.settings_schema import agenda_template
    from coachdesk.store.records import MeetingKind

    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    window = open_window(qtbot, journal, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.rep_page.editor
    mine = editor.editors["my_agenda"]
    assert mine.toPlainText() == agenda_template(journal, MeetingKind.ONE_ON_ONE)
    editor.kind.setCurrentIndex(editor.kind.findData(MeetingKind.QBR))
    assert mine.toPlainText() == agenda_template(journal, MeetingKind.QBR)
    assert editor.meeting is not None
    saved = meetings.get_meeting(journal, editor.meeting.id)
    assert saved is not None and saved.my_agenda == agenda_template(journal, MeetingKind.QBR)
    type_into(qtbot, mine, "my own point")
    editor.kind.setCurrentIndex(editor.kind.findData(MeetingKind.ROLE_PLAY))
    assert "my own point" in mine.toPlainText(), "what I wrote stays"
    window.close()
