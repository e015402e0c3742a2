"""Edges of views following the journal: leaving a rep with typing unsaved, settings that
change the timeline's words, and dialogs that must stop following once closed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coachdesk.assembled import settings_schema
from coachdesk.assembled.timeline import TimelineGroup
from coachdesk.store import agreements, numbers, ratings, reps
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.ui.agreements import team_agreement
from coachdesk.ui.agreements.agreement_page import AgreementPage
from coachdesk.ui.agreements.controller import AgreementController
from coachdesk.ui.widgets.changes import changes
from tests.ui.rep.test_meeting_flow import open_window, type_into


def test_this_week_with_agreement_text_unsaved_keeps_the_roster_on_nobody(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    bo = reps.add_rep(journal, reps.NewRep("Bo Chen")).id
    window = open_window(qtbot, journal, tmp_path)
    window.roster.select_rep(bo)
    page = next(p for p in window.rep_page._pages if isinstance(p, AgreementPage))
    window.rep_page.tabs.setCurrentWidget(page)
    qtbot.waitUntil(page.isVisible)
    page.blank_button.click()
    type_into(qtbot, page.editor.fields["expect_of_them"], "Call me first")
    assert page.autosaver.has_pending

    qtbot.keyClick(
        window,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )

    assert window.pages.currentWidget() is window.week_view
    assert window.roster.current_rep_id() is None, "nobody is picked behind my back"
    assert window.rep_page.rep is not None and window.rep_page.rep.id == bo
    draft = agreements.draft_agreement(journal, AgreementOwner.rep(bo))
    assert draft is not None and "Call me first" in draft.texts(
        agreements.AgreementSection.EXPECT_OF_THEM
    )
    # Clicking a rep in the roster opens them.
    view = window.roster.view
    first = window.roster.proxy.index(0, 0)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(first).center()
    )
    assert window.pages.currentWidget() is window.rep_page


def test_the_timeline_follows_the_currency_and_the_rung_names(
    qtbot: QtBot, journal: Journal, tmp_path: Path
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id
    bookings = next(m for m in numbers.list_metrics(journal) if m.key == "bookings")
    numbers.set_values(journal, [numbers.ValueChange(ana, "2026-W46", bookings.key, 48000)])
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-20", 3, "ok"))
    window = open_window(qtbot, journal, tmp_path)
    for group in (TimelineGroup.NUMBERS, TimelineGroup.RATINGS):
        window.rep_page.timeline_filter.toggles[group].click()

    def shown(kind: str) -> list[str]:
        rows = window.rep_page.timeline.model_._rows
        return [f"{r.title} {r.summary}" for r in rows if r.kind == kind]

    assert any("$" in line for line in shown("numbers"))
    settings_schema.write(journal, {settings_schema.NUMBERS_CURRENCY: "€"})
    assert any("€" in line for line in shown("numbers")), shown("numbers")
    settings_schema.write(journal, {settings_schema.LADDER_NAMES[2]: "Cruising"})
    assert any("Cruising" in line for line in shown("ladder")), shown("ladder")


def test_a_closed_team_agreement_follows_nothing(
    qtbot: QtBot, journal: Journal, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reps.add_rep(journal, reps.NewRep("Ana Ruiz"))
    window = open_window(qtbot, journal, tmp_path)
    signal = "2changed(PyObject)"
    before = changes(journal).receivers(signal)
    for _ in range(3):
        dialog = team_agreement.open_team_agreement(window)
        qtbot.waitExposed(dialog)
        assert changes(journal).receivers(signal) > before
        dialog.reject()
        qtbot.waitUntil(lambda: changes(journal).receivers(signal) == before)
    refreshed: list[object] = []
    real = AgreementController.refresh

    def counted(self: AgreementController) -> None:
        refreshed.append(self)
        real(self)

    monkeypatch.setattr(AgreementController, "refresh", counted)
    agreements.start_draft(journal, AgreementOwner.team(None), None)
    assert len(refreshed) <= 1, "only the rep page's own agreement may look again"
