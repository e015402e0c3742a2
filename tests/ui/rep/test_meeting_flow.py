"""A 1:1 from start to finish, driven through the window as a manager would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store import commitments, meetings, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import CommitmentStatus, Owner
from coachdesk.ui.widgets.autosave import IDLE_MS, MAX_WAIT_MS, qt_countdown
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.countdowns import ManualTime
from tests.ui.opening import wait_ready


def open_window(
    qtbot: QtBot, journal: Journal, tmp_path: Path, time: ManualTime | None = None
) -> MainWindow:
    """Show the main window on ``journal`` and make it the active window.

    With ``time``, autosave runs on that clock (the test moves it) instead of Qt's timers.
    """
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(journal, settings, countdowns=time or qt_countdown)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # The window opens on This week; pick the first rep as a person would.
    wait_ready(qtbot, window)
    window.roster.select_first()
    return window


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Click into a field and type, key by key."""
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    # QTest types ASCII only, and a new line is the Return key
    for number, line in enumerate(text.split("\n")):
        if number:
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        qtbot.keyClicks(widget, line)


def visible_text(window: MainWindow) -> str:
    """Everything a person could read on screen right now (visible text widgets)."""
    from PySide6.QtWidgets import QAbstractItemView, QLabel, QLineEdit, QPlainTextEdit

    parts: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not widget.isVisible():
            continue
        if isinstance(widget, QPlainTextEdit):
            parts.append(widget.toPlainText())
        elif isinstance(widget, QLabel | QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                index = model.index(row, 0)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                    value = index.data(role)
                    if value:
                        parts.append(str(value))
    return "\n".join(parts)


@pytest.fixture
def ana(journal: Journal) -> int:
    """A rep called Ana."""
    return reps.add_rep(journal, reps.NewRep("Ana Ruiz", title="Account Executive")).id


def test_write_a_one_on_one_and_find_it_after_reopening(
    qtbot: QtBot, data_paths: Paths, clock: FixedClock, tmp_path: Path
) -> None:
    journal = Journal.open(data_paths, clock=clock)
    reps.add_rep(journal, reps.NewRep("Ana Ruiz", title="Account Executive"))
    time = ManualTime()
    window = open_window(qtbot, journal, tmp_path, time)

    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = window.rep_page.editor
    assert editor.meeting is not None
    assert editor.editors["rep_agenda"].hasFocus()
    type_into(qtbot, editor.editors["rep_agenda"], "Acme renewal, pricing pushback")
    type_into(qtbot, editor.editors["notes"], "## Acme\n- **renewal** at risk ")
    editor.editors["notes"].insertPlainText("😬")  # pasted: QTest cannot type emoji
    editor.private_toggle.click()
    type_into(qtbot, editor.editors["private_notes"], "Seemed tired; ask about the move")

    row = editor.add_row
    for owner, text in (
        ("Rep", "Send Acme the revised quote"),
        ("Rep", "Book the Globex demo"),
        ("Me", "Get legal to review the MSA"),
        ("Me", "Intro to the solutions engineer"),
    ):
        row.owner.setCurrentIndex(row.owner.findText(owner))
        type_into(qtbot, row.text, text)
        qtbot.keyClick(row.text, Qt.Key.Key_Return)

    # autosave reaches the journal once typing pauses, without any explicit save
    meeting_id = editor.meeting.id
    time.advance(IDLE_MS)  # a pause as long as the idle timer
    assert not window.autosaver.has_pending
    saved = meetings.get_meeting(journal, meeting_id)
    assert saved is not None
    assert "😬" in saved.notes
    assert window.save_label.text() == "Saved"
    assert [c.owner for c in editor.made_here.model._rows] == [Owner.MANAGER] * 2 + [Owner.REP] * 2

    window.close()
    journal.close()

    again = Journal.open(data_paths, clock=clock)
    window2 = open_window(qtbot, again, tmp_path)
    editor2 = window2.rep_page.editor
    assert editor2.meeting is not None and editor2.meeting.id == meeting_id
    assert editor2.editors["rep_agenda"].toPlainText() == "Acme renewal, pricing pushback"
    assert editor2.editors["notes"].toPlainText() == "## Acme\n- **renewal** at risk 😬"
    assert editor2.editors["private_notes"].toPlainText() == "Seemed tired; ask about the move"
    assert not editor2.private_box.isVisible()  # collapsed by default
    texts = {c.text for c in commitments.made_in(again, meeting_id)}
    assert texts == {
        "Send Acme the revised quote",
        "Book the Globex demo",
        "Get legal to review the MSA",
        "Intro to the solutions engineer",
    }
    window2.close()
    again.close()


def test_continuous_typing_is_saved_at_least_every_second(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    meeting = meetings.add_meeting(journal, ana, "2026-11-23T09:00")
    time = ManualTime()
    window = open_window(qtbot, journal, tmp_path, time)
    notes = window.rep_page.editor.editors["notes"]
    notes.setFocus()
    typed_at: list[int] = []
    saved_at: dict[int, int] = {}  # length saved -> when it was first in the journal
    # A word every 100 ms for two and a half seconds: never a pause the idle timer sees.
    for _word in range(25):
        qtbot.keyClicks(notes, "word ")
        typed_at.append(time.now_ms)
        time.advance(100)
        current = meetings.get_meeting(journal, meeting.id)
        assert current is not None
        saved_at.setdefault(len(current.notes), time.now_ms)
    assert IDLE_MS > 100, "the test types faster than the idle timer"

    # Every word reached the journal within the maximum wait of being typed, but for the
    # ones typed in the last second (still pending, as designed).
    for n, when in enumerate(typed_at, start=1):
        saved = [t for length, t in saved_at.items() if length >= len("word ") * n]
        if saved:
            assert min(saved) - when <= MAX_WAIT_MS
        else:
            assert time.now_ms - when <= MAX_WAIT_MS
    assert len(saved_at) >= 3, "saved more than once while typing went on"

    # A pause as long as the idle timer saves the rest.
    time.advance(IDLE_MS)
    assert not window.autosaver.has_pending
    current = meetings.get_meeting(journal, meeting.id)
    assert current is not None and current.notes == "word " * 25


def test_text_undo_survives_autosave(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    meetings.add_meeting(journal, ana, "2026-11-23T09:00")
    time = ManualTime()
    window = open_window(qtbot, journal, tmp_path, time)
    notes = window.rep_page.editor.editors["notes"]
    type_into(qtbot, notes, "first")
    time.advance(IDLE_MS)  # a pause as long as the idle timer
    assert not window.autosaver.has_pending
    assert notes.document().isUndoAvailable()
    qtbot.keyClick(notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert notes.toPlainText() == ""


def test_commitment_open_through_three_skipped_weeks_is_offered_next_time(
    qtbot: QtBot, journal: Journal, clock: FixedClock, ana: int, tmp_path: Path
) -> None:
    first = meetings.add_meeting(journal, ana, "2026-10-26T09:00")
    mine = commitments.add_commitment(
        journal,
        ana,
        Owner.MANAGER,
        "Send the territory map",
        due_date="2026-10-30",
        meeting_id=first.id,
    )
    theirs = commitments.add_commitment(
        journal,
        ana,
        Owner.REP,
        "Update the Acme forecast",
        due_date="2026-11-02",
        meeting_id=first.id,
    )
    meetings.close_meeting(journal, first.id)
    # three weeks pass with no 1:1; today is 2026-11-23
    window = open_window(qtbot, journal, tmp_path)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    carried = window.rep_page.editor.carry_over
    assert [c.id for c in carried.model._rows] == [mine.id, theirs.id]  # mine first
    shown = carried.model.index(0, 0).data()
    # Late says so first, in a word and an icon, besides its colour.
    assert shown == "Late  ·  Me: Send the territory map  ·  was due Fri, 30 Oct"
    assert not carried.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole).isNull()
    assert carried.model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is not None

    # one key: D marks done, recorded as closed in this new meeting
    carried.view.setFocus()
    carried.view.setCurrentIndex(carried.model.index(0, 0))
    qtbot.keyClick(carried.view, Qt.Key.Key_D)
    done = commitments.get_commitment(journal, mine.id)
    assert done is not None and done.status is CommitmentStatus.DONE
    assert done.closed_in_meeting_id == window.rep_page.editor.meeting.id  # type: ignore[union-attr]
    assert [c.id for c in carried.model._rows] == [theirs.id]


def test_undo_brings_back_a_dropped_commitment(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    meeting = meetings.add_meeting(journal, ana, "2026-11-23T09:00")
    c = commitments.add_commitment(journal, ana, Owner.REP, "Call Globex", meeting_id=meeting.id)
    window = open_window(qtbot, journal, tmp_path)
    made = window.rep_page.editor.made_here
    made.view.setFocus()
    made.view.setCurrentIndex(made.model.index(0, 0))
    qtbot.keyClick(made.view, Qt.Key.Key_X)
    dropped = commitments.get_commitment(journal, c.id)
    assert dropped is not None and dropped.status is CommitmentStatus.DROPPED
    window.undo_action.trigger()
    back = commitments.get_commitment(journal, c.id)
    assert back is not None and back.status is CommitmentStatus.OPEN and back.closed_at is None
    window.redo_action.trigger()
    again = commitments.get_commitment(journal, c.id)
    assert again is not None and again.status is CommitmentStatus.DROPPED


def test_undo_brings_back_a_deleted_rep_with_everything(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    meeting = meetings.add_meeting(
        journal, ana, "2026-11-23T09:00", notes="Acme", private_notes="private words"
    )
    commitments.add_commitment(journal, ana, Owner.MANAGER, "Intro to SE", meeting_id=meeting.id)
    window = open_window(qtbot, journal, tmp_path)
    window.commands.delete_rep(ana)
    assert reps.get_rep(journal, ana) is None
    assert window.pages.currentWidget() is window.welcome
    window.undo_action.trigger()
    assert reps.get_rep(journal, ana) is not None
    back = meetings.get_meeting(journal, meeting.id)
    assert back is not None and back.private_notes == "private words"
    assert [c.text for c in commitments.open_commitments(journal, ana)] == ["Intro to SE"]
    assert window.rep_page.heading.text() == "Ana Ruiz"


def test_undo_brings_back_an_archived_rep(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    window = open_window(qtbot, journal, tmp_path)
    window.archive_action.trigger()
    assert reps.get_rep(journal, ana).archived_at is not None  # type: ignore[union-attr]
    window.undo_action.trigger()
    assert reps.get_rep(journal, ana).archived_at is None  # type: ignore[union-attr]


def test_sharing_mode_hides_every_private_thing(
    qtbot: QtBot, journal: Journal, clock: FixedClock, ana: int, tmp_path: Path
) -> None:
    meetings.add_meeting(
        journal,
        ana,
        "2026-11-09T09:00",
        rep_agenda="THEIR-POINTS",
        my_agenda="MY-POINTS",
        notes="SHARED-NOTES",
        private_notes="PRIVATE-NOTES",
    )
    window = open_window(qtbot, journal, tmp_path)
    window.rep_page.editor.private_toggle.click()
    before = visible_text(window)
    assert "PRIVATE-NOTES" in before and "MY-POINTS" in before
    assert "Past cadence" in before  # 14 days since the last 1:1, weekly cadence

    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.sharing.on
    during = visible_text(window)
    for hidden in ("PRIVATE-NOTES", "MY-POINTS", "Past cadence", "⚑"):
        assert hidden not in during
    for shown in ("THEIR-POINTS", "SHARED-NOTES", "Ana Ruiz"):
        assert shown in during
    # the roster's painted text follows too: grab it and compare with sharing off
    window.set_sharing(False)
    assert "PRIVATE-NOTES" in visible_text(window)


def test_roster_shows_rhythm_and_both_sides_counts(
    qtbot: QtBot, journal: Journal, clock: FixedClock, ana: int, tmp_path: Path
) -> None:
    bo = reps.add_rep(journal, reps.NewRep("Bo Chen", next_meeting_at="2026-11-24T10:00")).id
    m = meetings.add_meeting(journal, ana, "2026-11-19T09:00")
    for owner in (Owner.REP, Owner.REP, Owner.MANAGER):
        commitments.add_commitment(journal, ana, owner, "x", meeting_id=m.id)
    window = open_window(qtbot, journal, tmp_path)
    rows = {r.rep.id: r for r in window.roster.model._rows}
    assert rows[ana].status_line(show_flags=True) == "4 days since last 1:1"
    assert rows[ana].counts_text == "Theirs 2 · Mine 1"
    assert rows[ana].counts_said == "open commitments: 2 of theirs, 1 of mine"
    assert rows[bo].status_line(show_flags=True).startswith("Next 1:1 Tue, 24 Nov 10:00")
    clock.advance(days=5)
    window.reload()
    rows = {r.rep.id: r for r in window.roster.model._rows}
    # Past the cadence: said first, in a word and with the flag, not by colour alone.
    assert rows[ana].status_line(show_flags=True) == "⚑ Past cadence: 9 days since last 1:1"
    assert rows[ana].status_line(show_flags=False) == "9 days since last 1:1"


def test_a_failed_save_keeps_the_text_says_so_and_retries(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachdesk.store.errors import WriteFailed

    meeting = meetings.add_meeting(journal, ana, "2026-11-23T09:00")
    window = open_window(qtbot, journal, tmp_path)
    real = meetings.update_meeting
    failing = {"on": True}

    def flaky(j: Journal, meeting_id: int, **changes: str) -> None:
        if failing["on"]:
            raise WriteFailed("The disk is full, so the last change could not be saved.")
        real(j, meeting_id, **changes)

    monkeypatch.setattr(meetings, "update_meeting", flaky)
    notes = window.rep_page.editor.editors["notes"]
    type_into(qtbot, notes, "do not lose me")
    qtbot.waitUntil(lambda: window.save_label.text() == "Not saved — retrying", timeout=3000)
    assert notes.toPlainText() == "do not lose me"
    assert "disk is full" in window.statusBar().currentMessage()
    failing["on"] = False
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)
    saved = meetings.get_meeting(journal, meeting.id)
    assert saved is not None and saved.notes == "do not lose me"


def test_switching_reps_saves_at_once(
    qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path
) -> None:
    bo = reps.add_rep(journal, reps.NewRep("Bo Chen")).id
    meeting = meetings.add_meeting(journal, ana, "2026-11-23T09:00")
    window = open_window(qtbot, journal, tmp_path)
    notes = window.rep_page.editor.editors["notes"]
    type_into(qtbot, notes, "quick")
    window.roster.select_rep(bo)
    saved = meetings.get_meeting(journal, meeting.id)
    assert saved is not None and saved.notes == "quick"
    assert window.rep_page.heading.text() == "Bo Chen"
    QApplication.processEvents()


def test_kinds_and_date_are_saved(qtbot: QtBot, journal: Journal, ana: int, tmp_path: Path) -> None:
    meeting = meetings.add_meeting(journal, ana, "2026-11-23T09:00")
    window = open_window(qtbot, journal, tmp_path)
    editor = window.rep_page.editor
    editor.kind.setCurrentIndex(editor.kind.findText("Pipeline review"))
    saved = meetings.get_meeting(journal, meeting.id)
    assert saved is not None and saved.kind.value == "pipeline_review"
    editor.when.setDateTime(editor.when.dateTime().addDays(1))
    editor.when.editingFinished.emit()
    saved = meetings.get_meeting(journal, meeting.id)
    assert saved is not None and saved.held_at == "2026-11-24T09:00"
    assert dt.date(2026, 11, 24).isoformat() in saved.held_at


def test_a_laptop_shows_the_whole_1_1_and_the_questions_beside_it(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QScrollArea

    from tests.ui.layout_check import Finding, check

    rep = reps.add_rep(journal, reps.NewRep("Declan O'Brien", title="Senior AE"))
    earlier = meetings.add_meeting(journal, rep.id, "2026-11-16T09:00")
    for text in ("Send the QBR deck", "Confirm next steps in writing after each Fjordline meeting"):
        commitments.add_commitment(journal, rep.id, Owner.REP, text, meeting_id=earlier.id)
    meeting = meetings.add_meeting(journal, rep.id, "2026-11-23T09:00")
    commitments.add_commitment(journal, rep.id, Owner.MANAGER, "Ask legal", meeting_id=meeting.id)
    window = open_window(qtbot, journal, tmp_path)
    window.resize(1366, 738)
    editor = window.rep_page.editor
    qtbot.waitUntil(lambda: editor.meeting is not None and editor.meeting.id == meeting.id)
    scroll = editor.findChild(QScrollArea)
    assert scroll is not None
    # Everything, the commitments made in this 1:1 and the row to add one included.
    qtbot.waitUntil(lambda: scroll.verticalScrollBar().maximum() == 0, timeout=2000)
    assert editor.add_row.isVisible()

    # With the question bank open the editor is narrower: nothing scrolls sideways, is
    # drawn over or loses its text.
    window.questions_action.setChecked(True)
    qtbot.waitUntil(window.rep_page.questions.isVisible)

    def editor_faults() -> list[Finding]:
        return [f for f in check(window) if "MeetingEditor" in f.path]

    # (A row that goes on onto another line takes its new height on the next turn.)
    qtbot.waitUntil(lambda: not editor_faults(), timeout=2000)
    qtbot.waitUntil(lambda: not scroll.horizontalScrollBar().isVisible(), timeout=2000)
    button = editor.close_out_button
    assert button.width() >= button.sizeHint().width()
