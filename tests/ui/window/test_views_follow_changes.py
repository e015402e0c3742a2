"""Views learn of a change from the journal's notice, never from the view that made it."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coachdesk.assembled.timeline import TimelineGroup
from coachdesk.store import commitments, meetings, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import Owner
from coachdesk.ui.agreements.agreement_page import AgreementPage
from coachdesk.ui.rep.rep_page import RepPage
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.rep.test_meeting_flow import open_window

FLAG = "Expectations conversation due (starts Mon, 30 Nov)"


def _roster_line(window: MainWindow, name: str) -> str:
    proxy = window.roster.proxy
    for row in range(proxy.rowCount()):
        # What a screen reader says of the row: name, status, counts and flags.
        text = str(proxy.index(row, 0).data(Qt.ItemDataRole.AccessibleTextRole))
        if text.startswith(name):
            return text
    raise AssertionError(f"{name} is not in the roster")


def _spy(
    monkeypatch: pytest.MonkeyPatch, cls: type, name: str, callers: list[tuple[str, str]]
) -> None:
    """Record, for each call of ``cls.name``, the module and function that made it."""
    real: Callable[..., object] = getattr(cls, name)

    def recorded(self: object, *args: object, **kwargs: object) -> object:
        caller = sys._getframe(1)
        callers.append((str(caller.f_globals.get("__name__")), caller.f_code.co_name))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(cls, name, recorded)


def test_an_agreement_changed_on_its_page_reaches_every_view_through_the_notice(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A rep starting next week with no agreement yet: a flag, in the roster, on their
    # page and in This week; one open commitment of theirs, counted in the roster.
    nia = reps.add_rep(journal, reps.NewRep("Nia Starter", start_date="2026-11-30")).id
    meeting = meetings.add_meeting(journal, nia, "2026-11-20T10:00")
    commitments.add_commitment(journal, nia, Owner.REP, "Read the playbook", meeting_id=meeting.id)
    window = open_window(qtbot, journal, tmp_path)
    assert FLAG in _roster_line(window, "Nia Starter")
    assert "open commitments: 1 of theirs" in _roster_line(window, "Nia Starter")
    assert FLAG in window.rep_page.flags_label.text()
    assert any(FLAG.split(" (")[0] in line for line in window.week_view.follow_ups.texts())

    callers: list[tuple[str, str]] = []
    for cls, name in (
        (RepPage, "refresh_header"),
        (RepPage, "_refresh_timeline"),
        (MainWindow, "reload"),
        (MainWindow, "_refresh_week"),
    ):
        _spy(monkeypatch, cls, name, callers)

    window.rep_page.timeline_filter.toggles[TimelineGroup.AGREEMENTS].click()
    # The agreement is written and put in force on its page, by keyboard.
    page = next(p for p in window.rep_page._pages if isinstance(p, AgreementPage))
    window.rep_page.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.isVisible)
    for button in (page.template_button, page.activate_button):
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)

    # The rep page's header and timeline (showing agreements), and the roster, show it
    # at once …
    assert FLAG not in window.rep_page.flags_label.text()
    assert window.rep_page.timeline.model_._rows[0].title == "Agreement v1 agreed"
    assert FLAG not in _roster_line(window, "Nia Starter")
    assert "open commitments: 1 of theirs" in _roster_line(window, "Nia Starter")
    # … and so does This week.
    qtbot.keyClick(
        window,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.pages.currentWidget() is window.week_view
    lines = window.week_view.meetings.texts() + window.week_view.follow_ups.texts()
    assert lines, "This week shows something"
    # (This week writes the flag's date the reader's way: look for its words.)
    assert not any(FLAG.split(" (")[0] in line for line in lines)

    # Everything above was refreshed by the views themselves, told by the journal's
    # notice (or by the window showing its own page); nothing in the agreement's code
    # called another view.
    assert callers, "the views were refreshed"
    assert not [c for c in callers if c[0].startswith("coachdesk.ui.agreements")], callers
    assert {function for _, function in callers} <= {
        "_journal_changed",
        "show_rep",
        "reload",
        "show_week",
        "finish_opening",
        "_show_rep",
    }, callers
