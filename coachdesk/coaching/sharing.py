"""Whose screen it is: the rep sharing mode starts on when the manager turns it on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

# A 1:1 started this long ago and not closed out may still be the one under way.
UNDER_WAY = dt.timedelta(hours=2)
# A scheduled 1:1 counts as the one under way until this long after its start.
STARTED_LATE = dt.timedelta(hours=1)
# A 1:1 this close ahead is the one about to start: the rep may already be in the room.
ABOUT_TO_START = dt.timedelta(minutes=15)


def whose_screen(
    open_meetings: Sequence[tuple[int, dt.datetime]],
    scheduled: Sequence[tuple[int, dt.datetime]],
    now: dt.datetime,
) -> int | None:
    """Return the rep of the 1:1 under way, else of the next scheduled 1:1, else None.

    ``open_meetings`` are ``(rep_id, start)`` of 1:1s not closed out, ``scheduled`` the
    ``(rep_id, start)`` of reps' next 1:1s. Under way is any of them that started
    recently (two hours for one begun, one for one only scheduled) or starts within a
    quarter of an hour; of those the latest start wins: a 1:1 left open at 07:30 is not
    the one under way when the 09:00 one has begun. With none under way, the earliest
    scheduled one still ahead is next.
    """
    soon = now + ABOUT_TO_START
    under_way = [
        (start, rep_id) for rep_id, start in open_meetings if now - UNDER_WAY <= start <= soon
    ]
    under_way += [
        (start, rep_id) for rep_id, start in scheduled if now - STARTED_LATE <= start <= soon
    ]
    if under_way:
        return max(under_way)[1]
    ahead = [(start, rep_id) for rep_id, start in scheduled if start > soon]
    return min(ahead)[1] if ahead else None
