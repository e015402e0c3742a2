"""A protected journal in the window: auto-lock, Lock now, unlocking, and Settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from coachdesk.assembled import settings_schema as schema
from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store import meetings, protection, reps
from coachdesk.store.cipher import looks_protected
from coachdesk.store.db import Journal
from coachdesk.ui.protection.protection_dialog import NewPassphraseDialog, strength_hint
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.rep.test_meeting_flow import open_window, type_into, visible_text

PASSPHRASE = "plum orchard lantern"


class FakeWallClock:
    """A wall clock the test moves by hand (time.time stand-in)."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def protected(data_paths: Paths, clock: FixedClock) -> Iterator[Journal]:
    """A protected journal with one rep and a 1:1, auto-lock on, opened for writing."""
    journal = Journal.open(data_paths, clock=clock)
    rep = reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    meetings.add_meeting(journal, rep.id, "2026-11-23T09:00")
    protection.protect(journal, PASSPHRASE)
    schema.write(journal, {schema.AUTO_LOCK_MINUTES: 10})
    yield journal
    journal.close()


def _watched_window(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> tuple[MainWindow, FakeWallClock]:
    window = open_window(qtbot, journal, tmp_path)
    wall = FakeWallClock()
    idle = window.window_lock.idle
    idle.now = wall
    idle.last_input = wall()
    idle.set_tick_ms(50)  # ticks often in the test; the wall clock decides
    return window, wall


def _unlock(qtbot: QtBot, window: MainWindow, passphrase: str) -> None:
    screen = window.window_lock.screen
    assert screen is not None
    screen.field.setText(passphrase)
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)


def test_auto_lock_saves_the_note_being_typed_and_needs_the_passphrase(
    qtbot: QtBot, protected: Journal, tmp_path: Path
) -> None:
    window, wall = _watched_window(qtbot, protected, tmp_path)
    assert window.window_lock.idle.running
    notes = window.rep_page.editor.editors["notes"]
    type_into(qtbot, notes, "Pipeline review went well")
    assert window.autosaver.has_pending, "typed text waits for the autosave timer"

    # Nine minutes away: nothing happens. Then past ten.
    wall.now += 9 * 60
    qtbot.wait(150)
    assert not window.window_lock.locked
    wall.now += 61
    qtbot.waitUntil(lambda: window.window_lock.locked, timeout=2000)

    # Saved first, then closed: the journal is suspended and the screen shows nothing.
    qtbot.waitUntil(lambda: protected.suspended, timeout=2000)
    shown = visible_text(window)
    assert "Pipeline review" not in shown
    assert "Ana Ruiz" not in shown
    assert "coachdesk is locked" in shown
    assert window.windowTitle() == "coachdesk — locked"
    assert not window.menuBar().isVisible()
    assert not window.new_meeting_action.isEnabled()

    _unlock(qtbot, window, "plum orchard")
    assert window.window_lock.locked
    screen = window.window_lock.screen
    assert screen is not None
    assert screen.error.text() == "That passphrase doesn't open this journal."

    _unlock(qtbot, window, PASSPHRASE)
    assert not window.window_lock.locked
    assert not protected.suspended
    assert window.rep_page.editor.editors["notes"].toPlainText() == "Pipeline review went well"
    meeting = window.rep_page.editor.meeting
    assert meeting is not None
    saved = meetings.get_meeting(protected, meeting.id)
    assert saved is not None and saved.notes == "Pipeline review went well"
    assert "Ana Ruiz" in visible_text(window)
    assert window.window_lock.idle.running


def test_waking_from_a_long_sleep_locks_at_the_first_tick(
    qtbot: QtBot, protected: Journal, tmp_path: Path
) -> None:
    window, wall = _watched_window(qtbot, protected, tmp_path)
    # Typing just now, then the lid closes for an hour: timers did not run meanwhile,
    # but the wall clock moved on.
    qtbot.keyClicks(window.roster.filter_edit, "An")
    window.window_lock.idle.last_input = wall()
    wall.now += 3600
    window.window_lock.idle.tick()
    assert window.window_lock.locked


def test_input_keeps_the_window_unlocked(qtbot: QtBot, protected: Journal, tmp_path: Path) -> None:
    window, wall = _watched_window(qtbot, protected, tmp_path)
    for _ in range(3):
        wall.now += 8 * 60
        qtbot.keyClick(window.roster.filter_edit, Qt.Key.Key_A)
        window.window_lock.idle.tick()
    assert not window.window_lock.locked


def test_lock_now_closes_an_open_dialog_and_the_journal(
    qtbot: QtBot, protected: Journal, tmp_path: Path
) -> None:
    window = open_window(qtbot, protected, tmp_path)
    assert window.lock_action.isEnabled()
    assert window.lock_action.shortcut().toString() == "Ctrl+L"
    seen: list[bool] = []

    def lock_while_searching() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog)]
        seen.append(any(d.isVisible() for d in dialogs))
        window.lock_now()

    QTimer.singleShot(100, lock_while_searching)
    window.open_search()  # modal: returns once the lock has rejected it
    assert seen == [True]
    assert window.window_lock.locked
    qtbot.waitUntil(lambda: protected.suspended, timeout=2000)
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]
    _unlock(qtbot, window, PASSPHRASE)
    assert not window.window_lock.locked


def test_an_unprotected_journal_never_locks(qtbot: QtBot, journal: Journal, tmp_path: Path) -> None:
    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    schema.write(journal, {schema.AUTO_LOCK_MINUTES: 10})
    window = open_window(qtbot, journal, tmp_path)
    assert not window.lock_action.isEnabled()
    assert not window.window_lock.idle.running
    window.lock_now()
    assert not window.window_lock.locked


def test_protecting_from_settings_warns_and_encrypts(
    qtbot: QtBot,
    journal: Journal,
    data_paths: Paths,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from coachdesk.ui.protection.protection_dialog import ProtectionPage

    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    page = ProtectionPage(journal)
    qtbot.addWidget(page)
    assert not page.auto_lock.isEnabled()
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: told.append(a[2]))

    def fill_in() -> None:
        dialog = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, NewPassphraseDialog)
        )
        dialog.first.setText(PASSPHRASE)
        assert not dialog.ok.isEnabled()
        dialog.second.setText(PASSPHRASE + "x")
        assert not dialog.ok.isEnabled()
        assert "not the same" in dialog.mismatch.text()
        dialog.second.setText(PASSPHRASE)
        assert dialog.ok.isEnabled()
        dialog.ok.click()

    QTimer.singleShot(50, fill_in)
    page.protect_button.click()

    assert journal.protected
    assert looks_protected(data_paths.journal)
    assert page.change_button.isVisibleTo(page) and not page.protect_button.isVisibleTo(page)
    assert page.auto_lock.isEnabled()
    assert len(told) == 1
    message = told[0]
    assert "not encrypted" in message
    assert "solid-state" in message
    assert "cannot be recovered" in message


def test_the_strength_hint_is_a_hint_not_a_rule() -> None:
    assert strength_hint("") == ""
    assert strength_hint("abc").startswith("Weak")
    assert strength_hint("correct horse battery staple") in ("Good.", "Strong.")


def test_the_export_dialog_still_says_exports_are_not_encrypted() -> None:
    source = (
        Path(__file__).parents[3] / "coachdesk" / "ui" / "window" / "file_actions.py"
    ).read_text()
    assert "The export file is not encrypted" in source


def test_start_up_asks_for_the_passphrase_until_it_fits(
    qtbot: QtBot, protected: Journal, data_paths: Paths
) -> None:
    """``run_gui`` builds the window only from the journal this returns."""
    from coachdesk.ui.protection.protection_dialog import PassphraseDialog
    from coachdesk.ui.window import app as app_module

    protected.close()
    answers = iter(["wrong one", PASSPHRASE])

    def answer() -> None:
        dialog = next(
            (
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, PassphraseDialog) and w.isVisible()
            ),
            None,
        )
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        dialog.field.setText(next(answers))
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
        if dialog.isVisible():
            assert dialog.error.text() == "That passphrase doesn't open this journal."
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)
    opened = app_module._open_journal(data_paths)
    assert opened is not None
    try:
        assert opened.protected
        assert reps.count_reps(opened) == 1
    finally:
        opened.close()
