"""The numbers as the rest of coachdesk sees them: pace per rep, the team's week, the
rep's last eight weeks, timeline events and the "behind pace" flag.

Reads the journal through :mod:`coachdesk.store.numbers` and applies the pure rules of
:mod:`coachdesk.coaching.pace`; the views get plain records from here and never query.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field

from coachdesk.assembled import settings_schema
from coachdesk.assembled.events import TIMELINE_SOURCES, TimelineEvent, TimelineGroup
from coachdesk.assembled.flag_sources import FLAG_SOURCES, Flag, only
from coachdesk.coaching.amounts import format_count, format_money, plural
from coachdesk.coaching.pace import (
    WEEKS_RUNNING,
    Pace,
    behind_pace_text,
    last_completed_week,
    pace_as_of,
    quarter_of_week,
    weeks_behind_running,
    weeks_of_quarter,
)
from coachdesk.dates import IsoWeek, Quarter
from coachdesk.store import numbers as store
from coachdesk.store import reps as rep_store
from coachdesk.store import teams as team_store
from coachdesk.store.db import Journal
from coachdesk.store.records import Metric, MetricUnit, Rep, Target

# How many weeks the rep's page shows.
RECENT_WEEKS = 8


def currency_sign(journal: Journal) -> str:
    """Return the sign shown before amounts ("$" unless the manager chose another)."""
    return settings_schema.read(journal, settings_schema.NUMBERS_CURRENCY) or "$"


def format_value(metric: Metric, value: float, sign: str = "$", *, short: bool = True) -> str:
    """Show one value of ``metric``: "2", "12.5", "$48k" (or "$48,000" when not short)."""
    if metric.unit is MetricUnit.CURRENCY:
        return format_money(value, sign, short=short)
    return format_count(value)


def week_ref(week: IsoWeek) -> int:
    """Return a number naming the week on the timeline: 202647 for 2026-W47."""
    return week.year * 100 + week.week


def week_of_ref(ref: int) -> IsoWeek:
    """The week named by :func:`week_ref`."""
    return IsoWeek(ref // 100, ref % 100)


def week_summary(week: IsoWeek, values: dict[str, float], metrics: list[Metric], sign: str) -> str:
    """Return "W47: 2 deals, $48k bookings" for the metrics that have a value that week."""
    parts = []
    for metric in metrics:
        if metric.key not in values:
            continue
        value = values[metric.key]
        if metric.unit is MetricUnit.CURRENCY:
            parts.append(f"{format_money(value, sign)} {metric.short_label}")
        else:
            parts.append(plural(value, metric.short_label))
    return f"W{week.week:02d}: " + ", ".join(parts)


# ----------------------------------------------------------------- one rep


@dataclass(frozen=True)
class MetricPace:
    """One metric's quarter-to-date pace, and where its target came from."""

    metric: Metric
    pace: Pace
    target: Target | None


@dataclass(frozen=True)
class RepNumbers:
    """What a rep's Numbers page shows: the weeks up to ``as_of`` and the quarter's pace."""

    rep_id: int
    as_of: IsoWeek
    quarter: Quarter  # ``as_of``'s
    weeks: list[IsoWeek]  # oldest first, ending with ``as_of``
    metrics: list[Metric]  # counted in any of the weeks shown, in catalogue order
    catalogue: list[Metric]  # every metric, for setting targets
    values: dict[tuple[IsoWeek, str], float]
    paces: dict[str, MetricPace]  # ``as_of``'s quarter, for the metrics counted then
    targets: dict[str, Target]  # ``as_of``'s quarter
    counted: dict[IsoWeek, frozenset[str]]  # the metrics counted in each week's quarter
    needed: dict[tuple[IsoWeek, str], float]  # a week's even share of its quarter's target
    currency: str = "$"


def rep_numbers(
    journal: Journal, rep_id: int, as_of: IsoWeek, *, weeks: int = RECENT_WEEKS
) -> RepNumbers:
    """Return a rep's last ``weeks`` weeks to ``as_of`` and the pace of ``as_of``'s quarter."""
    quarter = quarter_of_week(as_of)
    shown = [as_of.shifted(-n) for n in range(weeks - 1, -1, -1)]
    first = min(shown[0], weeks_of_quarter(quarter)[0])
    values: dict[tuple[IsoWeek, str], float] = {}
    by_metric: dict[str, dict[IsoWeek, float]] = defaultdict(dict)
    for number in store.values_between(journal, str(first), str(as_of), [rep_id]):
        week = IsoWeek.parse(number.week)
        values[(week, number.metric_key)] = number.value
        by_metric[number.metric_key][week] = number.value
    catalogue = store.list_metrics(journal)
    quarters = sorted({quarter_of_week(week) for week in shown} | {quarter})
    targets_of = {q: store.target_details(journal, [rep_id], str(q))[rep_id] for q in quarters}
    counted_of = {
        q: frozenset(m.key for m in store.active_metrics_for(journal, rep_id, str(q)))
        for q in quarters
    }
    targets = targets_of[quarter]
    paces = {
        metric.key: MetricPace(
            metric,
            pace_as_of(
                by_metric[metric.key],
                targets[metric.key].target if metric.key in targets else None,
                as_of,
                higher_is_better=metric.higher_is_better,
            ),
            targets.get(metric.key),
        )
        for metric in catalogue
        if metric.key in counted_of[quarter]
    }
    needed = {
        (week, key): target.target / len(weeks_of_quarter(quarter_of_week(week)))
        for week in shown
        for key, target in targets_of[quarter_of_week(week)].items()
    }
    counted = {week: counted_of[quarter_of_week(week)] for week in shown}
    any_counted = frozenset().union(*counted.values())
    return RepNumbers(
        rep_id=rep_id,
        as_of=as_of,
        quarter=quarter,
        weeks=shown,
        metrics=[m for m in catalogue if m.key in any_counted],
        catalogue=catalogue,
        values={key: value for key, value in values.items() if key[0] >= shown[0]},
        paces=paces,
        targets=targets,
        counted=counted,
        needed=needed,
        currency=currency_sign(journal),
    )


# ----------------------------------------------------------------- the team's week


@dataclass(frozen=True)
class TeamRow:
    """One rep's line of the team grid."""

    rep: Rep
    team_name: str
    values: dict[str, float]  # this week's, by metric key
    enabled: frozenset[str]  # the metrics this rep has this quarter
    paces: dict[str, Pace] = field(default_factory=dict)  # as of the end of the week


@dataclass(frozen=True)
class TeamWeek:
    """The team grid's contents: active reps × the metrics any of them has."""

    week: IsoWeek
    quarter: Quarter
    metrics: list[Metric]
    rows: list[TeamRow]
    currency: str = "$"


def team_week(journal: Journal, week: IsoWeek, team_id: int | None = None) -> TeamWeek:
    """Return every active rep (of one team, or all) with the week's values and pace."""
    quarter = quarter_of_week(week)
    people = [
        rep
        for rep in rep_store.list_reps(journal, include_archived=False)
        if (team_id is None or rep.team_id == team_id)
        and (rep.start_date is None or rep.start_date <= week.sunday().isoformat())
    ]
    ids = [rep.id for rep in people]
    team_names = {team.id: team.name for team in team_store.list_teams(journal)}
    active = store.active_metrics_by_rep(journal, ids, str(quarter))
    targets = store.target_details(journal, ids, str(quarter))
    first = weeks_of_quarter(quarter)[0]
    history: dict[int, dict[str, dict[IsoWeek, float]]] = defaultdict(lambda: defaultdict(dict))
    for number in store.values_between(journal, str(first), str(week), ids):
        history[number.rep_id][number.metric_key][IsoWeek.parse(number.week)] = number.value
    shown_keys = {metric.key for rep_id in ids for metric in active[rep_id]}
    metrics = [m for m in store.list_metrics(journal) if m.key in shown_keys]
    rows = []
    for rep in people:
        own = history[rep.id]
        paces = {
            metric.key: pace_as_of(
                own[metric.key],
                targets[rep.id][metric.key].target if metric.key in targets[rep.id] else None,
                week,
                higher_is_better=metric.higher_is_better,
            )
            for metric in active[rep.id]
        }
        rows.append(
            TeamRow(
                rep=rep,
                team_name=team_names.get(rep.team_id or 0, ""),
                values={key: by_week[week] for key, by_week in own.items() if week in by_week},
                enabled=frozenset(metric.key for metric in active[rep.id]),
                paces=paces,
            )
        )
    return TeamWeek(week, quarter, metrics, rows, currency_sign(journal))


# ----------------------------------------------------------------- timeline


def numbers_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """One timeline event per quarter with numbers: "Numbers · Q4 2026: 9 weeks".

    Its summary is the quarter's latest week ("W47: 2 deals, $48k bookings"), and it
    stands on the timeline at that week's Sunday, which it names by ``ref_id``
    (:func:`week_ref`): opening it shows that week.
    """
    by_week: dict[IsoWeek, dict[str, float]] = defaultdict(dict)
    for number in store.rep_values(journal, rep_id):
        by_week[IsoWeek.parse(number.week)][number.metric_key] = number.value
    if not by_week:
        return []
    by_quarter: dict[Quarter, list[IsoWeek]] = defaultdict(list)
    for week in by_week:
        by_quarter[quarter_of_week(week)].append(week)
    metrics = store.list_metrics(journal)
    sign = currency_sign(journal)
    events = []
    for quarter, weeks in by_quarter.items():
        latest = max(weeks)
        events.append(
            TimelineEvent(
                kind="numbers",
                ref_id=week_ref(latest),
                # The week's Sunday: its numbers are in once the week is over.
                when=latest.sunday().isoformat(),
                title=f"Numbers · Q{quarter.number} {quarter.year}: {plural(len(weeks), 'weeks')}",
                summary=week_summary(latest, by_week[latest], metrics, sign),
                group=TimelineGroup.NUMBERS,
                dated=False,
            )
        )
    return events


TIMELINE_SOURCES.register(numbers_events)


# ----------------------------------------------------------------- flags


def behind_pace_flags(
    journal: Journal, today: dt.date, rep_ids: Collection[int] | None = None
) -> list[Flag]:
    """At most one calm flag per rep: metrics behind pace three completed weeks running."""
    as_of = last_completed_week(today)
    quarter = quarter_of_week(as_of)
    people = only(rep_store.list_reps(journal, include_archived=False), rep_ids)
    ids = [rep.id for rep in people]
    if not ids:
        return []
    first = weeks_of_quarter(quarter)[0]
    history: dict[int, dict[str, dict[IsoWeek, float]]] = defaultdict(lambda: defaultdict(dict))
    recorded: dict[int, set[IsoWeek]] = defaultdict(set)
    for number in store.values_between(journal, str(first), str(as_of), ids):
        week = IsoWeek.parse(number.week)
        history[number.rep_id][number.metric_key][week] = number.value
        recorded[number.rep_id].add(week)
    if not recorded:
        return []
    active = store.active_metrics_by_rep(journal, ids, str(quarter))
    targets = store.target_details(journal, ids, str(quarter))
    flags = []
    for rep in people:
        behind: list[tuple[str, int]] = []
        for metric in active[rep.id]:
            target = targets[rep.id].get(metric.key)
            if target is None:
                continue
            running = weeks_behind_running(
                history[rep.id][metric.key],
                {quarter: target.target},
                as_of,
                recorded[rep.id],
                higher_is_better=metric.higher_is_better,
            )
            if running >= WEEKS_RUNNING:
                behind.append((metric.label, running))
        if behind:
            flags.append(
                Flag(
                    rep_id=rep.id,
                    kind="behind_pace",
                    text=behind_pace_text(
                        [label for label, _ in behind], min(weeks for _, weeks in behind)
                    ),
                    where="numbers",
                )
            )
    return flags


# A rep's flags show in the order of their sources (10, 20, 30…): the numbers' first.
FLAG_SOURCES.register(behind_pace_flags, order=10)
