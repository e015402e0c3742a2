"""Reading a calendar export (.ics) for the 1:1s it holds with each rep.

Outlook ("Save Calendar" as iCalendar format, with full details), Google Calendar
(Settings → Import & export → Export, a .zip with one .ics a calendar) and Apple Calendar
(File → Export) write the same format, each with its habits: Outlook names zones the
Windows way ("W. Europe Standard Time") and defines them in VTIMEZONE blocks; Google
writes one-off events in UTC and names the calendar's zone in ``X-WR-TIMEZONE``; Apple
gives attendees an ``EMAIL`` parameter beside their address. Nothing here touches the
network, the journal or Qt: the file is read, and a :class:`CalendarPlan` says what it
holds.

How it is used::

    calendar = read_calendar(path)  # InvalidInput, one line, when it is not a calendar
    plan = plan_import(calendar, reps, today=today, me={"kim@example.com"})
    print("\\n".join(describe(plan)))  # the dry run
    for meeting in plan.meetings:  # scheduled 1:1s for the store to write, by key
        ...

``reps`` are :class:`RepContact` values made from the roster. ``me`` is the manager's own
addresses; when it is empty the file is asked (see :func:`owner_addresses`). Each
:class:`CalendarOneOnOne` has a ``key`` that is the same every time the same file, or a
later export of the same calendar, is read: the store keys its scheduled 1:1s on it, so a
second import adds only what is new. Meetings found by email start ticked in a window that
lists them; those found by name (``matched_by == "name"``) start unticked.

What is a 1:1 with a rep:

* The people of an event are its attendees and its organizer, less the manager's own
  addresses and less an organizer who is not a rep (the manager, or an assistant who
  booked it); rooms and other resources are not people.
* Exactly one person, a rep (by email, ignoring case): a 1:1 with that rep.
* Two or more reps: a team meeting, never a 1:1. A rep and anyone else (a customer, a
  colleague): not a 1:1 either.
* Nobody (a private event, not someone else's invitation to the manager alone): a 1:1
  *candidate* when its title names exactly one rep, by full name or by first name when
  no other rep has it (accents and case ignored).

The API (every value a frozen dataclass):

* :func:`read_calendar` ``(source: bytes | Path) -> CalendarFile``
* :func:`plan_import` ``(calendar, reps, *, today, me=(), horizon_days=120, zone=None)
  -> CalendarPlan``: its ``meetings`` (each a :class:`CalendarOneOnOne`: ``rep_id``,
  ``key``, ``start``, ``minutes``, ``matched_by``, ``series_uid``), ``series`` (each rep's
  :class:`OneOnOneSeries`: ``cadence_days`` and ``rule`` in words), the counts of what
  was left out, and :meth:`CalendarPlan.next_meetings` (each rep's first 1:1).
* :func:`describe` ``(plan) -> list[str]``: the dry run's lines.

Occurrences are taken from ``today`` for ``horizon_days`` days; a recurring series is
expanded by ``recurring-ical-events``, which honours EXDATE and moved instances
(RECURRENCE-ID) and keeps a series' wall-clock time in its own zone across a change to
or from summer time. Cancelled events and meetings, 1:1s the rep or the manager declined,
and all-day events are left out. Times come out as naive local times (the machine's
zone, or ``zone``), the journal's model of a moment (:mod:`coachdesk.dates`).

Privacy: a plan keeps, for each 1:1, only the rep, the time, the length and the event's
UID; events that are not 1:1s are counted, and their titles, places, notes and other
people's addresses are never kept.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import icalendar
import icalendar.timezone
import recurring_ical_events
import x_wr_timezone

from coachdesk.store.errors import InvalidInput

__all__ = [
    "MAX_FILE_BYTES",
    "CalendarFile",
    "CalendarOneOnOne",
    "CalendarPlan",
    "OneOnOneSeries",
    "RepContact",
    "describe",
    "owner_addresses",
    "plan_import",
    "read_calendar",
]

# A year of a busy Outlook calendar exported with full details is a few megabytes; a file
# much larger than this is not a calendar export, or holds decades, and reading it would
# take minutes and gigabytes.
MAX_FILE_BYTES = 50 * 1024 * 1024

MatchedBy = Literal["email", "name"]

EXPORT_AGAIN = (
    "Export the calendar again as an .ics file (Outlook: File → Save Calendar, "
    "with full details; Google Calendar: Settings → Import & export → Export; "
    "Apple Calendar: File → Export) and choose that file."
)

_WEEKDAYS = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}
_SHORT_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_BYDAY = re.compile(r"^(?P<nth>[+-]?\d{1,2})?(?P<day>MO|TU|WE|TH|FR|SA|SU)$")
# Properties an event cannot be placed in time without.
_TIMING = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")
# Attendees that are places or things, not people (RFC 5545 CUTYPE).
_NOT_PEOPLE = {"RESOURCE", "ROOM"}
_ZIP_MAGIC = b"PK\x03\x04"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class RepContact:
    """A rep as the calendar can recognise them: by email, or by name in a title."""

    id: int
    name: str
    email: str


@dataclass(frozen=True, eq=False)
class CalendarFile:
    """A calendar export, read and checked, ready for :func:`plan_import`."""

    # The whole calendar, titles and all; left out of repr so it never reaches a log.
    calendar: icalendar.Calendar = field(repr=False)
    product: str  # "Outlook", "Google Calendar", "Apple Calendar" or "" (from PRODID)
    owner: str  # the calendar's own address when the file says it (Google does), or ""
    events: int  # events in the file that could be read
    unreadable: int  # events left out because their date or repeat rule is broken


@dataclass(frozen=True)
class CalendarOneOnOne:
    """One 1:1 with a rep, as the calendar has it."""

    rep_id: int
    # The same for the same meeting in every export: the event's UID, and for a meeting
    # of a series the start it was first given (its RECURRENCE-ID) in UTC.
    key: str
    start: dt.datetime  # local time, naive
    minutes: int
    matched_by: MatchedBy  # "email": the rep is its only attendee; "name": named in title
    series_uid: str | None  # the series it belongs to; None for a one-off meeting


@dataclass(frozen=True)
class OneOnOneSeries:
    """A rep's recurring 1:1: how often it comes round."""

    rep_id: int
    series_uid: str
    cadence_days: int  # 7 weekly, 14 fortnightly, 28 "2nd Tuesday", 30 monthly by date
    rule: str  # "every week", "every 2 weeks", "monthly on the 2nd Tuesday"…
    matched_by: MatchedBy


@dataclass(frozen=True)
class CalendarPlan:
    """What a calendar file holds for the reps, from ``today`` until ``until``.

    The counts are of events (a series counts once); ``cancelled`` counts a cancelled
    event or series once, and each cancelled meeting of a series that goes on, and each
    1:1 that the rep or the manager declined.
    """

    today: dt.date
    until: dt.date  # the first day after the period looked at
    product: str
    reps: tuple[RepContact, ...]  # the reps with a 1:1 below, by name
    meetings: tuple[CalendarOneOnOne, ...]  # by start
    series: tuple[OneOnOneSeries, ...]  # at most one a rep: the one with most meetings
    unmatched: int  # events that are not a 1:1 with one rep
    team_meetings: int  # events with two or more reps
    cancelled: int
    all_day_ignored: int
    past_ignored: int  # events over before ``today``
    later_ignored: int  # events whose first meeting comes after the period
    unreadable: int  # events whose date or repeat rule could not be read
    attendees_listed: bool  # False: no event names its attendees (a "busy times" export)

    def next_meetings(self) -> dict[int, CalendarOneOnOne]:
        """Each rep's first 1:1 in the period, by rep id."""
        first: dict[int, CalendarOneOnOne] = {}
        for meeting in self.meetings:
            first.setdefault(meeting.rep_id, meeting)
        return first

    def series_of(self, rep_id: int) -> OneOnOneSeries | None:
        """The rep's recurring 1:1, if they have one."""
        return next((s for s in self.series if s.rep_id == rep_id), None)


# ------------------------------------------------------------------------ reading


def read_calendar(source: bytes | Path) -> CalendarFile:
    """Read a calendar export (a path, or its bytes) for :func:`plan_import`.

    Accepts UTF-8 (with or without a byte-order mark), UTF-16 with a mark and, from old
    exporters, Windows-1252; and Google's .zip when it holds one calendar. Events whose
    date or repeat rule cannot be read are left out and counted. Raises
    :class:`InvalidInput`, with one line saying what is wrong and what to do, for a file
    that cannot be read, is too large, or is not a calendar.
    """
    data = _read_bytes(source)
    if data.startswith(_ZIP_MAGIC):
        data = _from_zip(data)
    text = _decode(data)
    if not text.strip():
        raise InvalidInput("The file is empty, not a calendar (.ics) export.", EXPORT_AGAIN)
    first = text.lstrip().split("\n", 1)[0].strip()
    if first.upper().startswith("BEGIN:VCARD"):
        raise InvalidInput(
            "The file holds contacts (a vCard), not a calendar (.ics) export.", EXPORT_AGAIN
        )
    if not first.upper().startswith("BEGIN:VCALENDAR"):
        raise InvalidInput(
            f"The file is not a calendar (.ics) export: it starts with {_shown(first)}.",
            EXPORT_AGAIN,
        )
    # icalendar keeps the zones defined in the files it reads in one cache for the whole
    # program, and the first definition of a name wins; starting afresh gives each file
    # its own, which matters for Outlook's "Customized Time Zone", a name it gives to
    # any zone the user set up.
    icalendar.timezone.tzp.use_zoneinfo()
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except ValueError as exc:
        raise InvalidInput(
            f"The calendar file is damaged and cannot be read ({_reason(exc)}).", EXPORT_AGAIN
        ) from exc
    calendars = [c for c in calendars if c.name == "VCALENDAR"]
    if not calendars:
        raise InvalidInput(
            "The calendar file is incomplete: it stops before the calendar's end (END:VCALENDAR).",
            EXPORT_AGAIN,
        )
    calendar = calendars[0]
    for extra in calendars[1:]:  # a few tools write one VCALENDAR a calendar in one file
        for component in extra.subcomponents:
            calendar.add_component(component)

    unreadable = _drop_unreadable(calendar)
    _give_every_event_a_uid(calendar)
    try:
        # Google's times in UTC become wall times in the calendar's zone, so that a
        # series keeps its hour across a change to or from summer time.
        calendar = x_wr_timezone.to_standard(calendar)
    except (ValueError, KeyError) as exc:  # an unknown zone name, say
        raise InvalidInput(
            f"The calendar's time zone cannot be read ({_reason(exc)}).", EXPORT_AGAIN
        ) from exc
    return CalendarFile(
        calendar=calendar,
        product=_product(str(calendar.get("PRODID", ""))),
        owner=_owner(calendar),
        events=len(_events(calendar)),
        unreadable=unreadable,
    )


def _read_bytes(source: bytes | Path) -> bytes:
    if not isinstance(source, Path):
        data = bytes(source)
        _check_size(len(data))
        return data
    try:
        _check_size(source.stat().st_size)
        return source.read_bytes()
    except OSError as exc:
        raise InvalidInput(
            f"Could not read {source} ({exc.strerror or exc}).",
            "Check that the file exists and that you may open it.",
        ) from exc


def _check_size(size: int) -> None:
    if size > MAX_FILE_BYTES:
        raise InvalidInput(
            f"The file is {size // (1024 * 1024)} MB, too large for a calendar export "
            f"(at most {MAX_FILE_BYTES // (1024 * 1024)} MB).",
            "Export only the coming months of the calendar, then choose that file.",
        )


def _from_zip(data: bytes) -> bytes:
    """The one .ics file in a zip (Google's export); else say what to do."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [
                info
                for info in archive.infolist()
                if info.filename.lower().endswith(".ics") and not info.is_dir()
            ]
            if len(members) != 1:
                found = "no calendar" if not members else f"{len(members)} calendars"
                raise InvalidInput(
                    f"The file is a .zip archive with {found} (.ics files) in it.",
                    "Unzip it and choose the .ics file of your own calendar.",
                )
            _check_size(members[0].file_size)
            return archive.read(members[0])
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise InvalidInput(
            f"The file looks like a .zip archive but cannot be opened ({_reason(exc)}).",
            EXPORT_AGAIN,
        ) from exc


def _decode(data: bytes) -> str:
    """The text of the file: UTF-8 as the standard says, else what old exporters wrote."""
    for mark, codec in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(mark):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InvalidInput(
                    "The calendar file's text is damaged "
                    f"(byte 0x{exc.object[exc.start]:02X} at position {exc.start}).",
                    EXPORT_AGAIN,
                ) from exc
    if b"\x00" in data[:4096]:
        raise InvalidInput(
            "The file is not a calendar (.ics) export: it is not text.", EXPORT_AGAIN
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Text that is not UTF-8 comes from an old exporter on Windows, or is Latin-1 (which
    # reads any byte, so nothing fails here: a file that is not text is refused later).
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _shown(line: str) -> str:
    """The start of a line, short and printable, for a message."""
    visible = "".join(ch if ch.isprintable() else " " for ch in line).strip()
    return f'"{visible[:40]}…"' if len(visible) > 40 else f'"{visible}"'


def _reason(exc: BaseException) -> str:
    """An exception's message on one short line."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:117] + "…" if len(text) > 120 else text


def _drop_unreadable(calendar: icalendar.Calendar) -> int:
    """Take out the events that cannot be placed in time; return how many there were."""
    kept = [c for c in calendar.subcomponents if c.name != "VEVENT" or _readable(c)]
    dropped = len(calendar.subcomponents) - len(kept)
    calendar.subcomponents = kept
    return dropped


def _readable(event: icalendar.Component) -> bool:
    if "DTSTART" not in event:
        return False
    broken = {str(name).upper() for name, _message in getattr(event, "errors", ())}
    if broken & set(_TIMING):
        return False
    try:
        start = _when(event, "DTSTART")
        for name in ("DTEND", "RECURRENCE-ID"):
            if name in event:
                _when(event, name)
    except (ValueError, AttributeError, KeyError):
        return False
    return isinstance(start, dt.date)


def _give_every_event_a_uid(calendar: icalendar.Calendar) -> None:
    """An event without a UID (rare, from hand-made files) gets one from its content,
    so that its key is the same every time the file is read."""
    for event in _events(calendar):
        if not str(event.get("UID", "")).strip():
            digest = hashlib.sha256(event.to_ical()).hexdigest()[:32]
            event["UID"] = f"coachdesk-{digest}"


def _events(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    """The calendar's events (they are always its own components, never nested)."""
    return [c for c in calendar.subcomponents if isinstance(c, icalendar.Event)]


def _product(prodid: str) -> str:
    text = prodid.lower()
    if "microsoft" in text or "outlook" in text or "exchange" in text:
        return "Outlook"
    if "google" in text:
        return "Google Calendar"
    if "apple" in text or "ical" in text.split("//")[0]:
        return "Apple Calendar"
    return ""


def _owner(calendar: icalendar.Calendar) -> str:
    """Google names a person's own calendar after their address."""
    name = str(calendar.get("X-WR-CALNAME", "")).strip().lower()
    return name if _EMAIL.match(name) else ""


# ------------------------------------------------------------------------ planning


def owner_addresses(calendar: CalendarFile, reps: Sequence[RepContact] = ()) -> set[str]:
    """The addresses that are the calendar's owner, as far as the file tells.

    Google's export names the calendar after its owner's address. Otherwise the owner
    is the one person who is on most of the events with people in them (the organizer
    or an attendee of every invitation in their own calendar): taken when they are on
    more than half of them and are not a rep.
    """
    if calendar.owner:
        return {calendar.owner}
    rep_emails = {_address(r.email) for r in reps if r.email.strip()}
    seen: Counter[str] = Counter()
    events = 0
    for event in _events(calendar.calendar):
        people = _attendees(event)
        organizer = _organizer(event)
        if organizer:
            people.add(organizer)
        if len(people) < 2:
            continue
        events += 1
        seen.update(people)
    ranked = seen.most_common(2)
    if not ranked:
        return set()
    address, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if count * 2 > events and count > runner_up and address not in rep_emails:
        return {address}
    return set()


def plan_import(
    calendar: CalendarFile,
    reps: Sequence[RepContact],
    *,
    today: dt.date,
    me: Collection[str] = (),
    horizon_days: int = 120,
    zone: dt.tzinfo | None = None,
) -> CalendarPlan:
    """Find the 1:1s with ``reps`` in ``calendar`` from ``today`` for ``horizon_days``.

    ``me`` is the manager's own addresses; when empty, :func:`owner_addresses` works
    them out. ``zone`` is the zone local times are given in; ``None`` is the machine's.
    """
    if horizon_days < 1:
        raise ValueError(f"horizon_days must be at least 1, not {horizon_days}")
    until = today + dt.timedelta(days=horizon_days)
    own = {_address(a) for a in me if a.strip()}
    if not own:
        own = owner_addresses(calendar, reps)
    elif calendar.owner:
        own.add(calendar.owner)  # the account the calendar belongs to, as Google says
    matcher = _RepMatcher(reps)
    masters = _masters(calendar.calendar)
    in_series = {
        uid
        for uid, events in _by_uid(calendar.calendar).items()
        if any(("RRULE" in e or "RDATE" in e or "RECURRENCE-ID" in e) for e in events)
    }

    window_start = dt.datetime.combine(today, dt.time())
    window_end = dt.datetime.combine(until, dt.time())
    # A day's margin each side: floating times and zones far from ours are compared
    # exactly below, on the local start.
    # Recurrence attributes kept: a moved meeting then carries the RECURRENCE-ID it was
    # moved from in every version of the library, and that is its key.
    query = recurring_ical_events.of(
        calendar.calendar, keep_recurrence_attributes=True, skip_bad_series=True
    )
    found = query.between(
        _aware(window_start, zone) - dt.timedelta(days=1),
        _aware(window_end, zone) + dt.timedelta(days=1),
    )

    meetings: list[CalendarOneOnOne] = []
    seen_uids: set[str] = set()
    cancelled: set[str] = set()
    team: set[str] = set()
    unmatched: set[str] = set()
    all_day: set[str] = set()
    for event in found:
        uid = str(event["UID"])
        start = _when(event, "DTSTART")
        if not isinstance(start, dt.datetime):
            if today <= start < until:
                seen_uids.add(uid)
                all_day.add(uid)
            continue
        local_start = _local(start, zone)
        if not window_start <= local_start < window_end:
            continue
        seen_uids.add(uid)
        series_uid = uid if uid in in_series else None
        key = uid if series_uid is None else f"{uid}#{_utc_stamp(event, zone)}"
        if _cancelled(event):
            master = masters.get(uid)
            whole = master is not None and _cancelled(master)
            cancelled.add(uid if whole or series_uid is None else key)
            continue
        found_rep = _classify(event, matcher, own)
        if found_rep == "team":
            team.add(uid)
        elif found_rep is None:
            unmatched.add(uid)
        elif _declined(event, matcher.email_of(found_rep[0]), own):
            cancelled.add(key)
        else:
            rep_id, matched_by = found_rep
            meetings.append(
                CalendarOneOnOne(
                    rep_id=rep_id,
                    key=key,
                    start=local_start,
                    minutes=_minutes(event, zone),
                    matched_by=matched_by,
                    series_uid=series_uid,
                )
            )
    meetings.sort(key=lambda m: (m.start, m.rep_id, m.key))

    past, later = _outside(masters, seen_uids, window_start, window_end)
    listed = {r.id: r for r in reps}
    with_meetings = {m.rep_id for m in meetings}
    return CalendarPlan(
        today=today,
        until=until,
        product=calendar.product,
        reps=tuple(sorted((listed[i] for i in with_meetings), key=lambda r: (r.name, r.id))),
        meetings=tuple(meetings),
        series=_series(meetings, masters),
        unmatched=len(unmatched),
        team_meetings=len(team),
        cancelled=len(cancelled),
        all_day_ignored=len(all_day),
        past_ignored=past,
        later_ignored=later,
        unreadable=calendar.unreadable,
        attendees_listed=any("ATTENDEE" in e for e in _events(calendar.calendar)),
    )


def _by_uid(calendar: icalendar.Calendar) -> dict[str, list[icalendar.Event]]:
    grouped: dict[str, list[icalendar.Event]] = defaultdict(list)
    for event in _events(calendar):
        grouped[str(event["UID"])].append(event)
    return grouped


def _masters(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    """Each UID's own event: the series (not one of its changed meetings)."""
    masters: dict[str, icalendar.Event] = {}
    for uid, events in _by_uid(calendar).items():
        plain = [e for e in events if "RECURRENCE-ID" not in e]
        masters[uid] = plain[0] if plain else events[0]
    return masters


def _aware(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """A naive local time with its zone: ``zone``, or the machine's."""
    return moment.replace(tzinfo=zone) if zone is not None else moment.astimezone()


def _local(moment: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """A time as a naive local time; a floating one (no zone) is already one."""
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(zone).replace(tzinfo=None)


def _utc_stamp(event: icalendar.Event, zone: dt.tzinfo | None) -> str:
    """The meeting's original start (its RECURRENCE-ID) in UTC, as iCalendar writes it."""
    original = (
        _when(event, "RECURRENCE-ID") if "RECURRENCE-ID" in event else _when(event, "DTSTART")
    )
    if not isinstance(original, dt.datetime):
        return f"{original:%Y%m%d}"
    if original.tzinfo is None:
        original = _aware(original, zone)
    return f"{original.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}"


def _minutes(event: icalendar.Event, zone: dt.tzinfo | None) -> int:
    start = _when(event, "DTSTART")
    end = _when(event, "DTEND") if "DTEND" in event else start
    if not isinstance(end, dt.datetime):
        return 0
    if (start.tzinfo is None) != (end.tzinfo is None):
        start, end = _local(start, zone), _local(end, zone)
    return max(0, int((end - start).total_seconds() // 60))


def _when(component: icalendar.Component, name: str) -> Any:
    """The date or time of DTSTART, DTEND or RECURRENCE-ID (a property must be there)."""
    value: Any = component[name]
    return value.dt


def _cancelled(event: icalendar.Event) -> bool:
    return str(event.get("STATUS", "")).strip().upper() == "CANCELLED"


def _address(value: str) -> str:
    """An address as compared: no "mailto:", no case, no surrounding space."""
    text = value.strip()
    if text.lower().startswith("mailto:"):
        text = text[len("mailto:") :]
    return text.strip().lower()


def _person(value: Any) -> str:
    """The address of an ATTENDEE or ORGANIZER; Apple gives it in an EMAIL parameter
    when the value itself is a server's name for the person."""
    params = getattr(value, "params", {})
    email = str(params.get("EMAIL", "")).strip()
    return _address(email or str(value))


def _attendees(event: icalendar.Event) -> set[str]:
    return set(_replies(event))


def _replies(event: icalendar.Event) -> dict[str, str]:
    """Each attendee who is a person, by address, with their reply (PARTSTAT)."""
    found = event.get("ATTENDEE", [])
    values = found if isinstance(found, list) else [found]
    people: dict[str, str] = {}
    for value in values:
        params = getattr(value, "params", {})
        if str(params.get("CUTYPE", "")).upper() in _NOT_PEOPLE:
            continue
        address = _person(value)
        if address:
            people[address] = str(params.get("PARTSTAT", "")).upper()
    return people


def _declined(event: icalendar.Event, rep_email: str, me: set[str]) -> bool:
    """Whether the rep, or the manager, said no to the meeting."""
    replies = _replies(event)
    return any(replies.get(who) == "DECLINED" for who in {rep_email} | me)


def _organizer(event: icalendar.Event) -> str:
    value = event.get("ORGANIZER")
    return _person(value) if value is not None else ""


def _classify(
    event: icalendar.Event, matcher: _RepMatcher, me: set[str]
) -> tuple[int, MatchedBy] | Literal["team"] | None:
    """The rep the event is a 1:1 with and how that was found, "team", or None."""
    attendees = _attendees(event)
    organizer = _organizer(event)
    people = (attendees | {organizer} if organizer else attendees) - me
    if organizer and matcher.by_email(organizer) is None:
        people.discard(organizer)  # the manager, or an assistant who booked it
    if not people:
        if attendees and organizer and organizer not in me:
            return None  # someone else invited the manager alone: not with a rep
        rep_id = matcher.named_in(str(event.get("SUMMARY", "")))
        return None if rep_id is None else (rep_id, "name")
    reps = {rep_id for p in people if (rep_id := matcher.by_email(p)) is not None}
    if len(reps) >= 2:
        return "team"
    if len(people) == 1 and len(reps) == 1:
        return (reps.pop(), "email")
    return None


def _outside(
    masters: dict[str, icalendar.Event],
    seen: set[str],
    window_start: dt.datetime,
    window_end: dt.datetime,
) -> tuple[int, int]:
    """How many events have no meeting in the period: over before it, or coming after.

    Times are compared as written, without converting zones (slow for Outlook's zones,
    defined from the year 1601 on): an event with no meeting in the period is well
    before or after it, and both kinds are only counted.
    """
    past = later = 0
    for uid, master in masters.items():
        if uid in seen:
            continue
        if _over_before(master, window_start, window_end):
            past += 1
        else:
            later += 1
    return past, later


def _over_before(
    event: icalendar.Event, window_start: dt.datetime, window_end: dt.datetime
) -> bool:
    start = _wall(_when(event, "DTSTART"))
    if start >= window_end:
        return False
    recur = _recur(event)
    if recur is None:
        return True  # a one-off event (or one with extra dates only) before the period
    until = _first(recur.get("UNTIL"))
    if isinstance(until, dt.date):
        return _wall(until) < window_start
    count = _first(recur.get("COUNT"))
    if count is None:
        return False  # a series without end: its next meeting is after the period
    step = {"DAILY": 1, "WEEKLY": 7, "MONTHLY": 31, "YEARLY": 366}.get(
        str(_first(recur.get("FREQ")) or "").upper(), 1
    ) * max(1, int(_first(recur.get("INTERVAL")) or 1))
    per_step = max(1, len(recur.get("BYDAY", [])))
    last = start + dt.timedelta(days=step * (int(count) - 1) / per_step)
    return last < window_start


def _wall(value: dt.date) -> dt.datetime:
    """A date or time as written in the file, naive."""
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time())
    return value.replace(tzinfo=None)


def _recur(event: icalendar.Event) -> Any:
    """The event's repeat rule (the first, when there are several), or None."""
    recur: Any = event.get("RRULE")
    if isinstance(recur, list):
        return recur[0] if recur else None
    return recur


def _series(
    meetings: Sequence[CalendarOneOnOne], masters: dict[str, icalendar.Event]
) -> tuple[OneOnOneSeries, ...]:
    """Each rep's recurring 1:1: the series with most of their meetings in the period."""
    grouped: dict[tuple[int, str], list[CalendarOneOnOne]] = defaultdict(list)
    for meeting in meetings:
        if meeting.series_uid is not None:
            grouped[meeting.rep_id, meeting.series_uid].append(meeting)
    best: dict[int, tuple[tuple[int, dt.datetime], OneOnOneSeries]] = {}
    for (rep_id, uid), found in grouped.items():
        master = masters.get(uid)
        rule = _rule(master) if master is not None else None
        if rule is None:
            continue
        cadence, text = rule
        series = OneOnOneSeries(rep_id, uid, cadence, text, found[0].matched_by)
        rank = (-len(found), found[0].start)
        if rep_id not in best or rank < best[rep_id][0]:
            best[rep_id] = (rank, series)
    return tuple(best[rep_id][1] for rep_id in sorted(best))


def _rule(event: icalendar.Event) -> tuple[int, str] | None:
    """How often a series repeats: its cadence in days and the rule in words."""
    recur = _recur(event)
    if recur is None:
        return None
    freq = str(_first(recur.get("FREQ")) or "").upper()
    interval = max(1, int(_first(recur.get("INTERVAL")) or 1))
    days = [str(d).upper() for d in recur.get("BYDAY", [])]
    setpos = _first(recur.get("BYSETPOS"))
    start = _when(event, "DTSTART")
    if freq == "DAILY":
        if days:  # a daily rule kept to some days of the week
            named = [_WEEKDAYS.get(d, d) for d in days]
            weekdays = set(days) == {"MO", "TU", "WE", "TH", "FR"}
            return max(1, round(7 / len(days))), (
                "every weekday" if weekdays else f"every {_and(named)}"
            )
        return interval, "every day" if interval == 1 else f"every {interval} days"
    if freq == "WEEKLY":
        named = [_WEEKDAYS[d] for d in days if d in _WEEKDAYS]
        each = "every week" if interval == 1 else f"every {interval} weeks"
        if len(named) > 1:
            return max(1, round(7 * interval / len(named))), f"{each} on {_and(named)}"
        return 7 * interval, each
    if freq == "MONTHLY":
        each = "monthly" if interval == 1 else f"every {interval} months"
        weekday = _nth_weekday(days, setpos)
        if weekday is not None:
            return 28 * interval, f"{each} on the {weekday}"
        monthdays = recur.get("BYMONTHDAY") or [start.day]
        day = int(monthdays[0])
        which = "last day" if day == -1 else _ordinal(day)
        return 30 * interval, f"{each} on the {which}"
    if freq == "YEARLY":
        return 365 * interval, "every year" if interval == 1 else f"every {interval} years"
    return None


def _first(values: Any) -> Any:
    if isinstance(values, list | tuple):
        return values[0] if values else None
    return values


def _nth_weekday(days: Sequence[str], setpos: Any) -> str | None:
    """ "2nd Tuesday" from BYDAY=2TU (or BYDAY=TU;BYSETPOS=2, as some exporters write)."""
    if len(days) != 1:
        return None
    match = _BYDAY.match(days[0])
    if match is None:
        return None
    nth = int(match["nth"]) if match["nth"] else (int(setpos) if setpos is not None else None)
    if nth is None or nth == 0:
        return None
    weekday = _WEEKDAYS[match["day"]]
    if nth == -1:
        return f"last {weekday}"
    if nth < 0:
        return f"{_ordinal(-nth)} last {weekday}"
    return f"{_ordinal(nth)} {weekday}"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _and(items: Iterable[str]) -> str:
    names = list(items)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _words(text: str) -> tuple[str, ...]:
    """The words of a name or a title, without accents or case."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return tuple(re.findall(r"\w+", plain.casefold()))


class _RepMatcher:
    """Finds reps by address, and by their name in an event's title."""

    def __init__(self, reps: Sequence[RepContact]) -> None:
        self._emails: dict[str, int] = {}
        self._addresses: dict[int, str] = {}
        for rep in reps:
            if rep.email.strip():
                self._emails.setdefault(_address(rep.email), rep.id)
                self._addresses[rep.id] = _address(rep.email)
        self._full: list[tuple[tuple[str, ...], int]] = [
            (words, rep.id) for rep in reps if (words := _words(rep.name))
        ]
        first_names = Counter(words[0] for words, _ in self._full)
        self._first: dict[str, int] = {
            words[0]: rep_id for words, rep_id in self._full if first_names[words[0]] == 1
        }

    def by_email(self, address: str) -> int | None:
        return self._emails.get(address)

    def email_of(self, rep_id: int) -> str:
        return self._addresses.get(rep_id, "")

    def named_in(self, title: str) -> int | None:
        """The one rep the title names, or None for none or several."""
        words = _words(title)
        named = {rep_id for name, rep_id in self._full if _contains(words, name)}
        named |= {self._first[w] for w in words if w in self._first}
        return named.pop() if len(named) == 1 else None


def _contains(words: tuple[str, ...], name: tuple[str, ...]) -> bool:
    size = len(name)
    return any(words[i : i + size] == name for i in range(len(words) - size + 1))


# ------------------------------------------------------------------------ the dry run


def describe(plan: CalendarPlan) -> list[str]:
    """What an import would do, line by line, for a dry run (reps' names, no titles)."""
    source = f" ({plan.product})" if plan.product else ""
    last = plan.until - dt.timedelta(days=1)
    lines = [f"1:1s in the calendar{source} from {plan.today:%Y-%m-%d} to {last:%Y-%m-%d}:"]
    names = {rep.id: rep.name for rep in plan.reps}
    counts = Counter(m.rep_id for m in plan.meetings)
    for rep_id, first in sorted(plan.next_meetings().items(), key=lambda i: names[i[0]]):
        series = plan.series_of(rep_id)
        rhythm = f", {series.rule}" if series is not None else ""
        found = " (found by name in the title: check it)" if first.matched_by == "name" else ""
        lines.append(
            f"  {names[rep_id]}: {_count(counts[rep_id], '1:1')}{rhythm}, next "
            f"{_moment(first.start)} ({first.minutes} min){found}"
        )
    if not plan.meetings:
        lines.append("  none found.")
        if not plan.attendees_listed:
            lines.append(
                "  No event in the file lists its attendees: export the calendar again "
                "with full details (Outlook: Save Calendar → More Options → Full details)."
            )
    left_out = [
        _count(n, what)
        for n, what in (
            (plan.team_meetings, "team meeting"),
            (plan.unmatched, "other event"),
            (plan.cancelled, "cancelled event"),
            (plan.all_day_ignored, "all-day event"),
            (plan.past_ignored, "past event"),
            (plan.later_ignored, "later event"),
            (plan.unreadable, "unreadable event"),
        )
        if n
    ]
    if left_out:
        lines.append("Left out: " + ", ".join(left_out) + ".")
    return lines


def _count(n: int, what: str) -> str:
    return f"{n} {what}" if n == 1 else f"{n} {what}s"


def _moment(moment: dt.datetime) -> str:
    return f"{_SHORT_WEEKDAYS[moment.weekday()]} {moment:%Y-%m-%d %H:%M}"
