"""Whose screen it is: the rep sharing mode starts on when the manager turns it on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

# A 1:1 started this long ago and not closed out is still the one under way.
UNDER_WAY = dt.timedelta(hours=2)
# A scheduled 1:1 counts as the next one until this long after its start.
STARTED_LATE = dt.timedelta(hours=1)


def whose_screen(
    open_meetings: Sequence[tuple[int, dt.datetime]],
    scheduled: Sequence[tuple[int, dt.datetime]],
    now: dt.datetime,
) -> int | None:
    """Return the rep of the 1:1 under way, else of the next scheduled 1:1, else None.

    ``open_meetings`` are ``(rep_id, start)`` of 1:1s not closed out; one that started
    within the last two hours (or starts in the next quarter of an hour) is under way, the
    latest start winning. ``scheduled`` are ``(rep_id, start)`` of reps' next 1:1s; the
    earliest one from an hour ago on is next.
    """
    under_way = [
        (start, rep_id)
        for rep_id, start in open_meetings
        if now - UNDER_WAY <= start <= now + dt.timedelta(minutes=15)
    ]
    if under_way:
        return max(under_way)[1]
    upcoming = [(start, rep_id) for rep_id, start in scheduled if start >= now - STARTED_LATE]
    return min(upcoming)[1] if upcoming else None
