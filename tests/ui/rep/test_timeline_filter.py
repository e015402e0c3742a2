"""The rep page's timeline filter: 1:1s and meetings always; numbers (one line a quarter),
self-ratings and agreement events when asked for; the choice kept with the window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from coachdesk.assembled.timeline import TimelineGroup
from coachdesk.store import agreements, meetings, numbers, ratings, reps
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import AgreementContent, MeetingKind
from coachdesk.ui.numbers.numbers_page import NumbersPage
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.opening import wait_ready


def _ana(journal: Journal) -> int:
    """A rep with two meetings, eleven weeks of numbers over two quarters, a
    self-rating and an agreement in force."""
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    meetings.add_meeting(journal, ana, "2026-11-16T09:00")
    meetings.add_meeting(journal, ana, "2026-11-20T14:00", kind=MeetingKind.QBR)
    weeks = [f"2026-W{n}" for n in range(37, 40)] + [f"2026-W{n}" for n in range(40, 48)]
    numbers.set_values(
        journal, [numbers.ValueChange(ana, week, "deals_closed", 1) for week in weeks]
    )
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-18", 2, "Planning together"))
    draft = agreements.start_draft(
        journal, AgreementOwner.rep(ana), AgreementContent(expect_of_them=("CRM daily",))
    )
    agreements.activate(journal, draft.id, dt.date(2026, 11, 17))
    return ana


def _open(qtbot: QtBot, journal: Journal, settings_file: Path, rep_id: int) -> MainWindow:
    window = MainWindow(journal, QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.resize(1366, 738)
    window.show()
    qtbot.waitExposed(window)
    wait_ready(qtbot, window)
    assert window.roster.select_rep(rep_id)
    qtbot.waitUntil(lambda: window.rep_page.rep is not None)
    return window


def _lines(window: MainWindow) -> list[str]:
    """The timeline's lines as the list shows them."""
    model = window.rep_page.timeline.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def _click(qtbot: QtBot, window: MainWindow, group: TimelineGroup) -> None:
    toggle = window.rep_page.timeline_filter.toggles[group]
    assert toggle.isVisible()
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)


def test_meetings_only_until_asked_then_numbers_by_quarter(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    ana = _ana(journal)
    window = _open(qtbot, journal, tmp_path / "window.ini", ana)
    page = window.rep_page
    # By default: the two meetings, nothing else, and no toggle pressed.
    assert [line.split(" — ")[1] for line in _lines(window)] == ["QBR", "1:1"]
    assert not any(t.isChecked() for t in page.timeline_filter.toggles.values())
    assert [t.text() for t in page.timeline_filter.toggles.values()] == [
        "Numbers",
        "Ratings",
        "Agreements",
    ]

    # Numbers: one line a quarter, not one a week, newest first among the meetings.
    _click(qtbot, window, TimelineGroup.NUMBERS)
    lines = _lines(window)
    assert [line for line in lines if line.startswith("Numbers")] == [
        "Numbers · Q4 2026: 8 weeks",
        "Numbers · Q3 2026: 3 weeks",
    ]
    assert lines[0] == "Numbers · Q4 2026: 8 weeks"  # its latest week ended on 22 Nov
    assert len(lines) == 4

    # Ratings and agreements, each on its own toggle.
    _click(qtbot, window, TimelineGroup.RATINGS)
    assert any("Ladder: Cooperation" in line for line in _lines(window))
    assert not any("Agreement v1 agreed" in line for line in _lines(window))
    _click(qtbot, window, TimelineGroup.AGREEMENTS)
    assert any("Agreement v1 agreed" in line for line in _lines(window))
    assert len(_lines(window)) == 6

    # Off again: back to the meetings, the editor still on the meeting it showed.
    shown = page.editor.meeting
    for group in (TimelineGroup.NUMBERS, TimelineGroup.RATINGS, TimelineGroup.AGREEMENTS):
        _click(qtbot, window, group)
    assert len(_lines(window)) == 2
    assert page.editor.meeting == shown


def test_a_quarter_of_numbers_opens_the_numbers_tab_at_its_latest_week(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    ana = _ana(journal)
    window = _open(qtbot, journal, tmp_path / "window.ini", ana)
    page = window.rep_page
    _click(qtbot, window, TimelineGroup.NUMBERS)
    view = page.timeline
    row = _lines(window).index("Numbers · Q3 2026: 3 weeks")
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    numbers_page = page.findChild(NumbersPage)
    assert page.tabs.currentWidget() is numbers_page
    assert numbers_page is not None and str(numbers_page.as_of) == "2026-W39"


def test_the_choice_is_kept_when_the_window_closes_and_opens_again(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    ana = _ana(journal)
    settings = tmp_path / "window.ini"
    first = _open(qtbot, journal, settings, ana)
    _click(qtbot, first, TimelineGroup.NUMBERS)
    _click(qtbot, first, TimelineGroup.AGREEMENTS)
    assert first.close()

    again = _open(qtbot, journal, settings, ana)
    toggles = again.rep_page.timeline_filter.toggles
    assert toggles[TimelineGroup.NUMBERS].isChecked()
    assert not toggles[TimelineGroup.RATINGS].isChecked()
    assert toggles[TimelineGroup.AGREEMENTS].isChecked()
    lines = _lines(again)
    assert "Numbers · Q4 2026: 8 weeks" in lines
    assert any("Agreement v1 agreed" in line for line in lines)
    assert not any("Ladder:" in line for line in lines)

    # Another rep's timeline is filtered the same way.
    bo = reps.add_rep(journal, reps.NewRep("Bo Lind")).id
    numbers.set_values(journal, [numbers.ValueChange(bo, "2026-W46", "deals_closed", 2)])
    meetings.add_meeting(journal, bo, "2026-11-19T10:00")
    assert again.roster.select_rep(bo)
    qtbot.waitUntil(lambda: again.rep_page.rep is not None and again.rep_page.rep.id == bo)
    assert _lines(again)[1] == "Numbers · Q4 2026: 1 week"  # its week ended on 15 Nov
    assert again.close()

    # A window with settings of its own starts from the default: meetings only.
    fresh = _open(qtbot, journal, tmp_path / "other.ini", ana)
    assert len(_lines(fresh)) == 2
