"""A rep's timeline: one list of events of several kinds, newest first.

The sources are the 1:1s (:mod:`coachdesk.assembled.events`) and each later subject's
own — a week's numbers, agreements and steps used, self-ratings — loaded the first time a
timeline is built.
"""

from __future__ import annotations

from coachdesk.assembled.events import TimelineEvent, TimelineSource, first_line, meeting_events
from coachdesk.store.db import Journal

__all__ = ["SOURCES", "TimelineEvent", "build_timeline", "first_line"]


SOURCES: list[TimelineSource] = [meeting_events]


def _numbers_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """A week's numbers, one event per week (loaded on first use)."""
    from coachdesk.assembled.numbers import numbers_events

    return numbers_events(journal, rep_id)


SOURCES.append(_numbers_events)


def _agreement_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Agreements agreed and steps used (loaded on first use)."""
    from coachdesk.assembled.agreements import agreement_events

    return agreement_events(journal, rep_id)


SOURCES.append(_agreement_events)


def _ladder_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Self-ratings on the ladder, shared with the rep; my private reads never."""
    from coachdesk.assembled.ladder import self_rating_events

    return self_rating_events(journal, rep_id)


SOURCES.append(_ladder_events)


def build_timeline(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Return every event of a rep from every source, newest first."""
    events: list[TimelineEvent] = []
    for source in SOURCES:
        events.extend(source(journal, rep_id))
    events.sort(key=lambda e: (e.when, e.kind, e.ref_id), reverse=True)
    return events
