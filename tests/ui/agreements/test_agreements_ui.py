"""Agreements through the window: written both ways, activated, revised, compared, a step
used; the flags they raise, hidden when sharing and cleared; the team agreement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.assembled.timeline import TimelineGroup
from coachdesk.coaching.agreements import Change
from coachdesk.dates import FixedClock
from coachdesk.store import agreements, commitments, reps, teams
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import (
    AgreementContent,
    AgreementSection,
    AgreementStatus,
    CommitmentStatus,
    Owner,
)
from coachdesk.ui.agreements.agreement_page import AgreementPage, StepUseDialog
from coachdesk.ui.agreements.team_agreement import (
    AgreementSettingsDialog,
    TeamAgreementDialog,
    open_agreement_settings,
)
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.rep.test_meeting_flow import open_window, type_into, visible_text
from tests.ui.window.sharing_keys import answer_leaving


def screen_text(window: MainWindow) -> str:
    """What a person could read on screen, rich and growing text boxes included."""
    from PySide6.QtWidgets import QTextEdit

    parts = [visible_text(window)]
    for widget in window.findChildren(QTextEdit):
        if widget.isVisibleTo(window) and widget.isVisible():
            parts.append(widget.toPlainText())
    return "\n".join(parts)


def agreement_page(qtbot: QtBot, window: MainWindow) -> AgreementPage:
    """Show the Agreement tab of the selected rep."""
    page = next(p for p in window.rep_page._pages if isinstance(p, AgreementPage))
    window.rep_page.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.isVisible)
    return page


def press(qtbot: QtBot, button: QWidget) -> None:
    """Press a button from the keyboard: focus it, then Space."""
    assert button.isVisible() and button.isEnabled(), button.accessibleName()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Space)


def when_modal(handle: Callable[[QDialog], None]) -> None:
    """Handle the next modal dialog as soon as it is shown."""

    def attempt() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            handle(dialog)
        else:
            QTimer.singleShot(20, attempt)

    QTimer.singleShot(0, attempt)


def saved(qtbot: QtBot, page: AgreementPage) -> None:
    """Wait until the draft has reached the journal."""
    qtbot.waitUntil(lambda: not page.autosaver.has_pending, timeout=3000)


def test_an_agreement_written_both_ways_activated_revised_compared_and_a_step_used(
    qtbot: QtBot, journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", start_date="2025-03-03")).id
    window = open_window(qtbot, journal, tmp_path)
    page = agreement_page(qtbot, window)
    assert page.status_label.text() == "No agreement yet."

    press(qtbot, page.blank_button)
    editor = page.editor
    assert editor.fields["expect_of_them"].hasFocus()
    type_into(qtbot, editor.fields["expect_of_them"], "Keep the CRM current by Friday\nOwn agenda")
    type_into(qtbot, editor.fields["expect_of_me"], "Answers within 24 hours\nAir cover")
    type_into(qtbot, editor.fields["communication"], "Emergency: text\nRoutine: chat")
    type_into(
        qtbot,
        editor.fields["their_steps"],
        "1. A gentle reminder\n"
        "2. Take me to lunch, something's going on\n"
        "3. A formal plan together",
    )
    type_into(qtbot, editor.fields["my_steps"], "Tell me straight\nEmail me and ask for a date")
    saved(qtbot, page)
    draft = agreements.draft_agreement(journal, AgreementOwner.rep(ana))
    assert draft is not None
    assert draft.texts(AgreementSection.THEIR_STEPS) == (
        "A gentle reminder",
        "Take me to lunch, something's going on",
        "A formal plan together",
    )
    assert draft.texts(AgreementSection.MY_STEPS) == (
        "Tell me straight",
        "Email me and ask for a date",
    )
    assert [(i.label, i.text) for i in draft.section(AgreementSection.COMMUNICATION)] == [
        ("Emergency", "text"),
        ("Routine", "chat"),
    ]
    # Agreed today and reviewed three months on unless changed.
    assert (draft.agreed_on, draft.review_on) == ("2026-11-23", "2027-02-23")

    press(qtbot, page.activate_button)
    v1 = agreements.active_agreement(journal, AgreementOwner.rep(ana))
    assert v1 is not None and v1.version == 1
    assert page.status_label.text().startswith("Version 1, in force: agreed Mon, 23 Nov 2026")
    assert page.viewer is not None
    shown = page.viewer.toPlainText()
    assert "If I don’t hold up my end, I’d like you to…" in shown
    assert "In Ana’s own words, in the order they chose." in shown
    assert "Take me to lunch, something's going on" in shown
    assert "warning" not in shown.casefold()
    # On the timeline once agreement events are shown there.
    window.rep_page.timeline_filter.toggles[TimelineGroup.AGREEMENTS].click()
    assert window.rep_page.timeline.model_._rows[0].title == "Agreement v1 agreed"

    # Revising makes a draft; the version in force stays until the draft is activated.
    press(qtbot, page.revise_button)
    first_line = editor.fields["expect_of_them"]
    first_line.selectAll()
    type_into(qtbot, first_line, "Keep the CRM current by Thursday noon\nOwn agenda")
    saved(qtbot, page)
    assert agreements.active_agreement(journal, AgreementOwner.rep(ana)) == v1
    press(qtbot, page.activate_button)
    versions = agreements.rep_versions(journal, ana)
    assert [(v.version, v.status) for v in versions] == [
        (1, AgreementStatus.SUPERSEDED),
        (2, AgreementStatus.ACTIVE),
    ]

    press(qtbot, page.compare_button)
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None)
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    changed = [r for r in dialog.diff_rows if r.change is not Change.SAME]  # type: ignore[attr-defined]
    assert [(r.left, r.right) for r in changed] == [
        ("- Keep the CRM current by Friday", "- Keep the CRM current by Thursday noon")
    ]
    text = dialog.view.toPlainText()  # type: ignore[attr-defined]
    assert "v1 — earlier, agreed Mon, 23 Nov 2026" in text and "v2 — in force" in text
    assert "changed" in text
    dialog.only_changes.setChecked(True)  # type: ignore[attr-defined]
    assert "Own agenda" not in dialog.view.toPlainText()  # type: ignore[attr-defined]
    dialog.reject()

    # A step of Ana's ladder is used, as she asked for it.
    clock.advance(days=2)

    def record(dialog: QDialog) -> None:
        assert isinstance(dialog, StepUseDialog)
        steps = [dialog.step.itemText(i) for i in range(dialog.step.count())]
        assert steps == [
            "Ana's step 1: A gentle reminder",
            "Ana's step 2: Take me to lunch, something's going on",
            "Ana's step 3: A formal plan together",
            "My step 1: Tell me straight",
            "My step 2: Email me and ask for a date",
        ]
        dialog.step.setCurrentIndex(1)
        type_into(qtbot, dialog.note, "We're at step 2, as you asked.")
        dialog.accept()

    when_modal(record)
    press(qtbot, page.step_button)
    uses = agreements.step_uses(journal, ana)
    assert [(u.step_number, u.used_on, u.note) for u in uses] == [
        (2, "2026-11-25", "We're at step 2, as you asked.")
    ]
    assert "Ana's step 2" in page.step_list.item(0).text()
    top = window.rep_page.timeline.model_._rows[0]
    assert (top.kind, top.when) == ("agreement_step", "2026-11-25")
    assert top.title == "Step 2 of their ladder: Take me to lunch, something's going on"
    assert top.summary == "We're at step 2, as you asked."
    assert "We're at step 2, as you asked." in screen_text(window)


def test_my_end_shows_my_promises_beside_my_commitments_for_the_quarter(
    qtbot: QtBot, journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", start_date="2025-03-03")).id
    draft = agreements.start_draft(
        journal,
        AgreementOwner.rep(ana),
        AgreementContent(expect_of_me=("Answers within 24 hours",), my_steps=("Tell me",)),
    )
    agreements.activate(journal, draft.id, dt.date(2026, 11, 23))
    kept = commitments.add_commitment(journal, ana, Owner.MANAGER, "Intro", due_date="2026-11-20")
    commitments.set_status(journal, kept.id, CommitmentStatus.DONE)  # done on the 23rd: late
    commitments.add_commitment(journal, ana, Owner.MANAGER, "Legal review", due_date="2026-11-30")
    commitments.add_commitment(journal, ana, Owner.MANAGER, "Map", due_date="2026-11-02")
    commitments.add_commitment(journal, ana, Owner.REP, "Not mine", due_date="2026-11-02")
    # Four 1:1s planned this quarter: I moved one and skipped one; she moved one.
    from coachdesk.store import meetings
    from coachdesk.store.records import Party

    planned = [
        meetings.schedule_meeting(journal, ana, f"2026-{day}T10:00")
        for day in ("10-05", "10-19", "11-02", "11-16")
    ]
    meetings.move_meeting(journal, planned[0].id, "2026-10-06T10:00", by=Party.ME)
    meetings.skip_meeting(journal, planned[1].id, by=Party.ME)
    meetings.move_meeting(journal, planned[2].id, "2026-11-03T10:00", by=Party.REP)
    window = open_window(qtbot, journal, tmp_path)
    page = agreement_page(qtbot, window)
    page.inner.setCurrentWidget(page.my_end)

    view = page.my_end
    assert view.quarter_label.text() == "2026-Q4"
    assert [view.promises.item(i).text() for i in range(view.promises.count())] == [
        "Answers within 24 hours"
    ]
    assert view.summary.text() == "0 kept · 2 late · 1 open · 0 dropped"
    assert view.rhythm.text() == "1:1s planned this quarter: 4 · I moved 1 of them · I skipped 1"
    rows = [view.kept.item(i).text() for i in range(view.kept.count())]
    assert rows[0].startswith("Late — Map") and rows[-1].startswith("Open — Legal review")
    press(qtbot, view.next_button)
    assert view.quarter_label.text() == "2027-Q1"
    assert view.summary.text() == "0 kept · 0 late · 0 open · 0 dropped"


def test_flags_appear_hide_when_sharing_and_clear(
    qtbot: QtBot, journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    north = teams.add_team(journal, "North")
    new = reps.add_rep(journal, reps.NewRep("Nia Starter", start_date="2026-11-30")).id
    due = reps.add_rep(journal, reps.NewRep("Omar Due", start_date="2024-01-08")).id
    kept_on = reps.add_rep(
        journal, reps.NewRep("Pia Takeover", team_id=north.id, start_date="2023-05-01")
    ).id
    for rep_id, agreed in ((due, "2026-08-01"), (kept_on, "2026-10-01")):
        draft = agreements.start_draft(
            journal,
            AgreementOwner.rep(rep_id),
            AgreementContent(expect_of_them=("CRM",), agreed_on=agreed),
        )
        agreements.activate(journal, draft.id, dt.date.fromisoformat(agreed))
    window = open_window(qtbot, journal, tmp_path)

    # The takeover is entered in the Team menu's settings, on the Teams tab.
    def take_over(dialog: QDialog) -> None:
        assert isinstance(dialog, AgreementSettingsDialog)
        dialog.choose_team(north.id)
        dialog.taken_over.setChecked(True)
        dialog.taken_on.setDate(QDate(2026, 11, 2))
        dialog.accept()

    settings_dialog = open_agreement_settings(window)
    take_over(settings_dialog)
    qtbot.waitUntil(lambda: not settings_dialog.isVisible())
    assert agreements.taken_over_dates(journal) == {north.id: "2026-11-02"}

    expected = {
        new: "Expectations conversation due (starts Mon, 30 Nov)",
        due: "Agreement review due (Sun, 1 Nov)",
        kept_on: "Expectations conversation due (you took over the team on Mon, 2 Nov)",
    }
    for rep_id, flag in expected.items():
        assert window.roster.select_rep(rep_id)
        qtbot.waitUntil(
            lambda r=rep_id: window.rep_page.rep is not None and window.rep_page.rep.id == r
        )
        assert flag in window.rep_page.flags_label.text()
        assert window.rep_page.flags_label.isVisible()
        assert flag in screen_text(window)

    # Sharing mode hides every flag, on the rep page and in the roster.
    qtbot.keyClick(
        window,
        Qt.Key.Key_H,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.sharing.on
    assert not window.rep_page.flags_label.isVisible()
    on_screen = screen_text(window)
    for flag in expected.values():
        assert flag not in on_screen
    answer_leaving(qtbot, window)  # leaving asks first; Alt+L leaves
    assert not window.sharing.on

    # Acting on each flag clears it: agree with the new rep, review, agree after the takeover.
    for rep_id in (new, due, kept_on):
        assert window.roster.select_rep(rep_id)
        qtbot.waitUntil(
            lambda r=rep_id: window.rep_page.rep is not None and window.rep_page.rep.id == r
        )
        page = agreement_page(qtbot, window)
        if rep_id == new:
            press(qtbot, page.template_button)
            assert page.editor.fields["expect_of_them"].toPlainText().startswith("Keep the CRM")
        else:
            press(qtbot, page.revise_button)
        press(qtbot, page.activate_button)
        assert expected[rep_id] not in window.rep_page.flags_label.text()
        assert expected[rep_id] not in screen_text(window)


def test_the_team_agreement_is_versioned(
    qtbot: QtBot, journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    window = open_window(qtbot, journal, tmp_path)
    menu_texts = [a.text() for a in window.team_menu.actions()]
    assert "Team &agreement…" in menu_texts
    window.team_actions["team_agreement"].trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), TeamAgreementDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, TeamAgreementDialog)
    assert dialog.team.currentText() == "The whole team"

    press(qtbot, dialog.start_button)
    type_into(qtbot, dialog.editor.fields["how_we_work"], "Forecast calls start on time")
    type_into(qtbot, dialog.editor.fields["expect_of_me"], "Fridays stay free of meetings")
    qtbot.waitUntil(lambda: not dialog.autosaver.has_pending, timeout=3000)
    press(qtbot, dialog.activate_button)
    assert dialog.viewer is not None
    assert "Forecast calls start on time" in dialog.viewer.toPlainText()

    press(qtbot, dialog.revise_button)
    type_into(qtbot, dialog.editor.fields["how_we_work"], "\nWins go in the channel")
    qtbot.waitUntil(lambda: not dialog.autosaver.has_pending, timeout=3000)
    press(qtbot, dialog.activate_button)

    owner = AgreementOwner.team(None)
    versions = agreements.versions(journal, owner)
    assert [(v.version, v.status) for v in versions] == [
        (1, AgreementStatus.SUPERSEDED),
        (2, AgreementStatus.ACTIVE),
    ]
    assert versions[1].texts(AgreementSection.HOW_WE_WORK) == (
        "Forecast calls start on time",
        "Wins go in the channel",
    )
    compare = dialog.controller.compare()
    assert compare is not None
    assert [(r.change, r.right) for r in compare.diff_rows if r.change is not Change.SAME] == [
        (Change.ADDED, "- Wins go in the channel")
    ]
    compare.reject()
    dialog.reject()
    # A team's agreement is nobody's timeline.
    assert all(e.kind == "meeting" for e in window.rep_page.timeline.model_._rows)


@pytest.mark.parametrize("dark", [False, True])
def test_long_lists_and_texts_stay_usable(
    qtbot: QtBot, journal: Journal, tmp_path: Path, dark: bool
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    long_list = tuple(f"Expectation number {n} with a few words" for n in range(80))
    essay = " ".join(["word"] * 5000)
    agreements.start_draft(
        journal,
        AgreementOwner.rep(ana),
        AgreementContent(expect_of_them=long_list, more_needed=essay),
    )
    window = open_window(qtbot, journal, tmp_path)
    if dark:
        window.set_dark(True)
    page = agreement_page(qtbot, window)
    edit = page.editor.fields["expect_of_them"]
    qtbot.waitUntil(lambda: edit.height() > 80 * edit.fontMetrics().lineSpacing())
    essay_box = page.editor.fields["more_needed"]
    qtbot.waitUntil(lambda: essay_box.height() > 20 * essay_box.fontMetrics().lineSpacing())
    assert essay_box.toPlainText() == essay
    if dark:
        window.set_dark(False)


def test_a_store_action_says_what_the_user_can_fix_and_leaves_a_bug_to_the_crash_handler(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from coachdesk.store.errors import InvalidInput
    from coachdesk.ui.agreements.agreement_parts import run_safely

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: told.append(box.text()) or 0)

    def refused() -> None:
        raise InvalidInput("The next review cannot be before the day it was agreed.")

    def broken() -> None:
        raise ValueError("an argument our own code got wrong")

    assert run_safely(None, "Not saved", refused) is False
    assert told == ["The next review cannot be before the day it was agreed."]
    with pytest.raises(ValueError, match="our own code"):
        run_safely(None, "Not saved", broken)
    assert len(told) == 1  # the bug was not shown as if the user could fix it
    assert run_safely(None, "Not saved", lambda: None) is True
