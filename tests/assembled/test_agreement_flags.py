"""Agreement flags: expectations due for new starters and after a takeover, reviews due.

Dates are checked at their edges against the fixed clock (Monday 2026-11-23).
"""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.assembled import flags
from coachdesk.dates import FixedClock, today
from coachdesk.store import agreements, reps, teams
from coachdesk.store.agreements import AgreementOwner
from coachdesk.store.db import Journal
from coachdesk.store.records import AgreementContent

OURS = ("agreement", "team_agreement")  # other subjects' flags are not looked at here


def _texts(journal: Journal, day: dt.date, rep_id: int | None) -> list[str]:
    return [f.text for f in flags.collect(journal, day).get(rep_id, []) if f.where in OURS]


def _kinds(journal: Journal, day: dt.date, rep_id: int) -> list[str]:
    return [f.kind for f in flags.collect(journal, day).get(rep_id, []) if f.where in OURS]


def _agree(journal: Journal, rep_id: int, agreed_on: str, review_on: str | None = None) -> None:
    draft = agreements.start_draft(
        journal,
        AgreementOwner.rep(rep_id),
        AgreementContent(expect_of_them=("CRM",), agreed_on=agreed_on, review_on=review_on),
    )
    agreements.activate(journal, draft.id, dt.date.fromisoformat(agreed_on))


@pytest.mark.parametrize(
    ("start", "due"),
    [
        ("2026-11-08", False),  # 15 days ago
        ("2026-11-09", True),  # 14 days ago
        ("2026-11-23", True),  # today
        ("2026-12-07", True),  # in 14 days
        ("2026-12-08", False),  # in 15 days
        (None, False),
    ],
)
def test_expectations_due_within_fourteen_days_of_starting(
    journal: Journal, clock: FixedClock, start: str | None, due: bool
) -> None:
    rep = reps.add_rep(journal, reps.NewRep("Ana", start_date=start)).id
    assert (_kinds(journal, today(clock), rep) == ["expectations_due"]) is due


def test_expectations_flag_words_and_it_clears_with_an_agreement(
    journal: Journal, clock: FixedClock
) -> None:
    new = reps.add_rep(journal, reps.NewRep("Ana", start_date="2026-11-30")).id
    assert _texts(journal, today(clock), new) == [
        "Expectations conversation due (starts Mon, 30 Nov)"
    ]
    draft = agreements.start_draft(journal, AgreementOwner.rep(new))
    assert _kinds(journal, today(clock), new) == ["expectations_due"], "a draft is not enough"
    agreements.activate(journal, draft.id, today(clock))
    assert _kinds(journal, today(clock), new) == []


def test_archived_reps_have_no_flags(journal: Journal, clock: FixedClock) -> None:
    rep = reps.add_rep(journal, reps.NewRep("Ana", start_date="2026-11-20")).id
    reps.archive_rep(journal, rep)
    assert rep not in flags.collect(journal, today(clock))


@pytest.mark.parametrize(
    ("review_on", "due"),
    [("2026-11-24", False), ("2026-11-23", True), ("2026-11-22", True)],
)
def test_review_due_from_the_review_date_on(
    journal: Journal, clock: FixedClock, review_on: str, due: bool
) -> None:
    rep = reps.add_rep(journal, reps.NewRep("Ana", start_date="2025-01-06")).id
    _agree(journal, rep, "2026-08-24", review_on)
    assert (_kinds(journal, today(clock), rep) == ["review_due"]) is due
    if due:
        day = {"2026-11-23": "Mon, 23 Nov", "2026-11-22": "Sun, 22 Nov"}[review_on]
        assert _texts(journal, today(clock), rep) == [f"Agreement review due ({day})"]


def test_default_review_comes_due_three_months_after_agreeing(
    journal: Journal, clock: FixedClock
) -> None:
    rep = reps.add_rep(journal, reps.NewRep("Ana", start_date="2025-01-06")).id
    _agree(journal, rep, "2026-08-24")  # review 2026-11-24
    assert _kinds(journal, today(clock), rep) == []
    clock.advance(days=1)
    assert _kinds(journal, today(clock), rep) == ["review_due"]
    # Reviewing means agreeing a new version: the flag clears.
    current = agreements.active_agreement(journal, AgreementOwner.rep(rep))
    assert current is not None
    agreements.activate(journal, agreements.revise(journal, current.id).id, today(clock))
    assert _kinds(journal, today(clock), rep) == []


def test_a_takeover_makes_every_rep_on_the_team_due_until_they_agree_after_it(
    journal: Journal, clock: FixedClock
) -> None:
    north = teams.add_team(journal, "North")
    south = teams.add_team(journal, "South")
    old_hand = reps.add_rep(journal, reps.NewRep("Ana", team_id=north.id, start_date="2024-03-04"))
    agreed_on_the_day = reps.add_rep(
        journal, reps.NewRep("Ben", team_id=north.id, start_date="2023-05-01")
    )
    elsewhere = reps.add_rep(
        journal, reps.NewRep("Cleo", team_id=south.id, start_date="2022-01-03")
    )
    for rep in (old_hand, agreed_on_the_day, elsewhere):
        _agree(journal, rep.id, "2026-10-01")
    day = today(clock)
    assert all(_kinds(journal, day, r.id) == [] for r in (old_hand, agreed_on_the_day, elsewhere))

    agreements.set_taken_over_on(journal, north.id, "2026-11-02")

    assert _texts(journal, day, old_hand.id) == [
        "Expectations conversation due (you took over the team on Mon, 2 Nov)"
    ]
    assert _kinds(journal, day, agreed_on_the_day.id) == ["expectations_due"]
    assert _kinds(journal, day, elsewhere.id) == []

    # Agreed on the day of the takeover counts; the day before would not have.
    current = agreements.active_agreement(journal, AgreementOwner.rep(agreed_on_the_day.id))
    assert current is not None
    draft = agreements.revise(journal, current.id)
    agreements.save_draft(journal, draft.id, AgreementContent(agreed_on="2026-11-02"))
    agreements.activate(journal, draft.id, day)
    assert _kinds(journal, day, agreed_on_the_day.id) == []
    assert _kinds(journal, day, old_hand.id) == ["expectations_due"]

    # Taking over in the future flags nothing yet; clearing the date clears the flags.
    agreements.set_taken_over_on(journal, north.id, "2026-11-24")
    assert _kinds(journal, day, old_hand.id) == []
    agreements.set_taken_over_on(journal, north.id, None)
    assert _kinds(journal, day, old_hand.id) == []


def test_a_rep_with_no_agreement_on_a_taken_over_team_is_due(
    journal: Journal, clock: FixedClock
) -> None:
    north = teams.add_team(journal, "North")
    rep = reps.add_rep(journal, reps.NewRep("Ana", team_id=north.id, start_date="2020-01-06")).id
    assert _kinds(journal, today(clock), rep) == []
    agreements.set_taken_over_on(journal, north.id, "2026-11-23")
    assert _kinds(journal, today(clock), rep) == ["expectations_due"]


def test_team_agreement_review_is_a_flag_about_me(journal: Journal, clock: FixedClock) -> None:
    owner = AgreementOwner.team(None)
    draft = agreements.start_draft(
        journal, owner, AgreementContent(how_we_work=("On time",), agreed_on="2026-08-23")
    )
    agreements.activate(journal, draft.id, today(clock))
    assert _texts(journal, today(clock), None) == ["Team agreement review due (Mon, 23 Nov)"]
    assert _texts(journal, today(clock) - dt.timedelta(days=1), None) == []


def test_flags_for_some_reps_are_only_theirs_and_the_same(
    journal: Journal, clock: FixedClock
) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana", start_date="2026-11-20")).id
    bo = reps.add_rep(journal, reps.NewRep("Bo", start_date="2026-11-21")).id
    day = today(clock)
    asked = flags.collect(journal, day, [ana])  # a sheet for Ana alone
    assert ana in asked and bo not in asked
    everyone = flags.collect(journal, day)
    assert asked[ana] == everyone[ana] and bo in everyone
