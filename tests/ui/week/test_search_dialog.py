"""Search from the window: Ctrl+K, type, Enter opens the 1:1 with the words marked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coachdesk.store import meetings, reps
from coachdesk.store.db import Journal
from coachdesk.ui.week.search_dialog import SearchDialog
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.opening import wait_ready


def open_window(qtbot: QtBot, journal: Journal, tmp_path: Path) -> MainWindow:
    window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    wait_ready(qtbot, window)
    return window


def test_a_word_just_written_is_found_and_opened_highlighted(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    other = reps.add_rep(journal, reps.NewRep("Bo Chen")).id
    meetings.add_meeting(journal, other, "2026-11-10T09:00", notes="nothing here")
    old = meetings.add_meeting(journal, ana, "2026-11-02T09:00", notes="first talk")
    meetings.add_meeting(journal, ana, "2026-11-16T09:00", notes="later talk")
    window = open_window(qtbot, journal, tmp_path)
    window.roster.select_rep(ana)
    window.rep_page.open_meeting(old.id)
    notes = window.rep_page.editor.editors["notes"]
    notes.setFocus()
    qtbot.keyClicks(notes, " Zanzibar renewal")
    window.autosaver.flush()
    window.roster.select_rep(other)  # somewhere else entirely

    def type_and_open() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SearchDialog)
        qtbot.keyClicks(dialog.field, "zanzi")
        qtbot.waitUntil(lambda: len(dialog.hits) == 1)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_and_open)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    editor = window.rep_page.editor
    assert window.rep_page.rep is not None and window.rep_page.rep.id == ana
    assert editor.meeting is not None and editor.meeting.id == old.id
    marked = editor.editors["notes"].extraSelections()
    assert [s.cursor.selectedText() for s in marked] == ["Zanzi"]


def test_private_snippets_are_hidden_while_sharing(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    meetings.add_meeting(journal, ana, "2026-11-16T09:00", private_notes="Seemed exhausted today")
    window = open_window(qtbot, journal, tmp_path)
    dialog = SearchDialog(journal, window.sharing, window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.field, "exhausted")
    qtbot.waitUntil(lambda: len(dialog.hits) == 1)
    assert "exhausted" in dialog.model.html_for(1)
    window.set_sharing(True, ana)
    dialog.field.setText("exhausted ")
    qtbot.waitUntil(lambda: "hidden while sharing" in dialog.model.html_for(1))
    assert "exhausted" not in dialog.model.html_for(1)
    assert "Seemed" not in dialog.model.html_for(1)
