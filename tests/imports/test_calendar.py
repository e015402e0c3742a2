"""Reading calendar exports (.ics) from Outlook, Google Calendar and Apple Calendar for 1:1s.

The fixtures in tests/fixtures/calendars/ are written in the shapes each program exports.
Every plan is made for a fixed day, 1 October 2024, in Berlin's zone: the period then
spans the last Sunday of October, when Europe leaves summer time, and the first Sunday of
November, when America does.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile
from collections.abc import Collection, Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from coachdesk.imports import calendar as module
from coachdesk.imports.calendar import (
    CalendarOneOnOne,
    CalendarPlan,
    RepContact,
    describe,
    owner_addresses,
    plan_import,
    read_calendar,
)
from coachdesk.store.errors import InvalidInput

FIXTURES = Path(__file__).parent.parent / "fixtures" / "calendars"
TODAY = dt.date(2024, 10, 1)
BERLIN = ZoneInfo("Europe/Berlin")

ANA, TOMAS, LENA, JONAS, PRIYA, SAM, MIA = range(1, 8)
REPS = (
    RepContact(ANA, "Ana Ruiz", "ana.ruiz@example.com"),
    RepContact(TOMAS, "Tomás Novák", "tomas.novak@example.com"),
    RepContact(LENA, "Lena Fischer", "lena.fischer@example.com"),
    RepContact(JONAS, "Jonas Weber", "jonas.weber@example.com"),
    RepContact(PRIYA, "Priya Nair", "priya.nair@example.com"),
    RepContact(SAM, "Sam Okafor", "sam.okafor@example.com"),
    RepContact(MIA, "Mia Chen", "mia.chen@example.com"),
)


def plan_of(
    source: str | bytes,
    reps: Sequence[RepContact] = REPS,
    zone: dt.tzinfo = BERLIN,
    me: Collection[str] = (),
    horizon_days: int = 120,
) -> CalendarPlan:
    """The plan for a fixture (by file name) or for the bytes of a calendar, made today."""
    data = (FIXTURES / source) if isinstance(source, str) else source
    return plan_import(
        read_calendar(data), reps, today=TODAY, me=me, horizon_days=horizon_days, zone=zone
    )


def starts(plan: CalendarPlan, rep_id: int) -> list[str]:
    return [f"{m.start:%Y-%m-%d %H:%M}" for m in plan.meetings if m.rep_id == rep_id]


def meetings_of(plan: CalendarPlan, rep_id: int) -> list[CalendarOneOnOne]:
    return [m for m in plan.meetings if m.rep_id == rep_id]


def ics(*events: str, header: str = "") -> bytes:
    """A minimal calendar holding ``events`` (each the lines between BEGIN and END:VEVENT)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", *header.split()]
    for event in events:
        lines += ["BEGIN:VEVENT", *event.strip().splitlines(), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(line.strip() for line in lines if line.strip()) + "\r\n").encode()


def one_on_one(uid: str, start: str, extra: str = "", with_: str = "ana.ruiz@example.com") -> str:
    return f"""
        UID:{uid}
        DTSTART;TZID=Europe/Berlin:{start}
        DURATION:PT30M
        ORGANIZER:mailto:kim.berger@example.com
        ATTENDEE:mailto:{with_}
        SUMMARY:1:1
        {extra}
    """


# ------------------------------------------------------------------ Outlook


def test_outlook_weekly_series_with_a_skipped_and_a_moved_meeting() -> None:
    plan = plan_of("outlook.ics")

    assert starts(plan, ANA)[:6] == [
        "2024-10-01 16:00",
        # 8 October is skipped (EXDATE); the 15th was moved to the morning of the 16th.
        "2024-10-16 09:00",
        "2024-10-22 16:00",
        # Europe left summer time on 27 October: the 1:1 stays at 16:00.
        "2024-10-29 16:00",
        "2024-11-05 16:00",
        "2024-11-12 16:00",
    ]
    assert starts(plan, ANA)[-1] == "2025-01-28 16:00"  # the last day of the 120
    first = plan.next_meetings()[ANA]
    assert (first.minutes, first.matched_by) == (30, "email")  # "Ana.Ruiz@…" in the file
    series = plan.series_of(ANA)
    assert series is not None
    assert (series.cadence_days, series.rule) == (7, "every week")
    assert first.series_uid == series.series_uid


def test_a_moved_meeting_keeps_the_key_of_the_time_it_was_moved_from() -> None:
    plan = plan_of("outlook.ics")

    moved = next(m for m in meetings_of(plan, ANA) if m.start == dt.datetime(2024, 10, 16, 9))
    assert moved.series_uid is not None
    # Tuesday 15 October 16:00 in Berlin (summer time) is 14:00 UTC.
    assert moved.key == f"{moved.series_uid}#20241015T140000Z"


def test_outlook_monthly_on_the_second_tuesday() -> None:
    plan = plan_of("outlook.ics")

    assert starts(plan, PRIYA) == [
        "2024-10-08 11:00",
        "2024-11-12 11:00",
        "2024-12-10 11:00",
        "2025-01-14 11:00",
    ]
    series = plan.series_of(PRIYA)
    assert series is not None
    assert (series.cadence_days, series.rule) == (28, "monthly on the 2nd Tuesday")
    assert plan.next_meetings()[PRIYA].minutes == 60


def test_outlook_series_in_another_zone_arrives_in_local_time() -> None:
    plan = plan_of("outlook.ics")

    # 09:00 in New York: 15:00 in Berlin, but 14:00 in the week between Europe's and
    # America's end of summer time.
    assert starts(plan, MIA)[3:6] == ["2024-10-24 15:00", "2024-10-31 14:00", "2024-11-07 15:00"]


def test_the_zone_of_local_times_can_be_chosen() -> None:
    plan = plan_of("outlook.ics", zone=ZoneInfo("America/New_York"))

    assert starts(plan, ANA)[0] == "2024-10-01 10:00"
    assert starts(plan, MIA)[0] == "2024-10-03 09:00"


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the zone is set through TZ")
def test_without_a_zone_times_are_in_the_machines_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        plan = plan_import(read_calendar(FIXTURES / "outlook.ics"), REPS, today=TODAY)
    finally:
        monkeypatch.undo()
        time.tzset()

    assert starts(plan, ANA)[0] == "2024-10-01 10:00"
    assert starts(plan, MIA)[3:6] == ["2024-10-24 09:00", "2024-10-31 09:00", "2024-11-07 09:00"]


def test_team_meetings_customers_cancellations_all_day_and_past_events_are_left_out() -> None:
    plan = plan_of("outlook.ics")

    # The Monday forecast call has five reps; Jonas's renewal has a customer too; Sam's
    # catch-up was cancelled; Tomás's 1:1 was in September.
    assert {m.rep_id for m in plan.meetings} == {ANA, PRIYA, MIA}
    assert not any(m.start.weekday() == 0 for m in plan.meetings)
    assert plan.team_meetings == 1
    assert plan.unmatched == 1
    assert plan.cancelled == 1
    # The all-day "Offsite with Ana" names a rep, but is no 1:1.
    assert plan.all_day_ignored == 1
    assert plan.past_ignored == 1
    assert plan.later_ignored == 0
    assert plan.product == "Outlook"
    assert [rep.name for rep in plan.reps] == ["Ana Ruiz", "Mia Chen", "Priya Nair"]


def test_the_managers_address_given_makes_no_difference_when_they_organised() -> None:
    assert plan_of("outlook.ics", me={"Kim.Berger@example.com"}) == plan_of("outlook.ics")


# ------------------------------------------------------------------ Google


def test_google_fortnightly_series_in_utc_keeps_its_hour_in_the_calendars_zone() -> None:
    plan = plan_of("google.ics")

    # Written as 14:00 UTC with X-WR-TIMEZONE:Europe/Berlin: 16:00 in Berlin all along,
    # 15:00 UTC in winter. The meeting of 29 October was cancelled.
    assert starts(plan, LENA) == [
        "2024-10-01 16:00",
        "2024-10-15 16:00",
        "2024-11-12 16:00",
        "2024-11-26 16:00",
        "2024-12-10 16:00",
        "2024-12-24 16:00",
        "2025-01-07 16:00",
        "2025-01-21 16:00",
    ]
    series = plan.series_of(LENA)
    assert series is not None
    assert (series.cadence_days, series.rule) == (14, "every 2 weeks")
    assert plan.next_meetings()[LENA].minutes == 45
    assert plan.cancelled == 1


def test_a_1_1_the_rep_organised_is_found_and_the_room_is_not_a_person() -> None:
    plan = plan_of("google.ics")

    # Sam invited Kim (Google names the calendar after Kim's address) and booked a room.
    assert starts(plan, SAM)[:2] == ["2024-10-03 10:00", "2024-10-10 10:00"]
    assert plan.next_meetings()[SAM].matched_by == "email"
    series = plan.series_of(SAM)
    assert series is not None
    assert series.cadence_days == 7


def test_a_one_off_1_1_is_keyed_by_its_uid_alone() -> None:
    plan = plan_of("google.ics")

    (jonas,) = meetings_of(plan, JONAS)
    assert jonas.start == dt.datetime(2024, 10, 4, 12, 0)  # 10:00 UTC
    assert jonas.series_uid is None
    # Moving a one-off meeting in the calendar keeps its key.
    assert jonas.key == "7h2k9d4m1q6s3v8b0n5t2r7jcx@google.com"
    assert plan.series_of(JONAS) is None


def test_an_event_without_attendees_naming_one_rep_is_a_candidate_by_name() -> None:
    plan = plan_of("google.ics")

    # "prep: tomas pipeline review": no accent, no capital, first name only.
    (tomas,) = meetings_of(plan, TOMAS)
    assert tomas.matched_by == "name"
    assert tomas.start == dt.datetime(2024, 10, 9, 17, 0)
    # The dentist names nobody, the lunch names two reps: neither is a 1:1.
    assert plan.unmatched == 2


def test_the_calendars_owner_comes_from_the_file() -> None:
    google = read_calendar(FIXTURES / "google.ics")
    apple = read_calendar(FIXTURES / "apple.ics")
    outlook = read_calendar(FIXTURES / "outlook.ics")

    assert owner_addresses(google, REPS) == {"kim.berger@example.com"}
    # Apple's calendar is called "Work"; Kim is on every invitation in it.
    assert owner_addresses(apple, REPS) == {"kim.berger@example.com"}
    assert owner_addresses(outlook, REPS) == {"kim.berger@example.com"}


def test_without_knowing_the_manager_a_1_1_the_rep_organised_is_not_taken() -> None:
    data = ics(
        """
        UID:rep-organised
        DTSTART;TZID=Europe/Berlin:20241003T100000
        DURATION:PT30M
        ORGANIZER:mailto:sam.okafor@example.com
        ATTENDEE:mailto:sam.okafor@example.com
        ATTENDEE:mailto:kim.berger@example.com
        """
    )

    assert plan_of(data).meetings == ()
    assert [m.rep_id for m in plan_of(data, me=["kim.berger@example.com"]).meetings] == [SAM]


# ------------------------------------------------------------------ Apple


def test_apple_weekly_1_1_keeps_its_time_across_the_change_from_summer_time() -> None:
    plan = plan_of("apple.ics")

    assert starts(plan, JONAS)[2:6] == [
        "2024-10-16 16:00",
        "2024-10-23 16:00",
        "2024-10-30 16:00",
        "2024-11-06 16:00",
    ]
    keys = [m.key.rsplit("#", 1)[1] for m in meetings_of(plan, JONAS)[3:5]]
    assert keys == ["20241023T140000Z", "20241030T150000Z"]
    assert plan.product == "Apple Calendar"


def test_apple_monthly_by_date_cancelled_series_team_dinner_and_holiday() -> None:
    plan = plan_of("apple.ics")

    assert starts(plan, MIA) == [
        "2024-10-15 13:00",
        "2024-11-15 13:00",
        "2024-12-15 13:00",
        "2025-01-15 13:00",
    ]
    series = plan.series_of(MIA)
    assert series is not None
    assert (series.cadence_days, series.rule) == (30, "monthly on the 15th")
    # Tomás's weekly series was cancelled as a whole: counted once.
    assert meetings_of(plan, TOMAS) == []
    assert plan.cancelled == 1
    assert plan.team_meetings == 1
    assert plan.all_day_ignored == 1
    assert plan.unmatched == 0


# ------------------------------------------------------------------ the same file again


@pytest.mark.parametrize("name", ["outlook.ics", "google.ics", "apple.ics"])
def test_the_same_file_twice_gives_the_same_plan(name: str) -> None:
    first = plan_of(name)
    again = plan_of((FIXTURES / name).read_bytes())

    assert again == first
    assert [m.key for m in again.meetings] == [m.key for m in first.meetings]
    assert len({m.key for m in first.meetings}) == len(first.meetings)


def test_keys_do_not_depend_on_the_zone_times_are_shown_in() -> None:
    berlin = plan_of("outlook.ics")
    new_york = plan_of("outlook.ics", zone=ZoneInfo("America/New_York"))

    assert {m.key for m in new_york.meetings} == {m.key for m in berlin.meetings}


# ------------------------------------------------------------------ privacy


def _private_texts(path: Path) -> set[str]:
    """Every title, place and note in the file, and every address but the reps' and Kim's."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    known = {rep.email for rep in REPS} | {"kim.berger@example.com"}
    found: set[str] = set()
    for event in calendar.walk("VEVENT"):
        for name in ("SUMMARY", "LOCATION", "DESCRIPTION"):
            text = str(event.get(name, "")).strip()
            if len(text) > 3:
                found.add(text)
        people = event.get("ATTENDEE", [])
        for person in [*(people if isinstance(people, list) else [people])]:
            address = str(person).lower().removeprefix("mailto:")
            if address not in known and "urn:uuid" not in address:
                found.add(address)
    return found


@pytest.mark.parametrize("name", ["outlook.ics", "google.ics", "apple.ics"])
def test_no_title_place_note_or_other_address_is_kept(name: str) -> None:
    plan = plan_of(name)
    private = _private_texts(FIXTURES / name)
    assert len(private) >= 5

    kept = repr(plan) + "\n" + "\n".join(describe(plan)) + repr(read_calendar(FIXTURES / name))
    for text in private:
        assert text not in kept
        assert text.lower() not in kept.lower()


# ------------------------------------------------------------------ the dry run


def test_describe_lists_each_reps_1_1s_and_what_was_left_out() -> None:
    lines = describe(plan_of("outlook.ics"))

    assert lines == [
        "1:1s in the calendar (Outlook) from 2024-10-01 to 2025-01-28:",
        "  Ana Ruiz: 17 1:1s, every week, next Tue 2024-10-01 16:00 (30 min)",
        "  Mia Chen: 17 1:1s, every week, next Thu 2024-10-03 15:00 (30 min)",
        "  Priya Nair: 4 1:1s, monthly on the 2nd Tuesday, next Tue 2024-10-08 11:00 (60 min)",
        "Left out: 1 team meeting, 1 other event, 1 cancelled event, 1 all-day event, "
        "1 past event.",
    ]


def test_describe_says_which_were_found_by_name() -> None:
    lines = describe(plan_of("google.ics"))

    assert (
        "  Tomás Novák: 1 1:1, next Wed 2024-10-09 17:00 (30 min) "
        "(found by name in the title: check it)"
    ) in lines


def test_describe_explains_an_export_without_attendees() -> None:
    data = ics(
        """
        UID:busy
        DTSTART:20241002T080000Z
        DTEND:20241002T090000Z
        SUMMARY:Busy
        """
    )

    lines = describe(plan_of(data))

    assert lines[1] == "  none found."
    assert "with full details" in lines[2]
    assert lines[3] == "Left out: 1 other event."


# ------------------------------------------------------------------ rules and names


@pytest.mark.parametrize(
    ("rule", "cadence", "text"),
    [
        ("FREQ=WEEKLY", 7, "every week"),
        ("FREQ=WEEKLY;INTERVAL=3", 21, "every 3 weeks"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", 4, "every week on Monday and Thursday"),
        ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", 28, "monthly on the 2nd Tuesday"),
        ("FREQ=MONTHLY;BYDAY=-1FR", 28, "monthly on the last Friday"),
        ("FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=1", 60, "every 2 months on the 1st"),
        ("FREQ=MONTHLY", 30, "monthly on the 3rd"),
        ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", 1, "every weekday"),
    ],
)
def test_repeat_rules_in_words(rule: str, cadence: int, text: str) -> None:
    plan = plan_of(ics(one_on_one("series", "20241003T090000", f"RRULE:{rule}")))

    series = plan.series_of(ANA)
    assert series is not None
    assert (series.cadence_days, series.rule) == (cadence, text)


@pytest.mark.parametrize(
    ("title", "found"),
    [
        ("Ana Lima sync", "Ana Lima"),  # the full name
        ("1:1 Ana", None),  # two reps are called Ana
        ("Call with ZOË", "Zoë Ægir"),  # a first name no one else has, any case
        ("Zoe & Tomas", None),  # two reps
        ("Pipeline", None),
    ],
)
def test_names_in_titles(title: str, found: str | None) -> None:
    reps = (
        RepContact(1, "Ana Ruiz", "ana@example.com"),
        RepContact(2, "Ana Lima", "lima@example.com"),
        RepContact(3, "Zoë Ægir", "zoe@example.com"),
        RepContact(4, "Tomás Novák", "tomas@example.com"),
    )
    data = ics(f"UID:x\nDTSTART:20241002T080000Z\nDTEND:20241002T083000Z\nSUMMARY:{title}")

    plan = plan_of(data, reps)

    names = {rep.id: rep.name for rep in reps}
    assert [names[m.rep_id] for m in plan.meetings] == ([found] if found else [])
    assert all(m.matched_by == "name" for m in plan.meetings)


def test_an_invitation_to_the_manager_alone_naming_a_rep_is_no_candidate() -> None:
    data = ics(
        """
        UID:skip-level
        DTSTART:20241002T080000Z
        DURATION:PT30M
        SUMMARY:Ana's promotion
        ORGANIZER:mailto:director@example.com
        ATTENDEE:mailto:kim.berger@example.com
        """
    )

    plan = plan_of(data, me=["kim.berger@example.com"])

    assert (plan.meetings, plan.unmatched) == ((), 1)


def test_a_rep_with_a_customer_is_not_a_1_1_and_a_cancelled_meeting_of_a_series_counts_once() -> (
    None
):
    data = ics(
        one_on_one("series", "20241002T090000", "RRULE:FREQ=WEEKLY;COUNT=3"),
        """
        UID:series
        RECURRENCE-ID;TZID=Europe/Berlin:20241009T090000
        DTSTART;TZID=Europe/Berlin:20241009T090000
        DURATION:PT30M
        STATUS:CANCELLED
        """,
        """
        UID:customer
        DTSTART:20241004T080000Z
        DURATION:PT1H
        ORGANIZER:mailto:kim.berger@example.com
        ATTENDEE:mailto:ana.ruiz@example.com
        ATTENDEE:mailto:buyer@customer.example
        """,
    )

    plan = plan_of(data)

    assert starts(plan, ANA) == ["2024-10-02 09:00", "2024-10-16 09:00"]
    assert (plan.cancelled, plan.unmatched) == (1, 1)


def test_a_meeting_the_rep_or_the_manager_declined_is_left_out() -> None:
    data = ics(
        one_on_one("series", "20241002T090000", "RRULE:FREQ=WEEKLY;COUNT=3"),
        """
        UID:series
        RECURRENCE-ID;TZID=Europe/Berlin:20241009T090000
        DTSTART;TZID=Europe/Berlin:20241009T090000
        DURATION:PT30M
        ORGANIZER:mailto:kim.berger@example.com
        ATTENDEE;PARTSTAT=DECLINED:mailto:ana.ruiz@example.com
        """,
        """
        UID:invited
        DTSTART:20241004T080000Z
        DURATION:PT1H
        ORGANIZER:mailto:ana.ruiz@example.com
        ATTENDEE;PARTSTAT=ACCEPTED:mailto:ana.ruiz@example.com
        ATTENDEE;PARTSTAT=DECLINED:mailto:kim.berger@example.com
        """,
    )

    plan = plan_of(data, me=["kim.berger@example.com"])

    assert starts(plan, ANA) == ["2024-10-02 09:00", "2024-10-16 09:00"]
    assert plan.cancelled == 2


def test_the_period_and_what_lies_after_it() -> None:
    data = ics(
        one_on_one("weekly", "20241002T090000", "RRULE:FREQ=WEEKLY"),
        one_on_one("ended", "20240902T090000", "RRULE:FREQ=WEEKLY;UNTIL=20240923T070000Z"),
        one_on_one("next-year", "20250302T090000"),
    )

    plan = plan_of(data, horizon_days=14)

    assert plan.until == dt.date(2024, 10, 15)
    assert starts(plan, ANA) == ["2024-10-02 09:00", "2024-10-09 09:00"]
    assert (plan.past_ignored, plan.later_ignored) == (1, 1)


def test_floating_times_are_local_times() -> None:
    data = ics(
        """
        UID:floating
        DTSTART:20241002T090000
        DTEND:20241002T094500
        ORGANIZER:mailto:kim.berger@example.com
        ATTENDEE:mailto:ana.ruiz@example.com
        """
    )

    (meeting,) = plan_of(data, zone=ZoneInfo("Asia/Tokyo")).meetings

    assert (meeting.start, meeting.minutes) == (dt.datetime(2024, 10, 2, 9, 0), 45)


# ------------------------------------------------------------------ files that are not calendars


def one_line_problem(source: bytes | Path) -> str:
    with pytest.raises(InvalidInput) as caught:
        read_calendar(source)
    message = str(caught.value)
    assert "\n" not in message
    assert "Traceback" not in message
    return message


def test_a_web_page_saved_instead_of_the_calendar() -> None:
    message = one_line_problem(FIXTURES / "not-a-calendar.ics")

    assert message.startswith(
        'The file is not a calendar (.ics) export: it starts with "<!DOCTYPE html>". '
        "Export the calendar again as an .ics file"
    )


def test_a_calendar_cut_short() -> None:
    message = one_line_problem(FIXTURES / "damaged.ics")

    assert message.startswith("The calendar file is incomplete")


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"", "The file is empty"),
        (b"  \r\n\r\n", "The file is empty"),
        (b"BEGIN:VCARD\r\nFN:Ana Ruiz\r\nEND:VCARD\r\n", "The file holds contacts (a vCard)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "The file is not a calendar (.ics) export"),
        (b"Subject,Start Date\r\n1:1,10/1/2024\r\n", "The file is not a calendar (.ics) export"),
        (b"BEGIN:VCALENDAR\r\nno colon here\r\nEND:VCALENDAR\r\n", "The calendar file is damaged"),
    ],
)
def test_files_that_are_not_calendars(data: bytes, start: str) -> None:
    assert one_line_problem(data).startswith(start)


def test_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    message = one_line_problem(tmp_path / "missing.ics")

    assert message.startswith("Could not read")


def test_a_file_too_large(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(module, "MAX_FILE_BYTES", 2 * 1024 * 1024)
    path = tmp_path / "huge.ics"
    path.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"X-FILLER:" + b"x" * (3 * 1024 * 1024))

    message = one_line_problem(path)

    assert re.match(
        r"The file is 3 MB, too large for a calendar export \(at most 2 MB\)\.", message
    )
    assert "Export only the coming months" in message


def test_googles_zip_with_one_calendar_is_read() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("kim.berger@example.com.ics", (FIXTURES / "google.ics").read_bytes())

    assert plan_of(buffer.getvalue()) == plan_of("google.ics")


def test_a_zip_with_several_calendars_asks_for_one() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("kim.berger@example.com.ics", (FIXTURES / "google.ics").read_bytes())
        archive.writestr("Holidays in Germany.ics", ics())

    message = one_line_problem(buffer.getvalue())

    assert message.startswith("The file is a .zip archive with 2 calendars (.ics files) in it.")


def test_events_with_a_broken_date_or_rule_are_counted_and_the_rest_read() -> None:
    data = ics(
        one_on_one("good", "20241002T090000"),
        "UID:bad-date\nDTSTART:2024-10-03 nine o'clock\nSUMMARY:x",
        "UID:no-date\nSUMMARY:x",
        "UID:bad-rule\nDTSTART:20241003T090000Z\nRRULE:FREQ=SOMETIMES",
    )

    calendar = read_calendar(data)
    plan = plan_import(calendar, REPS, today=TODAY, zone=BERLIN)

    assert (calendar.events, calendar.unreadable) == (1, 3)
    assert starts(plan, ANA) == ["2024-10-02 09:00"]
    assert plan.unreadable == 3
    assert describe(plan)[-1] == "Left out: 3 unreadable events."


@pytest.mark.parametrize(
    ("encoding", "mark"), [("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("cp1252", b"")]
)
def test_text_encodings(encoding: str, mark: bytes) -> None:
    text = ics("UID:x\nDTSTART:20241002T080000Z\nDURATION:PT30M\nSUMMARY:Tomás Café").decode()

    plan = plan_of(mark + text.encode(encoding))

    assert [m.rep_id for m in plan.meetings] == [TOMAS]
