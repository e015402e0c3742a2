"""The sample team's numbers: weekly values for every active rep, and quarterly targets.

Bookings are lumpy (deals land in a few weeks, large or small), pipeline comes in every
week, and SDRs are measured on calls and conversations their plans ask for. One rep is
behind on bookings for the last three weeks, so the flag can be seen; everyone else
stays clear of it. Deterministic from the seed and "today", like the rest of the sample.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from coachdesk.coaching.pace import (
    PaceStatus,
    last_completed_week,
    pace_as_of,
    quarter_of_week,
    weeks_of_quarter,
)
from coachdesk.dates import IsoWeek
from coachdesk.sample.extensions import EXTENSIONS, SampleContext
from coachdesk.store import numbers as store
from coachdesk.store.numbers import ValueChange
from coachdesk.store.records import Rep, TargetSource
from coachdesk.store.reps import list_reps
from coachdesk.store.teams import list_teams


@dataclass(frozen=True)
class _Profile:
    quota: tuple[int, int]  # bookings per quarter
    deal: tuple[int, int]  # one deal's size


# By team name; a team the sample does not know gets the mid-market profile.
_PROFILES = {
    "Enterprise East": _Profile((420_000, 700_000), (60_000, 300_000)),
    "Mid-Market": _Profile((210_000, 340_000), (12_000, 90_000)),
    "SMB Inbound": _Profile((90_000, 150_000), (4_000, 20_000)),
}
_DEFAULT = _PROFILES["Mid-Market"]


def add_sample_numbers(context: SampleContext) -> dict[str, int]:
    """Write the sample's weekly numbers and targets; return how many of each."""
    if context.weeks < 1:
        return {"weekly_numbers": 0, "numbers_targets": 0}
    rng = random.Random(f"numbers-{context.seed}")
    last = last_completed_week(context.today)
    first = last.shifted(-(context.weeks - 1))
    current = quarter_of_week(last)
    quarters = [current.shifted(-1), current]
    team_names = {team.id: team.name for team in list_teams(context.journal)}
    people = list_reps(context.journal, include_archived=False)
    laggard = _pick_laggard(people, first)

    changes: list[ValueChange] = []
    targets: list[tuple[int, str, str, float | None, TargetSource]] = []
    for rep in people:
        if not _started(rep, last):
            continue  # starts next week: nothing to count yet
        profile = _PROFILES.get(team_names.get(rep.team_id or 0, ""), _DEFAULT)
        sdr = _is_sdr(rep)
        skill = rng.uniform(0.9, 1.2)
        quota = rng.randrange(*profile.quota, 10_000)
        deal = (profile.deal[0] + profile.deal[1]) / 2
        goals = _targets(rng, quota, deal, sdr)
        # One account executive also agreed to count demos: an activity metric that
        # switches on for that rep only.
        if not sdr and rep is _first_ae(people):
            goals["demos"] = 24.0
        for quarter in quarters:
            for key, target in goals.items():
                targets.append((rep.id, str(quarter), key, target, TargetSource.MANUAL))
        weeks = [w for w in _weeks(first, last) if _started(rep, w)]
        rep_values: dict[str, dict[IsoWeek, float]] = {key: {} for key in goals}
        for week in weeks:
            values = _week_values(rng, profile, goals, skill, sdr, week)
            for key, value in values.items():
                rep_values.setdefault(key, {})[week] = value
        _keep_clear_of_the_flag(rng, rep_values, goals, last, weeks)
        if rep is laggard:
            _dry_spell(rng, rep_values, goals["bookings"], last, weeks)
        for key, by_week in rep_values.items():
            changes += [ValueChange(rep.id, str(w), key, v) for w, v in sorted(by_week.items())]

    # One transaction each: the sample goes in whole or not at all.
    store.set_targets(context.journal, targets)
    saved = store.set_values(context.journal, changes)
    return {"weekly_numbers": saved.written, "numbers_targets": len(targets)}


# The first to run, before agreements (20) and the ladder (30): the ids follow the order.
EXTENSIONS.register(add_sample_numbers, order=10)


def _is_sdr(rep: Rep) -> bool:
    return "SDR" in rep.title or "Development" in rep.title


def _first_ae(people: list[Rep]) -> Rep | None:
    return next((rep for rep in people if not _is_sdr(rep)), None)


def _pick_laggard(people: list[Rep], first: IsoWeek) -> Rep | None:
    """The rep behind on bookings: an account executive who was there all along."""
    settled = [
        rep
        for rep in people
        if not _is_sdr(rep) and rep.start_date and rep.start_date <= str(first.monday())
    ]
    # Not the first account executive, who already shows the demos target.
    return settled[1] if len(settled) > 1 else (settled[0] if settled else None)


def _weeks(first: IsoWeek, last: IsoWeek) -> list[IsoWeek]:
    weeks, week = [], first
    while week <= last:
        weeks.append(week)
        week = week.shifted(1)
    return weeks


def _started(rep: Rep, week: IsoWeek) -> bool:
    return rep.start_date is None or dt.date.fromisoformat(rep.start_date) <= week.sunday()


def _targets(rng: random.Random, quota: int, deal: float, sdr: bool) -> dict[str, float]:
    if sdr:
        return {
            "pipeline_created": float(round(quota * 2.5, -4)),
            "calls": float(rng.choice((1200, 1300, 1500))),
            "conversations": float(rng.choice((150, 180, 200))),
        }
    return {
        "deals_closed": float(max(2, round(quota / deal))),
        "bookings": float(quota),
        "pipeline_created": float(round(quota * 3, -4)),
    }


def _week_values(
    rng: random.Random,
    profile: _Profile,
    goals: dict[str, float],
    skill: float,
    sdr: bool,
    week: IsoWeek,
) -> dict[str, float]:
    weekly = {key: target / 13 for key, target in goals.items()}
    values: dict[str, float] = {}
    if sdr:
        values["calls"] = float(round(weekly["calls"] * skill * rng.uniform(0.6, 1.4)))
        values["conversations"] = float(
            round(weekly["conversations"] * skill * rng.uniform(0.5, 1.5))
        )
        values["pipeline_created"] = round(
            weekly["pipeline_created"] * skill * rng.uniform(0.2, 1.9), -3
        )
        return values
    # Deals land now and then, large or small: a few weeks carry the quarter.
    chance = min(0.9, weekly["deals_closed"] * skill)
    deals = 0
    booked = 0.0
    while deals < 4 and rng.random() < chance / (deals + 1):
        deals += 1
        booked += round(rng.uniform(*profile.deal), -3)
    values["deals_closed"] = float(deals)
    values["bookings"] = booked
    values["pipeline_created"] = round(
        weekly["pipeline_created"] * skill * rng.uniform(0.1, 2.0), -3
    )
    if "demos" in goals:
        values["demos"] = float(rng.choice((0, 1, 2, 2, 3)))
    return values


def _dry_spell(
    rng: random.Random,
    values: dict[str, dict[IsoWeek, float]],
    target: float,
    last: IsoWeek,
    weeks: list[IsoWeek],
) -> None:
    """Put the rep's bookings a little under pace, then three weeks of small deals only.

    Just under pace (95%) when the spell begins, so the run is exactly three weeks long
    and the flag reads "Bookings behind pace 3 weeks running"; the small deals keep the
    deal count up, which is the story: deals are closing, but smaller ones.
    """
    quarter = quarter_of_week(last)
    in_quarter = [w for w in weeks if quarter_of_week(w) == quarter]
    if len(in_quarter) < 3:
        return
    bookings, deals = values["bookings"], values["deals_closed"]
    before, dry = in_quarter[:-3], in_quarter[-3:]
    total_weeks = len(weeks_of_quarter(quarter))
    for week in in_quarter:
        bookings[week] = 0.0
    if before:
        due = 0.95 * target * len(before) / total_weeks
        lumps = rng.sample(before, min(2, len(before)))
        for n, week in enumerate(lumps):
            share = 0.6 if n == 0 and len(lumps) > 1 else 1.0 - 0.6 * (len(lumps) > 1)
            bookings[week] = math.floor(due * share / 1000) * 1000
            deals[week] = max(deals.get(week, 0.0), 1.0)
    for week in dry:
        bookings[week] = round(target / total_weeks * rng.uniform(0.05, 0.12), -3)
        deals[week] = 1.0


def _keep_clear_of_the_flag(
    rng: random.Random,
    values: dict[str, dict[IsoWeek, float]],
    goals: dict[str, float],
    last: IsoWeek,
    weeks: list[IsoWeek],
) -> None:
    """Bring a metric that ends the latest week behind pace back to about on pace.

    The sample should show one flag, on one rep; a lumpy quarter elsewhere is fine as
    long as the latest week is not the third behind in a row.
    """
    if last not in weeks:
        return
    for key, target in goals.items():
        by_week = values.setdefault(key, {})
        pace = pace_as_of(by_week, target, last)
        if pace.status is PaceStatus.BEHIND and pace.expected is not None:
            short = pace.expected * rng.uniform(1.0, 1.12) - pace.actual
            step = 1000 if key in ("bookings", "pipeline_created") else 1
            by_week[last] = by_week.get(last, 0.0) + math.ceil(short / step) * step
            if key == "bookings" and "deals_closed" in values:
                deals = values["deals_closed"]
                deals[last] = deals.get(last, 0.0) + 1
