"""The main window shell, driven as a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from coachdesk.store import reps, teams
from coachdesk.store.db import Journal
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.opening import wait_ready


def _window(qtbot: QtBot, journal: Journal, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(journal, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # The window opens on This week; pick the first rep as a person would.
    wait_ready(qtbot, window)
    window.roster.select_first()
    return window


def _shown_names(window: MainWindow) -> list[str]:
    proxy = window.roster.proxy
    return [str(proxy.index(r, 0).data()).split("\n")[0] for r in range(proxy.rowCount())]


def test_empty_journal_shows_welcome_with_where_the_journal_lives(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    window = _window(qtbot, journal, tmp_path)
    assert window.pages.currentWidget() is window.welcome
    labels = window.welcome.findChildren(type(window.rep_page.heading))
    text = " ".join(label.text() for label in labels)
    assert str(journal.path) in text
    assert "never leaves this computer" in text


def test_roster_filters_as_you_type_and_shows_the_chosen_rep(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    east = teams.add_team(journal, "Enterprise East")
    reps.add_rep(journal, reps.NewRep("Ana Ruiz", title="Senior AE", team_id=east.id))
    reps.add_rep(journal, reps.NewRep("Bo Chen", title="SDR"))
    reps.add_rep(journal, reps.NewRep("سارة", title="AE"))
    window = _window(qtbot, journal, tmp_path)
    assert _shown_names(window) == ["Ana Ruiz", "Bo Chen", "سارة"]

    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.roster.filter_edit.hasFocus()
    qtbot.keyClicks(window.roster.filter_edit, "east")
    assert _shown_names(window) == ["Ana Ruiz"]

    window.roster.filter_edit.clear()
    window.roster.select_rep(reps.find_reps(journal, "Bo Chen")[0].id)
    assert window.rep_page.heading.text() == "Bo Chen"
    assert window.pages.currentWidget() is window.rep_page


def test_next_and_previous_rep_by_keyboard(qtbot: QtBot, journal: Journal, tmp_path: Path) -> None:
    for name in ("A One", "B Two", "C Three"):
        reps.add_rep(journal, reps.NewRep(name))
    window = _window(qtbot, journal, tmp_path)
    assert window.rep_page.heading.text() == "A One"
    qtbot.keyClick(window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.rep_page.heading.text() == "B Two"
    qtbot.keyClick(window, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert window.rep_page.heading.text() == "A One"


def test_roster_follows_the_journal(qtbot: QtBot, journal: Journal, tmp_path: Path) -> None:
    window = _window(qtbot, journal, tmp_path)
    reps.add_rep(journal, reps.NewRep("New Person"))
    assert _shown_names(window) == ["New Person"]


def test_the_team_menu_is_filled_after_opening_and_its_actions_kept_by_name(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    window = _window(qtbot, journal, tmp_path)
    texts = {name: action.text() for name, action in window.team_actions.items()}
    assert texts == {
        "team_agreement": "Team &agreement…",
        "agreement_settings": "Agreements and plans se&ttings…",
        "team_numbers": "Weekly &numbers…",
        "team_ladder": "&Where the team stands…",
        "my_ladder": "&Me on the ladder…",
    }
    # In the menu in the order of the entries, and nothing there that is not kept.
    assert window.team_menu.actions() == list(window.team_actions.values())


def test_window_state_is_remembered_apart_from_the_journal(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    window = _window(qtbot, journal, tmp_path)
    window.resize(780, 540)  # the offscreen screen is 800×600
    window.splitter.setSizes([250, 650])
    before = window.splitter.sizes()
    window.close()
    again = _window(qtbot, journal, tmp_path)
    assert again.size().width() == 780
    assert abs(again.splitter.sizes()[0] - before[0]) <= 2
    assert (tmp_path / "window.ini").exists()
    assert "window" not in " ".join(str(k) for k in journal.counts())


def test_about_shows_version_data_folder_and_sqlite(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    import sqlite3

    window = _window(qtbot, journal, tmp_path)
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, read_and_close)
    window.show_about()
    assert seen
    assert str(journal.paths.data_dir) in seen[0]
    assert sqlite3.sqlite_version in seen[0]


def test_back_up_now_writes_a_backup(qtbot: QtBot, journal: Journal, tmp_path: Path) -> None:
    window = _window(qtbot, journal, tmp_path)
    window.backup_action.trigger()
    assert list(journal.paths.backups.glob("journal-*-manual.coachdesk"))
    assert "Backed up" in window.statusBar().currentMessage()


def test_the_roster_keeps_names_and_counts_readable_when_the_page_wants_room(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from coachdesk.store import commitments
    from coachdesk.store.records import Owner

    declan = reps.add_rep(journal, reps.NewRep("Declan O'Brien", title="Senior AE"))
    for n in range(12):
        commitments.add_commitment(journal, declan.id, Owner.REP, f"Their step {n}")
    window = _window(qtbot, journal, tmp_path)
    window.resize(1024, 700)
    window.splitter.setSizes([10, 2000])  # dragged as far as it goes
    qtbot.wait(1)
    view = window.roster.view
    bold = QFont(view.font())
    bold.setBold(True)
    counts = QFontMetrics(view.font()).horizontalAdvance("12 theirs · 0 mine")
    name = QFontMetrics(bold).horizontalAdvance("Declan O'Brien")
    padding = 4 * window.roster.delegate.PADDING
    assert view.viewport().width() >= name + counts + padding
    assert not view.horizontalScrollBar().isVisible()


def test_the_window_opens_inside_the_desktop_the_first_time_and_after_a_larger_screen(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    window = _window(qtbot, journal, tmp_path)
    area = window.screen().availableGeometry()
    assert area.contains(window.frameGeometry())
    # Roomy: the whole desktop of a screen this small (less the window's frame).
    assert window.frameGeometry().width() >= area.width() - 2
    # Remembered from a larger screen, partly off this one: brought back inside.
    window.resize(area.width() + 400, area.height() + 300)
    window.move(area.right() - 100, area.bottom() - 100)
    window.close()
    again = _window(qtbot, journal, tmp_path)
    assert area.contains(again.frameGeometry())
