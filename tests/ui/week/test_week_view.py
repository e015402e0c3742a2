"""This week in the window: the home view, Enter opens the place to act."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from coachdesk.store import commitments, meetings, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import Owner
from coachdesk.ui.week.week_view import ItemRole
from coachdesk.ui.window.main_window import MainWindow


def test_this_week_is_home_and_each_line_opens_its_rep(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", next_meeting_at="2026-11-24T10:00")).id
    bo = reps.add_rep(journal, reps.NewRep("Bo Chen")).id
    meeting = meetings.add_meeting(journal, bo, "2026-11-16T09:00", private_notes="BO-PRIVATE")
    commitments.add_commitment(
        journal, bo, Owner.MANAGER, "Intro to the SE", due_date="2026-11-20", meeting_id=meeting.id
    )
    window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window._week_view)
    assert "this week: 2 1:1s · 1 due" in window.windowTitle()
    view = window.week_view.view
    model = window.week_view.model
    texts = [str(model.index(r, 0).data()) for r in range(model.rowCount())]
    assert texts[0].startswith("1:1s this week (2)")
    mine_row = next(r for r, t in enumerate(texts) if "Intro to the SE" in t)
    assert "LATE" in texts[mine_row]

    view.setFocus()
    view.setCurrentIndex(model.index(mine_row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.rep_page
    assert window.rep_page.rep is not None and window.rep_page.rep.id == bo
    carried = window.rep_page.editor
    assert carried.meeting is not None

    qtbot.keyClick(
        window,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.pages.currentWidget() is window.week_view
    first_item = next(r for r in range(model.rowCount()) if model.index(r, 0).data(ItemRole))
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.visualRect(model.index(first_item, 0)).center(),
    )
    assert window.rep_page.rep is not None and window.rep_page.rep.id in (ana, bo)
