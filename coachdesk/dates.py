"""The one date model of coachdesk.

* Calendar dates are stored as ISO strings ``YYYY-MM-DD``; moments (a 1:1's start,
  created/updated stamps) as ``YYYY-MM-DDTHH:MM[:SS]``. Both are the manager's *local*
  time with no offset: a 1:1 at 09:00 stays at 09:00 when the laptop travels, which is
  what a person means by it.
* Weeks are ISO weeks: they start on Monday, belong to the year that holds their
  Thursday, and week 53 exists in some years.
* Quarters are calendar quarters (Q1 = January to March).
* "Today" and "now" come from one injectable :class:`Clock`, so tests can fix time.
* Dates and times in text for the screen (a flag, a timeline line, the roster's next 1:1)
  are worded by :func:`day_words` and :func:`moment_words`, in one style: the window
  installs the locale's (``coachdesk.ui.widgets.qdates``) with :func:`use_screen_style`;
  without a window it is a plain English one ("Sun, 22 Nov", "09:00"). Files and exports
  keep ISO dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol


class Clock(Protocol):
    """Where the current local time comes from."""

    def now(self) -> dt.datetime:
        """Return the current local time, naive (no tzinfo)."""
        ...


class SystemClock:
    """The real clock: local wall-clock time."""

    def now(self) -> dt.datetime:
        """Return the current local time without a time zone."""
        return dt.datetime.now().replace(microsecond=0)


@dataclass
class FixedClock:
    """A clock that says what a test tells it; ``advance`` moves it on."""

    current: dt.datetime

    def now(self) -> dt.datetime:
        """Return the fixed moment."""
        return self.current

    def advance(self, **delta: float) -> None:
        """Move the clock forward by a ``timedelta(**delta)``."""
        self.current = self.current + dt.timedelta(**delta)


def today(clock: Clock) -> dt.date:
    """Return today's local date according to ``clock``."""
    return clock.now().date()


def iso_date(value: dt.date) -> str:
    """Format a date as ``YYYY-MM-DD``."""
    return value.isoformat()


def iso_moment(value: dt.datetime) -> str:
    """Format a local moment as ``YYYY-MM-DDTHH:MM:SS`` (no offset)."""
    return value.replace(microsecond=0, tzinfo=None).isoformat(timespec="seconds")


def parse_date(text: str) -> dt.date:
    """Parse ``YYYY-MM-DD`` (a longer ISO moment is accepted and cut to its date)."""
    return dt.date.fromisoformat(text[:10])


def parse_moment(text: str) -> dt.datetime:
    """Parse an ISO local moment; a bare date means midnight."""
    if len(text) == 10:
        return dt.datetime.combine(dt.date.fromisoformat(text), dt.time())
    return dt.datetime.fromisoformat(text).replace(tzinfo=None)


@dataclass(frozen=True, order=True)
class IsoWeek:
    """An ISO week: ``year`` is the ISO year, which can differ from the calendar year."""

    year: int
    week: int

    @classmethod
    def of(cls, day: dt.date) -> IsoWeek:
        """Return the ISO week holding ``day``."""
        year, week, _ = day.isocalendar()
        return cls(year, week)

    @classmethod
    def parse(cls, text: str) -> IsoWeek:
        """Parse ``YYYY-Www`` (e.g. ``2026-W53``)."""
        year_text, _, week_text = text.upper().partition("-W")
        week = cls(int(year_text), int(week_text))
        week.monday()  # raises ValueError for a week the year does not have
        return week

    def monday(self) -> dt.date:
        """Return the Monday that starts this week."""
        return dt.date.fromisocalendar(self.year, self.week, 1)

    def sunday(self) -> dt.date:
        """Return the Sunday that ends this week."""
        return dt.date.fromisocalendar(self.year, self.week, 7)

    def shifted(self, weeks: int) -> IsoWeek:
        """Return the week ``weeks`` later (negative for earlier)."""
        return IsoWeek.of(self.monday() + dt.timedelta(weeks=weeks))

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"


def weeks_in_year(year: int) -> int:
    """Return 52 or 53: the number of ISO weeks in ``year``."""
    return dt.date(year, 12, 28).isocalendar()[1]


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter."""

    year: int
    number: int

    @classmethod
    def of(cls, day: dt.date) -> Quarter:
        """Return the quarter holding ``day``."""
        return cls(day.year, (day.month - 1) // 3 + 1)

    def first_day(self) -> dt.date:
        """Return the first day of the quarter."""
        return dt.date(self.year, 3 * self.number - 2, 1)

    def last_day(self) -> dt.date:
        """Return the last day of the quarter."""
        nxt = self.shifted(1).first_day()
        return nxt - dt.timedelta(days=1)

    def shifted(self, quarters: int) -> Quarter:
        """Return the quarter ``quarters`` later (negative for earlier)."""
        index = self.year * 4 + (self.number - 1) + quarters
        return Quarter(index // 4, index % 4 + 1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


def add_months(day: dt.date, months: int) -> dt.date:
    """Return ``day`` moved by whole months, clamped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(f"cannot move {day} by {months} months")


# ----------------------------------------------------------------- dates in words

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# A day in words, given today (for whether the year is needed) or None (always the year).
DayStyle = Callable[[dt.date, dt.date | None], str]
# A time of day in words, without seconds.
TimeStyle = Callable[[dt.time], str]


def english_day(day: dt.date, today: dt.date | None = None) -> str:
    """Return "Sun, 22 Nov", with the year unless ``today`` is in the same one.

    The same as the window's style in English (Qt's "C" and British English locales).
    """
    text = f"{_DAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]}"
    return text if today is not None and day.year == today.year else f"{text} {day.year}"


def english_time(moment: dt.time) -> str:
    """Return "09:00"."""
    return f"{moment.hour:02d}:{moment.minute:02d}"


@dataclass
class _ScreenStyle:
    day: DayStyle = english_day
    time: TimeStyle = english_time


_screen = _ScreenStyle()


def use_screen_style(day: DayStyle, time: TimeStyle) -> None:
    """Word every date and time for the screen this way from now on (the window's locale)."""
    _screen.day, _screen.time = day, time


def day_words(day: dt.date | str, today: dt.date | None = None) -> str:
    """A day for the screen: "Sun, 22 Nov" (the year too unless it is ``today``'s)."""
    return _screen.day(parse_date(day) if isinstance(day, str) else day, today)


def time_words(moment: dt.time) -> str:
    """A time of day for the screen, without seconds: "09:00"."""
    return _screen.time(moment)


def moment_words(moment: dt.datetime | str, today: dt.date | None = None) -> str:
    """A moment for the screen, "Sun, 22 Nov 09:00"; a bare ISO date gives its day only."""
    if isinstance(moment, str):
        if len(moment) <= 10:
            return day_words(moment, today)
        moment = parse_moment(moment)
    return f"{_screen.day(moment.date(), today)} {_screen.time(moment.time())}"
