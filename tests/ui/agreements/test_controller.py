"""One draft workflow for a rep's agreement and the team's, through the same controller:
start, revise, activate, compare and discard, pressed as a person would; every day it
uses is the journal clock's."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from coachdesk.assembled.timeline import TimelineGroup
from coachdesk.coaching.agreements import Change
from coachdesk.dates import FixedClock
from coachdesk.store import agreements, reps, teams
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import AgreementContent, AgreementSection, AgreementStatus
from coachdesk.ui.agreements.agreement_page import AgreementPage, StepUseDialog
from coachdesk.ui.agreements.agreement_parts import CompareDialog
from coachdesk.ui.agreements.controller import AgreementController
from coachdesk.ui.agreements.team_agreement import TeamAgreementDialog, open_team_agreement
from coachdesk.ui.window.main_window import MainWindow
from tests.ui.agreements.test_agreements_ui import agreement_page, press
from tests.ui.modal import ModalAnswer
from tests.ui.rep.test_meeting_flow import open_window, type_into


@dataclass
class Opened:
    """An agreement on screen, and what differs between a rep's and the team's."""

    window: MainWindow
    view: AgreementPage | TeamAgreementDialog
    owner: AgreementOwner
    start_button: QPushButton
    first_field: str  # where the cursor goes in a new draft
    first_section: AgreementSection
    nothing_yet: str  # the status before there is any version
    history_title: str

    @property
    def controller(self) -> AgreementController:
        return self.view.controller


def open_agreement(kind: str, qtbot: QtBot, journal: Journal, tmp_path: Path) -> Opened:
    """Ana Ruiz's agreement on her page, or team North's in the Team menu's dialog."""
    north = teams.add_team(journal, "North")
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", team_id=north.id)).id
    window = open_window(qtbot, journal, tmp_path)
    if kind == "rep":
        page = agreement_page(qtbot, window)
        return Opened(
            window,
            page,
            AgreementOwner.rep(ana),
            page.blank_button,
            "expect_of_them",
            AgreementSection.EXPECT_OF_THEM,
            "No agreement yet.",
            "Agreement history — Ana Ruiz",
        )
    dialog = open_team_agreement(window)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is dialog)
    dialog.team.setCurrentIndex(dialog.team.findData(north.id))
    return Opened(
        window,
        dialog,
        AgreementOwner.team(north.id),
        dialog.start_button,
        "how_we_work",
        AgreementSection.HOW_WE_WORK,
        "No team agreement yet.",
        "Team agreement history — North",
    )


def close(opened: Opened) -> None:
    """Close the team agreement (the rep's page stays in the window)."""
    if isinstance(opened.view, TeamAgreementDialog):
        opened.view.reject()


def saved(qtbot: QtBot, opened: Opened) -> None:
    """Wait until what was typed has reached the journal."""
    qtbot.waitUntil(lambda: not opened.controller.autosaver.has_pending, timeout=3000)


def back_to(qtbot: QtBot, view: QWidget) -> None:
    """After a question: its window is the active one again, as after a click on it."""
    window = view.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def answer_with(button_text: str) -> Callable[[QWidget], None]:
    """Press ``button_text`` in the question that opens."""

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert box.windowTitle() == "Discard the draft?"
        next(b for b in box.buttons() if b.text().replace("&", "") == button_text).click()

    return answer


@pytest.mark.parametrize("kind", ["rep", "team"])
def test_a_draft_is_started_revised_activated_compared_and_discarded(
    qtbot: QtBot, journal: Journal, clock: FixedClock, tmp_path: Path, kind: str
) -> None:
    opened = open_agreement(kind, qtbot, journal, tmp_path)
    view, controller, owner = opened.view, opened.controller, opened.owner
    assert view.status_label.text() == opened.nothing_yet
    assert controller.versions == [] and not view.activate_button.isVisible()

    # A blank draft: in the journal at once, the cursor in its first field.
    press(qtbot, opened.start_button)
    draft = agreements.draft_agreement(journal, owner)
    assert draft is not None and draft.version == 1
    assert controller.draft is not None and controller.draft.id == draft.id
    first = view.editor.fields[opened.first_field]
    assert first.hasFocus()
    assert view.status_label.text().startswith("Version 1 is a draft")
    type_into(qtbot, first, "Forecast calls start on time")
    saved(qtbot, opened)
    draft = agreements.draft_agreement(journal, owner)
    assert draft is not None
    assert draft.texts(opened.first_section) == ("Forecast calls start on time",)

    # Activated: version 1 is in force, shown as the document it prints as.
    press(qtbot, view.activate_button)
    v1 = agreements.active_agreement(journal, owner)
    assert v1 is not None and v1.version == 1
    assert controller.active == v1 and controller.draft is None
    assert view.status_label.text().startswith("Version 1, in force: agreed Mon, 23 Nov 2026")
    assert view.viewer is not None
    assert "Forecast calls start on time" in view.viewer.toPlainText()
    if kind == "rep":
        # Others showing the rep's agreement hear of it: her timeline.
        opened.window.rep_page.timeline_filter.toggles[TimelineGroup.AGREEMENTS].click()
        assert opened.window.rep_page.timeline.model_._rows[0].title == "Agreement v1 agreed"

    # Revised: a draft from the version in force, which stays until the draft is activated.
    press(qtbot, view.revise_button)
    assert first.hasFocus() and first.toPlainText() == "Forecast calls start on time"
    first.moveCursor(QTextCursor.MoveOperation.End)
    type_into(qtbot, first, "\nWins go in the channel")
    saved(qtbot, opened)
    assert agreements.active_agreement(journal, owner) == v1
    press(qtbot, view.activate_button)
    versions = agreements.versions(journal, owner)
    assert [(v.version, v.status) for v in versions] == [
        (1, AgreementStatus.SUPERSEDED),
        (2, AgreementStatus.ACTIVE),
    ]
    assert versions[1].texts(opened.first_section) == (
        "Forecast calls start on time",
        "Wins go in the channel",
    )
    assert controller.versions == versions

    # Compared: the history, titled with whose agreement it is, the last two side by side.
    press(qtbot, view.compare_button)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), CompareDialog))
    compare = QApplication.activeModalWidget()
    assert isinstance(compare, CompareDialog)
    assert compare.windowTitle() == opened.history_title
    assert [(r.change, r.right) for r in compare.diff_rows if r.change is not Change.SAME] == [
        (Change.ADDED, "- Wins go in the channel")
    ]
    compare.reject()

    # Discarded: asked first; Cancel keeps the draft, Yes deletes it and nothing else.
    press(qtbot, view.revise_button)
    assert controller.draft is not None and controller.draft.version == 3
    answer = ModalAnswer(QMessageBox, answer_with("Cancel"))
    press(qtbot, view.discard_button)
    answer.check()
    assert agreements.draft_agreement(journal, owner) is not None
    back_to(qtbot, view)
    answer = ModalAnswer(QMessageBox, answer_with("Yes"))
    press(qtbot, view.discard_button)
    answer.check()
    assert agreements.draft_agreement(journal, owner) is None
    assert controller.draft is None
    assert [(v.version, v.status) for v in agreements.versions(journal, owner)] == [
        (1, AgreementStatus.SUPERSEDED),
        (2, AgreementStatus.ACTIVE),
    ]
    assert view.status_label.text().startswith("Version 2, in force")
    assert view.revise_button.isVisible() and not view.discard_button.isVisible()
    close(opened)


@pytest.mark.parametrize("kind", ["rep", "team"])
def test_today_is_the_journal_clocks_for_a_rep_and_the_team(
    qtbot: QtBot, journal: Journal, clock: FixedClock, tmp_path: Path, kind: str
) -> None:
    clock.advance(days=40)  # Saturday 2 January 2027, whatever the computer's calendar says
    opened = open_agreement(kind, qtbot, journal, tmp_path)
    assert opened.controller.today() == dt.date(2027, 1, 2)

    # A new draft is agreed today and reviewed three months on unless changed.
    press(qtbot, opened.start_button)
    editor = opened.view.editor
    assert (editor.agreed.value(), editor.review.value()) == ("2027-01-02", "2027-04-02")

    # Nothing typed, so no date saved: it is agreed the day it is activated.
    press(qtbot, opened.view.activate_button)
    active = agreements.active_agreement(journal, opened.owner)
    assert active is not None
    assert (active.agreed_on, active.review_on) == ("2027-01-02", "2027-04-02")
    assert opened.view.status_label.text().startswith("Version 1, in force: agreed Sat, 2 Jan 2027")
    close(opened)


def test_the_rep_page_takes_every_day_from_the_journal_clock(
    qtbot: QtBot, journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    draft = agreements.start_draft(
        journal,
        AgreementOwner.rep(ana),
        AgreementContent(
            their_steps=("A gentle reminder",), agreed_on="2026-10-01", review_on="2026-12-20"
        ),
    )
    agreements.activate(journal, draft.id, dt.date(2026, 10, 1))
    clock.advance(days=40)  # 2 January 2027: past the review, and a new quarter
    window = open_window(qtbot, journal, tmp_path)
    page = agreement_page(qtbot, window)

    assert "The review is due: revise it together." in page.status_label.text()
    assert page.my_end.quarter_label.text() == "2027-Q1"
    days: list[str | None] = []

    def look(dialog: QWidget) -> None:
        assert isinstance(dialog, StepUseDialog)
        days.append(dialog.used_on.value())
        dialog.reject()

    answer = ModalAnswer(StepUseDialog, look)
    press(qtbot, page.step_button)
    answer.check()
    assert days == ["2027-01-02"]
