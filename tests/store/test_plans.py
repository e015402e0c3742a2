"""Plans in the store: the rep's words kept exactly, targets for the quarter, review."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from coachdesk.dates import Quarter
from coachdesk.store import plans, reps, transfer
from coachdesk.store.db import Journal
from coachdesk.store.errors import InvalidInput
from coachdesk.store.records import Audience, PlanStatus, audience

AREAS = [("Targets and pipeline", "What will you close?"), ("Support needed from me", "")]
HARD_WORDS = '  Close **Acme** ($40k) 🎯\n\n  - Globex: "maybe"\r\n\tIñés\'s deal — 50/50  \n'


@pytest.fixture
def ana(journal: Journal) -> int:
    """A rep called Ana."""
    return reps.add_rep(journal, reps.NewRep("Ana Ruiz")).id


def test_a_plan_keeps_the_areas_it_was_started_with(journal: Journal, ana: int) -> None:
    plan = plans.start_plan(journal, ana, Quarter(2026, 4), AREAS)
    assert plan.quarter == "2026-Q4"
    assert plan.status is PlanStatus.DRAFT
    assert [(a.position, a.area, a.prompt, a.answer) for a in plan.answers] == [
        (0, "Targets and pipeline", "What will you close?", ""),
        (1, "Support needed from me", "", ""),
    ]
    assert plans.start_plan(journal, ana, "2026-Q4", [("Other", "")]) == plan
    with pytest.raises(ValueError):
        plans.start_plan(journal, ana, "2026-Q5", AREAS)
    with pytest.raises(InvalidInput):
        plans.start_plan(journal, ana, "2027-Q1", [("  ", "")])


def test_the_reps_words_are_stored_exactly(journal: Journal, ana: int) -> None:
    plan = plans.start_plan(journal, ana, "2026-Q4", AREAS)
    plans.save_answers(journal, plan.id, {plan.answers[0].id: HARD_WORDS})
    saved = plans.get_plan(journal, plan.id)
    assert saved is not None
    assert saved.answers[0].answer == HARD_WORDS
    assert saved.answers[1].answer == ""


def test_targets_become_the_reps_targets_for_the_quarter(journal: Journal, ana: int) -> None:
    plan = plans.start_plan(journal, ana, "2026-Q4", AREAS)
    plans.set_targets(journal, plan.id, [("Calls", 600), ("Meetings booked", 36), ("Démos", 12.5)])

    saved = plans.plan_for(journal, ana, Quarter(2026, 4))
    assert saved is not None
    assert [(t.metric_key, t.label, t.target) for t in saved.targets] == [
        ("calls", "Calls", 600.0),
        ("meetings_booked", "Meetings booked", 36.0),
        ("demos", "Démos", 12.5),
    ]
    assert plans.quarter_targets(journal, ana, "2026-Q4") == {
        "calls": 600.0,
        "meetings_booked": 36.0,
        "demos": 12.5,
    }
    assert plans.quarter_targets(journal, ana, "2027-Q1") == {}
    assert plans.all_quarter_targets(journal, "2026-Q4") == {
        ana: {"calls": 600.0, "meetings_booked": 36.0, "demos": 12.5}
    }
    # Setting them again replaces them.
    plans.set_targets(journal, plan.id, [("calls", 500)])
    assert plans.quarter_targets(journal, ana, "2026-Q4") == {"calls": 500.0}


@pytest.mark.parametrize(
    ("targets", "problem"),
    [
        ([("", 5)], "name"),
        ([("Calls", -1)], "0 or more"),
        ([("Calls", float("nan"))], "0 or more"),
        ([("Calls", 5), ("calls ", 6)], "twice"),
        ([("!!!", 5)], "word"),
    ],
)
def test_targets_that_make_no_sense_are_refused_and_nothing_changes(
    journal: Journal, ana: int, targets: list[tuple[str, float]], problem: str
) -> None:
    plan = plans.start_plan(journal, ana, "2026-Q4", AREAS)
    plans.set_targets(journal, plan.id, [("Calls", 60)])
    with pytest.raises(InvalidInput, match=problem):
        plans.set_targets(journal, plan.id, targets)
    assert plans.quarter_targets(journal, ana, "2026-Q4") == {"calls": 60.0}


def test_metric_keys() -> None:
    assert plans.metric_key("Meetings booked") == "meetings_booked"
    assert plans.metric_key("  Quotes-sent! ") == "quotes_sent"
    assert plans.metric_key("Démos") == "demos"
    assert plans.metric_key("звонки") == "звонки"
    assert plans.metric_key("!!!") == ""


def test_review_is_the_managers_own_and_status_moves_both_ways(journal: Journal, ana: int) -> None:
    plan = plans.start_plan(journal, ana, "2026-Q4", AREAS)
    plans.save_review_comments(journal, plan.id, "Ambitious on Acme.")
    plans.set_status(journal, plan.id, PlanStatus.REVIEWED, dt.date(2026, 11, 23))
    reviewed = plans.get_plan(journal, plan.id)
    assert reviewed is not None
    assert (reviewed.status, reviewed.reviewed_on, reviewed.review_comments) == (
        PlanStatus.REVIEWED,
        "2026-11-23",
        "Ambitious on Acme.",
    )
    assert audience("plans", "review_comments") is Audience.MINE
    assert audience("plan_answers", "answer") is Audience.SHARED
    plans.set_status(journal, plan.id, PlanStatus.DRAFT, dt.date(2026, 11, 24))
    back = plans.get_plan(journal, plan.id)
    assert back is not None and (back.status, back.reviewed_on) == (PlanStatus.DRAFT, None)


def test_plans_export_with_their_person(journal: Journal, ana: int) -> None:
    ben = reps.add_rep(journal, reps.NewRep("Ben")).id
    mine = plans.start_plan(journal, ana, "2026-Q4", AREAS)
    plans.set_targets(journal, mine.id, [("Calls", 60)])
    plans.start_plan(journal, ben, "2026-Q4", AREAS)

    tables = transfer.export_data(journal, rep_id=ana)["tables"]

    assert [p["rep_id"] for p in tables["plans"]] == [ana]
    assert {a["plan_id"] for a in tables["plan_answers"]} == {mine.id}
    assert [t["metric_key"] for t in tables["plan_targets"]] == ["calls"]
    assert json.dumps(tables).count("Ben") == 0


def test_newest_quarter_first(journal: Journal, ana: int) -> None:
    plans.start_plan(journal, ana, "2026-Q3", AREAS)
    plans.start_plan(journal, ana, "2026-Q4", AREAS)
    plans.start_plan(journal, ana, "2025-Q4", AREAS)
    assert [p.quarter for p in plans.rep_plans(journal, ana)] == ["2026-Q4", "2026-Q3", "2025-Q4"]
    plans.delete_plan(journal, plans.rep_plans(journal, ana)[0].id)
    assert journal.counts()["plan_answers"] == 4
