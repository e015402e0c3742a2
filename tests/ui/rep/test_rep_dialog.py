"""The rep dialogs, driven as a user would: typing, tabbing and clicking."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.store import meetings, reps, teams
from coachdesk.store.backups import list_backups
from coachdesk.store.db import Journal
from coachdesk.store.errors import WriteFailed
from coachdesk.ui.rep import rep_dialog
from coachdesk.ui.rep.rep_dialog import DeleteRepDialog, RepDialog, purge_backups
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.modal import ModalAnswer

# ----------------------------------------------------------------- helpers


def _show(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def _focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _tab_to(qtbot: QtBot, target: QWidget) -> None:
    """Press Tab until ``target`` has the keyboard focus (proving it is reachable)."""
    for _ in range(30):
        if target.hasFocus() or (target.focusProxy() and target.focusProxy().hasFocus()):
            return
        qtbot.keyClick(_focused(), Qt.Key.Key_Tab)
    raise AssertionError(f"{target.accessibleName()} cannot be reached with Tab")


def _type(text: str) -> None:
    """Type into the focused widget, one character at a time.

    Each key event carries its text, as a keyboard layout or input method delivers it;
    this works for emoji and right-to-left scripts, which QTest's key names cannot.
    """
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(_focused(), event)


def _select_all(qtbot: QtBot) -> None:
    qtbot.keyClick(_focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def _message_answer(button_text: str, seen: list[str]) -> Callable[[QWidget], None]:
    def answer(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        seen.append(widget.text() + "\n" + widget.informativeText())
        for button in widget.buttons():
            if button.text() == button_text:
                button.click()
                return
        raise AssertionError(f"no button {button_text!r}")

    return answer


# ----------------------------------------------------------------- adding


def test_add_a_rep_with_every_field_by_keyboard(qtbot: QtBot, journal: Journal) -> None:
    east = teams.add_team(journal, "Enterprise East", cadence_days=14)
    dialog = RepDialog(journal, None)
    _show(qtbot, dialog)
    assert dialog.windowTitle() == "New rep"
    assert not dialog.ok_button.isEnabled()
    assert dialog.name_edit.hasFocus()

    _type("Ana Ruiz")
    assert dialog.ok_button.isEnabled()
    _tab_to(qtbot, dialog.title_edit)
    _type("Senior AE")
    _tab_to(qtbot, dialog.email_edit)
    _type("ana@example.com")
    _tab_to(qtbot, dialog.team_combo)
    _type("Enterprise East")
    _tab_to(qtbot, dialog.start_known)
    qtbot.keyClick(_focused(), Qt.Key.Key_Space)
    _tab_to(qtbot, dialog.start_edit)
    qtbot.keyClicks(_focused(), "04032024")  # the locale's order, here "dd MM yyyy"
    _tab_to(qtbot, dialog.territory_edit)
    _type("Nordics")
    _tab_to(qtbot, dialog.cadence_spin)
    assert dialog.cadence_spin.text() == "Team's cadence (14 days)"
    _select_all(qtbot)
    qtbot.keyClicks(_focused(), "21")
    _tab_to(qtbot, dialog.next_known)
    qtbot.keyClick(_focused(), Qt.Key.Key_Space)
    _tab_to(qtbot, dialog.next_edit)
    qtbot.keyClicks(_focused(), "301120261030")
    _tab_to(qtbot, dialog.reach_edit)
    _type("Slack for quick things, call if urgent")
    _tab_to(qtbot, dialog.ok_button)
    qtbot.keyClick(_focused(), Qt.Key.Key_Space)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved_rep_id is not None
    rep = reps.get_rep(journal, dialog.saved_rep_id)
    assert rep is not None
    assert (rep.name, rep.title, rep.email) == ("Ana Ruiz", "Senior AE", "ana@example.com")
    assert rep.team_id == east.id
    assert rep.start_date == "2024-03-04"
    assert rep.territory == "Nordics"
    assert rep.cadence_days == 21
    assert rep.next_meeting_at == "2026-11-30T10:30:00"
    assert rep.reach_by == "Slack for quick things, call if urgent"
    assert [t.name for t in teams.list_teams(journal)] == ["Enterprise East"]


def test_only_the_name_is_needed_and_optional_fields_stay_empty(
    qtbot: QtBot, journal: Journal
) -> None:
    dialog = RepDialog(journal, None)
    _show(qtbot, dialog)
    _type("   ")
    assert not dialog.ok_button.isEnabled(), "spaces alone are not a name"
    _type("Bo")
    assert dialog.ok_button.isEnabled()
    _select_all(qtbot)
    qtbot.keyClick(_focused(), Qt.Key.Key_Backspace)
    assert not dialog.ok_button.isEnabled()
    _type("  Bo   Chen ")
    assert dialog.cadence_spin.text() == "Usual cadence (7 days)"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    rep = reps.get_rep(journal, dialog.saved_rep_id or 0)
    assert rep is not None
    assert rep.name == "Bo Chen"
    assert rep.team_id is None
    assert rep.start_date is None
    assert rep.cadence_days is None, "the team's cadence applies"
    assert rep.next_meeting_at is None
    assert rep.reach_by == ""


def test_a_new_team_name_creates_the_team(qtbot: QtBot, journal: Journal) -> None:
    teams.add_team(journal, "Enterprise East")
    dialog = RepDialog(journal, None)
    _show(qtbot, dialog)
    _type("Ana Ruiz")
    _tab_to(qtbot, dialog.team_combo)
    _type("Mid-Market 🚀")
    assert dialog.cadence_spin.text() == "Team's cadence (a new team: 7 days)"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    created = teams.find_team(journal, "Mid-Market 🚀")
    assert created is not None
    rep = reps.get_rep(journal, dialog.saved_rep_id or 0)
    assert rep is not None and rep.team_id == created.id
    assert sorted(t.name for t in teams.list_teams(journal)) == ["Enterprise East", "Mid-Market 🚀"]


@pytest.mark.parametrize(
    "name",
    [
        'Siobhán O\'Brien "Shiv"',
        "Robert'); DROP TABLE reps;--",
        "Zoë 🚀 Walker",
        "سارة الأحمد",
        "דנה כהן",
    ],
)
def test_awkward_names_are_saved_exactly_as_typed(
    qtbot: QtBot, journal: Journal, name: str
) -> None:
    dialog = RepDialog(journal, None)
    _show(qtbot, dialog)
    _type(name)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert [r.name for r in reps.list_reps(journal)] == [name]
    assert journal.check().ok


# ----------------------------------------------------------------- same name


def test_a_duplicate_name_warns_and_can_be_saved_anyway(qtbot: QtBot, journal: Journal) -> None:
    reps.add_rep(journal, reps.NewRep("Ana Ruiz", title="Senior AE"))
    dialog = RepDialog(journal, None)
    _show(qtbot, dialog)
    _type("ana ruiz")
    seen: list[str] = []
    answer = ModalAnswer(QMessageBox, _message_answer("Save anyway", seen))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    answer.check()

    assert "already a rep called Ana Ruiz" in seen[0]
    assert "Two people can share a name" in seen[0]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert sorted(r.name for r in reps.list_reps(journal)) == ["Ana Ruiz", "ana ruiz"]


def test_going_back_from_the_duplicate_warning_saves_nothing(
    qtbot: QtBot, journal: Journal
) -> None:
    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    dialog = RepDialog(journal, None)
    _show(qtbot, dialog)
    _type("Ana Ruiz")
    seen: list[str] = []
    answer = ModalAnswer(QMessageBox, _message_answer("Go back", seen))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    answer.check()

    assert dialog.isVisible(), "the dialog stays open to change the name"
    assert dialog.saved_rep_id is None
    assert reps.count_reps(journal) == 1
    dialog.reject()


# ----------------------------------------------------------------- editing


def test_edit_a_rep(qtbot: QtBot, journal: Journal) -> None:
    east = teams.add_team(journal, "Enterprise East", cadence_days=14)
    ana = reps.add_rep(
        journal,
        reps.NewRep(
            "Ana Ruiz",
            title="AE",
            email="ana@example.com",
            team_id=east.id,
            start_date="2024-03-04",
            territory="Nordics",
            cadence_days=21,
            next_meeting_at="2026-11-30T10:30:00",
            reach_by="Slack",
        ),
    )
    dialog = RepDialog(journal, ana.id)
    _show(qtbot, dialog)
    assert dialog.windowTitle() == "Edit rep"
    assert dialog.ok_button.text() == "Save"
    assert dialog.name_edit.text() == "Ana Ruiz"
    assert dialog.team_combo.currentText() == "Enterprise East"
    assert dialog.start_known.isChecked() and dialog.start_edit.text() == "04 03 2024"
    assert dialog.cadence_spin.value() == 21
    assert dialog.next_known.isChecked() and dialog.next_edit.text() == "30 11 2026 10:30"
    assert dialog.reach_edit.toPlainText() == "Slack"

    _tab_to(qtbot, dialog.title_edit)
    _select_all(qtbot)
    _type("Senior AE")
    _tab_to(qtbot, dialog.start_known)
    qtbot.keyClick(_focused(), Qt.Key.Key_Space)  # the start date is not known after all
    _tab_to(qtbot, dialog.cadence_spin)
    _select_all(qtbot)
    qtbot.keyClick(_focused(), Qt.Key.Key_Backspace)
    qtbot.keyClicks(_focused(), "0")  # back to the team's cadence
    _tab_to(qtbot, dialog.next_known)
    assert dialog.cadence_spin.text() == "Team's cadence (14 days)"
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.saved_rep_id == ana.id
    after = reps.get_rep(journal, ana.id)
    assert after is not None
    assert after.title == "Senior AE"
    assert after.start_date is None
    assert after.cadence_days is None
    # Untouched fields are kept as they were.
    assert (after.name, after.email, after.team_id) == ("Ana Ruiz", "ana@example.com", east.id)
    assert (after.territory, after.next_meeting_at) == ("Nordics", "2026-11-30T10:30:00")
    assert after.reach_by == "Slack"
    assert reps.count_reps(journal) == 1


def test_editing_without_renaming_does_not_warn_about_the_name(
    qtbot: QtBot, journal: Journal
) -> None:
    # Two people already share the name; editing one of them must not ask again.
    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    second = reps.add_rep(journal, reps.NewRep("Ana Ruiz", title="SDR"))
    dialog = RepDialog(journal, second.id)
    _show(qtbot, dialog)
    _tab_to(qtbot, dialog.territory_edit)
    _type("Iberia")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    updated = reps.get_rep(journal, second.id)
    assert updated is not None and updated.territory == "Iberia"


def test_a_write_failure_is_shown_and_keeps_the_dialog_open(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*_: object, **__: object) -> None:
        raise WriteFailed("The disk is full, so the last change could not be saved.")

    monkeypatch.setattr(reps, "add_rep", full_disk)
    dialog = RepDialog(journal, None)
    _show(qtbot, dialog)
    _type("Ana Ruiz")
    seen: list[str] = []
    answer = ModalAnswer(QMessageBox, _message_answer("OK", seen))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    answer.check()
    assert "disk is full" in seen[0]
    assert dialog.isVisible() and dialog.saved_rep_id is None
    assert dialog.name_edit.text() == "Ana Ruiz", "what was typed is kept"
    dialog.reject()


def test_every_interactive_widget_has_an_accessible_name(qtbot: QtBot, journal: Journal) -> None:
    rep = reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    for dialog in (RepDialog(journal, None), DeleteRepDialog(rep)):
        _show(qtbot, dialog)
        unnamed = [
            type(w).__name__
            for w in dialog.findChildren(QWidget)
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and w.isVisible()
            and not w.accessibleName()
            and not (w.parent() and w.parent().accessibleName())  # a combo's line edit
        ]
        assert unnamed == []
        hint = dialog.sizeHint()
        assert hint.width() <= 1366 and hint.height() <= 700, "fits a 1366×768 screen"
        dialog.reject()


# ----------------------------------------------------------------- deleting


def test_delete_stays_disabled_until_the_exact_name_is_typed(
    qtbot: QtBot, journal: Journal
) -> None:
    rep = reps.add_rep(journal, reps.NewRep("Zoë O'Brien"))
    dialog = DeleteRepDialog(rep)
    _show(qtbot, dialog)
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "meetings, notes, private notes and commitments" in text
    assert "Edit → Undo brings them back until coachdesk is closed" in text
    assert "up to six months" in text
    assert not dialog.purge_box.isChecked() and dialog.purge_backups is False
    assert dialog.name_edit.hasFocus()
    assert not dialog.delete_button.isEnabled()

    for attempt in ("zoë o'brien", "Zoë O'Brie", "Zoe O'Brien", "Zoë  O'Brien"):
        _select_all(qtbot)
        _type(attempt)
        assert not dialog.delete_button.isEnabled(), attempt
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert dialog.isVisible(), "Enter does nothing before the name is right"

    _select_all(qtbot)
    _type("  Zoë O'Brien ")
    assert dialog.delete_button.isEnabled()
    qtbot.keyClick(_focused(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.purge_backups is False


def test_purge_checkbox_is_reflected(qtbot: QtBot, journal: Journal) -> None:
    rep = reps.add_rep(journal, reps.NewRep("سارة الأحمد"))
    dialog = DeleteRepDialog(rep)
    _show(qtbot, dialog)
    _type("سارة الأحمد")
    _tab_to(qtbot, dialog.purge_box)
    qtbot.keyClick(_focused(), Qt.Key.Key_Space)
    assert dialog.purge_backups is True
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.purge_backups is True


def test_delete_with_purge_from_the_main_window_and_undo(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    reps.add_rep(journal, reps.NewRep("Bo Chen"))
    meetings.add_meeting(journal, ana.id, "2026-11-20T09:00", private_notes="thinking of leaving")
    journal.backup("daily")
    window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.roster.select_rep(ana.id)

    def confirm(widget: QWidget) -> None:
        assert isinstance(widget, DeleteRepDialog)
        widget.activateWindow()
        qtbot.waitUntil(widget.isActiveWindow)
        _type("Ana Ruiz")
        widget.purge_box.setChecked(True)
        qtbot.mouseClick(widget.delete_button, Qt.MouseButton.LeftButton)

    answer = ModalAnswer(DeleteRepDialog, confirm)
    window.delete_action.trigger()
    answer.check()

    assert [r.name for r in reps.list_reps(journal)] == ["Bo Chen"]
    backups = list_backups(journal.paths)
    assert len(backups) == 1 and "after-purge" in backups[0].name
    with sqlite3.connect(backups[0]) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM reps")]
    assert names == ["Bo Chen"]

    window.undo_action.trigger()
    assert sorted(r.name for r in reps.list_reps(journal)) == ["Ana Ruiz", "Bo Chen"]
    assert meetings.list_meetings(journal, ana.id)[0].private_notes == "thinking of leaving"
    window.close()


def test_purge_backups_shows_a_failure_instead_of_raising(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot(_: Journal) -> int:
        raise WriteFailed("The backup could not be written to the folder.", "Free some space.")

    monkeypatch.setattr(rep_dialog, "purge_all_backups", cannot)
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []
    answer = ModalAnswer(QMessageBox, _message_answer("OK", seen))
    assert purge_backups(journal, parent) == 0
    answer.check()
    assert "could not be written" in seen[0]
