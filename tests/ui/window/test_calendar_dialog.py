"""File → Import calendar…: what matched is shown, ticked by keyboard, then scheduled."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.ui.widgets import files
from coachdesk.ui.window.calendar_dialog import CalendarDialog, import_calendar

OUTLOOK = Path(__file__).parent.parent.parent / "fixtures" / "calendars" / "outlook.ics"
ROSTER = (
    ("Ana Ruiz", "ana.ruiz@example.com"),
    ("Tomás Novák", "tomas.novak@example.com"),
    ("Priya Nair", "priya.nair@example.com"),
    ("Sam Okafor", "sam.okafor@example.com"),
    ("Mia Chen", "mia.chen@example.com"),
)


@pytest.fixture
def journal(data_paths: Paths) -> Iterator[Journal]:
    opened = Journal.open(data_paths, clock=FixedClock(dt.datetime(2024, 10, 1, 9, 0)))
    reps.add_reps(opened, [reps.NewRep(name, email=email) for name, email in ROSTER])
    yield opened
    opened.close()


def test_the_preview_then_the_import_by_keyboard(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "ask_open_file", lambda *args: OUTLOOK)
    ids = {r.name.split()[0]: r.id for r in reps.list_reps(journal)}
    seen: dict[str, object] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, CalendarDialog):
            QTimer.singleShot(20, answer)
            return
        tree = dialog.tree
        seen["rows"] = [
            tree.topLevelItem(i).text(0)  # type: ignore[union-attr]
            for i in range(tree.topLevelItemCount())
        ]
        seen["unwritten"] = journal.revision() == before  # nothing written yet
        mia = dialog.rows[ids["Mia"]]
        tree.setFocus()
        tree.setCurrentItem(mia)
        qtbot.keyClick(tree, Qt.Key.Key_Space)
        seen["mia"] = mia.checkState(0)
        seen["changes"] = dialog.changes_label.text()
        qtbot.keyClick(tree, Qt.Key.Key_Return)  # OK

    before = journal.revision()
    QTimer.singleShot(0, answer)
    assert import_calendar(None, journal, dt.date(2024, 10, 1))
    rows = seen["rows"]
    assert isinstance(rows, list) and "Ana Ruiz" in rows and "Mia Chen" in rows
    assert seen["mia"] == Qt.CheckState.Unchecked
    assert "1:1s scheduled" in str(seen["changes"])
    assert seen["unwritten"] is True
    assert meetings.scheduled_meetings(journal, ids["Ana"]), "Ana's 1:1s were scheduled"
    assert meetings.scheduled_meetings(journal, ids["Mia"]) == [], "Mia was unticked"
