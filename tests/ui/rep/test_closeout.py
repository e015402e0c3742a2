"""Closing out a 1:1, driven as a manager would: keys, the next date, the recap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, QSettings, Qt, QTime, QTimer
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QDialog,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.store import commitments, meetings, reps, settings, teams
from coachdesk.store.db import Journal
from coachdesk.store.records import CommitmentStatus, Owner
from coachdesk.ui.rep.closeout import MARKDOWN_MIME, CloseOutDialog
from coachdesk.ui.rep.commitments import KeepDialog
from coachdesk.ui.widgets.commands import Commands
from coachdesk.ui.window.main_window import MainWindow

TODAY = dt.date(2026, 11, 23)  # the journal fixture's clock: Monday 23 Nov 2026
PRIVATE = "PRIVATE: thinking about a performance plan 🤫"
MY_AGENDA = "MINE: ask whether the commute is wearing her down"
SHARED_NOTES = "Talked through the Globex deal in detail"


@dataclass
class Scene:
    rep_id: int
    meeting_id: int
    mine_carried: int
    mine_new: int
    theirs_carried: int
    theirs_new: int


@pytest.fixture
def scene(journal: Journal) -> Scene:
    """Ana, on a two-weekly team, with last week's 1:1 and today's, both ways committed."""
    team = teams.add_team(journal, "Enterprise East", cadence_days=14)
    ana = reps.add_rep(journal, reps.NewRep("Ana María Ruiz", team_id=team.id))
    last = meetings.add_meeting(journal, ana.id, "2026-11-16T10:30")
    now = meetings.add_meeting(
        journal,
        ana.id,
        "2026-11-23T10:30",
        notes=SHARED_NOTES,
        my_agenda=MY_AGENDA,
        private_notes=PRIVATE,
    )

    def add(owner: Owner, text: str, due: str, meeting_id: int) -> int:
        made = commitments.add_commitment(
            journal, ana.id, owner, text, due_date=due, meeting_id=meeting_id
        )
        return made.id

    return Scene(
        rep_id=ana.id,
        meeting_id=now.id,
        mine_carried=add(Owner.MANAGER, "Send the pricing sheet", "2026-11-20", last.id),
        mine_new=add(Owner.MANAGER, "Intro to the CFO at Acme", "2026-11-27", now.id),
        theirs_carried=add(Owner.REP, "Update the forecast", "2026-11-19", last.id),
        theirs_new=add(Owner.REP, "Send the *revised* proposal", "2026-11-26", now.id),
    )


def _dialog(qtbot: QtBot, journal: Journal, commands: Commands, meeting_id: int) -> CloseOutDialog:
    dialog = CloseOutDialog(journal, commands, meeting_id, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


@pytest.fixture
def commands(journal: Journal) -> Commands:
    return Commands(journal, QUndoStack())


def _shown(listing_view: QAbstractItemView) -> list[str]:
    model = listing_view.model()
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def _answer_keep_dialog(new_due: QDate, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, KeepDialog)
        seen.append(box.due.date().toString("yyyy-MM-dd"))
        box.due.setDate(new_due)
        box.accept()

    QTimer.singleShot(0, answer)


def test_close_out_by_keyboard_copies_the_recap_and_can_be_undone(
    qtbot: QtBot, journal: Journal, commands: Commands, scene: Scene
) -> None:
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)

    # Mine first, each list by due date; the keyboard starts on my first commitment.
    assert dialog.mine_list.isVisible()
    assert dialog.mine_list.y() < dialog.theirs_list.y()
    # (late, and said so first)
    assert _shown(dialog.mine_list.view)[0].startswith("Late  ·  Me: Send the pricing sheet")
    assert _shown(dialog.theirs_list.view)[0].startswith("Late  ·  Ana: Update the forecast")
    assert dialog.mine_list.view.hasFocus()

    # D: done with the pricing sheet, recorded as closed in this meeting.
    qtbot.keyClick(dialog.mine_list.view, Qt.Key.Key_D)
    done = commitments.get_commitment(journal, scene.mine_carried)
    assert done is not None
    assert done.status is CommitmentStatus.DONE
    assert done.closed_in_meeting_id == scene.meeting_id
    assert [text.split("  ·  ")[0] for text in _shown(dialog.mine_list.view)] == [
        "Me: Intro to the CFO at Acme"
    ]

    # K: keep the forecast open until a new date; the proposal is the next 1:1.
    dialog.theirs_list.view.setFocus()
    dialog.theirs_list.view.setCurrentIndex(dialog.theirs_list.model.index(0, 0))
    proposed: list[str] = []
    _answer_keep_dialog(QDate(2026, 12, 4), proposed)
    qtbot.keyClick(dialog.theirs_list.view, Qt.Key.Key_K)
    assert proposed == ["2026-12-07"]  # this 1:1 plus the team's 14 days
    kept = commitments.get_commitment(journal, scene.theirs_carried)
    assert kept is not None
    assert kept.status is CommitmentStatus.OPEN
    assert kept.due_date == "2026-12-04"

    # The next 1:1: proposed from the cadence at the same time of day, then moved.
    assert dialog.next_edit.dateTime().toString("yyyy-MM-ddTHH:mm") == "2026-12-07T10:30"
    dialog.next_edit.setFocus()
    dialog.next_edit.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(15, 0)))
    assert "Our next 1:1 is Tue 1 Dec at 15:00." in dialog.recap_view.toPlainText()

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    mime = QGuiApplication.clipboard().mimeData()
    assert mime is not None
    plain = mime.text()
    assert plain == dialog.plain_recap()
    for line in (
        "Hi Ana,",
        "- Intro to the CFO at Acme — by Fri 27 Nov",
        "- Send the *revised* proposal — by Thu 26 Nov",
        "- Update the forecast — by Fri 4 Dec",
        "- Me: Send the pricing sheet",
        "Our next 1:1 is Tue 1 Dec at 15:00.",
        "Thanks for the time today. Here's what we agreed:",
    ):
        assert line in plain
    assert plain.index("I'll:") < plain.index("You'll:")
    md = bytes(mime.data(MARKDOWN_MIME).data()).decode("utf-8")
    assert "- Send the \\*revised\\* proposal — **by Thu 26 Nov**" in md
    assert "Our next 1:1 is **Tue 1 Dec at 15:00**." in md
    for text in (plain, md, dialog.recap_view.toPlainText()):
        assert "PRIVATE" not in text
        assert "performance plan" not in text
        assert MY_AGENDA not in text
        assert SHARED_NOTES not in text

    # Close out: the meeting is closed and the rep's next 1:1 is set.
    qtbot.mouseClick(dialog.close_out_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    closed = meetings.get_meeting(journal, scene.meeting_id)
    assert closed is not None
    assert closed.closed_at is not None
    rep = reps.get_rep(journal, scene.rep_id)
    assert rep is not None
    assert rep.next_meeting_at == "2026-12-01T15:00"

    # Edit → Undo afterwards: the keep, then the done.
    commands.stack.undo()
    again = commitments.get_commitment(journal, scene.theirs_carried)
    assert again is not None
    assert again.due_date == "2026-11-19"
    commands.stack.undo()
    reopened = commitments.get_commitment(journal, scene.mine_carried)
    assert reopened is not None
    assert reopened.status is CommitmentStatus.OPEN
    assert reopened.closed_in_meeting_id is None
    assert reopened.closed_at is None


def test_cancel_leaves_the_meeting_open_and_keeps_the_changes(
    qtbot: QtBot, journal: Journal, commands: Commands, scene: Scene
) -> None:
    reps.update_rep(journal, scene.rep_id, next_meeting_at="2026-11-23T10:30")
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)
    qtbot.keyClick(dialog.mine_list.view, Qt.Key.Key_X)
    dialog.next_edit.setDateTime(QDateTime(QDate(2026, 12, 1), QTime(15, 0)))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    meeting = meetings.get_meeting(journal, scene.meeting_id)
    assert meeting is not None
    assert meeting.closed_at is None
    rep = reps.get_rep(journal, scene.rep_id)
    assert rep is not None
    assert rep.next_meeting_at == "2026-11-23T10:30"
    dropped = commitments.get_commitment(journal, scene.mine_carried)
    assert dropped is not None
    assert dropped.status is CommitmentStatus.DROPPED
    assert dropped.closed_in_meeting_id == scene.meeting_id
    assert commands.stack.canUndo()


def test_recap_follows_every_change_and_switches_to_markdown(
    qtbot: QtBot, journal: Journal, commands: Commands, scene: Scene
) -> None:
    settings.set_setting(journal, "recap_intro", "Great talk — here's the list:")
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)
    text = dialog.recap_view.toPlainText()
    assert "Great talk — here's the list:" in text
    assert "Done:" not in text
    assert "- Send the pricing sheet — was due Fri 20 Nov" in text

    qtbot.keyClick(dialog.mine_list.view, Qt.Key.Key_D)
    text = dialog.recap_view.toPlainText()
    assert "Done:\n- Me: Send the pricing sheet" in text
    assert "- Send the pricing sheet —" not in text

    qtbot.mouseClick(dialog.markdown_button, Qt.MouseButton.LeftButton)
    assert dialog.markdown_button.isChecked()
    assert dialog.recap_view.toPlainText() == dialog.markdown_recap()
    assert "**Done:**" in dialog.recap_view.toPlainText()

    # An undo from anywhere (here, the stack itself) shows at once.
    commands.stack.undo()
    assert "Done" not in dialog.recap_view.toPlainText()
    qtbot.mouseClick(dialog.plain_button, Qt.MouseButton.LeftButton)
    assert dialog.recap_view.toPlainText() == dialog.plain_recap()


def test_dialog_undo_reaches_only_its_own_changes(
    qtbot: QtBot, journal: Journal, commands: Commands, scene: Scene
) -> None:
    commands.set_status(scene.theirs_new, CommitmentStatus.DONE, scene.meeting_id)
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)
    assert not dialog.undo_button.isEnabled()
    qtbot.keyClick(dialog.mine_list.view, Qt.Key.Key_D)
    assert dialog.undo_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    mine = commitments.get_commitment(journal, scene.mine_carried)
    assert mine is not None and mine.status is CommitmentStatus.OPEN
    assert not dialog.undo_button.isEnabled()
    dialog.undo()  # nothing of its own left: the earlier change stays
    theirs = commitments.get_commitment(journal, scene.theirs_new)
    assert theirs is not None and theirs.status is CommitmentStatus.DONE


def test_keyboard_moves_on_to_their_list_when_mine_is_settled(
    qtbot: QtBot, journal: Journal, commands: Commands, scene: Scene
) -> None:
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)
    qtbot.keyClick(dialog.mine_list.view, Qt.Key.Key_D)
    qtbot.keyClick(dialog.mine_list.view, Qt.Key.Key_D)
    assert dialog.mine_list.model.rowCount() == 0
    assert dialog.mine_list.empty.isVisible()
    assert dialog.theirs_list.view.hasFocus()
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_D)
    done = commitments.get_commitment(journal, scene.theirs_carried)
    assert done is not None and done.status is CommitmentStatus.DONE
    text = dialog.plain_recap()
    assert "I'll:" not in text
    assert "- Me: Send the pricing sheet\n- Me: Intro to the CFO at Acme\n- You:" in text


def test_next_date_uses_own_cadence_then_the_journal_default(
    qtbot: QtBot, journal: Journal, commands: Commands
) -> None:
    settings.set_setting(journal, "default_cadence_days", 10)
    own = reps.add_rep(journal, reps.NewRep("Bo", cadence_days=5))
    lone = reps.add_rep(journal, reps.NewRep("سارة"))
    a = meetings.add_meeting(journal, own.id, "2026-11-23T08:15")
    b = meetings.add_meeting(journal, lone.id, "2026-11-23T16:45")
    first = _dialog(qtbot, journal, commands, a.id)
    assert first.next_meeting_at() == "2026-11-28T08:15"
    second = _dialog(qtbot, journal, commands, b.id)
    assert second.next_meeting_at() == "2026-12-03T16:45"
    # Nothing open, nothing done: the recap is a greeting, the intro and the date.
    text = second.plain_recap()
    assert "I'll" not in text and "You'll" not in text and "Done" not in text
    assert "Hi \u2068سارة\u2069," in text
    assert text.endswith("Our next 1:1 is Thu 3 Dec at 16:45.\n")
    assert second.next_edit.hasFocus()
    # Begun at 13:29, not on the quarter: the next one is proposed at 13:30.
    c = meetings.add_meeting(journal, own.id, "2026-11-24T13:29")
    assert _dialog(qtbot, journal, commands, c.id).next_meeting_at() == "2026-11-29T13:30"


def test_an_already_scheduled_next_one_is_proposed(
    qtbot: QtBot, journal: Journal, commands: Commands, scene: Scene
) -> None:
    reps.update_rep(journal, scene.rep_id, next_meeting_at="2026-12-02T11:00")
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)
    assert dialog.next_meeting_at() == "2026-12-02T11:00"


def test_every_interactive_widget_is_named_and_nothing_paints_its_own_background(
    qtbot: QtBot, journal: Journal, commands: Commands, scene: Scene
) -> None:
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)
    interactive = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QPlainTextEdit)
    checked = 0
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, interactive) and widget.isVisibleTo(dialog):
            assert widget.accessibleName(), f"{type(widget).__name__} {widget}"
            checked += 1
        assert "background" not in widget.styleSheet()
    assert checked >= 10
    assert "background" not in dialog.styleSheet()
    # Fits a 1366×768 laptop with room for the task bar.
    hint = dialog.minimumSizeHint()
    assert hint.width() <= 1300 and hint.height() <= 700
    assert dialog.width() <= 1366 and dialog.height() <= 700


def test_from_the_main_window_and_undone_from_its_edit_menu(
    qtbot: QtBot, journal: Journal, scene: Scene, tmp_path: Path
) -> None:
    window = MainWindow(journal, QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)

    def settle_and_close() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, CloseOutDialog)
        qtbot.keyClick(dialog.mine_list.view, Qt.Key.Key_D)
        dialog.close_out()

    QTimer.singleShot(0, settle_and_close)
    window.close_out(scene.meeting_id)
    meeting = meetings.get_meeting(journal, scene.meeting_id)
    assert meeting is not None and meeting.closed_at is not None
    rep = reps.get_rep(journal, scene.rep_id)
    assert rep is not None and rep.next_meeting_at == "2026-12-07T10:30"
    window.undo_action.trigger()
    reopened = commitments.get_commitment(journal, scene.mine_carried)
    assert reopened is not None and reopened.status is CommitmentStatus.OPEN


def test_what_we_discussed_holds_the_picked_lines_and_never_private_text(
    qtbot: QtBot, journal: Journal, commands: Commands, scene: Scene
) -> None:
    meetings.update_meeting(
        journal,
        scene.meeting_id,
        notes="## Globex\n- **Pricing**: hold the line at 12%\n- Hiring plan for Q1\n",
    )
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)
    lines = [dialog.discussed_list.item(i).text() for i in range(dialog.discussed_list.count())]
    assert lines == ["Globex", "Pricing: hold the line at 12%", "Hiring plan for Q1"]
    assert not any(PRIVATE[:10] in line or MY_AGENDA[:10] in line for line in lines)
    dialog.discussed_list.setFocus()
    dialog.discussed_list.setCurrentRow(1)
    qtbot.keyClick(dialog.discussed_list, Qt.Key.Key_Space)  # tick it
    assert dialog.discussed() == ["Pricing: hold the line at 12%"]
    recap = dialog.recap_view.toPlainText()
    assert "What we discussed:\n- Pricing: hold the line at 12%" in recap
    assert "Hiring plan" not in recap and "🤫" not in recap and "commute" not in recap
    dialog.reject()


def test_email_the_recap_and_ask_for_theirs_open_mail_links(
    qtbot: QtBot,
    journal: Journal,
    commands: Commands,
    scene: Scene,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from urllib.parse import parse_qs, urlsplit

    from coachdesk.ui.rep import closeout

    reps.update_rep(journal, scene.rep_id, email="ana.ruiz@example.com")
    opened: list[str] = []
    monkeypatch.setattr(closeout, "open_link", lambda url: opened.append(url.toString()) or True)
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)
    dialog.email_button.click()
    parts = urlsplit(opened[-1])
    query = parse_qs(parts.query)
    assert (parts.scheme, parts.path) == ("mailto", "ana.ruiz@example.com")
    assert query["subject"] == ["Our 1:1 · Mon 23 Nov"]
    assert query["body"][0] == dialog.plain_recap()
    dialog.ask_button.click()
    body = parse_qs(urlsplit(opened[-1]).query)["body"][0]
    assert "What are you taking away from today?" in body and "What do you need from me?" in body
    # A recap too long for a mail link goes on the clipboard, and the dialog says so.
    long_notes = "\n".join(f"- point {n} " + "x" * 60 for n in range(40))
    meetings.update_meeting(journal, scene.meeting_id, notes=long_notes)
    dialog.reject()
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)
    for row in range(dialog.discussed_list.count()):
        dialog.discussed_list.item(row).setCheckState(Qt.CheckState.Checked)
    dialog.email_button.click()
    assert parse_qs(urlsplit(opened[-1]).query).get("body", [""]) == [""]
    assert QGuiApplication.clipboard().text() == dialog.plain_recap()
    assert "clipboard" in dialog.copied_label.text()
    dialog.reject()


def test_the_next_1_1_saved_for_the_calendar_reads_back_at_its_time(
    qtbot: QtBot,
    journal: Journal,
    commands: Commands,
    scene: Scene,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import stat

    from icalendar import Calendar

    from coachdesk.ui.rep import closeout

    target = tmp_path / "next.ics"
    monkeypatch.setattr(closeout, "ask_save_file", lambda *args: (target, ""))
    dialog = _dialog(qtbot, journal, commands, scene.meeting_id)
    dialog.next_edit.setDateTime(QDateTime(QDate(2026, 12, 7), QTime(10, 30)))
    assert dialog.save_calendar_file() == target
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == dt.datetime(2026, 12, 7, 10, 30).astimezone()
    assert str(event["summary"]) == "1:1 — Ana María Ruiz"
    text = target.read_text()
    assert "Globex" not in text and "pricing" not in text.lower()
    dialog.reject()
