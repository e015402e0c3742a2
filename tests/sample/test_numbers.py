"""The sample team's numbers: lumpy, mostly on pace, one rep behind three weeks running."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coachdesk.assembled.numbers import behind_pace_flags
from coachdesk.coaching.pace import last_completed_week, quarter_of_week
from coachdesk.dates import IsoWeek, today
from coachdesk.paths import resolve
from coachdesk.sample import team as sample
from coachdesk.sample.numbers import add_sample_numbers
from coachdesk.store import numbers, reps
from coachdesk.store.db import Journal


@pytest.fixture
def sampled(journal: Journal, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setattr(sample, "extensions", lambda: [add_sample_numbers])
    return sample.make_sample(journal)


def test_one_rep_is_behind_three_weeks_running_and_the_rest_are_calm(
    journal: Journal, sampled: dict[str, int]
) -> None:
    found = behind_pace_flags(journal, today(journal.clock))
    assert [f.text for f in found] == ["Bookings behind pace 3 weeks running"]


def test_every_active_rep_has_numbers_for_every_week_since_they_started(
    journal: Journal, sampled: dict[str, int]
) -> None:
    assert sampled["weekly_numbers"] == numbers.count_values(journal) > 0
    last = last_completed_week(today(journal.clock))
    first = last.shifted(-25)  # the sample's 26 weeks
    recorded = {(n.rep_id, n.week) for n in numbers.values_between(journal, str(first), str(last))}
    for rep in reps.list_reps(journal, include_archived=False):
        started = IsoWeek.of(dt.date.fromisoformat(rep.start_date or "2000-01-03"))
        if started > last:
            continue  # starts next week: nothing to count yet
        week, expected = max(first, started), set()
        while week <= last:
            expected.add(str(week))
            week = week.shifted(1)
        assert {week for rep_id, week in recorded if rep_id == rep.id} == expected, rep.name


def test_targets_for_this_quarter_and_the_last_and_bookings_are_lumpy(
    journal: Journal, sampled: dict[str, int]
) -> None:
    quarter = quarter_of_week(last_completed_week(today(journal.clock)))
    active = reps.list_reps(journal, include_archived=False)
    with_targets = [r for r in active if numbers.targets_for(journal, r.id, str(quarter))]
    assert len(with_targets) >= len(active) - 1
    for rep in with_targets:
        assert numbers.targets_for(journal, rep.id, str(quarter.shifted(-1)))
    bookings = [
        n.value
        for n in numbers.values_between(journal, "2000-W01", "2999-W01")
        if n.metric_key == "bookings"
    ]
    assert bookings.count(0.0) > len(bookings) / 3  # most weeks book nothing…
    assert max(bookings) > 10 * (sum(bookings) / len(bookings)) / 3  # …and some a lot
    # Activities are counted only where a rep's targets ask for them.
    counted = {
        rep.id: {m.key for m in numbers.active_metrics_for(journal, rep.id, str(quarter))}
        for rep in active
    }
    assert any("calls" in keys for keys in counted.values())
    assert any("calls" not in keys for keys in counted.values())


def test_the_same_seed_gives_the_same_numbers(
    journal: Journal, sampled: dict[str, int], tmp_path: Path
) -> None:
    with Journal.open(resolve(tmp_path / "again"), clock=journal.clock) as other:
        sample.make_sample(other)
        first = [
            (n.week, n.metric_key, n.value)
            for n in numbers.values_between(journal, "2000-W01", "2999-W01")
        ]
        second = [
            (n.week, n.metric_key, n.value)
            for n in numbers.values_between(other, "2000-W01", "2999-W01")
        ]
    assert first == second
