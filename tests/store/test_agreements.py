"""Agreements in the store: drafts, activation, versions, steps used, team settings."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from coachdesk.dates import FixedClock, today
from coachdesk.store import agreements, reps, teams, transfer
from coachdesk.store.agreements import AgreementNotEditable, AgreementOwner
from coachdesk.store.changes import Change
from coachdesk.store.db import Journal
from coachdesk.store.errors import InvalidInput
from coachdesk.store.records import (
    AgreementContent,
    AgreementScope,
    AgreementSection,
    AgreementStatus,
)

CONTENT = AgreementContent(
    expect_of_them=("CRM current by Friday noon", "  ", "Bring your own agenda"),
    expect_of_me=("Answers within 24 h",),
    more_needed="Air cover with legal",
    communication=(("Emergency", "text"), ("Routine", "chat"), ("Lonely urgency", "  ")),
    open_door="Tue/Thu 14–16",
    work_schedule="Mon–Thu office",
    their_steps=("A gentle reminder", "Take me to lunch", "A formal plan together"),
    my_steps=("Tell me straight", "Email me and ask for a date"),
)


@pytest.fixture
def ana(journal: Journal) -> int:
    """A rep called Ana."""
    return reps.add_rep(journal, reps.NewRep("Ana Ruiz", start_date="2026-01-05")).id


def test_a_draft_keeps_its_lists_in_order_without_blank_lines(journal: Journal, ana: int) -> None:
    draft = agreements.start_draft(journal, AgreementOwner.rep(ana), CONTENT)

    assert draft.status is AgreementStatus.DRAFT
    assert draft.version == 1
    assert draft.texts(AgreementSection.EXPECT_OF_THEM) == (
        "CRM current by Friday noon",
        "Bring your own agenda",
    )
    assert draft.texts(AgreementSection.THEIR_STEPS) == CONTENT.their_steps
    assert [i.position for i in draft.section(AgreementSection.THEIR_STEPS)] == [0, 1, 2]
    assert [(i.label, i.text) for i in draft.section(AgreementSection.COMMUNICATION)] == [
        ("Emergency", "text"),
        ("Routine", "chat"),
    ]
    assert draft.content().my_steps == CONTENT.my_steps
    assert draft.agreed_on is None and draft.review_on is None


def test_starting_twice_returns_the_same_draft(journal: Journal, ana: int) -> None:
    owner = AgreementOwner.rep(ana)
    first = agreements.start_draft(journal, owner, CONTENT)
    again = agreements.start_draft(journal, owner)
    assert again == first
    assert len(agreements.rep_versions(journal, ana)) == 1


def test_activation_defaults_to_today_and_a_review_three_months_on(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    draft = agreements.start_draft(journal, AgreementOwner.rep(ana), CONTENT)
    heard: list[Change] = []
    journal.add_listener(heard.append)

    active = agreements.activate(journal, draft.id, today(clock))

    assert active.status is AgreementStatus.ACTIVE
    assert (active.agreed_on, active.review_on) == ("2026-11-23", "2027-02-23")
    assert active.activated_at == "2026-11-23T09:00:00"
    assert [c.subjects for c in heard] == [frozenset({"agreements"})]
    assert agreements.active_agreement(journal, AgreementOwner.rep(ana)) == active


def test_review_default_is_clamped_to_the_months_end() -> None:
    assert agreements.default_review_on("2026-11-30") == "2027-02-28"
    assert agreements.default_review_on("2027-11-30") == "2028-02-29"


def test_an_active_version_cannot_be_edited_revising_makes_a_draft(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    owner = AgreementOwner.rep(ana)
    draft = agreements.start_draft(journal, owner, CONTENT)
    v1 = agreements.activate(journal, draft.id, today(clock))

    with pytest.raises(AgreementNotEditable):
        agreements.save_draft(journal, v1.id, AgreementContent(expect_of_them=("changed",)))
    assert agreements.get_agreement(journal, v1.id) == v1

    revision = agreements.revise(journal, v1.id)
    assert (revision.version, revision.status, revision.based_on_id) == (
        2,
        AgreementStatus.DRAFT,
        v1.id,
    )
    assert revision.texts(AgreementSection.THEIR_STEPS) == CONTENT.their_steps
    # The dates belong to the new version once it is agreed.
    assert revision.agreed_on is None and revision.rep_signed_on is None
    # Still in force until the draft is activated.
    assert agreements.active_agreement(journal, owner) == v1


def test_activating_a_revision_supersedes_the_old_version(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    owner = AgreementOwner.rep(ana)
    v1 = agreements.activate(
        journal, agreements.start_draft(journal, owner, CONTENT).id, today(clock)
    )
    clock.advance(days=30)
    draft = agreements.revise(journal, v1.id)
    changed = AgreementContent(
        expect_of_them=("CRM current by Thursday", "Bring your own agenda"),
        their_steps=CONTENT.their_steps,
        agreed_on="2026-12-20",
    )
    agreements.save_draft(journal, draft.id, changed)

    v2 = agreements.activate(journal, draft.id, today(clock))

    old = agreements.get_agreement(journal, v1.id)
    assert old is not None and old.status is AgreementStatus.SUPERSEDED
    assert old.superseded_at == "2026-12-23T09:00:00"
    assert old.texts(AgreementSection.EXPECT_OF_THEM)[0] == "CRM current by Friday noon"
    assert (v2.status, v2.agreed_on, v2.review_on) == (
        AgreementStatus.ACTIVE,
        "2026-12-20",
        "2027-03-20",
    )
    assert [v.version for v in agreements.rep_versions(journal, ana)] == [1, 2]
    assert [v.status for v in agreements.rep_versions(journal, ana)] == [
        AgreementStatus.SUPERSEDED,
        AgreementStatus.ACTIVE,
    ]


def test_the_schema_allows_one_draft_and_one_active_version(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    v1 = agreements.activate(
        journal, agreements.start_draft(journal, AgreementOwner.rep(ana)).id, today(clock)
    )
    with pytest.raises(sqlite3.IntegrityError), journal.write("agreements") as db:
        db.conn.execute(
            "INSERT INTO agreements(scope, rep_id, version, status, agreed_on, created_at, "
            "updated_at) VALUES ('rep', ?, 2, 'active', '2026-11-01', 'x', 'x')",
            [ana],
        )
    with pytest.raises(sqlite3.IntegrityError), journal.write("agreements") as db:
        db.conn.execute(
            "INSERT INTO agreements(scope, rep_id, version, status, created_at, updated_at) "
            "VALUES ('rep', ?, 1, 'draft', 'x', 'x')",
            [ana],
        )
    assert agreements.rep_versions(journal, ana) == [v1]


def test_discarding_a_draft_leaves_the_version_in_force(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    owner = AgreementOwner.rep(ana)
    v1 = agreements.activate(
        journal, agreements.start_draft(journal, owner, CONTENT).id, today(clock)
    )
    draft = agreements.revise(journal, v1.id)
    agreements.discard_draft(journal, draft.id)
    assert agreements.draft_agreement(journal, owner) is None
    assert agreements.rep_versions(journal, ana) == [v1]
    with pytest.raises(AgreementNotEditable):
        agreements.discard_draft(journal, v1.id)


def test_a_review_before_the_agreement_is_refused(journal: Journal, ana: int) -> None:
    with pytest.raises(InvalidInput, match="review"):
        agreements.start_draft(
            journal,
            AgreementOwner.rep(ana),
            AgreementContent(agreed_on="2026-11-23", review_on="2026-11-01"),
        )
    with pytest.raises(ValueError):
        agreements.start_draft(
            journal, AgreementOwner.rep(ana), AgreementContent(agreed_on="23/11/2026")
        )


def test_signing_dates_can_be_added_to_the_version_in_force(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    v1 = agreements.activate(
        journal, agreements.start_draft(journal, AgreementOwner.rep(ana)).id, today(clock)
    )
    agreements.set_signed(
        journal, v1.id, rep_signed_on="2026-11-24", manager_signed_on="2026-11-23"
    )
    signed = agreements.get_agreement(journal, v1.id)
    assert signed is not None
    assert (signed.rep_signed_on, signed.manager_signed_on) == ("2026-11-24", "2026-11-23")


# ----------------------------------------------------------------- steps used


def test_a_step_used_is_recorded_with_its_words_and_number(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    v1 = agreements.activate(
        journal, agreements.start_draft(journal, AgreementOwner.rep(ana), CONTENT).id, today(clock)
    )
    lunch = v1.section(AgreementSection.THEIR_STEPS)[1]

    use = agreements.record_step_use(
        journal, lunch.id, "2026-11-20", "We're at step 2, as you asked."
    )

    assert (use.step_number, use.step_text, use.version, use.section) == (
        2,
        "Take me to lunch",
        1,
        AgreementSection.THEIR_STEPS,
    )
    assert use.rep_id == ana
    mine = v1.section(AgreementSection.MY_STEPS)[0]
    agreements.record_step_use(journal, mine.id, "2026-11-22", "You called me on it.")
    assert [u.step_text for u in agreements.step_uses(journal, ana)] == [
        "Tell me straight",
        "Take me to lunch",
    ]


def test_a_step_use_outlives_the_version_being_superseded(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    owner = AgreementOwner.rep(ana)
    v1 = agreements.activate(
        journal, agreements.start_draft(journal, owner, CONTENT).id, today(clock)
    )
    agreements.record_step_use(
        journal, v1.section(AgreementSection.THEIR_STEPS)[0].id, "2026-11-23"
    )
    agreements.activate(journal, agreements.revise(journal, v1.id).id, today(clock))
    uses = agreements.step_uses(journal, ana)
    assert [(u.version, u.step_text) for u in uses] == [(1, "A gentle reminder")]


def test_only_steps_of_the_agreement_in_force_can_be_used(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    owner = AgreementOwner.rep(ana)
    draft = agreements.start_draft(journal, owner, CONTENT)
    with pytest.raises(AgreementNotEditable):
        agreements.record_step_use(
            journal, draft.section(AgreementSection.THEIR_STEPS)[0].id, "2026-11-23"
        )
    v1 = agreements.activate(journal, draft.id, today(clock))
    with pytest.raises(ValueError, match="step"):
        agreements.record_step_use(
            journal, v1.section(AgreementSection.EXPECT_OF_THEM)[0].id, "2026-11-23"
        )
    assert agreements.step_uses(journal, ana) == []


def test_deleting_a_rep_deletes_their_agreements_and_undo_brings_them_back(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    owner = AgreementOwner.rep(ana)
    v1 = agreements.activate(
        journal, agreements.start_draft(journal, owner, CONTENT).id, today(clock)
    )
    agreements.record_step_use(
        journal, v1.section(AgreementSection.THEIR_STEPS)[0].id, "2026-11-23"
    )
    snapshot = transfer.export_data(journal, rep_id=ana, include_private=True)

    reps.delete_rep(journal, ana)
    assert journal.counts()["agreement_items"] == 0
    transfer.restore_person(journal, snapshot)

    assert agreements.rep_versions(journal, ana) == [v1]
    assert len(agreements.step_uses(journal, ana)) == 1


# ----------------------------------------------------------------- teams


def test_team_agreements_are_versioned_apart_from_reps(
    journal: Journal, clock: FixedClock, ana: int
) -> None:
    north = teams.add_team(journal, "North")
    whole = AgreementOwner.team(None)
    team = AgreementOwner.team(north.id)
    content = AgreementContent(how_we_work=("Forecast calls start on time",))
    w1 = agreements.activate(
        journal, agreements.start_draft(journal, whole, content).id, today(clock)
    )
    n1 = agreements.activate(
        journal, agreements.start_draft(journal, team, content).id, today(clock)
    )
    r1 = agreements.activate(
        journal, agreements.start_draft(journal, AgreementOwner.rep(ana)).id, today(clock)
    )
    assert (w1.version, n1.version, r1.version) == (1, 1, 1)
    assert w1.scope is AgreementScope.TEAM and w1.team_id is None and w1.rep_id is None

    w2 = agreements.activate(journal, agreements.revise(journal, w1.id).id, today(clock))
    assert w2.version == 2
    assert agreements.active_agreement(journal, team) == n1
    assert [a.id for a in agreements.team_agreements_in_force(journal)] == [w2.id, n1.id]
    # A team's agreement is not anyone's: a person's export leaves it out.
    person = transfer.export_data(journal, rep_id=ana)
    assert [row["id"] for row in person["tables"]["agreements"]] == [r1.id]


def test_taken_over_dates_and_team_templates(journal: Journal) -> None:
    north = teams.add_team(journal, "North")
    south = teams.add_team(journal, "South")
    agreements.set_taken_over_on(journal, north.id, "2026-11-02")
    assert agreements.taken_over_dates(journal) == {north.id: "2026-11-02"}

    agreements.save_team_settings(
        journal, {north.id: (None, ""), south.id: ("2026-10-01", "## What I expect of you\n- X")}
    )
    assert agreements.taken_over_dates(journal) == {south.id: "2026-10-01"}
    assert agreements.team_templates(journal) == {south.id: "## What I expect of you\n- X"}
    with pytest.raises(ValueError):
        agreements.set_taken_over_on(journal, north.id, "yesterday")
    # The team's own columns are untouched by the Settings dialog's team edits.
    teams.save_teams(journal, [teams.TeamEdit(south.id, "South-West", 14)])
    assert agreements.taken_over_dates(journal) == {south.id: "2026-10-01"}


def test_in_force_dates_for_the_whole_roster(journal: Journal, clock: FixedClock, ana: int) -> None:
    ben = reps.add_rep(journal, reps.NewRep("Ben")).id
    agreements.start_draft(journal, AgreementOwner.rep(ben))  # a draft is not in force
    agreements.activate(
        journal,
        agreements.start_draft(
            journal, AgreementOwner.rep(ana), AgreementContent(agreed_on="2026-09-01")
        ).id,
        dt.date(2026, 11, 23),
    )
    found = agreements.rep_agreements_in_force(journal)
    assert list(found) == [ana]
    assert (found[ana].agreed_on, found[ana].review_on) == ("2026-09-01", "2026-12-01")


def test_a_sample_journal_with_agreements_and_plans_round_trips(
    journal: Journal, tmp_path: Path, clock: FixedClock
) -> None:
    from coachdesk import paths as paths_module
    from coachdesk.sample.team import make_sample

    counts = make_sample(journal, reps=8, weeks=30, seed=3)
    assert counts["agreements"] >= 7 and counts["agreement_step_uses"] >= 1
    assert counts["plans"] >= 2 and counts["plan_targets"] >= 6
    first = transfer.export_data(journal, include_private=True)
    other = Journal.open(paths_module.resolve(tmp_path / "other"), clock=clock)
    try:
        transfer.import_data(other, first)
        assert transfer.export_data(other, include_private=True) == first
        assert other.check().ok
    finally:
        other.close()
