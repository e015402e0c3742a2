"""The weekly numbers scrum: typing and pasting into the team grid, and File → Import."""

from __future__ import annotations

import datetime as dt
import importlib
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.assembled import flags
from coachdesk.assembled.numbers import behind_pace_flags
from coachdesk.dates import FixedClock, today
from coachdesk.paths import Paths
from coachdesk.store import numbers, reps
from coachdesk.store.db import Journal
from coachdesk.store.numbers import ValueChange
from coachdesk.ui.numbers import numbers_page, team_grid
from coachdesk.ui.numbers.team_grid import TeamNumbersWindow
from coachdesk.ui.rep import rep_page
from coachdesk.ui.widgets import files
from coachdesk.ui.window import main_window
from tests.ui.conftest import Shown
from tests.ui.opening import wait_ready

NAMES = [f"Rep {letter}" for letter in "ABCDEFGHIJ"]


@pytest.fixture
def ten_reps(journal: Journal) -> list[int]:
    """Ten reps with a bookings target this quarter, in name order."""
    ids = [reps.add_rep(journal, reps.NewRep(name)).id for name in NAMES]
    for rep_id in ids:
        numbers.set_target(journal, rep_id, "2026-Q4", "bookings", 140_000)
    return ids


def open_grid(qtbot: QtBot, journal: Journal) -> TeamNumbersWindow:
    grid = TeamNumbersWindow(journal, lambda: today(journal.clock))
    qtbot.addWidget(grid)
    grid.show()
    qtbot.waitExposed(grid)
    grid.activateWindow()
    qtbot.waitUntil(grid.isActiveWindow)
    return grid


def select(grid: TeamNumbersWindow, row: int, column: int) -> None:
    """Make one cell current and the only one selected, as a click does."""
    grid.view.selectionModel().setCurrentIndex(
        grid.model.index(row, column), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )


def column_of(grid: TeamNumbersWindow, key: str) -> int:
    return [m.key for m in grid.model.metrics].index(key)


def stored(journal: Journal) -> dict[tuple[int, str, str], float]:
    return {
        (n.rep_id, n.week, n.metric_key): n.value
        for n in numbers.values_between(journal, "2026-W01", "2026-W53")
    }


def test_the_grid_opens_on_the_last_completed_week_with_active_reps_and_outcomes(
    qtbot: QtBot, journal: Journal, ten_reps: list[int]
) -> None:
    reps.archive_rep(journal, ten_reps[-1])
    grid = open_grid(qtbot, journal)
    assert str(grid.week) == "2026-W47"  # the clock says Monday of W48
    assert "Week 47" in grid.week_label.text()
    assert grid.quarter_label.text() == "2026-Q4, week 8 of 14"
    assert [row.label for row in grid.model.rows] == NAMES[:-1]
    assert [m.key for m in grid.model.metrics] == ["deals_closed", "bookings", "pipeline_created"]
    assert grid.next_button.isEnabled()  # this week (W48) can be typed as it goes


def test_pasting_a_10_by_3_block_stores_30_numbers(
    qtbot: QtBot, journal: Journal, ten_reps: list[int]
) -> None:
    grid = open_grid(qtbot, journal)
    revision = journal.revision()
    lines = [f"{n}\t${n},200\t{n} 500" for n in range(10)]
    lines[3] = "12.5\t1,200\t$3,400"
    QApplication.clipboard().setText("\r\n".join(lines) + "\r\n")
    grid.view.setFocus()
    select(grid, 0, 0)
    qtbot.keyClick(grid.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    values = stored(journal)
    assert len(values) == 30
    assert journal.revision() == revision + 1  # one paste, one transaction
    assert values[(ten_reps[0], "2026-W47", "bookings")] == 200.0  # "$0,200" read as 200
    assert values[(ten_reps[3], "2026-W47", "deals_closed")] == 12.5
    assert values[(ten_reps[3], "2026-W47", "bookings")] == 1200.0
    assert values[(ten_reps[3], "2026-W47", "pipeline_created")] == 3400.0
    assert values[(ten_reps[9], "2026-W47", "pipeline_created")] == 9500.0
    # The cells show what is on disk, and the pace beside them follows.
    assert grid.model.index(9, column_of(grid, "bookings")).data() == "$9,200"
    pace = grid.model.index(9, len(grid.model.metrics) + column_of(grid, "bookings")).data()
    assert pace == "▼ 12%"  # 9,200 of the 80,000 due by week 8 of 14
    assert "30 numbers saved" in grid.status.text()


def test_a_bad_cell_pastes_nothing_and_says_where(
    qtbot: QtBot, journal: Journal, ten_reps: list[int]
) -> None:
    numbers.set_values(journal, [ValueChange(ten_reps[0], "2026-W47", "bookings", 5.0)])
    grid = open_grid(qtbot, journal)
    revision = journal.revision()
    select(grid, 0, 0)
    problems = grid.view.paste_text("1\t2\t3\n4\tlots\t6\n")
    assert problems == ["Rep B, Bookings: “lots” is not a number"]
    assert "Rep B, Bookings" in grid.status.text()
    assert journal.revision() == revision
    assert stored(journal) == {(ten_reps[0], "2026-W47", "bookings"): 5.0}

    # Too big for the room below: nothing either.
    select(grid, 8, 0)
    assert grid.view.paste_text("1\n2\n3\n")[0] == (
        "The pasted block has 3 rows, but there is room for 2 from the selected cell down."
    )
    assert journal.revision() == revision


def test_typing_saves_each_cell_and_enter_moves_down(
    qtbot: QtBot, journal: Journal, ten_reps: list[int]
) -> None:
    grid = open_grid(qtbot, journal)
    bookings = column_of(grid, "bookings")
    grid.view.setFocus()
    select(grid, 0, bookings)
    for text in ("48k", "1 200", "$3,400"):
        # The first key opens the cell's editor (replacing what was there); the rest
        # go to the editor, as they do from a keyboard.
        qtbot.keyClicks(grid.view, text[0])
        editor = QApplication.focusWidget()
        assert editor is not None and editor is not grid.view
        qtbot.keyClicks(editor, text[1:])
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: grid.view.state() != grid.view.State.EditingState)
    qtbot.waitUntil(lambda: grid.view.currentIndex().row() == 3)
    assert grid.view.currentIndex().column() == bookings
    values = stored(journal)
    assert [values[(rep_id, "2026-W47", "bookings")] for rep_id in ten_reps[:3]] == [
        48000.0,
        1200.0,
        3400.0,
    ]
    # Delete empties the selected cell, saved at once.
    select(grid, 1, bookings)
    qtbot.keyClick(grid.view, Qt.Key.Key_Delete)
    assert (ten_reps[1], "2026-W47", "bookings") not in stored(journal)


def test_a_plan_target_switches_an_activity_on_for_that_rep_only(
    qtbot: QtBot, journal: Journal, ten_reps: list[int]
) -> None:
    # The manual path: a target set on Rep A's Numbers page.
    numbers.set_target(journal, ten_reps[0], "2026-Q4", "demos", 24)
    grid = open_grid(qtbot, journal)
    demos = column_of(grid, "demos")
    assert grid.model.flags(grid.model.index(0, demos)) & Qt.ItemFlag.ItemIsEditable
    assert not grid.model.flags(grid.model.index(1, demos)) & Qt.ItemFlag.ItemIsEditable
    assert grid.model.index(1, demos).data() == "–"
    select(grid, 0, demos)
    assert grid.view.paste_text("3\n4\n") == ["Rep B, Demos: not counted here"]
    assert numbers.count_values(journal) == 0

    # The plan path: Rep C's own plan for the quarter asks for calls.
    plans = importlib.import_module("coachdesk.store.plans")
    plan = plans.start_plan(journal, ten_reps[2], "2026-Q4", [("Activity", "What will you do?")])
    plans.set_targets(journal, plan.id, [("Calls", 600)])
    qtbot.waitUntil(lambda: "calls" in [m.key for m in grid.model.metrics])
    calls = column_of(grid, "calls")
    editable = [
        row.label
        for n, row in enumerate(grid.model.rows)
        if grid.model.flags(grid.model.index(n, calls)) & Qt.ItemFlag.ItemIsEditable
    ]
    assert editable == ["Rep C"]
    select(grid, 2, calls)
    assert grid.view.paste_text("55") == []
    assert stored(journal) == {(ten_reps[2], "2026-W47", "calls"): 55.0}


def test_the_team_filter_and_other_weeks(qtbot: QtBot, journal: Journal, clock: FixedClock) -> None:
    from coachdesk.store import teams

    east = teams.add_team(journal, "East")
    reps.add_rep(journal, reps.NewRep("Ana", team_id=east.id))
    reps.add_rep(journal, reps.NewRep("Ben"))
    grid = open_grid(qtbot, journal)
    grid.team_box.setCurrentIndex(grid.team_box.findText("East"))
    assert [row.label for row in grid.model.rows] == ["Ana"]
    grid.previous_button.click()
    assert str(grid.week) == "2026-W46"
    grid.next_button.click()
    grid.next_button.click()
    assert str(grid.week) == "2026-W48"  # this week, in progress, but no further
    assert not grid.next_button.isEnabled()


# ----------------------------------------------------------------- in the main window


@pytest.fixture
def only_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The main window with the numbers' own extensions only, whatever else is there."""
    monkeypatch.setattr(main_window, "team_menu_entries", lambda: [team_grid.install])
    monkeypatch.setattr(rep_page, "further_tabs", lambda: [numbers_page.make_page])
    monkeypatch.setattr(flags, "sources", lambda: [behind_pace_flags])


def open_window(qtbot: QtBot, journal: Journal, tmp_path: Path) -> main_window.MainWindow:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = main_window.MainWindow(journal, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_ready(qtbot, window)
    return window


def test_team_menu_opens_one_grid(
    qtbot: QtBot, journal: Journal, ten_reps: list[int], tmp_path: Path, only_numbers: None
) -> None:
    window = open_window(qtbot, journal, tmp_path)
    action = window.team_actions["team_numbers"]
    assert action in window.team_menu.actions()
    assert action.text() == "Weekly &numbers…"
    action.trigger()
    action.trigger()
    grids = window.findChildren(TeamNumbersWindow)
    assert len(grids) == 1 and grids[0].isVisible()
    grids[0].close()


def test_file_import_numbers(
    qtbot: QtBot,
    journal: Journal,
    ten_reps: list[int],
    tmp_path: Path,
    only_numbers: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_window(qtbot, journal, tmp_path)
    actions = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    # The imports sit together: the roster, the calendar, the numbers.
    assert actions.index("Import n&umbers…") == actions.index("&Import roster…") + 2

    good = tmp_path / "week.csv"
    good.write_text("Rep,Week,Bookings\nRep A,2026-W47,1000\nRep B,2026-W47,2000\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("Rep,Week,Bookings\nRep A,2026-W47,1000\nNobody,2026-W47,1\n")
    shown: list[tuple[str, str, str]] = []

    def message(
        parent: QWidget | None, icon: object, title: str, text: str, informative: str = "", *_: str
    ) -> None:
        shown.append((title, text, informative))

    monkeypatch.setattr(team_grid, "message_box", message)
    chosen = iter([good, bad, good])
    monkeypatch.setattr(files, "ask_open_file", lambda *_: next(chosen))

    window.import_numbers()
    assert shown[-1][:2] == (
        "Numbers imported",
        "Imported 2 values, 0 replaced (2 reps, 2026-W47).",
    )
    revision = journal.revision()
    window.import_numbers()
    title, text, informative = shown[-1]
    assert title == "Numbers not imported"
    assert "journal is unchanged" in text
    assert "line 3: Nobody is not on the roster" in informative
    assert journal.revision() == revision
    window.import_numbers()
    assert shown[-1][1] == "Imported 2 values, 2 replaced (2 reps, 2026-W47)."


def test_the_flag_shows_on_the_roster_and_hides_when_sharing(
    qtbot: QtBot,
    journal: Journal,
    clock: FixedClock,
    ten_reps: list[int],
    tmp_path: Path,
    only_numbers: None,
) -> None:
    # Nothing booked by Rep A in 2026-Q4, week after week: behind since W40.
    weeks = [f"2026-W{n}" for n in range(40, 48)]
    numbers.set_values(journal, [ValueChange(ten_reps[0], week, "bookings", 0.0) for week in weeks])
    window = open_window(qtbot, journal, tmp_path)
    window.roster.select_rep(ten_reps[0])
    qtbot.waitUntil(lambda: window.rep_page.rep is not None)
    label = window.rep_page.flags_label
    qtbot.waitUntil(label.isVisible)
    assert label.text() == "⚑ Bookings behind pace 8 weeks running"
    window.set_sharing(True)
    assert not label.isVisible()
    window.set_sharing(False)
    # A good week makes it go away, and the roster follows without being asked.
    numbers.set_values(journal, [ValueChange(ten_reps[0], "2026-W47", "bookings", 90_000)])
    assert flags.collect(journal, dt.date(2026, 11, 23)) == {}
    qtbot.waitUntil(lambda: not window.rep_page.flags_label.isVisible())


def test_the_metric_catalogue_is_the_managers(
    qtbot: QtBot, journal: Journal, ten_reps: list[int]
) -> None:
    grid = open_grid(qtbot, journal)
    dialog = team_grid.MetricsDialog(journal, grid)
    qtbot.addWidget(dialog)
    items = {
        dialog.list.topLevelItem(n).text(0): dialog.list.topLevelItem(n)
        for n in range(dialog.list.topLevelItemCount())
    }
    assert list(items)[:3] == ["Deals closed", "Bookings", "Pipeline created"]
    items["Calls"].setCheckState(dialog.EVERYONE, Qt.CheckState.Checked)
    items["Pipeline created"].setCheckState(dialog.EVERYONE, Qt.CheckState.Unchecked)
    items["Bookings"].setText(0, "Bookings (ARR)")
    dialog.new_name.setText("Escalations")
    dialog.add_button.click()
    escalations = dialog.list.topLevelItem(dialog.list.topLevelItemCount() - 1)
    escalations.setCheckState(dialog.LOWER, Qt.CheckState.Checked)
    dialog.currency.setText("€")
    revision = journal.revision()
    dialog.accept()

    assert journal.revision() == revision + 2  # the catalogue, then the currency setting
    labels = [m.label for m in grid.model.metrics]
    assert labels == ["Deals closed", "Bookings (ARR)", "Calls"]
    added = numbers.get_metric(journal, "escalations")
    assert added is not None and not added.higher_is_better and not added.active
    assert grid.model.currency == "€"

    again = team_grid.MetricsDialog(journal, grid)
    qtbot.addWidget(again)
    again.new_name.setText("calls")
    again.add_button.click()
    again.accept()
    assert "already has a metric called 'calls'" in again.problem.text()
    assert numbers.list_metrics(journal)[-1].key == "escalations"  # nothing was added


def test_a_bug_while_saving_the_catalogue_is_logged_not_shown_as_a_wrong_name(
    qtbot: QtBot,
    journal: Journal,
    data_paths: Paths,
    crash_handler: Shown,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A ValueError is a bug of ours, whatever its words: it reaches the problem log and
    # the apology, never the line under the list where a name that cannot be used is said.
    def broken(*_args: object) -> None:
        raise ValueError("SECRET METRIC NAME")

    monkeypatch.setattr(numbers, "save_catalogue", broken)
    grid = open_grid(qtbot, journal)
    dialog = team_grid.MetricsDialog(journal, grid)
    qtbot.addWidget(dialog)
    dialog.new_name.setText("Escalations")
    dialog.add_button.click()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    assert dialog.problem.text() == ""
    assert crash_handler.warnings == []
    assert len(crash_handler.apologies) == 1
    assert "something went wrong inside coachdesk" in crash_handler.apologies[0]
    log = (data_paths.logs / "coachdesk.log").read_text(encoding="utf-8")
    assert "ValueError" in log and "SECRET METRIC NAME" not in log
    assert numbers.get_metric(journal, "escalations") is None


def test_week_53_is_titled_across_the_new_year() -> None:
    from coachdesk.dates import IsoWeek

    week = IsoWeek(2026, 53)
    assert team_grid.week_title(week) == "Week 53 · 28 Dec 2026 – 3 Jan 2027"
    assert team_grid.quarter_position(week) == "2026-Q4, week 14 of 14"
    assert team_grid.week_title(IsoWeek(2026, 47)) == "Week 47 · 16–22 Nov 2026"
    assert team_grid.week_title(IsoWeek(2026, 48)) == "Week 48 · 23–29 Nov 2026"
    assert team_grid.week_title(IsoWeek(2026, 49)) == "Week 49 · 30 Nov – 6 Dec 2026"
