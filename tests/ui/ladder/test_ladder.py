"""The ladder in the window: keyboard entry, the trend, privacy, and where the team stands."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.assembled.timeline import TimelineGroup
from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.render import charts
from coachdesk.store import meetings, ratings, reps, teams
from coachdesk.store.db import Journal
from coachdesk.ui.ladder.ladder_dialogs import MeLadderDialog, TeamLadderDialog
from coachdesk.ui.ladder.ladder_page import LadderPage
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.opening import wait_ready

READ_SECRET = "PRIVATE-READ-CHANGE: stop rewriting their forecasts"


def open_window(qtbot: QtBot, journal: Journal, tmp_path: Path) -> MainWindow:
    """Show the main window on ``journal`` as the active window."""
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(journal, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    wait_ready(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def ladder_tab(qtbot: QtBot, window: MainWindow, rep_id: int) -> LadderPage:
    """Choose a rep in the roster, show their Ladder tab and return it."""
    assert window.roster.select_rep(rep_id)
    qtbot.waitUntil(lambda: window.rep_page.rep is not None and window.rep_page.rep.id == rep_id)
    tabs = window.rep_page.tabs
    for index in range(tabs.count()):
        page = tabs.widget(index)
        if isinstance(page, LadderPage):
            tabs.setCurrentIndex(index)
            qtbot.waitUntil(page.isVisible)
            return page
    raise AssertionError("no Ladder tab")


def team_action(window: MainWindow, text: str) -> QAction:
    """The Team menu action whose text starts with ``text``."""
    for action in window.team_menu.actions():
        if action.text().replace("&", "").startswith(text):
            return action
    raise AssertionError(f"no Team menu action {text!r}")


def visible_text(root: QWidget) -> str:
    """Everything a person could read in ``root`` right now."""
    parts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                index = model.index(row, 0)
                parts.append(str(index.data() or ""))
                for child in range(model.rowCount(index)):
                    parts.append(str(model.index(child, 0, index).data() or ""))
        chart = getattr(widget, "chart", None)
        if callable(chart) and chart() is not None:
            parts.append(charts.describe(chart()))
    return "\n".join(parts)


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Put the cursor in a field and type."""
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClicks(widget, text)


@pytest.fixture
def ana(journal: Journal) -> int:
    """A rep called Ana."""
    return reps.add_rep(journal, reps.NewRep("Ana Ruiz", title="Account Executive")).id


# ----------------------------------------------------------------- entering by keyboard


def test_record_a_reps_self_rating_by_keyboard_and_see_the_trend(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    meeting = meetings.add_meeting(journal, ana, "2026-11-23T09:00")
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-08-10", 3, "Doing what's asked"))
    window = open_window(qtbot, journal, tmp_path)
    page = ladder_tab(qtbot, window, ana)
    entry = page.trend.entry
    assert "Their self-rating: 2026-08-10 Compliance" in charts.describe(
        page.trend.chart_view.chart()  # type: ignore[arg-type]
    )
    assert entry.meeting.currentData() == meeting.id  # today's 1:1 is linked by default

    entry.picker.setFocus()
    qtbot.waitUntil(entry.picker.hasFocus)
    qtbot.keyClick(entry.picker, Qt.Key.Key_2)
    assert entry.picker.rung() == 2
    qtbot.keyClick(entry.picker, Qt.Key.Key_Tab)
    assert entry.why.hasFocus()
    qtbot.keyClicks(entry.why, "We planned Q1 together")
    qtbot.keyClick(entry.why, Qt.Key.Key_Return)

    saved = ratings.list_ratings(journal, ana)
    assert [(r.rated_on, r.rung, r.why, r.meeting_id) for r in saved][-1] == (
        "2026-11-23",
        2,
        "We planned Q1 together",
        meeting.id,
    )
    text = charts.describe(page.trend.chart_view.chart())  # type: ignore[arg-type]
    assert "Their self-rating: 2026-08-10 Compliance, 2026-11-23 Cooperation" in text
    assert "Recorded: 2 Cooperation" in entry.message.text()
    assert entry.picker.rung() is None and entry.why.text() == ""
    first = page.trend.history_model.index(0, 0).data()
    assert "Mon, 23 Nov" in first and "Cooperation" in first and "We planned Q1 together" in first
    # The rep's timeline has it too, shared with them, once ratings are shown there.
    window.rep_page.timeline_filter.toggles[TimelineGroup.RATINGS].click()
    timeline = window.rep_page.timeline.model_
    titles = [timeline.event_at(r).title for r in range(timeline.rowCount())]
    assert "Ladder: Cooperation" in titles

    # Keys 1–5 and the keypad both pick; a rung must be picked before recording.
    qtbot.keyClick(entry.why, Qt.Key.Key_Return)
    assert "press 1 to 5" in entry.message.text()
    assert len(ratings.list_ratings(journal, ana)) == 2
    qtbot.keyClick(entry.picker, Qt.Key.Key_5, Qt.KeyboardModifier.KeypadModifier)
    assert entry.picker.rung() == 5
    qtbot.keyClick(entry.picker, Qt.Key.Key_1)
    assert entry.picker.rung() == 1


def test_record_me_on_the_ladder_by_keyboard(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, journal, tmp_path)
    team_action(window, "Me on the ladder").trigger()
    dialog = window.findChild(MeLadderDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    entry = dialog.trend.entry
    assert not dialog.trend.read_entry.isVisible()  # no read of myself by myself
    assert [entry.occasion.itemText(i) for i in range(entry.occasion.count())] == [
        "With my peer managers",
        "On my own",
    ]
    entry.picker.setFocus()
    qtbot.waitUntil(entry.picker.hasFocus)
    qtbot.keyClick(entry.picker, Qt.Key.Key_3)
    qtbot.keyClick(entry.picker, Qt.Key.Key_Tab)
    qtbot.keyClicks(entry.why, "I pass targets down without asking")
    qtbot.keyClick(entry.why, Qt.Key.Key_Return)

    mine = ratings.list_ratings(journal, None)
    assert [(r.rep_id, r.rung, r.why) for r in mine] == [
        (None, 3, "I pass targets down without asking")
    ]
    assert ratings.list_ratings(journal, ana) == []
    text = charts.describe(dialog.trend.chart_view.chart())  # type: ignore[arg-type]
    assert "My self-rating: 2026-11-23 Compliance" in text

    qtbot.keyClick(entry.picker, Qt.Key.Key_2)
    qtbot.keyClick(entry.picker, Qt.Key.Key_Return)  # Enter moves on to "why"
    assert entry.why.hasFocus()
    qtbot.keyClicks(entry.why, "Took it to the managers' meeting")
    qtbot.keyClick(entry.why, Qt.Key.Key_Enter)
    assert dialog.isVisible()  # Enter records; it does not close the window
    text = charts.describe(dialog.trend.chart_view.chart())  # type: ignore[arg-type]
    assert "2026-11-23 Compliance, 2026-11-23 Cooperation" in text
    dialog.close()


# ----------------------------------------------------------------- my read stays mine


def test_my_read_is_beside_their_rating_and_hidden_in_sharing_mode(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-16", 4, "I just do less"))
    ratings.add_read(journal, ratings.NewRead(ana, "2026-11-16", 2, READ_SECRET))
    window = open_window(qtbot, journal, tmp_path)
    page = ladder_tab(qtbot, window, ana)
    trend = page.trend

    shown = visible_text(page)
    assert READ_SECRET in shown
    assert "Two rungs apart — what will I change?" in shown
    assert "My read (private)" in shown
    assert trend.read_entry.isVisible()

    window.set_sharing(True)
    shown = visible_text(window)
    assert READ_SECRET not in shown
    assert "My read" not in shown
    assert "what will I change" not in shown
    assert not trend.read_entry.isVisible()
    assert [s.label for s in trend.chart_view.chart().series] == ["Their self-rating"]  # type: ignore[union-attr]
    assert "I just do less" in shown  # their own words stay: they are shared

    window.set_sharing(False)
    assert trend.read_entry.isVisible()
    assert READ_SECRET in visible_text(page)


def test_my_read_is_recorded_by_keyboard_and_never_in_the_picture(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-02", 1, "Our plan"))
    window = open_window(qtbot, journal, tmp_path)
    page = ladder_tab(qtbot, window, ana)
    read_entry = page.trend.read_entry
    read_entry.picker.setFocus()
    qtbot.waitUntil(read_entry.picker.hasFocus)
    qtbot.keyClick(read_entry.picker, Qt.Key.Key_3)
    type_into(qtbot, read_entry.change, "Ask before I change their call plan")
    qtbot.keyClick(read_entry.change, Qt.Key.Key_Return)
    assert [(r.rung, r.change) for r in ratings.list_reads(journal, ana)] == [
        (3, "Ask before I change their call plan")
    ]
    assert "Two rungs apart" in page.trend.question.text()
    assert len(page.trend.chart_view.chart().series) == 2  # type: ignore[union-attr]

    picture = tmp_path / "ana-ladder.png"
    assert page.trend.save_png_to(picture)
    assert not QImage(str(picture)).isNull()
    shareable = charts.describe(page.trend.shareable_chart())
    assert "My read" not in shareable and "Two rungs apart" not in shareable
    assert "Ana Ruiz on the ladder" in shareable


def test_an_export_without_private_things_has_no_reads(
    qtbot: QtBot, data_paths: Paths, clock: FixedClock, tmp_path: Path
) -> None:
    from coachdesk.cli import run

    with Journal.open(data_paths, clock=clock) as journal:
        ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
        ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-16", 2, "On board"))
        ratings.add_read(journal, ratings.NewRead(ana, "2026-11-16", 4, READ_SECRET))
    plain, private = tmp_path / "plain.json", tmp_path / "private.json"
    assert run(["export", str(plain), "--data-dir", str(data_paths.data_dir)]) == 0
    assert (
        run(["export", str(private), "--include-private", "--data-dir", str(data_paths.data_dir)])
        == 0
    )
    assert READ_SECRET.encode() not in plain.read_bytes()
    assert b'"read_on"' not in plain.read_bytes()
    assert b"On board" in plain.read_bytes()
    assert READ_SECRET.encode() in private.read_bytes()


# ----------------------------------------------------------------- the team


@pytest.fixture
def team(journal: Journal) -> dict[str, int]:
    """Four reps on two teams, three of them with self-ratings."""
    east = teams.add_team(journal, "East")
    west = teams.add_team(journal, "West")
    ids = {}
    for name, team_id in (
        ("Ana Ruiz", east.id),
        ("Bo Chen", east.id),
        ("Cleo Brandt", west.id),
        ("Dev Patel", west.id),
    ):
        ids[name] = reps.add_rep(journal, reps.NewRep(name, team_id=team_id)).id
    for name, day, rung in (
        ("Ana Ruiz", "2026-07-01", 3),
        ("Ana Ruiz", "2026-11-10", 1),
        ("Bo Chen", "2026-07-15", 2),
        ("Bo Chen", "2026-11-02", 4),
        ("Cleo Brandt", "2026-11-05", 2),
    ):
        ratings.add_rating(journal, ratings.NewRating(ids[name], day, rung))
    return ids


def open_team_view(qtbot: QtBot, window: MainWindow) -> TeamLadderDialog:
    """Team → Where the team stands…"""
    team_action(window, "Where the team stands").trigger()
    dialogs = [d for d in window.findChildren(TeamLadderDialog) if d.isVisible()]
    assert len(dialogs) == 1
    qtbot.waitExposed(dialogs[0])
    return dialogs[0]


def test_team_counts_show_no_names_until_asked_for(
    qtbot: QtBot, journal: Journal, team: dict[str, int], tmp_path: Path
) -> None:
    window = open_window(qtbot, journal, tmp_path)
    dialog = open_team_view(qtbot, window)
    assert not dialog.names.isChecked()
    text = charts.describe(dialog.chart_view.chart())  # type: ignore[arg-type]
    assert text.splitlines()[1:] == [
        "Collaboration: 1 (was 0)",
        "Cooperation: 1 (was 1)",
        "Compliance: 0 (was 1)",
        "Resistance: 1 (was 0)",
        "Resentment: 0 (was 0)",
    ]
    shown = visible_text(dialog)
    assert (
        "Since Sun, 23 Aug: 1 moved up, 1 moved down, 0 stayed on the same rung, 1 placed" in shown
    )
    assert "Not asked yet: 1." in shown
    for name in team:
        assert name not in shown
    assert not dialog.people.isVisible()

    # Without names a click on a rung opens nobody.
    heard: list[int] = []
    dialog.rep_chosen.connect(heard.append)
    _click_rung(qtbot, dialog, 1)
    assert heard == []

    dialog.names.click()
    shown = visible_text(dialog)
    assert "Ana Ruiz — up from Compliance" in shown
    assert "Bo Chen — down from Cooperation" in shown
    assert "Cleo Brandt — first self-rating since then" in shown
    assert "Dev Patel" not in shown  # not asked yet: on no rung

    # One team only.
    dialog.team.setCurrentIndex(dialog.team.findText("West"))
    text = charts.describe(dialog.chart_view.chart())  # type: ignore[arg-type]
    assert "Cooperation: 1 (was 0)" in text and "Collaboration: 0 (was 0)" in text
    assert "Ana Ruiz" not in visible_text(dialog)
    dialog.close()

    # Not remembered: the next opening starts without names.
    again = open_team_view(qtbot, window)
    assert not again.names.isChecked()
    assert "Ana Ruiz" not in visible_text(again)
    again.close()


def _click_rung(qtbot: QtBot, dialog: TeamLadderDialog, rung: int) -> None:
    view = dialog.chart_view
    view.repaint()
    hit = next(h for h in view.hit_areas() if h.key == rung)
    qtbot.mouseClick(
        view,
        Qt.MouseButton.LeftButton,
        pos=QPoint(int(hit.rect.center().x()), int(hit.rect.center().y())),
    )


def test_a_click_on_a_rung_with_names_opens_the_reps_ladder(
    qtbot: QtBot, journal: Journal, team: dict[str, int], tmp_path: Path
) -> None:
    window = open_window(qtbot, journal, tmp_path)
    ladder_tab(qtbot, window, team["Dev Patel"])
    window.rep_page.tabs.setCurrentIndex(0)
    window.roster.filter_edit.setText("Dev")  # the rep to open is filtered out
    dialog = open_team_view(qtbot, window)
    dialog.names.click()
    _click_rung(qtbot, dialog, 4)  # Bo alone is at Resistance
    qtbot.waitUntil(
        lambda: window.rep_page.rep is not None and window.rep_page.rep.name == "Bo Chen"
    )
    assert isinstance(window.rep_page.tabs.currentWidget(), LadderPage)
    assert window.roster.current_rep_id() == team["Bo Chen"]

    # The names list opens a rep too.
    group = dialog.people.topLevelItem(0)  # 1 Collaboration
    dialog.people.itemActivated.emit(group.child(0), 0)
    qtbot.waitUntil(
        lambda: window.rep_page.rep is not None and window.rep_page.rep.name == "Ana Ruiz"
    )
    dialog.close()


def test_names_are_never_shown_in_sharing_mode(
    qtbot: QtBot, journal: Journal, team: dict[str, int], tmp_path: Path
) -> None:
    window = open_window(qtbot, journal, tmp_path)
    dialog = open_team_view(qtbot, window)
    dialog.names.click()
    assert "Ana Ruiz" in visible_text(dialog)
    window.set_sharing(True, team["Bo Chen"])
    # A team view is never part of one rep's screen: it closes when sharing starts.
    qtbot.waitUntil(lambda: not [d for d in window.findChildren(QDialog) if d.isVisible()])
    window.set_sharing(False)
    dialog = open_team_view(qtbot, window)
    assert not dialog.names.isChecked()
    dialog.close()


# ----------------------------------------------------------------- settings


def test_rungs_are_renamed_in_settings_and_stay_five(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachdesk.assembled import settings_schema as schema
    from coachdesk.ui.settings.settings_dialog import SettingsDialog

    ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-16", 1, "Ours"))
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    page = dialog.ladder_page
    dialog.tabs.setCurrentWidget(page)
    assert len(page.fields) == 10
    page.fields[schema.LADDER_NAMES[0]].setText("Co-creating")
    page.fields[schema.LADDER_DESCRIPTIONS[0]].setText("We make the plan together.")
    page.fields[schema.LADDER_NAMES[4]].setText("")  # empty: the standard name
    assert dialog.save()
    assert schema.read(journal, schema.LADDER_NAMES[0]) == "Co-creating"

    window = open_window(qtbot, journal, tmp_path)
    ladder = ladder_tab(qtbot, window, ana)
    picker_items = [ladder.trend.entry.picker.item(i).text() for i in range(5)]
    assert picker_items[0].startswith("1   Co-creating — We make the plan together.")
    assert picker_items[4].startswith("5   Resentment")
    assert "Their self-rating: 2026-11-16 Co-creating" in charts.describe(
        ladder.trend.chart_view.chart()  # type: ignore[arg-type]
    )
    window.rep_page.timeline_filter.toggles[TimelineGroup.RATINGS].click()
    timeline = window.rep_page.timeline.model_
    assert "Ladder: Co-creating" in [timeline.event_at(r).title for r in range(timeline.rowCount())]

    page2 = SettingsDialog(journal)
    qtbot.addWidget(page2)
    page2.ladder_page.use_standard_words()
    assert page2.save()
    assert schema.read(journal, schema.LADDER_NAMES[0]) == "Collaboration"
    QApplication.processEvents()


# ----------------------------------------------------------------- room on screen


def test_the_entries_sit_beside_the_chart_only_when_there_is_room(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    from tests.ui.layout_check import check, describe

    window = open_window(qtbot, journal, tmp_path)
    page = ladder_tab(qtbot, window, ana)
    trend = page.trend

    def at(widget: QWidget) -> QPoint:
        return widget.mapTo(trend.area.widget(), QPoint(0, 0))

    window.resize(1366, 738)
    qtbot.waitUntil(lambda: trend.side_by_side and at(trend.entry).x() > 0)
    qtbot.wait(1)
    assert at(trend.entry).x() > at(trend.chart_view).x() + trend.chart_view.width()
    ladder_faults = [f for f in check(window) if "LadderPage" in f.path]
    assert not ladder_faults, describe(ladder_faults)

    # Narrow: the entries go below the chart, side by side, and the page scrolls down.
    window.resize(900, 600)
    qtbot.waitUntil(
        lambda: not trend.side_by_side and at(trend.entry).x() == at(trend.chart_view).x()
    )
    qtbot.wait(1)
    assert at(trend.entry).y() > at(trend.chart_view).y() + trend.chart_view.height()
    assert at(trend.read_entry).x() > at(trend.entry).x() + trend.entry.width() - 1
    assert at(trend.read_entry).y() == at(trend.entry).y()
    ladder_faults = [f for f in check(window) if "LadderPage" in f.path]
    assert not ladder_faults, describe(ladder_faults)

    # And back beside it once there is room again.
    window.resize(1366, 738)
    qtbot.waitUntil(lambda: trend.side_by_side)
