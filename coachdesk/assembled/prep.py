"""Gathering a 1:1 prep sheet from the journal: what goes on it, in its order.

1. header; 2. the rep's agenda; 3. my open commitments, then theirs; 4–6. sections
from later subjects (numbers, plan, agreement), whose providers the caller passes in;
7. three questions suited to the moment; 8. room to write. Never: private notes (unless
a private copy is asked for), the manager's ladder reads, flags, or why a question was
chosen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from coachdesk.assembled.flag_sources import Flag
from coachdesk.assembled.flags import collect as collect_flags
from coachdesk.coaching.prep import LIMITS, Moment, choose_questions, clip, is_new_rep, tenure
from coachdesk.dates import parse_date
from coachdesk.store import commitments, meetings, reps, settings, teams
from coachdesk.store.db import Journal
from coachdesk.store.records import Meeting, Owner


@dataclass(frozen=True)
class CommitmentLine:
    """One open commitment as printed."""

    text: str
    due: dt.date | None
    late: bool


@dataclass(frozen=True)
class Section:
    """A part of the sheet from a later subject: a title and safe HTML (may hold charts).

    ``charts`` maps a placeholder written in ``html`` (e.g. ``[[chart:0]]``) to an object
    the renderer knows how to draw as vector graphics.
    """

    key: str
    title: str
    html: str
    charts: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PrepSheet:
    """Everything printed for one rep's 1:1."""

    rep_id: int
    name: str
    title: str
    team: str
    tenure: str
    day: dt.date
    last_day: dt.date | None
    agenda: str
    mine: list[CommitmentLine]
    theirs: list[CommitmentLine]
    more_mine: int
    more_theirs: int
    sections: list[Section]
    questions: list[str]
    private_notes: str | None  # only on a private copy


SectionProvider = Callable[[Journal, int, dt.date, dict[str, int]], Section | None]


def _agenda_meeting(journal: Journal, rep_id: int, day: dt.date) -> Meeting | None:
    """The 1:1 on ``day``, if it is in the journal (scheduled or begun).

    Only that meeting's talking points are the agenda: an older meeting left open
    holds talking points that were for then, not for this 1:1.
    """
    on_day = meetings.meetings_on(journal, rep_id, day.isoformat())
    return on_day[0] if on_day else None


def scheduled_day(journal: Journal, rep_id: int, day: dt.date) -> dt.date:
    """The day of the rep's next scheduled 1:1 on or after ``day``; ``day`` without one."""
    rep = reps.get_rep(journal, rep_id)
    if rep is not None and rep.next_meeting_at:
        scheduled = parse_date(rep.next_meeting_at[:10])
        if scheduled >= day:
            return scheduled
    return day


def _lines(items: list[CommitmentLine], limit: int) -> tuple[list[CommitmentLine], int]:
    return items[:limit], max(0, len(items) - limit)


def build_prep_sheet(
    journal: Journal,
    rep_id: int,
    day: dt.date,
    *,
    include_private: bool = False,
    limits: dict[str, int] | None = None,
    flags: dict[int | None, list[Flag]] | None = None,
    sections: Sequence[SectionProvider] = (),
) -> PrepSheet:
    """Gather one rep's sheet for the 1:1 on ``day``.

    ``flags`` (from :func:`coachdesk.assembled.flags.collect`) can be passed in when many
    sheets are gathered for the same day; they only choose questions and are never printed.
    ``sections`` provide sections 4–6 (the numbers, the plan, the agreement in brief).
    """
    limits = {**LIMITS, **(limits or {})}
    rep = reps.get_rep(journal, rep_id)
    if rep is None:
        raise LookupError(rep_id)
    team = teams.get_team(journal, rep.team_id) if rep.team_id else None
    start = parse_date(rep.start_date) if rep.start_date else None
    before = meetings.last_meeting(journal, rep_id, before=day.isoformat())
    agenda_meeting = _agenda_meeting(journal, rep_id, day)
    agenda, _ = clip(agenda_meeting.rep_agenda if agenda_meeting else "", limits["agenda_chars"])

    open_items = commitments.open_commitments(journal, rep_id)

    def line(text: str, due: str | None) -> CommitmentLine:
        due_day = parse_date(due) if due else None
        return CommitmentLine(text, due_day, due_day is not None and due_day < day)

    mine_all = [line(c.text, c.due_date) for c in open_items if c.owner is Owner.MANAGER]
    theirs_all = [line(c.text, c.due_date) for c in open_items if c.owner is Owner.REP]
    mine, more_mine = _lines(mine_all, limits["commitments"])
    theirs, more_theirs = _lines(theirs_all, limits["commitments"])

    found = [s for s in (provide(journal, rep_id, day, limits) for provide in sections) if s]

    if flags is None:
        flags = collect_flags(journal, day)
    kinds = {f.kind for f in flags.get(rep_id, [])}
    moment = Moment(
        behind_pace="behind_pace" in kinds,
        commitments_slipping=any(c.late for c in mine_all + theirs_all),
        review_due="review_due" in kinds,
        new_rep=is_new_rep(start, day) or "expectations_due" in kinds,
    )
    bank = [(q.topic, q.text) for q in settings.list_questions(journal)]
    questions = choose_questions(bank, moment, seed=rep_id * 7 + day.toordinal())

    private = None
    if include_private:
        source = agenda_meeting if agenda_meeting and agenda_meeting.private_notes else before
        private, _ = clip(source.private_notes if source else "", limits["private_chars"])

    return PrepSheet(
        rep_id=rep.id,
        name=rep.name,
        title=rep.title,
        team=team.name if team else "",
        tenure=tenure(start, day),
        day=day,
        last_day=parse_date(before.held_at) if before else None,
        agenda=agenda,
        mine=mine,
        theirs=theirs,
        more_mine=more_mine,
        more_theirs=more_theirs,
        sections=found,
        questions=questions,
        private_notes=private,
    )


def reps_due_this_week(journal: Journal, day: dt.date) -> list[int]:
    """Active reps with a 1:1 scheduled in ``day``'s ISO week, or due by cadence in it."""
    from coachdesk.assembled import settings_schema
    from coachdesk.coaching.cadence import effective_cadence, is_due_by
    from coachdesk.dates import IsoWeek
    from coachdesk.store.records import MeetingKind

    week = IsoWeek.of(day)
    monday, sunday = week.monday(), week.sunday()
    cadences = {t.id: t.cadence_days for t in teams.list_teams(journal)}
    default = settings_schema.read(journal, settings_schema.DEFAULT_CADENCE_DAYS)
    last = meetings.last_held_by_rep(journal, exclude=(MeetingKind.SKIP_LEVEL,))
    due: list[int] = []
    for rep in reps.list_reps(journal, include_archived=False):
        next_day = parse_date(rep.next_meeting_at) if rep.next_meeting_at else None
        if next_day is not None and next_day >= day:
            # A 1:1 the manager has scheduled decides, whatever the cadence says.
            if next_day <= sunday:
                due.append(rep.id)
            continue
        cadence = effective_cadence(rep.cadence_days, cadences.get(rep.team_id or 0), default)
        if next_day is not None and monday <= next_day <= sunday:
            due.append(rep.id)  # scheduled earlier this week
        elif is_due_by(day, cadence, last.get(rep.id), sunday):
            due.append(rep.id)
    return due
