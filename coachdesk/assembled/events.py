"""What a line on a rep's timeline is, and the first source of them: the 1:1s.

Each kind of event has a *source*: a function that reads the journal for one rep and
returns :class:`TimelineEvent` values, registered in :data:`TIMELINE_SOURCES`. Each
subject's own lives beside its subject and imports only this module, so nothing loops
back; :mod:`coachdesk.assembled.timeline` loads the subjects and gathers the events.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from coachdesk import Registry
from coachdesk.store import meetings
from coachdesk.store.db import Journal
from coachdesk.store.records import (
    MEETING_KIND_LABELS,
    Audience,
    MeetingStatus,
    MeetingSummary,
    Party,
)


class TimelineGroup(enum.Enum):
    """What the timeline's filter shows or hides, one kind of event at a time."""

    MEETINGS = "meetings"  # 1:1s and the other meetings: always shown
    NUMBERS = "numbers"
    RATINGS = "ratings"
    AGREEMENTS = "agreements"  # agreed versions and steps used


# The groups a manager can hide; the meetings are always on the timeline.
OPTIONAL_GROUPS = (TimelineGroup.NUMBERS, TimelineGroup.RATINGS, TimelineGroup.AGREEMENTS)


@dataclass(frozen=True)
class TimelineEvent:
    """One line on the timeline."""

    kind: str  # "meeting", "agreement", "agreement_step", "ladder", "numbers"
    ref_id: int  # the id of the thing in its own table
    when: str  # ISO date or moment; sorts the timeline
    title: str  # "1:1", "QBR", "Agreement v3", …
    summary: str  # one line of shared text, never private
    audience: Audience = Audience.SHARED
    open: bool = False  # e.g. a meeting not yet closed out
    group: TimelineGroup = TimelineGroup.MEETINGS
    # False for a line that stands for a stretch of time (a quarter's numbers): its
    # title says when, and ``when`` only places it on the timeline.
    dated: bool = True


TimelineSource = Callable[[Journal, int], list[TimelineEvent]]

# Every timeline source, registered by its subject's module when that module loads. The
# timeline sorts the events itself, so the sources need no order.
TIMELINE_SOURCES: Registry[TimelineSource] = Registry("timeline source")


def first_line(text: str) -> str:
    """Return the first line of Markdown with text in it, without its markup."""
    for line in text.splitlines():
        stripped = line.strip().lstrip("#>*-+ ").strip()
        if stripped:
            return stripped
    return ""


def _meeting_title(m: MeetingSummary) -> str:
    """A meeting's kind, and whether it is still ahead or was skipped (and whose call)."""
    kind = MEETING_KIND_LABELS[m.kind]
    if m.status is MeetingStatus.SCHEDULED:
        return f"{kind} (scheduled)"
    if m.status is MeetingStatus.SKIPPED:
        whose = {Party.ME: " — my call", Party.REP: " — their call"}
        return f"{kind} skipped{whose[m.skipped_by] if m.skipped_by else ''}"
    return kind


def meeting_events(journal: Journal, rep_id: int) -> list[TimelineEvent]:
    """Meetings as timeline events, summarised from their shared notes only."""
    return [
        TimelineEvent(
            kind="meeting",
            ref_id=m.id,
            when=m.held_at,
            title=_meeting_title(m),
            summary=first_line(m.notes_start),
            open=m.closed_at is None and m.status is MeetingStatus.HELD,
        )
        for m in meetings.meeting_summaries(journal, rep_id)
    ]


TIMELINE_SOURCES.register(meeting_events)
