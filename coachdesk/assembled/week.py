"""This week: what needs the manager, in the order a Monday morning takes it.

The 1:1s of the week (today's first, then by day, then those due by cadence and not
booked), each with its rep's open commitments counted; the commitments past due or due
this week, grouped by rep — mine first, then the reps' — with the oldest past due first;
then prompts for the manager from every subject (agreement reviews, expectations
conversations, ladder prompts, numbers behind pace), which sharing mode hides.

Dates here are dates, never text: the screen words and formats them for the reader's
locale. Quiet by design: a Monday must not be a wall of red.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coachdesk.assembled.flags import collect as collect_flags
from coachdesk.assembled.prep import reps_due_this_week
from coachdesk.dates import IsoWeek, parse_date, parse_moment
from coachdesk.store import commitments, meetings, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import MeetingKind, Owner


@dataclass(frozen=True)
class WeekMeeting:
    """A rep's 1:1 this week: scheduled on ``day`` (at ``time`` if one was set), or due
    by cadence and not booked yet (``day`` None)."""

    rep_id: int
    name: str
    day: dt.date | None
    time: dt.time | None
    last_held: dt.date | None  # the rep's last 1:1 before now, if any
    theirs: int  # the rep's open commitments
    mine: int  # the manager's open commitments to the rep
    meeting_id: int | None = None  # the scheduled 1:1's record, when there is one


@dataclass(frozen=True)
class DueCommitment:
    """An open commitment past due or due this week."""

    id: int
    rep_id: int
    owner: Owner
    text: str
    due: dt.date
    late: bool  # past due: its due date is before today


@dataclass(frozen=True)
class RepCommitments:
    """One rep's commitments past due or due this week, of one owner, oldest due first."""

    rep_id: int
    name: str
    owner: Owner
    commitments: tuple[DueCommitment, ...]

    @property
    def late(self) -> int:
        """How many are past due."""
        return sum(1 for c in self.commitments if c.late)

    @property
    def due(self) -> int:
        """How many are due from today to Sunday."""
        return len(self.commitments) - self.late

    @property
    def oldest_late(self) -> dt.date | None:
        """The due date of the one past due longest, if any is."""
        return min((c.due for c in self.commitments if c.late), default=None)


@dataclass(frozen=True)
class Prompt:
    """A prompt for the manager about a rep (or about the manager: ``rep_id`` None)."""

    rep_id: int | None
    name: str  # the rep's name; "" for a prompt about the manager
    text: str
    where: str  # the rep-page tab that acts on it


@dataclass(frozen=True)
class Week:
    """Everything This week shows for the ISO week holding ``today``."""

    today: dt.date
    meetings: tuple[WeekMeeting, ...]  # scheduled ones by start, then the unbooked ones
    mine: tuple[RepCommitments, ...]  # the manager's own commitments, by rep
    theirs: tuple[RepCommitments, ...]  # the reps' commitments, by rep
    prompts: tuple[Prompt, ...]  # private to the manager: hidden in sharing mode

    def meetings_today(self) -> list[WeekMeeting]:
        """The 1:1s scheduled today, by time."""
        return [m for m in self.meetings if m.day == self.today]

    def meetings_by_day(self) -> list[tuple[dt.date, list[WeekMeeting]]]:
        """The 1:1s scheduled after today this week, day by day."""
        days: dict[dt.date, list[WeekMeeting]] = {}
        for m in self.meetings:
            if m.day is not None and m.day > self.today:
                days.setdefault(m.day, []).append(m)
        return sorted(days.items())

    def meetings_earlier(self) -> list[WeekMeeting]:
        """1:1s scheduled earlier this week whose next date has not been set since."""
        return [m for m in self.meetings if m.day is not None and m.day < self.today]

    def meetings_unbooked(self) -> list[WeekMeeting]:
        """Reps due a 1:1 by cadence this week with none scheduled."""
        return [m for m in self.meetings if m.day is None]

    @property
    def late(self) -> int:
        """How many open commitments, mine and theirs, are past due."""
        return sum(group.late for group in (*self.mine, *self.theirs))

    @property
    def due(self) -> int:
        """How many open commitments, mine and theirs, are due from today to Sunday."""
        return sum(group.due for group in (*self.mine, *self.theirs))


def _meeting(
    rep_id: int,
    name: str,
    next_at: str | None,
    monday: dt.date,
    last: str | None,
    counts: tuple[int, int],
    planned: dict[tuple[int, str], int],
) -> WeekMeeting:
    day: dt.date | None = None
    time: dt.time | None = None
    if next_at and parse_date(next_at) >= monday:
        day = parse_date(next_at)
        if len(next_at) > 10:
            time = parse_moment(next_at).time().replace(second=0)
    last_held = parse_date(last) if last else None
    meeting_id = planned.get((rep_id, day.isoformat())) if day is not None else None
    return WeekMeeting(rep_id, name, day, time, last_held, counts[0], counts[1], meeting_id)


def _by_rep(
    found: list[DueCommitment], names: dict[int, str], owner: Owner
) -> tuple[RepCommitments, ...]:
    grouped: dict[int, list[DueCommitment]] = {}
    for c in sorted(found, key=lambda c: (c.due, c.id)):
        grouped.setdefault(c.rep_id, []).append(c)
    groups = [RepCommitments(r, names[r], owner, tuple(cs)) for r, cs in grouped.items()]
    # The longest past due first; reps with nothing past due after, soonest due first.
    groups.sort(
        key=lambda g: (
            g.oldest_late is None,
            g.oldest_late or g.commitments[0].due,
            g.name.casefold(),
        )
    )
    return tuple(groups)


def build_week(journal: Journal, today: dt.date) -> Week:
    """Everything for the ISO week holding ``today``."""
    week = IsoWeek.of(today)
    monday, sunday = week.monday(), week.sunday()
    active = {r.id: r for r in reps.list_reps(journal, include_archived=False)}
    names = {rep_id: rep.name for rep_id, rep in active.items()}
    last = meetings.last_held_by_rep(journal, exclude=(MeetingKind.SKIP_LEVEL,))

    # Each rep's open commitments, read once: counted for their 1:1, and those due by
    # Sunday kept for the follow-ups.
    counts: dict[int, tuple[int, int]] = {}
    due: dict[Owner, list[DueCommitment]] = {Owner.MANAGER: [], Owner.REP: []}
    for rep_id in names:
        open_ones = commitments.open_commitments(journal, rep_id)
        mine = sum(1 for c in open_ones if c.owner is Owner.MANAGER)
        counts[rep_id] = (len(open_ones) - mine, mine)
        for c in open_ones:
            when = parse_date(c.due_date) if c.due_date else None
            if when is not None and when <= sunday:
                due[c.owner].append(
                    DueCommitment(c.id, rep_id, c.owner, c.text, when, when < today)
                )

    # The scheduled 1:1s of the week, by rep and day: opening one opens that record.
    planned: dict[tuple[int, str], int] = {}
    upcoming = meetings.scheduled_meetings(
        journal, start=monday.isoformat(), end=(sunday + dt.timedelta(days=1)).isoformat()
    )
    for m in upcoming:
        planned.setdefault((m.rep_id, m.held_at[:10]), m.id)
    found = [
        _meeting(
            rep_id,
            active[rep_id].name,
            active[rep_id].next_meeting_at,
            monday,
            last.get(rep_id),
            counts.get(rep_id, (0, 0)),
            planned,
        )
        for rep_id in reps_due_this_week(journal, today)
        if rep_id in active
    ]
    # Scheduled ones by start (a 1:1 with no time set comes first that day), then those
    # due by cadence, longest since their last 1:1 first.
    found.sort(
        key=lambda m: (
            m.day is None,
            m.day or dt.date.min,
            m.time or dt.time.min,
            m.last_held or dt.date.min,
            m.name.casefold(),
        )
    )

    prompts = [
        Prompt(
            flagged,
            names.get(flagged, "") if flagged is not None else "",
            flag.text,
            flag.where or "meeting",
        )
        for flagged, flags in collect_flags(journal, today).items()
        if flagged is None or flagged in names
        for flag in flags
    ]
    return Week(
        today=today,
        meetings=tuple(found),
        mine=_by_rep(due[Owner.MANAGER], names, Owner.MANAGER),
        theirs=_by_rep(due[Owner.REP], names, Owner.REP),
        prompts=tuple(prompts),
    )
