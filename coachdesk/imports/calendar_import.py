"""Bringing a calendar's 1:1s into the journal as scheduled 1:1s (set-up, not a chore).

:mod:`coachdesk.imports.calendar` reads the file and finds the 1:1s; this module works out
what that changes — 1:1s to add, a typed next 1:1 to tie to its event, moved events,
events that are gone, each rep's cadence from their series — and writes it all at once.

The same file twice changes nothing (1:1s are keyed by their event and instance). A
newer export moves what was moved and removes scheduled 1:1s whose event is gone, only
ahead of today and never a 1:1 that was held or skipped. Events that are not 1:1s with
a rep are only counted by the reader; nothing of them reaches the journal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from coachdesk.imports.calendar import (
    CalendarFile,
    CalendarPlan,
    RepContact,
    plan_import,
    read_calendar,
)
from coachdesk.store import meetings
from coachdesk.store.db import Journal
from coachdesk.store.meetings import CalendarChanges
from coachdesk.store.records import MeetingKind, MeetingStatus
from coachdesk.store.reps import list_reps


@dataclass(frozen=True)
class CalendarImport:
    """A calendar read against the roster: the plan, and what it would change."""

    calendar: CalendarFile
    plan: CalendarPlan
    changes: CalendarChanges


def _start(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def contacts(journal: Journal) -> list[RepContact]:
    """The active roster as the calendar reader matches it."""
    return [RepContact(r.id, r.name, r.email) for r in list_reps(journal, include_archived=False)]


def prepare(
    journal: Journal,
    source: Path | bytes,
    *,
    today: dt.date,
    include: Collection[str] | None = None,
    me: Collection[str] = (),
    zone: dt.tzinfo | None = None,
) -> CalendarImport:
    """Read ``source`` and work out the changes, writing nothing.

    ``include``: the keys of the 1:1s to bring in; by default those matched by e-mail
    (one found only by a name in its title is brought in only when included).
    """
    calendar = read_calendar(source)
    plan = plan_import(calendar, contacts(journal), today=today, me=me, zone=zone)
    return CalendarImport(calendar, plan, changes_for(journal, plan, today, include))


def choose(
    journal: Journal, prepared: CalendarImport, today: dt.date, include: Collection[str]
) -> CalendarImport:
    """The same calendar with another choice of 1:1s (the file is not read again)."""
    changes = changes_for(journal, prepared.plan, today, include)
    return CalendarImport(prepared.calendar, prepared.plan, changes)


def changes_for(
    journal: Journal, plan: CalendarPlan, today: dt.date, include: Collection[str] | None
) -> CalendarChanges:
    """What bringing in the 1:1s of ``include`` (by default, those found by e-mail) changes."""
    from coachdesk.assembled.settings_schema import agenda_template

    chosen = (
        {m.key for m in plan.meetings if m.matched_by == "email"}
        if include is None
        else set(include)
    )
    by_key = meetings.with_calendar_keys(journal)
    agenda = agenda_template(journal, MeetingKind.ONE_ON_ONE)
    today_text = today.isoformat()
    ahead = meetings.scheduled_meetings(journal, start=today_text)
    untied = {
        (m.rep_id, m.held_at[:10]): m for m in ahead if m.calendar_key is None
    }  # typed next 1:1s, tied to the calendar's event on their day
    add: list[tuple[int, str, int | None, str, str]] = []
    adopt: list[tuple[int, str, int | None, str]] = []
    move: list[tuple[int, str, int | None]] = []
    for found in plan.meetings:
        if found.key not in chosen:
            continue
        start = _start(found.start)
        known = by_key.get(found.key)
        if known is not None:
            if known.status is MeetingStatus.SCHEDULED and (
                known.held_at != start or (known.minutes or None) != found.minutes
            ):
                move.append((known.id, start, found.minutes))
            continue
        typed = untied.pop((found.rep_id, start[:10]), None)
        if typed is not None:
            adopt.append((typed.id, start, found.minutes, found.key))
        else:
            add.append((found.rep_id, start, found.minutes, found.key, agenda))
    # Gone from the calendar: scheduled ahead of today, within what the file covers.
    in_file = {m.key for m in plan.meetings}
    until = plan.until.isoformat()
    remove = tuple(
        m.id
        for key, m in by_key.items()
        if key not in in_file
        and m.status is MeetingStatus.SCHEDULED
        and today_text <= m.held_at < until
    )
    reps_in = {m.rep_id for m in plan.meetings if m.key in chosen}
    cadences = tuple((s.rep_id, s.cadence_days) for s in plan.series if s.rep_id in reps_in)
    current = {r.id: r.cadence_days for r in list_reps(journal, include_archived=False)}
    cadences = tuple((rep, days) for rep, days in cadences if current.get(rep) != days)
    return CalendarChanges(tuple(add), tuple(adopt), tuple(move), remove, cadences)


def summary(changes: CalendarChanges) -> str:
    """One line saying what an import changes."""
    parts = []
    for count, words in (
        (len(changes.add), "1:1s scheduled"),
        (len(changes.adopt), "next 1:1s tied to their calendar event"),
        (len(changes.move), "moved"),
        (len(changes.remove), "removed (their event is gone)"),
        (len(changes.cadences), "cadences set from a series"),
    ):
        if count:
            parts.append(f"{count} {words}")
    return ", ".join(parts) if parts else "Nothing to change: the journal already has these 1:1s."


def apply(journal: Journal, prepared: CalendarImport) -> None:
    """Write the changes worked out by :func:`prepare`, all or nothing."""
    meetings.apply_calendar(journal, prepared.changes)
