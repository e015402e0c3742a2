"""This week: what needs the manager, in the order to act on it.

1:1s scheduled or due by cadence; commitments due this week or late — mine first, then
the reps'; then prompts for the manager from every subject (agreement reviews,
expectations conversations, ladder prompts, numbers behind pace), which sharing mode
hides. Quiet by design: a Monday must not be a wall of red.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coachdesk.assembled.flags import collect as collect_flags
from coachdesk.assembled.prep import reps_due_this_week
from coachdesk.dates import IsoWeek, day_words, moment_words, parse_date
from coachdesk.store import commitments, meetings, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import MeetingKind, Owner

SECTIONS = {
    "meetings": "1:1s this week",
    "mine": "My commitments due or late",
    "theirs": "Their commitments due or late",
    "prompts": "Prompts for me",
}


@dataclass(frozen=True)
class WeekItem:
    """One line of the week view, and where acting on it happens."""

    section: str  # a key of SECTIONS
    rep_id: int | None
    text: str
    where: str  # "meeting", "commitments", or a flag's tab ("agreement", "ladder", …)
    late: bool = False
    private: bool = False  # a prompt for the manager: hidden in sharing mode


def _day(day: dt.date, today: dt.date) -> str:
    return day_words(day, today)


def build_week(journal: Journal, today: dt.date) -> list[WeekItem]:
    """Everything for the ISO week holding ``today``, in display order."""
    week = IsoWeek.of(today)
    sunday = week.sunday()
    names = {r.id: r.name for r in reps.list_reps(journal, include_archived=False)}
    items: list[WeekItem] = []

    last = meetings.last_held_by_rep(journal, exclude=(MeetingKind.SKIP_LEVEL,))
    for rep_id in reps_due_this_week(journal, today):
        rep = reps.get_rep(journal, rep_id)
        assert rep is not None
        if rep.next_meeting_at and parse_date(rep.next_meeting_at) >= week.monday():
            text = f"{rep.name} — {moment_words(rep.next_meeting_at, today)}"
        elif rep_id in last:
            days = (today - parse_date(last[rep_id])).days
            text = f"{rep.name} — due (last 1:1 {days} days ago)"
        else:
            text = f"{rep.name} — no 1:1 yet"
        items.append(WeekItem("meetings", rep_id, text, "meeting"))

    due: dict[str, list[tuple[dt.date, WeekItem]]] = {"mine": [], "theirs": []}
    for rep_id, name in names.items():
        for c in commitments.open_commitments(journal, rep_id):
            if not c.due_date:
                continue
            when = parse_date(c.due_date)
            if when > sunday:
                continue
            late = when < today
            status = f"late since {_day(when, today)}" if late else f"due {_day(when, today)}"
            if c.owner is Owner.MANAGER:
                text = f"{c.text} — for {name}, {status}"
                due["mine"].append((when, WeekItem("mine", rep_id, text, "commitments", late)))
            else:
                text = f"{name}: {c.text} — {status}"
                due["theirs"].append((when, WeekItem("theirs", rep_id, text, "commitments", late)))
    for key in ("mine", "theirs"):  # mine first; within each, the oldest due first
        items += [item for _, item in sorted(due[key], key=lambda pair: pair[0])]

    for flagged, flags in collect_flags(journal, today).items():
        for flag in flags:
            who = names.get(flagged, "Me") if flagged is not None else "Me"
            items.append(
                WeekItem(
                    "prompts", flagged, f"{who}: {flag.text}", flag.where or "meeting", private=True
                )
            )
    return items


def title_counts(items: list[WeekItem], *, sharing: bool) -> str:
    """The counts for the window title, e.g. "6 1:1s · 4 due" (prompts only when not sharing)."""
    meetings_count = sum(1 for i in items if i.section == "meetings")
    due_count = sum(1 for i in items if i.section in ("mine", "theirs"))
    parts = [f"{meetings_count} 1:1{'s' if meetings_count != 1 else ''}", f"{due_count} due"]
    if not sharing:
        prompts = sum(1 for i in items if i.section == "prompts")
        if prompts:
            parts.append(f"{prompts} prompt{'s' if prompts != 1 else ''}")
    return " · ".join(parts)
