"""The Settings dialog, driven as a manager would, checked against the journal."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.assembled import settings_schema as schema
from coachdesk.store import meetings, reps, settings, teams
from coachdesk.store.changes import Change
from coachdesk.store.db import Journal
from coachdesk.ui.settings.settings_dialog import SettingsDialog

SELECT_ALL = Qt.KeyboardModifier.ControlModifier


def open_dialog(qtbot: QtBot, journal: Journal) -> SettingsDialog:
    """Show the dialog on ``journal`` and make it the active window."""
    dialog = SettingsDialog(journal)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Click into a field, select what is there and type over it."""
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
    qtbot.keyClick(widget, Qt.Key.Key_A, SELECT_ALL)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def click_ok(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Press OK."""
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )


def click_cancel(qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Press Cancel."""
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton
    )


def type_in_open_editor(qtbot: QtBot, view: QAbstractItemView, text: str) -> None:
    """Type into the list's open in-place editor and press Enter."""
    editors = [e for e in view.viewport().findChildren(QLineEdit) if e.isVisible()]
    assert len(editors) == 1, "an editor should be open"
    editor = editors[0]
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClick(editor, Qt.Key.Key_A, SELECT_ALL)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The edit is committed on the next turn of the event loop; the list gets focus back.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)


def shown_questions(dialog: SettingsDialog) -> list[tuple[str, bool]]:
    """The question list as on screen: text and whether its box is ticked."""
    model = dialog.questions_page.view.model()
    rows = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        rows.append((str(index.data()), checked))
    return rows


def answer_question(
    monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton
) -> list[str]:
    """Answer the next confirmations with ``button``; returns the texts asked."""
    asked: list[str] = []

    def fake(parent: QWidget, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        asked.append(title + "\n" + text)
        return button

    monkeypatch.setattr(QMessageBox, "question", fake)
    return asked


def record_warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record warnings instead of showing them."""
    shown: list[str] = []

    def fake(parent: QWidget, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake)
    return shown


# ----------------------------------------------------------------- teams


def test_change_a_team_cadence_rename_and_add_a_team(qtbot: QtBot, journal: Journal) -> None:
    east = teams.add_team(journal, "Enterprise East", 7)
    teams.add_team(journal, "SMB", 14)
    dialog = open_dialog(qtbot, journal)
    rows = {row.name.text(): row for row in dialog.teams_page.rows}

    retype(qtbot, rows["Enterprise East"].cadence, "10")
    retype(qtbot, rows["SMB"].name, "Small business")
    qtbot.mouseClick(dialog.teams_page.add_button, Qt.MouseButton.LeftButton)
    new_name = QApplication.focusWidget()
    assert isinstance(new_name, QLineEdit)
    qtbot.keyClicks(new_name, "Mid-market")
    retype(qtbot, dialog.teams_page.default_cadence, "21")
    click_ok(qtbot, dialog)

    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    saved = {t.name: t.cadence_days for t in teams.list_teams(journal)}
    assert saved == {"Enterprise East": 10, "Small business": 14, "Mid-market": 7}
    assert teams.get_team(journal, east.id).cadence_days == 10  # type: ignore[union-attr]
    assert schema.read(journal, schema.DEFAULT_CADENCE_DAYS) == 21


def test_two_teams_may_swap_names(qtbot: QtBot, journal: Journal) -> None:
    teams.add_team(journal, "North", 7)
    teams.add_team(journal, "South", 14)
    dialog = open_dialog(qtbot, journal)
    north, south = dialog.teams_page.rows
    retype(qtbot, north.name, "South")
    retype(qtbot, south.name, "North")
    click_ok(qtbot, dialog)
    assert {t.name: t.cadence_days for t in teams.list_teams(journal)} == {
        "South": 7,
        "North": 14,
    }


def test_a_duplicate_or_empty_team_name_is_refused_and_nothing_saved(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    teams.add_team(journal, "North", 7)
    teams.add_team(journal, "South", 7)
    warnings = record_warnings(monkeypatch)
    before = journal.revision()
    dialog = open_dialog(qtbot, journal)
    north, south = dialog.teams_page.rows
    retype(qtbot, south.name, "north")
    retype(qtbot, dialog.templates_page.recap, "Changed")
    dialog.tabs.setCurrentWidget(dialog.templates_page)
    click_ok(qtbot, dialog)

    assert dialog.isVisible()
    assert warnings == ["Two teams cannot both be called “North”."]
    assert dialog.tabs.currentWidget() is dialog.teams_page
    assert south.name.hasFocus()
    assert journal.revision() == before

    retype(qtbot, north.name, "")
    retype(qtbot, south.name, "South")
    click_ok(qtbot, dialog)
    assert warnings[-1] == "Every team needs a name."
    assert journal.revision() == before


def test_the_skip_level_rule_is_explained(qtbot: QtBot, journal: Journal) -> None:
    dialog = open_dialog(qtbot, journal)
    from PySide6.QtWidgets import QLabel

    text = " ".join(label.text() for label in dialog.teams_page.findChildren(QLabel))
    assert "Skip-level" in text
    assert "monthly" in text


# ----------------------------------------------------------------- questions


def test_add_switch_off_edit_and_reorder_questions(qtbot: QtBot, journal: Journal) -> None:
    first, second, third = (q.text for q in settings.list_questions(journal)[:3])
    dialog = open_dialog(qtbot, journal)
    dialog.tabs.setCurrentWidget(dialog.questions_page)
    page = dialog.questions_page
    view = page.view

    # Add a question: the editor opens on a new last row.
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    type_in_open_editor(qtbot, view, "What would you try differently next time?")
    assert shown_questions(dialog)[-1] == ("What would you try differently next time?", True)

    # Switch the first one off with the keyboard (Space on the selected row).
    view.setCurrentIndex(view.model().index(0, 0))
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert shown_questions(dialog)[0] == (first, False)

    # Move the third up one place, then edit its text.
    view.setCurrentIndex(view.model().index(2, 0))
    qtbot.mouseClick(page.up_button, Qt.MouseButton.LeftButton)
    assert [text for text, _ in shown_questions(dialog)[:3]] == [first, third, second]
    assert view.currentIndex().row() == 1
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    type_in_open_editor(qtbot, view, "What's on your mind today?")

    # The second (now third) goes off with the button.
    view.setCurrentIndex(view.model().index(2, 0))
    qtbot.mouseClick(page.toggle_button, Qt.MouseButton.LeftButton)

    click_ok(qtbot, dialog)

    bank = settings.list_questions(journal, active_only=False)
    assert [(q.text, q.active) for q in bank[:3]] == [
        (first, False),
        ("What's on your mind today?", True),
        (second, False),
    ]
    assert (bank[-1].text, bank[-1].active) == ("What would you try differently next time?", True)
    offered = [q.text for q in settings.list_questions(journal)]
    assert first not in offered and second not in offered
    assert offered[0] == "What's on your mind today?"


def test_an_added_question_left_empty_is_dropped(qtbot: QtBot, journal: Journal) -> None:
    count = len(settings.list_questions(journal, active_only=False))
    dialog = open_dialog(qtbot, journal)
    dialog.tabs.setCurrentWidget(dialog.questions_page)
    qtbot.mouseClick(dialog.questions_page.add_button, Qt.MouseButton.LeftButton)
    assert len(shown_questions(dialog)) == count + 1
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.questions_page.view)
    assert len(shown_questions(dialog)) == count
    before = journal.revision()
    click_ok(qtbot, dialog)
    assert journal.revision() == before


def test_a_question_cannot_be_emptied(qtbot: QtBot, journal: Journal) -> None:
    first = settings.list_questions(journal)[0].text
    dialog = open_dialog(qtbot, journal)
    dialog.tabs.setCurrentWidget(dialog.questions_page)
    view = dialog.questions_page.view
    view.setCurrentIndex(view.model().index(0, 0))
    qtbot.mouseClick(dialog.questions_page.edit_button, Qt.MouseButton.LeftButton)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    qtbot.keyClick(editor, Qt.Key.Key_A, SELECT_ALL)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
    assert shown_questions(dialog)[0][0] == first


# ----------------------------------------------------------------- templates


def test_edit_the_agenda_template_and_the_recap_line(qtbot: QtBot, journal: Journal) -> None:
    dialog = open_dialog(qtbot, journal)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentWidget() is dialog.templates_page
    page = dialog.templates_page
    retype(qtbot, page.agenda, "- Pipeline")
    qtbot.keyClick(page.agenda, Qt.Key.Key_Return)
    qtbot.keyClicks(page.agenda, "- Coaching moment")
    retype(qtbot, page.recap, "Great talk. Here is what we agreed:")
    click_ok(qtbot, dialog)

    assert schema.read(journal, schema.MY_AGENDA_TEMPLATE) == "- Pipeline\n- Coaching moment"
    assert schema.read(journal, schema.RECAP_INTRO) == "Great talk. Here is what we agreed:"


# ----------------------------------------------------------------- privacy


def _meeting(journal: Journal, name: str, held_at: str) -> int:
    rep = reps.add_rep(journal, reps.NewRep(name))
    return meetings.add_meeting(
        journal,
        rep.id,
        held_at,
        my_agenda="agenda " + name,
        notes="shared " + name,
        private_notes="private " + name,
    ).id


def test_turning_on_retention_asks_first_then_clears_old_private_notes(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The clock says 2026-11-23: twelve months back is 2025-11-23.
    old = _meeting(journal, "Old", "2025-11-22T09:00")
    edge = _meeting(journal, "Edge", "2025-11-23T09:00")
    recent = _meeting(journal, "Recent", "2026-11-16T09:00")
    asked = answer_question(monkeypatch, QMessageBox.StandardButton.Yes)

    dialog = open_dialog(qtbot, journal)
    page = dialog.privacy_page
    assert not page.retention_on.isChecked()
    assert not page.months.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentWidget() is page
    qtbot.keyClick(dialog, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(page.retention_on.isChecked)  # a mnemonic clicks after a short flash
    assert page.months.isEnabled()
    retype(qtbot, page.months, "12")
    assert "clear now: 1 " in page.preview.text()
    click_ok(qtbot, dialog)

    assert len(asked) == 1
    assert "cannot be undone" in asked[0]
    assert "clears now: 1 " in asked[0]
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert dialog.cleared_count == 1
    assert schema.read(journal, schema.PRIVATE_NOTES_RETENTION_MONTHS) == 12
    notes = {m: meetings.get_meeting(journal, m) for m in (old, edge, recent)}
    assert notes[old].private_notes == ""  # type: ignore[union-attr]
    assert notes[old].my_agenda == "agenda Old"  # type: ignore[union-attr]
    assert notes[old].notes == "shared Old"  # type: ignore[union-attr]
    assert notes[edge].private_notes == "private Edge"  # type: ignore[union-attr]
    assert notes[recent].private_notes == "private Recent"  # type: ignore[union-attr]


def test_saying_no_to_retention_keeps_the_dialog_open_and_the_notes(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = _meeting(journal, "Old", "2020-01-06T09:00")
    asked = answer_question(monkeypatch, QMessageBox.StandardButton.Cancel)
    before = journal.revision()
    dialog = open_dialog(qtbot, journal)
    dialog.privacy_page.retention_on.setChecked(True)
    click_ok(qtbot, dialog)

    assert len(asked) == 1
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is dialog.privacy_page
    assert journal.revision() == before
    assert meetings.get_meeting(journal, old).private_notes == "private Old"  # type: ignore[union-attr]
    assert schema.read(journal, schema.PRIVATE_NOTES_RETENTION_MONTHS) is None


def test_switching_retention_off_asks_nothing(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.set_setting(journal, schema.PRIVATE_NOTES_RETENTION_MONTHS.key, 24)
    asked = answer_question(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog = open_dialog(qtbot, journal)
    assert dialog.privacy_page.retention_on.isChecked()
    assert dialog.privacy_page.months.value() == 24
    dialog.privacy_page.retention_on.setChecked(False)
    click_ok(qtbot, dialog)
    assert asked == []
    assert schema.read(journal, schema.PRIVATE_NOTES_RETENTION_MONTHS) is None


def test_privacy_tells_where_the_journal_lives(qtbot: QtBot, journal: Journal) -> None:
    from PySide6.QtWidgets import QLabel

    dialog = open_dialog(qtbot, journal)
    text = " ".join(label.text() for label in dialog.privacy_page.findChildren(QLabel))
    assert str(journal.path) in text


# ----------------------------------------------------------------- OK and Cancel


def test_cancel_changes_nothing(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    teams.add_team(journal, "East", 7)
    _meeting(journal, "Old", "2020-01-06T09:00")
    asked = answer_question(monkeypatch, QMessageBox.StandardButton.Yes)
    before_revision = journal.revision()
    before_settings = settings.all_settings(journal)
    before_questions = settings.list_questions(journal, active_only=False)

    dialog = open_dialog(qtbot, journal)
    retype(qtbot, dialog.teams_page.rows[0].cadence, "30")
    qtbot.mouseClick(dialog.teams_page.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(QApplication.focusWidget(), "West")
    dialog.questions_page.toggle_current()
    dialog.questions_page.move_current(1)
    retype(qtbot, dialog.templates_page.agenda, "changed")
    dialog.privacy_page.retention_on.setChecked(True)
    click_cancel(qtbot, dialog)

    assert dialog.result() == SettingsDialog.DialogCode.Rejected
    assert asked == []
    assert journal.revision() == before_revision
    assert settings.all_settings(journal) == before_settings
    assert settings.list_questions(journal, active_only=False) == before_questions
    assert [(t.name, t.cadence_days) for t in teams.list_teams(journal)] == [("East", 7)]


def test_ok_without_changes_writes_nothing(qtbot: QtBot, journal: Journal) -> None:
    teams.add_team(journal, "East", 7)
    before = journal.revision()
    dialog = open_dialog(qtbot, journal)
    click_ok(qtbot, dialog)
    assert dialog.result() == SettingsDialog.DialogCode.Accepted
    assert journal.revision() == before


def test_ok_saves_each_changed_subject_in_one_transaction(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    teams.add_team(journal, "East", 7)
    teams.add_team(journal, "West", 7)
    _meeting(journal, "Old", "2020-01-06T09:00")
    answer_question(monkeypatch, QMessageBox.StandardButton.Yes)
    heard: list[Change] = []
    journal.add_listener(heard.append)
    before = journal.revision()

    dialog = open_dialog(qtbot, journal)
    for row in dialog.teams_page.rows:
        retype(qtbot, row.cadence, "14")
    retype(qtbot, dialog.teams_page.default_cadence, "10")
    retype(qtbot, dialog.templates_page.recap, "Hi")
    dialog.questions_page.move_current(1)
    dialog.questions_page.toggle_current()
    dialog.privacy_page.retention_on.setChecked(True)
    click_ok(qtbot, dialog)

    assert [c.subjects for c in heard] == [
        frozenset({"teams"}),
        frozenset({"settings"}),
        frozenset({"questions"}),
        frozenset({"meetings"}),
    ]
    assert journal.revision() == before + 4


# ----------------------------------------------------------------- reach and looks


def _interactive(dialog: SettingsDialog) -> list[QWidget]:
    found: list[QWidget] = []
    for widget in dialog.findChildren(QWidget):
        parent = widget.parentWidget()
        # The line edit inside a spin box and the tab bar's scroll arrows belong to
        # their owner, which carries the name.
        if isinstance(parent, QAbstractSpinBox | QTabBar):
            continue
        if isinstance(
            widget,
            QAbstractButton | QLineEdit | QSpinBox | QPlainTextEdit | QAbstractItemView,
        ):
            found.append(widget)
    return found


def test_every_interactive_widget_has_an_accessible_name(qtbot: QtBot, journal: Journal) -> None:
    teams.add_team(journal, "East", 7)
    dialog = open_dialog(qtbot, journal)
    dialog.teams_page.add_team()
    nameless = [
        f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}"
        for w in _interactive(dialog)
        if not w.accessibleName()
    ]
    assert nameless == []


def test_teams_page_is_reachable_with_tab_in_reading_order(qtbot: QtBot, journal: Journal) -> None:
    teams.add_team(journal, "East", 7)
    dialog = open_dialog(qtbot, journal)
    dialog.teams_page.add_team()
    east, new = dialog.teams_page.rows
    page = dialog.teams_page
    # The reminder's minutes are passed over while reminders are off.
    expected = [page.remind, east.name, east.cadence, new.name, new.cadence, page.add_button]
    dialog.teams_page.default_cadence.setFocus()
    qtbot.waitUntil(dialog.teams_page.default_cadence.hasFocus)
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget


def test_fits_a_small_laptop_screen_and_sets_no_colours(qtbot: QtBot, journal: Journal) -> None:
    for n in range(30):
        teams.add_team(journal, f"Team {n:02d}", 7)
    dialog = open_dialog(qtbot, journal)
    for index in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(index)
        hint = dialog.minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 700
    assert dialog.width() <= 1366 and dialog.height() <= 700
    # Colours come from the palette, so a dark palette works: no style sheets here.
    assert all(not w.styleSheet() for w in [dialog, *dialog.findChildren(QWidget)])


def test_changing_the_months_of_a_rule_asks_again(
    qtbot: QtBot, journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.set_setting(journal, schema.PRIVATE_NOTES_RETENTION_MONTHS.key, 24)
    middle = _meeting(journal, "Middle", "2025-06-02T09:00")
    asked = answer_question(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog = open_dialog(qtbot, journal)
    dialog.tabs.setCurrentWidget(dialog.privacy_page)
    retype(qtbot, dialog.privacy_page.months, "6")
    click_ok(qtbot, dialog)
    assert len(asked) == 1
    assert "more than 6 months ago" in asked[0]
    assert meetings.get_meeting(journal, middle).private_notes == ""  # type: ignore[union-attr]


def test_each_kind_of_meeting_has_its_own_agenda(qtbot: QtBot, journal: Journal) -> None:
    from coachdesk.store.records import MeetingKind

    dialog = open_dialog(qtbot, journal)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    page = dialog.templates_page
    retype(qtbot, page.agenda, "- Wins")
    qtbot.keyClick(page, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # the kind
    assert page.kind.hasFocus()
    page.kind.setCurrentIndex(page.kind.findData(MeetingKind.QBR))
    assert "The quarter in numbers" in page.agenda.toPlainText()
    retype(qtbot, page.agenda, "- The quarter, your words")
    page.kind.setCurrentIndex(page.kind.findData(MeetingKind.ONE_ON_ONE))
    assert page.agenda.toPlainText() == "- Wins", "each kind keeps what was typed for it"
    click_ok(qtbot, dialog)
    assert schema.agenda_template(journal, MeetingKind.ONE_ON_ONE) == "- Wins"
    assert schema.agenda_template(journal, MeetingKind.QBR) == "- The quarter, your words"
    assert "What you'd keep" in schema.agenda_template(journal, MeetingKind.ROLE_PLAY)


def test_reminders_are_off_until_switched_on_with_their_minutes(
    qtbot: QtBot, journal: Journal
) -> None:
    dialog = open_dialog(qtbot, journal)
    page = dialog.teams_page
    assert not page.remind.isChecked() and not page.remind_minutes.isEnabled()
    page.remind.setFocus()
    qtbot.keyClick(page.remind, Qt.Key.Key_Space)
    assert page.remind_minutes.isEnabled() and page.remind_minutes.value() == 10
    retype(qtbot, page.remind_minutes, "5")
    click_ok(qtbot, dialog)
    assert schema.read(journal, schema.REMINDER_MINUTES) == 5
