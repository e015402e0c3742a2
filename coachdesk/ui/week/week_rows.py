"""This week in words: the assembled :class:`Week` as the rows of its two lists.

Dates and times come from ``QLocale`` (the reader's day and month names, their clock);
every sentence goes through ``QCoreApplication.translate``, counts through ``%n``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from coachdesk.assembled.week import DueCommitment, RepCommitments, Week, WeekMeeting
from coachdesk.store.records import Owner
from coachdesk.ui.widgets.qdates import day_text, time_text


class RowKind(Enum):
    """What a row of This week is, and so what can be done on it."""

    HEADING = "heading"  # a day or a section: folds, opens nothing
    NOTE = "note"  # "No 1:1 scheduled today.": read, never chosen
    MEETING = "meeting"  # a rep's 1:1: Enter opens the rep
    GROUP = "group"  # one rep's commitments: → shows them, Enter opens the rep
    COMMITMENT = "commitment"  # done, kept or dropped in place; Enter opens the rep
    PROMPT = "prompt"  # a prompt for the manager: Enter opens where it is acted on


@dataclass
class Row:
    """One line of This week, with the lines it folds."""

    key: tuple[object, ...]  # stays the same across refreshes: the cursor finds it again
    kind: RowKind
    text: str
    rep_id: int | None = None
    where: str = ""  # the rep-page tab Enter opens
    meeting_id: int | None = None  # the scheduled 1:1 Enter opens, for a 1:1's line
    commitment_id: int | None = None
    late: bool = False  # past due: said in words in ``text``, and marked beside it
    children: list[Row] = field(default_factory=list)


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("WeekView", text, None, n)


def day_label(day: dt.date, today: dt.date, *, weekday: bool = True) -> str:
    """A day in the screen's one style: "Tue, 8 Dec" (with the year when not this year's);
    without the weekday, the short form of the same style ("8 Dec")."""
    if weekday:
        return day_text(day, today)
    pattern = "d MMM" if day.year == today.year else "d MMM yyyy"
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


def time_label(time: dt.time) -> str:
    """A time of day on the reader's clock, without seconds: "16:00" or "4:00 PM"."""
    return time_text(time)


def _name(name: str) -> str:
    """A name kept whole inside a line: one written right to left (سارة منصور) does not
    carry the counts after it along with it."""
    return f"\u2068{name}\u2069"


def open_counts(theirs: int, mine: int) -> str:
    """A rep's open commitments as the roster says them: "Theirs 2 · Mine 1", or
    "nothing open"."""
    if not theirs and not mine:
        return _tr("nothing open")
    return _tr("Theirs %n", theirs) + " · " + _tr("Mine %n", mine)


def _meeting_row(meeting: WeekMeeting, today: dt.date, *, with_day: bool) -> Row:
    when: list[str] = []
    if with_day and meeting.day is not None:
        when.append(day_label(meeting.day, today))
    if meeting.time is not None:
        when.append(time_label(meeting.time))
    parts = [" ".join(when)] if when else []
    parts.append(_name(meeting.name))
    if meeting.day is None:
        parts.append(
            _tr("last 1:1 %s") % day_label(meeting.last_held, today)
            if meeting.last_held
            else _tr("no 1:1 yet")
        )
    parts.append(open_counts(meeting.theirs, meeting.mine))
    return Row(
        ("meeting", meeting.rep_id),
        RowKind.MEETING,
        " · ".join(parts),
        rep_id=meeting.rep_id,
        where="meeting",
        meeting_id=meeting.meeting_id,
    )


def meeting_rows(week: Week) -> list[Row]:
    """Today's 1:1s first, then the rest of the week day by day, then the unbooked."""
    today = week.today
    todays = week.meetings_today()
    rows = [
        Row(
            ("today",),
            RowKind.HEADING,
            (_tr("Today · %s (%n)", len(todays)) if todays else _tr("Today · %s"))
            % day_label(today, today),
            children=[_meeting_row(m, today, with_day=False) for m in todays]
            or [Row(("today", "none"), RowKind.NOTE, _tr("No 1:1 scheduled today."))],
        )
    ]
    for day, on_day in week.meetings_by_day():
        rows.append(
            Row(
                ("day", day.isoformat()),
                RowKind.HEADING,
                day_label(day, today),
                children=[_meeting_row(m, today, with_day=False) for m in on_day],
            )
        )
    earlier = week.meetings_earlier()
    if earlier:
        rows.append(
            Row(
                ("earlier",),
                RowKind.HEADING,
                _tr("Earlier this week, next 1:1 not set yet (%n)", len(earlier)),
                children=[_meeting_row(m, today, with_day=True) for m in earlier],
            )
        )
    unbooked = week.meetings_unbooked()
    if unbooked:
        rows.append(
            Row(
                ("unbooked",),
                RowKind.HEADING,
                _tr("Due by cadence, not booked yet (%n)", len(unbooked)),
                children=[_meeting_row(m, today, with_day=False) for m in unbooked],
            )
        )
    return rows


def _commitment_row(c: DueCommitment, today: dt.date) -> Row:
    if c.late:
        status = _tr("past due since %s") % day_label(c.due, today)
    elif c.due == today:
        status = _tr("due today")
    else:
        status = _tr("due %s") % day_label(c.due, today)
    return Row(
        ("commitment", c.id),
        RowKind.COMMITMENT,
        # When first: the date stays in sight when a long commitment is cut short.
        f"{status} · {c.text}",
        rep_id=c.rep_id,
        where="commitments",
        commitment_id=c.id,
        late=c.late,
    )


def group_label(group: RepCommitments, today: dt.date) -> str:
    """A rep's group: "Dana Parker · 3 open past due, oldest 17 Nov · 1 due this week"."""
    parts = [_name(group.name)]
    oldest = group.oldest_late
    if oldest is not None:
        parts.append(
            _tr("%n open past due, oldest %s", group.late) % day_label(oldest, today, weekday=False)
        )
    if group.due:
        parts.append(_tr("%n due this week", group.due))
    return " · ".join(parts)


def _group_rows(groups: tuple[RepCommitments, ...], today: dt.date) -> list[Row]:
    return [
        Row(
            ("group", str(g.owner), g.rep_id),
            RowKind.GROUP,
            group_label(g, today),
            rep_id=g.rep_id,
            where="commitments",
            late=g.late > 0,
            children=[_commitment_row(c, today) for c in g.commitments],
        )
        for g in groups
    ]


def follow_up_rows(week: Week, *, sharing: bool) -> list[Row]:
    """My commitments, then theirs, by rep; then my prompts (never while sharing)."""
    today = week.today
    mine = sum(len(g.commitments) for g in week.mine)
    theirs = sum(len(g.commitments) for g in week.theirs)
    rows: list[Row] = []
    for owner, groups, heading, nothing in (
        (
            Owner.MANAGER,
            week.mine,
            _tr("My commitments, past due or due this week (%n)", mine),
            _tr("Nothing of mine is past due or due this week."),
        ),
        (
            Owner.REP,
            week.theirs,
            _tr("Their commitments, past due or due this week (%n)", theirs),
            _tr("Nothing of theirs is past due or due this week."),
        ),
    ):
        rows.append(
            Row(
                ("section", str(owner)),
                RowKind.HEADING,
                heading,
                children=_group_rows(groups, today)
                or [Row(("section", str(owner), "none"), RowKind.NOTE, nothing)],
            )
        )
    if week.prompts and not sharing:
        rows.append(
            Row(
                ("prompts",),
                RowKind.HEADING,
                _tr("Prompts for me (%n)", len(week.prompts)),
                children=[
                    Row(
                        ("prompt", p.rep_id, number),
                        RowKind.PROMPT,
                        f"{_name(p.name) if p.name else _tr('Me')} · {p.text}",
                        rep_id=p.rep_id,
                        where=p.where,
                    )
                    for number, p in enumerate(week.prompts)
                ],
            )
        )
    return rows


def summary(week: Week, *, sharing: bool) -> str:
    """The counts under the title and in the window title."""
    parts = [
        _tr("1:1s this week: %n", len(week.meetings))
        + " "
        + _tr("(today: %n)", len(week.meetings_today())),
        _tr("open past due: %n", week.late),
    ]
    if week.prompts and not sharing:
        parts.append(_tr("prompts: %n", len(week.prompts)))
    return " · ".join(parts)
