"""A rep's timeline: one list of events of several kinds, newest first.

The sources are the 1:1s (:mod:`coachdesk.assembled.events`) and each later subject's
own — a week's numbers, agreements and steps used, self-ratings — registered in
:data:`~coachdesk.assembled.events.TIMELINE_SOURCES` by their subjects' modules, which
load the first time a timeline is built.
"""

from __future__ import annotations

from collections.abc import Collection

from coachdesk.assembled.events import (
    OPTIONAL_GROUPS,
    TIMELINE_SOURCES,
    TimelineEvent,
    TimelineGroup,
    TimelineSource,
    first_line,
)
from coachdesk.store.db import Journal

__all__ = [
    "OPTIONAL_GROUPS",
    "TimelineEvent",
    "TimelineGroup",
    "build_timeline",
    "first_line",
    "shown",
    "sources",
]


def sources() -> list[TimelineSource]:
    """Every timeline source; the subjects' modules are loaded first."""
    # Each of these registers its sources when it loads.
    from coachdesk.assembled import agreements, ladder, numbers  # noqa: F401

    return list(TIMELINE_SOURCES)


def build_timeline(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Return every event of a rep from every source, newest first."""
    events: list[TimelineEvent] = []
    for source in sources():
        events.extend(source(journal, rep_id))
    events.sort(key=lambda e: (e.when, e.kind, e.ref_id), reverse=True)
    return events


def shown(events: list[TimelineEvent], groups: Collection[TimelineGroup]) -> list[TimelineEvent]:
    """Return the events the filter shows: the meetings always, the other groups if chosen."""
    return [e for e in events if e.group is TimelineGroup.MEETINGS or e.group in groups]
