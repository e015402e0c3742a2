"""The one date model: ISO weeks, quarters, month arithmetic and the injectable clock."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.dates import (
    FixedClock,
    IsoWeek,
    Quarter,
    SystemClock,
    add_months,
    iso_date,
    iso_moment,
    parse_date,
    parse_moment,
    today,
    weeks_in_year,
)

D = dt.date


# ----------------------------------------------------------------- ISO weeks


@pytest.mark.parametrize(
    ("year", "weeks"),
    [(2015, 53), (2020, 53), (2021, 52), (2024, 52), (2025, 52), (2026, 53), (2027, 52)],
)
def test_weeks_in_year(year: int, weeks: int) -> None:
    assert weeks_in_year(year) == weeks


def test_2026_has_a_week_53() -> None:
    week = IsoWeek.parse("2026-W53")
    assert week.monday() == D(2026, 12, 28)
    assert week.sunday() == D(2027, 1, 3)
    assert IsoWeek.of(D(2027, 1, 1)) == IsoWeek(2026, 53)
    assert week.shifted(1) == IsoWeek(2027, 1)
    assert IsoWeek(2027, 1).shifted(-1) == week
    assert str(week) == "2026-W53"


def test_a_year_without_week_53_refuses_it() -> None:
    with pytest.raises(ValueError):
        IsoWeek.parse("2025-W53")
    with pytest.raises(ValueError):
        IsoWeek.parse("2026-W54")
    with pytest.raises(ValueError):
        IsoWeek.parse("2026-W00")


@pytest.mark.parametrize(
    ("day", "week"),
    [
        # The ISO year is the year of the week's Thursday.
        (D(2024, 12, 30), IsoWeek(2025, 1)),  # Monday, belongs to next year
        (D(2021, 1, 3), IsoWeek(2020, 53)),  # Sunday, belongs to last year
        (D(2022, 1, 2), IsoWeek(2021, 52)),
        (D(2026, 1, 1), IsoWeek(2026, 1)),  # a Thursday
        (D(2026, 11, 23), IsoWeek(2026, 48)),
        (D(2026, 12, 31), IsoWeek(2026, 53)),
    ],
)
def test_iso_week_of_days_around_the_new_year(day: dt.date, week: IsoWeek) -> None:
    assert IsoWeek.of(day) == week
    assert week.monday() <= day <= week.sunday()
    assert week.monday().weekday() == 0


def test_iso_weeks_parse_format_and_order() -> None:
    assert IsoWeek.parse("2026-w05") == IsoWeek(2026, 5)
    assert str(IsoWeek(2026, 5)) == "2026-W05"
    assert IsoWeek(2025, 52) < IsoWeek(2026, 1) < IsoWeek(2026, 53)
    assert IsoWeek(2026, 10).shifted(-10) == IsoWeek(2025, 52)
    assert IsoWeek(2026, 10).shifted(0) == IsoWeek(2026, 10)


def test_every_day_of_a_long_stretch_is_in_the_week_it_names() -> None:
    day = D(2019, 12, 1)
    while day < D(2028, 2, 1):
        week = IsoWeek.of(day)
        assert week.monday() <= day <= week.sunday()
        assert IsoWeek.parse(str(week)) == week
        assert 1 <= week.week <= weeks_in_year(week.year)
        day += dt.timedelta(days=1)


# ----------------------------------------------------------------- quarters


@pytest.mark.parametrize(
    ("day", "quarter", "first", "last"),
    [
        (D(2026, 1, 1), Quarter(2026, 1), D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 3, 31), Quarter(2026, 1), D(2026, 1, 1), D(2026, 3, 31)),
        (D(2026, 4, 1), Quarter(2026, 2), D(2026, 4, 1), D(2026, 6, 30)),
        (D(2026, 9, 30), Quarter(2026, 3), D(2026, 7, 1), D(2026, 9, 30)),
        (D(2026, 12, 31), Quarter(2026, 4), D(2026, 10, 1), D(2026, 12, 31)),
        (D(2024, 2, 29), Quarter(2024, 1), D(2024, 1, 1), D(2024, 3, 31)),
    ],
)
def test_quarters(day: dt.date, quarter: Quarter, first: dt.date, last: dt.date) -> None:
    assert Quarter.of(day) == quarter
    assert quarter.first_day() == first
    assert quarter.last_day() == last


def test_quarters_shift_across_years() -> None:
    assert Quarter(2026, 4).shifted(1) == Quarter(2027, 1)
    assert Quarter(2026, 1).shifted(-1) == Quarter(2025, 4)
    assert Quarter(2026, 2).shifted(-9) == Quarter(2024, 1)
    assert Quarter(2026, 3).shifted(6) == Quarter(2028, 1)
    assert str(Quarter(2026, 3)) == "2026-Q3"
    assert Quarter(2025, 4) < Quarter(2026, 1)


# ----------------------------------------------------------------- months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2026, 3, 31), 1, D(2026, 4, 30)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 1, 31), 3, D(2026, 4, 30)),
        (D(2026, 12, 15), 1, D(2027, 1, 15)),
        (D(2026, 1, 15), -1, D(2025, 12, 15)),
        (D(2026, 5, 31), 12, D(2027, 5, 31)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2026, 8, 30), 6, D(2027, 2, 28)),
        (D(2026, 6, 1), 0, D(2026, 6, 1)),
        (D(2026, 1, 31), -13, D(2024, 12, 31)),
    ],
)
def test_add_months_clamps_to_the_end_of_the_month(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(day, months) == expected


# ----------------------------------------------------------------- text and the clock


def test_dates_and_moments_round_trip() -> None:
    moment = dt.datetime(2026, 11, 23, 9, 5, 7, 123456)
    assert iso_moment(moment) == "2026-11-23T09:05:07"
    assert iso_date(D(2026, 3, 9)) == "2026-03-09"
    assert parse_date("2026-03-09") == D(2026, 3, 9)
    assert parse_date("2026-03-09T10:30") == D(2026, 3, 9)
    assert parse_moment("2026-03-09") == dt.datetime(2026, 3, 9)
    assert parse_moment("2026-03-09T10:30") == dt.datetime(2026, 3, 9, 10, 30)
    # An offset written by another program is dropped: moments are local wall-clock time.
    assert parse_moment("2026-03-09T10:30:00+02:00") == dt.datetime(2026, 3, 9, 10, 30)
    aware = dt.datetime(2026, 3, 9, 10, 30, tzinfo=dt.UTC)
    assert iso_moment(aware) == "2026-03-09T10:30:00"


def test_fixed_clock() -> None:
    clock = FixedClock(dt.datetime(2026, 12, 31, 23, 30))
    assert clock.now() == dt.datetime(2026, 12, 31, 23, 30)
    assert today(clock) == D(2026, 12, 31)
    clock.advance(hours=1)
    assert today(clock) == D(2027, 1, 1)
    assert IsoWeek.of(today(clock)) == IsoWeek(2026, 53)
    clock.advance(days=3, minutes=15)
    assert clock.now() == dt.datetime(2027, 1, 4, 0, 45)
    assert IsoWeek.of(today(clock)) == IsoWeek(2027, 1)


def test_system_clock_is_naive_local_time_in_whole_seconds() -> None:
    now = SystemClock().now()
    assert now.tzinfo is None
    assert now.microsecond == 0
    assert abs(now - dt.datetime.now()) < dt.timedelta(seconds=5)


def test_dates_in_words_without_a_window() -> None:
    from coachdesk.dates import day_words, english_day, moment_words, time_words

    today = dt.date(2026, 11, 23)
    assert english_day(dt.date(2026, 11, 30), today) == "Mon, 30 Nov"
    assert english_day(dt.date(2027, 1, 4), today) == "Mon, 4 Jan 2027"
    assert english_day(dt.date(2026, 11, 30)) == "Mon, 30 Nov 2026"
    assert day_words("2026-11-30", today) == "Mon, 30 Nov"
    assert time_words(dt.time(9, 5, 59)) == "09:05"
    assert moment_words("2026-12-08T11:00:00", today) == "Tue, 8 Dec 11:00"
    assert moment_words("2026-12-08", today) == "Tue, 8 Dec"
