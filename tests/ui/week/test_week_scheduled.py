"""This week opens a 1:1 as it was scheduled, with the talking points sent ahead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.ui.week.week_rows import RowKind
from tests.ui.week.test_week_view import open_week


def test_a_1_1_on_this_week_opens_its_scheduled_record_at_its_time(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    # Monday 23 Nov (the test clock); Björn's 1:1 is on Friday at 16:00. He sent his
    # talking points on Thursday; an older 1:1 of his is in the journal too.
    bjorn = reps.add_rep(journal, reps.NewRep("Björn Becker")).id
    meetings.add_meeting(journal, bjorn, "2026-11-20T16:00", notes="last week's talk")
    planned = meetings.schedule_meeting(journal, bjorn, "2026-11-27T16:00", minutes=45)
    meetings.update_meeting(journal, planned.id, rep_agenda="- pricing for Harbourview")
    window = open_week(qtbot, journal, tmp_path)
    tree = window.week_view.meetings
    model = tree.model_
    # Down the list by keyboard to Björn's line, under Friday's heading.
    for _ in range(12):
        row = tree.current_row()
        if row is not None and row.kind is RowKind.MEETING and row.rep_id == bjorn:
            break
        qtbot.keyClick(tree, Qt.Key.Key_Down)
    row = tree.current_row()
    assert row is not None and row.meeting_id == planned.id
    assert "16:00" in model.data(tree.currentIndex(), Qt.ItemDataRole.DisplayRole)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    editor = window.rep_page.editor
    assert editor.meeting is not None and editor.meeting.id == planned.id
    assert editor.when.dateTime().toString("yyyy-MM-dd HH:mm") == "2026-11-27 16:00"
    assert editor.editors["rep_agenda"].toPlainText() == "- pricing for Harbourview"
    assert editor.scheduled_bar.isVisible()
    window.close()
