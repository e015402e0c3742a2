"""A rep's timeline: one list of events of several kinds, newest first.

Each kind of event has a *source*: a function that reads the journal for one rep and
returns :class:`TimelineEvent` values. Meetings are a source now; agreements, ratings
and numbers add their own by appending to :data:`SOURCES`, without changing the view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coachdesk.store import meetings
from coachdesk.store.db import Journal
from coachdesk.store.records import MEETING_KIND_LABELS, Audience


@dataclass(frozen=True)
class TimelineEvent:
    """One line on the timeline."""

    kind: str  # "meeting", later "agreement", "rating", "numbers", …
    ref_id: int  # the id of the thing in its own table
    when: str  # ISO date or moment; sorts the timeline
    title: str  # "1:1", "QBR", "Agreement v3", …
    summary: str  # one line of shared text, never private
    audience: Audience = Audience.SHARED
    open: bool = False  # e.g. a meeting not yet closed out


TimelineSource = Callable[[Journal, int], list[TimelineEvent]]


def first_line(text: str) -> str:
    """Return the first line of Markdown with text in it, without its markup."""
    for line in text.splitlines():
        stripped = line.strip().lstrip("#>*-+ ").strip()
        if stripped:
            return stripped
    return ""


def meeting_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Meetings as timeline events, summarised from their shared notes only."""
    return [
        TimelineEvent(
            kind="meeting",
            ref_id=m.id,
            when=m.held_at,
            title=MEETING_KIND_LABELS[m.kind],
            summary=first_line(m.notes_start),
            open=m.closed_at is None,
        )
        for m in meetings.meeting_summaries(journal, rep_id)
    ]


SOURCES: list[TimelineSource] = [meeting_events]


def _numbers_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """A week's numbers, one event per week (loaded on first use: it imports this module)."""
    from coachdesk.numbers import numbers_events

    return numbers_events(journal, rep_id)


SOURCES.append(_numbers_events)


def _agreement_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Agreements agreed and steps used (loaded on first use: it imports this module)."""
    from coachdesk.agreements_timeline import agreement_events

    return agreement_events(journal, rep_id)


SOURCES.append(_agreement_events)


def _ladder_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Self-ratings on the ladder, shared with the rep; my private reads never."""
    from coachdesk.ladder_sources import self_rating_events

    return self_rating_events(journal, rep_id)


SOURCES.append(_ladder_events)


def build_timeline(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Return every event of a rep from every source, newest first."""
    events: list[TimelineEvent] = []
    for source in SOURCES:
        events.extend(source(journal, rep_id))
    events.sort(key=lambda e: (e.when, e.kind, e.ref_id), reverse=True)
    return events
