"""Reminders before a scheduled 1:1: on the clock given, never while sharing or locked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from coachdesk.assembled import settings_schema
from coachdesk.dates import FixedClock
from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.ui.window.main_window import MainWindow
from coachdesk.ui.window.reminders import reminder_text
from tests.ui.opening import wait_ready


def _window(qtbot: QtBot, journal: Journal, tmp_path: Path) -> MainWindow:
    window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_ready(qtbot, window)
    return window


def test_a_reminder_comes_two_minutes_ahead_once_and_never_while_sharing_or_locked(
    qtbot: QtBot, journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    # The clock says Monday 09:00; Björn's 1:1 is at 09:02, Dana's at 11:00.
    bjorn = reps.add_rep(journal, reps.NewRep("Björn Becker")).id
    dana = reps.add_rep(journal, reps.NewRep("Dana Parker")).id
    meetings.schedule_meeting(journal, bjorn, "2026-11-23T09:02")
    meetings.schedule_meeting(journal, dana, "2026-11-23T11:00")
    window = _window(qtbot, journal, tmp_path)
    assert window.reminders is not None
    said: list[tuple[str, str, bool]] = []
    window.reminders.remind.connect(lambda *args: said.append(args))

    assert window.reminders.check() == 0, "off until switched on"
    settings_schema.write(journal, {settings_schema.REMINDER_MINUTES: 5})

    window.sharing.start(bjorn)  # the rep is looking at the screen
    assert window.reminders.check() == 0
    window.sharing.stop()
    window.window_lock.locked = True  # as the lock screen leaves it
    assert window.reminders.check() == 0
    window.window_lock.locked = False

    assert window.reminders.check() == 1
    assert said == [
        ("1:1 with Björn Becker", "Your 1:1 with Björn Becker starts at 09:02 (in 2 min).", True)
    ]
    assert "Björn Becker" in window.statusBar().currentMessage()
    assert window.reminders.check() == 0, "said once"

    # Woken from a sleep at 11:30: Dana's 1:1 began half an hour ago; no late reminder.
    clock.current = dt.datetime(2026, 11, 23, 11, 30)
    assert window.reminders.check() == 0
    window.close()


def test_without_a_name_a_reminder_names_nobody() -> None:
    title, text = reminder_text(dt.datetime(2026, 11, 23, 14, 0), 10, None)
    assert (title, text) == ("A 1:1 is coming up", "Your next 1:1 starts at 14:00 (in 10 min).")
