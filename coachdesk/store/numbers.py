"""The numbers: the metric catalogue, weekly values per rep, and quarterly targets.

Weeks are ISO weeks written ``YYYY-Www`` and quarters ``YYYY-Qn`` (see
:mod:`coachdesk.dates`); both sort as text in time order. Values are plain numbers: a
count, or an amount in the journal's currency. Every change notice is ``"numbers"``.

Targets come from two places. The manager sets them on a rep's Numbers page (kept in
``numbers_targets``), and a rep's own quarterly plan sets them too (read through
:mod:`coachdesk.store.plans`). :func:`targets_for` is the one place that merges them:
**the plan wins** over a target set here for the same metric, because the plan is the
rep's own commitment and the Numbers page is only the manager's stand-in for it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from coachdesk.store import plans
from coachdesk.store._rows import fetch, placeholders, select_list
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.errors import InvalidInput
from coachdesk.store.progress import Progress, Tracker
from coachdesk.store.records import (
    Metric,
    MetricKind,
    MetricUnit,
    Target,
    TargetSource,
    WeeklyNumber,
)

_METRIC_SELECT = f"SELECT {select_list(Metric)} FROM metrics"
_VALUE_SELECT = f"SELECT {select_list(WeeklyNumber)} FROM weekly_numbers"
_WEEK = re.compile(r"\d{4}-W\d{2}")
_QUARTER = re.compile(r"\d{4}-Q[1-4]")


def _metric(row: tuple[object, ...]) -> Metric:
    key, label, short, unit, higher, active, kind, position = row
    return Metric(
        key=str(key),
        label=str(label),
        short_label=str(short) or str(label).lower(),
        unit=MetricUnit(str(unit)),
        higher_is_better=bool(higher),
        active=bool(active),
        kind=MetricKind(str(kind)),
        position=int(str(position)),
    )


# ----------------------------------------------------------------- the catalogue


def list_metrics(journal: Journal, *, active_only: bool = False) -> list[Metric]:
    """Return the catalogue in its order (outcomes first, as seeded)."""
    where = " WHERE active = 1" if active_only else ""
    cursor = journal.conn.execute(_METRIC_SELECT + where + " ORDER BY position, key")
    return [_metric(row) for row in cursor]


def get_metric(journal: Journal, key: str) -> Metric | None:
    """Return one metric of the catalogue, or ``None``."""
    row = journal.conn.execute(_METRIC_SELECT + " WHERE key = ?", [key]).fetchone()
    return _metric(row) if row is not None else None


def metric_key_for(label: str) -> str:
    """Return the key a new metric called ``label`` gets: "Demos booked" -> "demos_booked"."""
    text = unicodedata.normalize("NFKD", label)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


@dataclass(frozen=True)
class MetricEdit:
    """A change to one metric of the catalogue: its name, whether it is on, its direction."""

    key: str
    label: str
    active: bool
    higher_is_better: bool


@dataclass(frozen=True)
class NewMetric:
    """A metric of the manager's own, added to the end of the catalogue."""

    label: str
    unit: MetricUnit = MetricUnit.COUNT
    kind: MetricKind = MetricKind.ACTIVITY
    higher_is_better: bool = True
    active: bool = False
    short_label: str = ""


def add_metric(journal: Journal, metric: NewMetric) -> Metric:
    """Add a metric of the manager's own to the end of the catalogue and return it.

    Raises :class:`InvalidInput` when the label is empty or the catalogue already has it.
    """
    return save_catalogue(journal, [], [metric])[0]


def save_catalogue(
    journal: Journal, edits: Sequence[MetricEdit], added: Sequence[NewMetric] = ()
) -> list[Metric]:
    """Apply ``edits`` and add ``added`` in one transaction; return the added metrics.

    Nothing is written when a new metric has no name or one the catalogue already has.
    Metrics are never deleted: numbers recorded against one keep their meaning, so a
    metric no longer wanted is switched off instead.
    """
    taken = {m.key for m in list_metrics(journal)}
    keys = []
    for metric in added:
        label = " ".join(metric.label.split())
        key = metric_key_for(label)
        if not key:
            raise InvalidInput("A metric needs a name with a letter or a digit in it.")
        if key in taken:
            raise InvalidInput(f"The catalogue already has a metric called {label!r}.")
        taken.add(key)
        keys.append(key)
    if not edits and not added:
        return []
    with journal.write(Subject.NUMBERS) as db:
        for edit in edits:
            db.conn.execute(
                "UPDATE metrics SET label = coalesce(nullif(?, ''), label), active = ?, "
                "higher_is_better = ? WHERE key = ?",
                [
                    " ".join(edit.label.split()),
                    int(edit.active),
                    int(edit.higher_is_better),
                    edit.key,
                ],
            )
        for key, metric in zip(keys, added, strict=True):
            label = " ".join(metric.label.split())
            (position,) = db.conn.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM metrics"
            ).fetchone()
            db.conn.execute(
                "INSERT INTO metrics(key, label, short_label, unit, higher_is_better, active, "
                "kind, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    key,
                    label,
                    " ".join(metric.short_label.split()) or label.lower(),
                    metric.unit.value,
                    int(metric.higher_is_better),
                    int(metric.active),
                    metric.kind.value,
                    position,
                ],
            )
    found = {m.key: m for m in list_metrics(journal)}
    return [found[key] for key in keys]


# ----------------------------------------------------------------- weekly values


@dataclass(frozen=True)
class ValueChange:
    """Set (or, with ``value`` None, clear) one rep's value of one metric for one week."""

    rep_id: int
    week: str  # "2026-W47"
    metric_key: str
    value: float | None


@dataclass(frozen=True)
class ValuesSaved:
    """What one save did: values written (and how many of them replaced one), cleared."""

    written: int
    replaced: int
    cleared: int


def _check_week(week: str) -> None:
    if not _WEEK.fullmatch(week):
        raise ValueError(f"{week!r} is not an ISO week like 2026-W47")


def _check_quarter(quarter: str) -> None:
    if not _QUARTER.fullmatch(quarter):
        raise ValueError(f"{quarter!r} is not a quarter like 2026-Q4")


def set_values(
    journal: Journal, changes: Sequence[ValueChange], *, progress: Progress | None = None
) -> ValuesSaved:
    """Write every change in one transaction, all or nothing, and say what was done.

    Writing a value where there was one replaces it (an import of the same week twice
    replaces the first one's values); a value equal to the one stored is still counted
    as written and replaced, so that a summary matches the file. ``progress`` hears how
    many are written; a stop it asks for rolls the transaction back
    (:class:`~coachdesk.store.progress.Cancelled`: nothing written).
    """
    for change in changes:
        _check_week(change.week)
    if not changes:
        return ValuesSaved(0, 0, 0)
    tracker = Tracker(progress, [("write", 1)])
    tracker.stage("write")
    tracker.tell(now=True)
    written = replaced = cleared = 0
    now = journal.now()
    with journal.write(Subject.NUMBERS) as db:
        conn = db.conn
        for change in tracker.each(changes):
            key = [change.rep_id, change.week, change.metric_key]
            existed = conn.execute(
                "SELECT 1 FROM weekly_numbers WHERE rep_id = ? AND week = ? AND metric_key = ?",
                key,
            ).fetchone()
            if change.value is None:
                if existed:
                    conn.execute(
                        "DELETE FROM weekly_numbers "
                        "WHERE rep_id = ? AND week = ? AND metric_key = ?",
                        key,
                    )
                    cleared += 1
                continue
            conn.execute(
                "INSERT INTO weekly_numbers(rep_id, week, metric_key, value, updated_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT(rep_id, week, metric_key) "
                "DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                [*key, float(change.value), now],
            )
            written += 1
            replaced += 1 if existed else 0
    tracker.finish()
    return ValuesSaved(written, replaced, cleared)


def values_between(
    journal: Journal, first_week: str, last_week: str, rep_ids: Iterable[int] | None = None
) -> list[WeeklyNumber]:
    """Return the values of weeks ``first_week`` to ``last_week`` (inclusive), by rep and week.

    ``rep_ids`` limits them to some reps; ``None`` means every rep.
    """
    _check_week(first_week)
    _check_week(last_week)
    sql = _VALUE_SELECT + " WHERE week BETWEEN ? AND ?"
    params: list[object] = [first_week, last_week]
    if rep_ids is not None:
        ids = list(rep_ids)
        if not ids:
            return []
        sql += f" AND rep_id IN ({placeholders(ids)})"
        params += ids
    return fetch(journal, WeeklyNumber, sql + " ORDER BY rep_id, week, metric_key", params)


def rep_values(journal: Journal, rep_id: int) -> list[WeeklyNumber]:
    """Return every value recorded for a rep, oldest week first."""
    return fetch(
        journal,
        WeeklyNumber,
        _VALUE_SELECT + " WHERE rep_id = ? ORDER BY week, metric_key",
        [rep_id],
    )


def count_values(journal: Journal) -> int:
    """Return how many weekly values the journal holds."""
    return int(journal.conn.execute("SELECT count(*) FROM weekly_numbers").fetchone()[0])


# ----------------------------------------------------------------- targets


def set_target(
    journal: Journal,
    rep_id: int,
    quarter: str,
    metric_key: str,
    target: float | None,
    source: TargetSource = TargetSource.MANUAL,
) -> None:
    """Set a rep's target for one metric and quarter on the Numbers page; None removes it."""
    set_targets(journal, [(rep_id, quarter, metric_key, target, source)])


def set_targets(
    journal: Journal,
    targets: Sequence[tuple[int, str, str, float | None, TargetSource]],
) -> None:
    """Set several targets ``(rep_id, quarter, metric_key, target, source)`` at once."""
    for _rep_id, quarter, _key, target, _source in targets:
        _check_quarter(quarter)
        if target is not None and target < 0:
            raise InvalidInput("A target cannot be below zero.")
    if not targets:
        return
    now = journal.now()
    with journal.write(Subject.NUMBERS) as db:
        for rep_id, quarter, key, target, source in targets:
            if target is None:
                db.conn.execute(
                    "DELETE FROM numbers_targets WHERE rep_id = ? AND quarter = ? "
                    "AND metric_key = ?",
                    [rep_id, quarter, key],
                )
                continue
            db.conn.execute(
                "INSERT INTO numbers_targets(rep_id, quarter, metric_key, target, source, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(rep_id, quarter, metric_key) DO UPDATE SET "
                "target = excluded.target, source = excluded.source, "
                "updated_at = excluded.updated_at",
                [rep_id, quarter, key, float(target), source.value, now],
            )


def targets_for(journal: Journal, rep_id: int, quarter: str) -> dict[str, float]:
    """Return the rep's targets for ``quarter`` by metric key: the plan's win.

    Targets set on the Numbers page are read first; then, when this journal has plans,
    the targets of the rep's own plan for that quarter replace them metric by metric.
    """
    return {
        key: target.target
        for key, target in target_details(journal, [rep_id], quarter)[rep_id].items()
    }


def target_details(
    journal: Journal, rep_ids: Iterable[int], quarter: str
) -> dict[int, dict[str, Target]]:
    """Return each rep's targets for ``quarter`` with where each came from.

    The same rule as :func:`targets_for` (the plan wins), for many reps in two queries.
    """
    _check_quarter(quarter)
    ids = list(rep_ids)
    found: dict[int, dict[str, Target]] = {rep_id: {} for rep_id in ids}
    if not ids:
        return found
    for rep_id, key, target, source in journal.conn.execute(
        "SELECT rep_id, metric_key, target, source FROM numbers_targets "
        f"WHERE quarter = ? AND rep_id IN ({placeholders(ids)})",
        [quarter, *ids],
    ):
        found[int(rep_id)][str(key)] = Target(
            int(rep_id), quarter, str(key), float(target), TargetSource(str(source))
        )
    for rep_id, key, target in _plan_targets(journal, ids, quarter):
        if rep_id in found:
            found[rep_id][key] = Target(rep_id, quarter, key, target, TargetSource.PLAN)
    return found


def _plan_targets(
    journal: Journal, rep_ids: list[int], quarter: str
) -> list[tuple[int, str, float]]:
    """Return ``(rep_id, metric_key, target)`` from the reps' own plans for ``quarter``.

    A plan counts from its first draft: its targets are the rep's own words, reviewed
    or not. A rep names a metric as they like ("Demos", "deals", "Quotes sent"); the
    name is matched to the catalogue by key, label or short label, and targets for
    something the catalogue does not count are left out.
    """
    by_rep = plans.all_quarter_targets(journal, quarter)
    wanted = set(rep_ids)
    if not wanted & by_rep.keys():
        return []
    known: dict[str, str] = {}
    for metric in reversed(list_metrics(journal)):
        for name in (metric.short_label, metric.label, metric.key):
            known[metric_key_for(name)] = metric.key
            known[plans.metric_key(name)] = metric.key
    found: list[tuple[int, str, float]] = []
    for rep_id, targets in by_rep.items():
        if rep_id not in wanted:
            continue
        for named, target in targets.items():
            key = known.get(named) or known.get(metric_key_for(named))
            if key is not None:
                found.append((rep_id, key, target))
    return found


def active_metrics_for(journal: Journal, rep_id: int, quarter: str) -> list[Metric]:
    """Return the metrics shown for a rep in ``quarter``, in catalogue order.

    Those switched on for everyone (the outcomes, by default), and any other metric the
    rep has a target for that quarter, from their plan or set on the Numbers page:
    that is how an activity metric switches on for one rep only.
    """
    return active_metrics_by_rep(journal, [rep_id], quarter)[rep_id]


def active_metrics_by_rep(
    journal: Journal, rep_ids: Iterable[int], quarter: str
) -> dict[int, list[Metric]]:
    """:func:`active_metrics_for` for many reps at once."""
    ids = list(rep_ids)
    catalogue = list_metrics(journal)
    details = target_details(journal, ids, quarter)
    return {
        rep_id: [m for m in catalogue if m.active or m.key in details[rep_id]] for rep_id in ids
    }


def rep_targets(journal: Journal, rep_id: int) -> list[Target]:
    """Return every target set on the Numbers page for a rep, by quarter and metric."""
    return [
        Target(int(rep), str(quarter), str(key), float(target), TargetSource(str(source)))
        for rep, quarter, key, target, source in journal.conn.execute(
            "SELECT rep_id, quarter, metric_key, target, source FROM numbers_targets "
            "WHERE rep_id = ? ORDER BY quarter, metric_key",
            [rep_id],
        )
    ]
