"""A rep's Numbers tab: read-only by default, pace per metric, eight weeks, Edit to change."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coachdesk.assembled import flags
from coachdesk.assembled.numbers import behind_pace_flags
from coachdesk.assembled.timeline import TimelineGroup
from coachdesk.render import charts
from coachdesk.store import numbers, reps
from coachdesk.store.db import Journal
from coachdesk.store.numbers import ValueChange
from coachdesk.ui.numbers import numbers_page, team_grid
from coachdesk.ui.numbers.numbers_page import NumbersPage
from coachdesk.ui.rep import rep_page
from coachdesk.ui.window import main_window
from tests.ui.opening import wait_ready


@pytest.fixture(autouse=True)
def only_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The main window with the numbers' own extensions only, whatever else is there."""
    monkeypatch.setattr(main_window, "team_menu_entries", lambda: [team_grid.install])
    monkeypatch.setattr(rep_page, "further_tabs", lambda: [numbers_page.make_page])
    monkeypatch.setattr(flags, "sources", lambda: [behind_pace_flags])


@pytest.fixture
def ana(journal: Journal) -> int:
    rep_id = reps.add_rep(journal, reps.NewRep("Ana Ruiz", start_date="2024-01-08")).id
    numbers.set_target(journal, rep_id, "2026-Q4", "bookings", 140_000)
    numbers.set_target(journal, rep_id, "2026-Q3", "bookings", 130_000)
    numbers.set_values(
        journal,
        [
            ValueChange(rep_id, "2026-W38", "bookings", 20_000),  # 2026-Q3
            ValueChange(rep_id, "2026-W41", "bookings", 30_000),
            ValueChange(rep_id, "2026-W44", "bookings", 40_000),
            ValueChange(rep_id, "2026-W47", "bookings", 18_000),
            ValueChange(rep_id, "2026-W47", "deals_closed", 2),
        ],
    )
    return rep_id


def open_numbers(qtbot: QtBot, journal: Journal, tmp_path: Path, rep_id: int) -> NumbersPage:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = main_window.MainWindow(journal, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_ready(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.roster.select_rep(rep_id)
    qtbot.waitUntil(lambda: window.rep_page.rep is not None)
    page = window.rep_page.findChild(NumbersPage)
    assert isinstance(page, NumbersPage)
    window.rep_page.tabs.setCurrentWidget(page)
    assert window.rep_page.tabs.tabText(window.rep_page.tabs.currentIndex()) == "Numbers"
    qtbot.waitUntil(lambda: page.numbers is not None)
    return page


def cell(page: NumbersPage, row: int, column: int) -> str:
    return str(page.pace_model.index(row, column).data())


def test_the_tab_shows_the_quarters_pace_and_eight_weeks(
    qtbot: QtBot, journal: Journal, tmp_path: Path, ana: int
) -> None:
    page = open_numbers(qtbot, journal, tmp_path, ana)
    assert page.heading.text() == "Quarter to date: 2026-Q4, week 8 of 14"
    metrics = [page.pace_model.index(r, 0).data() for r in range(page.pace_model.rowCount())]
    assert metrics == ["Deals closed", "Bookings", "Pipeline created"]
    # Bookings: 88k of 140k; 80k due by week 8: 110%, on pace.
    assert [cell(page, 1, c) for c in range(6)] == [
        "Bookings",
        "$88k",
        "$140k",
        "$80k",
        "110% · on pace",
        "$154k",
    ]
    assert cell(page, 0, 4) == "no target"
    weeks = [page.weeks_model.rows[n].week for n in range(8)]
    assert weeks == [f"2026-W{n}" for n in range(40, 48)]
    assert page.weeks_model.index(7, 1).data() == "$18,000"
    assert page.weeks_model.index(7, 0).data() == "2"
    # The chart: one small chart per metric, with the even share of the target.
    assert [chart.title for chart in page.chart.charts] == [
        "Deals closed",
        "Bookings",
        "Pipeline created",
    ]
    text = charts.describe(page.chart.charts[1])
    assert "Even share of target: " in text and "$10k" in text


def test_read_only_until_edit_then_typed_and_pasted_values_are_saved(
    qtbot: QtBot, journal: Journal, tmp_path: Path, ana: int
) -> None:
    page = open_numbers(qtbot, journal, tmp_path, ana)
    view, model = page.weeks_view, page.weeks_model
    assert not page.edit_button.isChecked()
    assert not page.targets_panel.isVisible()
    assert not model.flags(model.index(7, 1)) & Qt.ItemFlag.ItemIsEditable
    view.selectionModel().setCurrentIndex(
        model.index(6, 1), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    assert view.paste_text("5000") == ["Switch on Edit to change the numbers."]

    page.edit_button.click()
    assert page.targets_panel.isVisible()
    assert model.flags(model.index(7, 1)) & Qt.ItemFlag.ItemIsEditable
    assert view.paste_text("5,000\n") == []
    saved = [(n.week, n.metric_key, n.value) for n in numbers.rep_values(journal, ana)]
    assert ("2026-W46", "bookings", 5000.0) in saved
    assert cell(page, 1, 1) == "$93k"  # the pace follows at once

    # A target for an activity, typed in the targets table, counts it for this rep.
    targets = page.targets_model
    demos = [m.key for m in targets.metrics].index("demos")
    page.targets_view.setFocus()
    page.targets_view.setCurrentIndex(targets.index(demos, 1))
    qtbot.keyClicks(page.targets_view, "2")
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not page.targets_view
    qtbot.keyClicks(editor, "4")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "demos" in [m.key for m in page.weeks_model.metrics])
    assert numbers.targets_for(journal, ana, "2026-Q4")["demos"] == 24.0
    assert "Demos" in [page.pace_model.index(r, 0).data() for r in range(4)]
    assert targets.index(demos, 1).data() == "24"
    assert targets.index(demos, 2).data() == "you"
    assert page.targets_view.currentIndex().row() == demos  # the cursor stayed


def test_other_weeks_and_the_timeline(
    qtbot: QtBot, journal: Journal, tmp_path: Path, ana: int
) -> None:
    page = open_numbers(qtbot, journal, tmp_path, ana)
    page.previous_button.click()
    page.previous_button.click()
    page.previous_button.click()
    page.previous_button.click()
    page.previous_button.click()
    page.previous_button.click()
    page.previous_button.click()
    assert str(page.as_of) == "2026-W40"
    assert page.heading.text() == "Quarter to date: 2026-Q4, week 1 of 14"
    # Weeks of the previous quarter are counted against that quarter's target.
    assert page.weeks_model.rows[0].week == "2026-W33"
    assert page.numbers is not None
    assert page.numbers.needed[(page.numbers.weeks[0], "bookings")] == pytest.approx(10_000)
    # A quarter's numbers on the timeline (once shown there) open its latest week here.
    page.rep_page.timeline_filter.toggles[TimelineGroup.NUMBERS].click()
    timeline = page.rep_page.timeline
    row = next(
        n
        for n in range(timeline.model_.rowCount())
        if timeline.model_.event_at(n).kind == "numbers"
    )
    assert timeline.model_.event_at(row).title.startswith("Numbers · Q4 2026: ")
    assert timeline.model_.event_at(row).summary == "W47: 2 deals, $18k bookings"
    timeline.activated.emit(timeline.model_.index(row, 0))
    assert str(page.as_of) == "2026-W47"
    assert page.rep_page.tabs.currentWidget() is page
