"""Pace, the "behind pace" flag and timeline events, on a journal with known dates.

The conftest clock starts on Monday 2026-11-23; these tests move it through the end of
2026, whose ISO week 53 (Monday 28 December to Sunday 3 January) closes 2026-Q4, and into
2027-Q1.
"""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.assembled import flags, timeline
from coachdesk.assembled.events import TimelineGroup
from coachdesk.assembled.numbers import (
    behind_pace_flags,
    numbers_events,
    rep_numbers,
    team_week,
    week_summary,
)
from coachdesk.coaching.pace import PaceStatus
from coachdesk.dates import FixedClock, IsoWeek, today
from coachdesk.store import numbers, reps, settings
from coachdesk.store.db import Journal
from coachdesk.store.numbers import ValueChange

Q4, Q1 = "2026-Q4", "2027-Q1"
Q4_WEEKS = [f"2026-W{n:02d}" for n in range(40, 54)]  # 14 weeks, W53 included


def monday(clock: FixedClock, day: dt.date) -> None:
    clock.current = dt.datetime.combine(day, dt.time(9, 0))


def weekly(rep_id: int, key: str, amounts: dict[str, float]) -> list[ValueChange]:
    return [ValueChange(rep_id, week, key, value) for week, value in amounts.items()]


def dry_december(rep_id: int, key: str = "bookings", skip: str = "") -> list[ValueChange]:
    """On pace (10 a week against 140) until W49, then nothing for four weeks."""
    amounts = {week: (10.0 if week <= "2026-W49" else 0.0) for week in Q4_WEEKS}
    return weekly(rep_id, key, {w: v for w, v in amounts.items() if w != skip})


@pytest.fixture
def team(journal: Journal) -> dict[str, int]:
    names = ["Ana Ruiz", "Ben Okafor", "Cleo Park", "Dev Iyer", "Eve Moreau"]
    ids = {name.split()[0]: reps.add_rep(journal, reps.NewRep(name)).id for name in names}
    for rep_id in ids.values():
        numbers.set_target(journal, rep_id, Q4, "bookings", 140)
        numbers.set_target(journal, rep_id, Q1, "bookings", 120)
    numbers.set_target(journal, ids["Cleo"], Q4, "deals_closed", 140)
    # Demos are in Ana's targets but nobody has counted them: never "behind".
    numbers.set_target(journal, ids["Ana"], Q4, "demos", 24)
    changes = dry_december(ids["Ana"])
    # Ben's manager did not run the numbers in W52: the run is broken, not extended.
    changes += dry_december(ids["Ben"], skip="2026-W52")
    for key in ("deals_closed", "bookings"):
        changes += dry_december(ids["Cleo"], key)
    changes += weekly(ids["Dev"], "bookings", {week: 10.0 for week in Q4_WEEKS})
    changes += dry_december(ids["Eve"])
    numbers.set_values(journal, changes)
    reps.archive_rep(journal, ids["Eve"])
    return ids


def flag_texts(journal: Journal) -> dict[int | None, list[str]]:
    found: dict[int | None, list[str]] = {}
    for flag in behind_pace_flags(journal, today(journal.clock)):
        found.setdefault(flag.rep_id, []).append(flag.text)
    return found


def test_pace_as_of_each_december_week(journal: Journal, team: dict[str, int]) -> None:
    statuses = []
    for week in ("2026-W49", "2026-W50", "2026-W51", "2026-W52", "2026-W53"):
        pace = rep_numbers(journal, team["Ana"], IsoWeek.parse(week)).paces["bookings"].pace
        statuses.append((week, pace.actual, round(pace.expected or 0), pace.status))
    assert statuses == [
        ("2026-W49", 100.0, 100, PaceStatus.ON_PACE),
        ("2026-W50", 100.0, 110, PaceStatus.SLIGHTLY_BEHIND),
        ("2026-W51", 100.0, 120, PaceStatus.BEHIND),
        ("2026-W52", 100.0, 130, PaceStatus.BEHIND),
        ("2026-W53", 100.0, 140, PaceStatus.BEHIND),
    ]
    # Week 53 ends the quarter: the whole target was due. Week 1 starts from nothing.
    new_year = rep_numbers(journal, team["Ana"], IsoWeek.parse("2027-W01"))
    pace = new_year.paces["bookings"].pace
    assert (pace.actual, pace.weeks_elapsed, pace.weeks_total) == (0.0, 1, 12)
    assert pace.expected == pytest.approx(10.0)


def test_the_flag_needs_three_behind_weeks_in_the_same_quarter(
    journal: Journal, clock: FixedClock, team: dict[str, int]
) -> None:
    monday(clock, dt.date(2026, 12, 21))  # last completed week: W51, one behind
    assert flag_texts(journal) == {}
    monday(clock, dt.date(2026, 12, 28))  # W52: two behind
    assert flag_texts(journal) == {}
    monday(clock, dt.date(2027, 1, 4))  # W53: three behind, in 2026-Q4
    assert flag_texts(journal) == {
        team["Ana"]: ["Bookings behind pace 3 weeks running"],
        # Two metrics behind make one flag, not two: a Monday is not a wall of red.
        team["Cleo"]: ["Deals closed and bookings behind pace 3 weeks running"],
    }
    monday(clock, dt.date(2027, 1, 11))  # 2027-W01: a new quarter, a new count
    numbers.set_values(journal, weekly(team["Ana"], "bookings", {"2027-W01": 0.0}))
    assert flag_texts(journal) == {}


def test_the_flag_is_on_the_roster_source_list_and_worded_as_a_prompt(
    journal: Journal, clock: FixedClock, team: dict[str, int]
) -> None:
    monday(clock, dt.date(2027, 1, 4))
    found = behind_pace_flags(journal, today(clock))
    assert [(f.rep_id, f.kind, f.where) for f in found] == [
        (team["Ana"], "behind_pace", "numbers"),
        (team["Cleo"], "behind_pace", "numbers"),
    ]
    assert behind_pace_flags in flags.sources()


def test_no_numbers_no_flags(journal: Journal, clock: FixedClock) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana")).id
    numbers.set_target(journal, ana, Q4, "bookings", 140)
    assert behind_pace_flags(journal, today(clock)) == []


def test_a_quarter_of_numbers_is_one_timeline_event(journal: Journal) -> None:
    ana = reps.add_rep(journal, reps.NewRep("Ana")).id
    numbers.set_values(
        journal,
        [
            ValueChange(ana, "2026-W47", "deals_closed", 2),
            ValueChange(ana, "2026-W47", "bookings", 48_000),
            ValueChange(ana, "2026-W46", "deals_closed", 1),
            ValueChange(ana, "2026-W39", "deals_closed", 1),
            # Week 53 of 2026 has its Thursday on 31 December: it counts for Q4 2026.
            ValueChange(ana, "2026-W53", "pipeline_created", 1_250_000),
            ValueChange(ana, "2027-W01", "deals_closed", 3),
        ],
    )
    events = [e for e in timeline.build_timeline(journal, ana) if e.kind == "numbers"]
    assert [(e.when, e.title, e.summary, e.ref_id) for e in events] == [
        ("2027-01-10", "Numbers · Q1 2027: 1 week", "W01: 3 deals", 202701),
        ("2027-01-03", "Numbers · Q4 2026: 3 weeks", "W53: $1.2M pipeline", 202653),
        ("2026-09-27", "Numbers · Q3 2026: 1 week", "W39: 1 deal", 202639),
    ]
    assert all(e.group is TimelineGroup.NUMBERS and not e.dated for e in events)
    assert events == sorted(numbers_events(journal, ana), key=lambda e: e.when, reverse=True)
    numbers.set_values(journal, [ValueChange(ana, "2026-W53", "bookings", 48_000)])
    settings.set_setting(journal, "numbers_currency", "€")
    latest_q4 = next(e for e in numbers_events(journal, ana) if e.ref_id == 202653)
    assert latest_q4.summary == "W53: €48k bookings, €1.2M pipeline"


def test_week_summary_lists_metrics_in_catalogue_order(journal: Journal) -> None:
    metrics = numbers.list_metrics(journal)
    values = {"calls": 120.0, "bookings": 3_400.0, "deals_closed": 1.0}
    text = week_summary(IsoWeek.parse("2026-W05"), values, metrics, "$")
    assert text == "W05: 1 deal, $3.4k bookings, 120 calls"


def test_the_team_week_shows_reps_who_had_started(journal: Journal) -> None:
    reps.add_rep(journal, reps.NewRep("Ana", start_date="2025-01-06"))
    reps.add_rep(journal, reps.NewRep("Newcomer", start_date="2026-11-30"))
    week = IsoWeek.parse("2026-W47")
    assert [row.rep.name for row in team_week(journal, week).rows] == ["Ana"]
    later = IsoWeek.parse("2026-W49")
    assert [row.rep.name for row in team_week(journal, later).rows] == ["Ana", "Newcomer"]
