"""This week in the window, driven by keyboard on the sample team (the clock is Monday
2026-11-23 at 09:00): today's 1:1s first, the rest by day, commitments past due grouped by
rep with mine first, done or kept in place, and Enter opening the rep."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtWidgets import QBoxLayout
from pytestqt.qtbot import QtBot

from coachdesk.assembled.week import build_week
from coachdesk.sample.team import make_sample
from coachdesk.store import commitments, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import CommitmentStatus, Owner
from coachdesk.ui.rep.commitments import KeepDialog
from coachdesk.ui.week.week_rows import Row, RowKind, time_label
from coachdesk.ui.week.week_view import WeekTree, WeekView
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.opening import wait_ready

TODAY = dt.date(2026, 11, 23)
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def team(journal: Journal) -> dict[str, int]:
    """The sample team, with two of its 1:1s moved to today; their ids by name."""
    make_sample(journal, reps=9, weeks=10, seed=7)
    ids = {r.name: r.id for r in reps.list_reps(journal)}
    reps.update_rep(journal, ids["Zofia Nowak"], next_meeting_at="2026-11-23T15:00")
    reps.update_rep(journal, ids["Jun Chen"], next_meeting_at="2026-11-23T10:30:00")
    return ids


def open_week(qtbot: QtBot, journal: Journal, tmp_path: Path) -> MainWindow:
    """The window at laptop size, opened on This week with the keyboard in its 1:1s."""
    window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    wait_ready(qtbot, window)
    # Once open, the window fits the (small, offscreen) screen; a laptop's is this size.
    window.resize(1366, 738)
    assert window.pages.currentWidget() is window.week_view
    qtbot.waitUntil(window.week_view.meetings.hasFocus)
    return window


def plain(text: str) -> str:
    return text.replace("\u2068", "").replace("\u2069", "")


def children(tree: WeekTree, parent: QModelIndex) -> list[Row]:
    model = tree.model_
    found = [model.row_at(model.index(n, 0, parent)) for n in range(model.rowCount(parent))]
    return [row for row in found if row is not None]


def top(tree: WeekTree) -> list[Row]:
    return children(tree, QModelIndex())


def current(tree: WeekTree) -> Row:
    row = tree.current_row()
    assert row is not None
    return row


def late_count(journal: Journal, rep_id: int, owner: Owner) -> int:
    return sum(
        1
        for c in commitments.open_commitments(journal, rep_id)
        if c.owner is owner and c.due_date and c.due_date < TODAY.isoformat()
    )


def test_today_s_1_1s_come_first_with_time_and_counts_then_the_week_by_day(
    qtbot: QtBot, journal: Journal, team: dict[str, int], tmp_path: Path
) -> None:
    window = open_week(qtbot, journal, tmp_path)
    meetings = window.week_view.meetings
    headings = top(meetings)
    assert plain(headings[0].text) == "Today · Mon, 23 Nov (2)"
    counts = commitments.open_counts(journal)
    today = [plain(row.text) for row in headings[0].children]
    expected = []
    for at, name in ((dt.time(10, 30), "Jun Chen"), (dt.time(15, 0), "Zofia Nowak")):
        theirs, mine = counts[team[name]]
        expected.append(f"{time_label(at)} · {name} · Theirs {theirs} · Mine {mine}")
    assert today == expected
    # The keyboard starts on today's first 1:1.
    assert current(meetings).key == ("meeting", team["Jun Chen"])
    # Then the rest of the week, day by day, headed the reader's way.
    days = [plain(row.text) for row in headings[1:]]
    assert days[:2] == ["Wed, 25 Nov", "Thu, 26 Nov"]
    assert days[2] == "Due by cadence, not booked yet (1)"
    assert "Lukas Lindqvist · last 1:1 Wed, 11 Nov" in plain(headings[3].children[0].text)
    every_line = meetings.texts() + window.week_view.follow_ups.texts()
    assert not [t for t in every_line if re.search(r"\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d", t)]
    assert "1:1s this week: 5 (today: 2)" in window.windowTitle()


def test_commitments_past_due_are_grouped_by_rep_with_counts_mine_first(
    qtbot: QtBot, journal: Journal, team: dict[str, int], tmp_path: Path
) -> None:
    window = open_week(qtbot, journal, tmp_path)
    tree = window.week_view.follow_ups
    sections = top(tree)
    assert [plain(s.text) for s in sections] == [
        "My commitments, past due or due this week (8)",
        "Their commitments, past due or due this week (16)",
        "Prompts for me (6)",
    ]
    mine, theirs = sections[0].children, sections[1].children
    assert plain(mine[0].text) == "Jun Chen · 2 open past due, oldest 20 Oct"
    for owner, groups in ((Owner.MANAGER, mine), (Owner.REP, theirs)):
        for group in groups:
            assert group.kind is RowKind.GROUP and group.rep_id is not None
            late = late_count(journal, group.rep_id, owner)
            if late:
                assert f" · {late} open past due, oldest " in group.text
            # One line a rep: each rep once in each section.
        assert len({g.rep_id for g in groups}) == len(groups)
    assert plain(theirs[-1].text) == "Dana Carter · 1 due this week"
    assert not theirs[-1].late
    # Past due is said in words and marked beside the line, not by colour alone.
    group_index = tree.model_.index(0, 0, tree.model_.index(0, 0))
    assert not tree.model_.data(group_index, Qt.ItemDataRole.DecorationRole).isNull()
    assert "past due since Tue, 20 Oct" in mine[0].children[0].text
    # A rep's commitments are folded under the count until asked for.
    assert not tree.isExpanded(group_index)
    tree.setFocus()
    tree.put_cursor(group_index)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    assert tree.isExpanded(group_index)


def test_a_late_commitment_is_marked_done_in_place_and_the_cursor_stays_near(
    qtbot: QtBot, journal: Journal, team: dict[str, int], tmp_path: Path
) -> None:
    window = open_week(qtbot, journal, tmp_path)
    view = window.week_view
    tree = view.follow_ups
    qtbot.keyClick(view.meetings, Qt.Key.Key_Tab)
    assert tree.hasFocus()
    assert current(tree).key == ("group", "manager", team["Jun Chen"])
    lines_before = len(tree.texts())

    # D on a rep's group opens it and puts the cursor on its first commitment: one at a
    # time, never all of them.
    qtbot.keyClick(tree, Qt.Key.Key_D)
    first = current(tree)
    assert first.kind is RowKind.COMMITMENT and first.commitment_id is not None
    assert "Raise the commission split" in first.text
    untouched = commitments.get_commitment(journal, first.commitment_id)
    assert untouched is not None and untouched.status is CommitmentStatus.OPEN
    qtbot.keyClick(tree, Qt.Key.Key_D)

    done = commitments.get_commitment(journal, first.commitment_id)
    assert done is not None and done.status is CommitmentStatus.DONE
    assert len(tree.texts()) == lines_before - 1
    assert not any("Raise the commission split" in t for t in tree.texts())
    jun = next(g for g in top(tree)[0].children if g.rep_id == team["Jun Chen"])
    # One left, past due since 20 Nov: the group takes its place among those of 20 Nov.
    assert plain(jun.text) == "Jun Chen · 1 open past due, oldest 20 Nov"
    assert [plain(g.text).split(" · ")[0] for g in top(tree)[0].children][3:6] == [
        "Dana Carter",
        "Jun Chen",
        "Zofia Nowak",
    ]
    assert plain(top(tree)[0].text) == "My commitments, past due or due this week (7)"
    # The cursor is on the next one in the same group, the keyboard still in the list.
    assert tree.hasFocus()
    after = current(tree)
    assert after.kind is RowKind.COMMITMENT and "Set up shadowing with Lukas" in after.text
    # Other views heard it from the journal: the roster counts one fewer of mine.
    roster = window.roster.proxy
    line = next(
        str(roster.index(r, 0).data(Qt.ItemDataRole.AccessibleTextRole))
        for r in range(roster.rowCount())
        if str(roster.index(r, 0).data(Qt.ItemDataRole.AccessibleTextRole)).startswith("Jun")
    )
    assert "2 of theirs, 1 of mine" in line

    # The group's last one done: the group goes, the cursor goes to the next rep's group.
    qtbot.keyClick(tree, Qt.Key.Key_D)
    assert late_count(journal, team["Jun Chen"], Owner.MANAGER) == 0
    assert current(tree).key == ("group", "manager", team["Zofia Nowak"])
    assert tree.hasFocus()

    # Undo (Ctrl+Z) reopens it, and This week shows it again.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert late_count(journal, team["Jun Chen"], Owner.MANAGER) == 1
    assert any("Set up shadowing with Lukas" in t for t in tree.texts())


def test_keep_open_with_a_new_date_and_drop_from_the_keyboard(
    qtbot: QtBot,
    journal: Journal,
    team: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = open_week(qtbot, journal, tmp_path)
    tree = window.week_view.follow_ups
    qtbot.keyClick(window.week_view.meetings, Qt.Key.Key_Tab)
    qtbot.keyClick(tree, Qt.Key.Key_Right)  # Jun's group, opened
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    kept = current(tree).commitment_id
    assert kept is not None

    def next_month(dialog: KeepDialog) -> int:
        dialog.due.setDate(dialog.due.date().addDays(30))
        return 1

    monkeypatch.setattr(KeepDialog, "exec", next_month)
    qtbot.keyClick(tree, Qt.Key.Key_K)
    found = commitments.get_commitment(journal, kept)
    assert found is not None and found.status is CommitmentStatus.OPEN
    assert found.due_date == "2026-12-30"  # a week from today, and thirty days more
    assert current(tree).kind is RowKind.COMMITMENT and current(tree).commitment_id != kept

    dropped = current(tree).commitment_id
    assert dropped is not None
    qtbot.keyClick(tree, Qt.Key.Key_X)
    found = commitments.get_commitment(journal, dropped)
    assert found is not None and found.status is CommitmentStatus.DROPPED


def test_enter_opens_the_rep_and_coming_back_finds_the_same_place(
    qtbot: QtBot, journal: Journal, team: dict[str, int], tmp_path: Path
) -> None:
    window = open_week(qtbot, journal, tmp_path)
    view = window.week_view
    qtbot.keyClick(view.meetings, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.rep_page
    assert window.rep_page.rep is not None and window.rep_page.rep.id == team["Jun Chen"]

    qtbot.keyClick(window, Qt.Key.Key_W, CTRL_SHIFT)
    assert window.pages.currentWidget() is view
    qtbot.keyClick(view.meetings, Qt.Key.Key_Tab)
    tree = view.follow_ups
    qtbot.keyClick(tree, Qt.Key.Key_Down)  # from Jun's group to Lukas's, the second of mine
    assert current(tree).key == ("group", "manager", team["Lukas Lindqvist"])
    qtbot.keyClick(tree, Qt.Key.Key_Enter)
    assert window.rep_page.rep is not None and window.rep_page.rep.id == team["Lukas Lindqvist"]
    assert window.roster.current_rep_id() == team["Lukas Lindqvist"]

    qtbot.keyClick(window, Qt.Key.Key_W, CTRL_SHIFT)
    assert tree.hasFocus()
    assert current(tree).key == ("group", "manager", team["Lukas Lindqvist"])


def test_the_keys_are_in_the_context_menu_the_buttons_and_the_hint(
    qtbot: QtBot, journal: Journal, team: dict[str, int], tmp_path: Path
) -> None:
    window = open_week(qtbot, journal, tmp_path)
    view = window.week_view
    tree = view.follow_ups
    assert tree.contextMenuPolicy() is Qt.ContextMenuPolicy.ActionsContextMenu
    assert [(a.text(), a.shortcut().toString()) for a in tree.actions()] == [
        ("Open the rep", "Return"),
        ("Mark done", "D"),
        ("Keep open, with a new date…", "K"),
        ("Drop", "X"),
    ]
    for key in ("Enter", "D done", "K keep", "X drop"):
        assert key in view.hint.text()
    # On a 1:1, only opening the rep; on a commitment, the rest too.
    assert view.open_button.isEnabled() and not view.done_button.isEnabled()
    qtbot.keyClick(view.meetings, Qt.Key.Key_Tab)
    qtbot.keyClick(tree, Qt.Key.Key_Right)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    chosen = current(tree).commitment_id
    assert chosen is not None
    assert view.done_button.isEnabled() and view.keep_button.isEnabled()
    assert "(D)" in view.done_button.toolTip()
    qtbot.mouseClick(view.done_button, Qt.MouseButton.LeftButton)
    found = commitments.get_commitment(journal, chosen)
    assert found is not None and found.status is CommitmentStatus.DONE
    assert tree.hasFocus(), "the keyboard goes back to the list"


def test_sharing_leaves_the_prompts_out(qtbot: QtBot, journal: Journal) -> None:
    make_sample(journal, reps=9, weeks=10, seed=7)
    view = WeekView()
    qtbot.addWidget(view)
    week = build_week(journal, TODAY)
    assert week.prompts
    view.show_week(week, sharing=False)
    assert "Prompts for me (6)" in view.follow_ups.texts()
    assert "prompts: 6" in view.summary.text()
    view.show_week(week, sharing=True)
    lines = view.follow_ups.texts()
    assert not [line for line in lines if "Prompts" in line or "Agreement review" in line]
    assert "prompts" not in view.summary.text()


def test_readable_at_laptop_size_and_stacked_when_narrow(
    qtbot: QtBot, journal: Journal, team: dict[str, int], tmp_path: Path
) -> None:
    window = open_week(qtbot, journal, tmp_path)
    view = window.week_view
    assert view.lists.direction() is QBoxLayout.Direction.LeftToRight
    for widget in (view.meetings, view.follow_ups, view.done_button, view.hint):
        assert widget.isVisible()
        corner = widget.mapTo(view, widget.rect().bottomRight())
        assert view.rect().contains(corner), f"{widget.accessibleName()} is cut off"
    assert view.hint.height() >= view.hint.heightForWidth(view.hint.width())
    # Every line of the 1:1s fits without being cut short.
    tree = view.meetings
    metrics = tree.fontMetrics()
    for index in (tree.model_.index(0, 0), tree.model_.index(0, 0, tree.model_.index(0, 0))):
        text = str(index.data())
        assert tree.visualRect(index).width() >= metrics.horizontalAdvance(text)
    window.resize(780, 700)
    qtbot.waitUntil(lambda: view.lists.direction() is QBoxLayout.Direction.TopToBottom)
