"""The numbers on disk: the catalogue, weekly values, targets and where they come from."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import ModuleType

import pytest

from coachdesk.store import numbers, reps, transfer
from coachdesk.store.db import Journal
from coachdesk.store.errors import InvalidInput
from coachdesk.store.numbers import MetricEdit, NewMetric, ValueChange
from coachdesk.store.records import MetricKind, MetricUnit, TargetSource

Q4 = "2026-Q4"


def plans_module() -> ModuleType:
    """The store module of reps' own plans."""
    return importlib.import_module("coachdesk.store.plans")


@pytest.fixture
def two_reps(journal: Journal) -> tuple[int, int]:
    ana = reps.add_rep(journal, reps.NewRep("Ana Ruiz", email="ana@example.com")).id
    ben = reps.add_rep(journal, reps.NewRep("Ben Okafor")).id
    return ana, ben


def test_the_catalogue_starts_with_outcomes_on_and_activities_off(journal: Journal) -> None:
    metrics = numbers.list_metrics(journal)
    active = [m.key for m in metrics if m.active]
    assert active == ["deals_closed", "bookings", "pipeline_created"]
    assert {m.key for m in metrics if m.kind is MetricKind.ACTIVITY} == {
        "calls",
        "conversations",
        "demos",
        "quotes_sent",
        "pocs",
    }
    assert not any(m.active for m in metrics if m.kind is MetricKind.ACTIVITY)
    bookings = numbers.get_metric(journal, "bookings")
    assert bookings is not None and bookings.unit is MetricUnit.CURRENCY
    assert all(m.higher_is_better for m in metrics)


def test_a_metric_of_the_managers_own(journal: Journal) -> None:
    added = numbers.add_metric(journal, NewMetric("Escalations", higher_is_better=False))
    assert (added.key, added.kind, added.active) == ("escalations", MetricKind.ACTIVITY, False)
    assert numbers.list_metrics(journal)[-1] == added
    with pytest.raises(InvalidInput, match="already has"):
        numbers.add_metric(journal, NewMetric("escalations"))
    revision = journal.revision()
    numbers.save_catalogue(
        journal,
        [
            MetricEdit("escalations", "Escalations raised", True, False),
            MetricEdit("pipeline_created", "", False, True),
        ],
        [NewMetric("Referrals", unit=MetricUnit.COUNT)],
    )
    assert journal.revision() == revision + 1  # one transaction
    changed = numbers.get_metric(journal, "escalations")
    assert changed is not None and changed.active and changed.label == "Escalations raised"
    pipeline = numbers.get_metric(journal, "pipeline_created")
    assert pipeline is not None and not pipeline.active and pipeline.label == "Pipeline created"
    assert numbers.list_metrics(journal)[-1].key == "referrals"


def test_a_week_again_replaces_its_values_and_says_so(
    journal: Journal, two_reps: tuple[int, int]
) -> None:
    ana, ben = two_reps
    first = numbers.set_values(
        journal,
        [
            ValueChange(ana, "2026-W47", "deals_closed", 2),
            ValueChange(ana, "2026-W47", "bookings", 48_000),
            ValueChange(ben, "2026-W47", "bookings", 12_000),
        ],
    )
    assert (first.written, first.replaced, first.cleared) == (3, 0, 0)
    again = numbers.set_values(
        journal,
        [
            ValueChange(ana, "2026-W47", "bookings", 50_000),
            ValueChange(ana, "2026-W48", "bookings", 1_000),
            ValueChange(ben, "2026-W47", "bookings", None),
        ],
    )
    assert (again.written, again.replaced, again.cleared) == (2, 1, 1)
    stored = {
        (n.rep_id, n.week, n.metric_key): n.value
        for n in numbers.values_between(journal, "2026-W40", "2026-W53")
    }
    assert stored == {
        (ana, "2026-W47", "deals_closed"): 2,
        (ana, "2026-W47", "bookings"): 50_000,
        (ana, "2026-W48", "bookings"): 1_000,
    }


def test_values_are_written_all_or_nothing(journal: Journal, two_reps: tuple[int, int]) -> None:
    ana, _ = two_reps
    revision = journal.revision()
    with pytest.raises(Exception, match="FOREIGN KEY"):
        numbers.set_values(
            journal,
            [
                ValueChange(ana, "2026-W47", "bookings", 1.0),
                ValueChange(ana, "2026-W47", "no_such_metric", 1.0),
            ],
        )
    assert numbers.count_values(journal) == 0
    assert journal.revision() == revision
    with pytest.raises(ValueError, match="ISO week"):
        numbers.set_values(journal, [ValueChange(ana, "2026-47", "bookings", 1.0)])


def test_weeks_sort_as_time_across_week_53(journal: Journal, two_reps: tuple[int, int]) -> None:
    ana, _ = two_reps
    weeks = ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]
    numbers.set_values(journal, [ValueChange(ana, week, "bookings", 1.0) for week in weeks])
    found = [n.week for n in numbers.values_between(journal, "2026-W53", "2027-W01")]
    assert found == ["2026-W53", "2027-W01"]


def test_manual_targets_switch_an_activity_on_for_that_rep_only(
    journal: Journal, two_reps: tuple[int, int]
) -> None:
    ana, ben = two_reps
    numbers.set_target(journal, ana, Q4, "demos", 24)
    numbers.set_target(journal, ana, Q4, "bookings", 600_000)
    assert numbers.targets_for(journal, ana, Q4) == {"demos": 24.0, "bookings": 600_000.0}
    assert numbers.targets_for(journal, ben, Q4) == {}
    assert numbers.targets_for(journal, ana, "2027-Q1") == {}
    keys = [m.key for m in numbers.active_metrics_for(journal, ana, Q4)]
    assert keys == ["deals_closed", "bookings", "pipeline_created", "demos"]
    assert "demos" not in [m.key for m in numbers.active_metrics_for(journal, ben, Q4)]
    assert "demos" not in [m.key for m in numbers.active_metrics_for(journal, ana, "2027-Q1")]
    numbers.set_target(journal, ana, Q4, "demos", None)
    assert "demos" not in [m.key for m in numbers.active_metrics_for(journal, ana, Q4)]


def test_the_plan_wins_over_a_target_set_here(journal: Journal, two_reps: tuple[int, int]) -> None:
    ana, ben = two_reps
    numbers.set_target(journal, ana, Q4, "bookings", 500_000)
    numbers.set_target(journal, ana, Q4, "calls", 900)
    plans = plans_module()
    plan = plans.start_plan(journal, ana, Q4, [("Pipeline", "How will you build it?")])
    # The rep names metrics in their own words: matched by key, label or short label.
    plans.set_targets(
        journal,
        plan.id,
        [("Calls", 1200), ("Demos", 20), ("deals", 6), ("Meetings with wine", 3)],
    )
    assert numbers.targets_for(journal, ana, Q4) == {
        "bookings": 500_000.0,  # only set here
        "calls": 1200.0,  # the plan's, not the 900 set here
        "demos": 20.0,
        "deals_closed": 6.0,
    }
    details = numbers.target_details(journal, [ana, ben], Q4)
    assert details[ana]["calls"].source is TargetSource.PLAN
    assert details[ana]["bookings"].source is TargetSource.MANUAL
    assert details[ben] == {}
    # The plan's activities are counted for Ana only.
    assert {"calls", "demos"} <= {m.key for m in numbers.active_metrics_for(journal, ana, Q4)}
    assert not {"calls", "demos"} & {m.key for m in numbers.active_metrics_for(journal, ben, Q4)}


def test_deleting_a_rep_deletes_their_numbers_and_undo_brings_them_back(
    journal: Journal, two_reps: tuple[int, int]
) -> None:
    ana, ben = two_reps
    numbers.set_values(journal, [ValueChange(ana, "2026-W47", "bookings", 5.0)])
    numbers.set_values(journal, [ValueChange(ben, "2026-W47", "bookings", 7.0)])
    numbers.set_target(journal, ana, Q4, "bookings", 100.0)
    snapshot = transfer.export_data(journal, rep_id=ana, include_private=True)
    reps.delete_rep(journal, ana)
    assert [n.rep_id for n in numbers.values_between(journal, "2026-W01", "2026-W53")] == [ben]
    assert numbers.rep_targets(journal, ana) == []
    transfer.restore_person(journal, snapshot)
    assert numbers.rep_values(journal, ana)[0].value == 5.0
    assert numbers.targets_for(journal, ana, Q4) == {"bookings": 100.0}


def test_a_persons_export_holds_their_numbers_and_targets_only(
    journal: Journal, two_reps: tuple[int, int], tmp_path: Path
) -> None:
    ana, ben = two_reps
    numbers.set_values(
        journal,
        [ValueChange(ana, "2026-W47", "bookings", 5.0), ValueChange(ben, "2026-W47", "calls", 9)],
    )
    numbers.set_target(journal, ben, Q4, "calls", 100.0)
    data = transfer.export_data(journal, rep_id=ana)
    tables = json.loads(json.dumps(data))["tables"]
    assert [(r["rep_id"], r["value"]) for r in tables["weekly_numbers"]] == [(ana, 5.0)]
    assert tables["numbers_targets"] == []
    assert "metrics" not in tables  # the catalogue is nobody's
