"""The next 1:1 as a calendar file (.ics) for the calendar app to open.

One event, its times in UTC (converted from local time), which Outlook, Google Calendar
and Apple Calendar all place at the same moment and show in the user's own zone.
Nothing else about the 1:1 goes in: no notes, no talking points, no commitments — only
who and when.
"""

from __future__ import annotations

import datetime as dt


def next_one_on_one(
    *,
    uid: str,
    rep_name: str,
    start: dt.datetime,
    minutes: int = 30,
    stamp: dt.datetime,
    zone: dt.tzinfo | None = None,
) -> bytes:
    """An iCalendar file holding the 1:1 with ``rep_name`` at ``start`` (local time).

    ``uid`` keeps the event the same one when the file is saved again after a change;
    ``stamp`` is when the file was made (the journal's clock, in UTC); ``zone`` the local
    time zone (the machine's, by default).
    """
    from icalendar import Calendar, Event

    local = start.replace(tzinfo=zone) if zone is not None else start.astimezone()
    utc = local.astimezone(dt.UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//coachdesk//coachdesk//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(dt.UTC))
    event.add("dtstart", utc)
    event.add("dtend", utc + dt.timedelta(minutes=minutes))
    event.add("summary", f"1:1 — {' '.join(rep_name.split())}")
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
