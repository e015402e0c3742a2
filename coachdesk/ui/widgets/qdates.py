"""Dates between Python and Qt's date widgets, and every date and time on screen.

One style, from the locale (``QLocale()``): its long date with the day and month names
shortened ("Sun, 22 Nov 2026" in English, "So., 22. Nov. 2026" in German), without the
year when it is this year's, and its short time, never seconds ("09:00", "9:00 AM").
Text made below the interface (flags, timeline lines, the roster's next 1:1) uses the
same style once :func:`install_screen_style` has run. Date fields show the same style
(:func:`date_edit_format`), except those made for typing a date, which use the locale's
numeric order with every part at full width (:func:`date_entry_format`: "04/03/2024"),
as Qt's date fields take typed digits only so. Files and exports keep ISO dates.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QLocale, QTime

from coachdesk import dates

# The year in a date pattern, with what joins it to the rest: ", yyyy", " 'de' yyyy",
# "yyyy年", "yyyy년", "yyyy. ".
_YEAR = re.compile(r"(\s*'[^']*')?[\s,./-]*y+[年년.]?\s*")


def to_qdate(day: dt.date) -> QDate:
    """The same day as a ``QDate``, for a date edit."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    """The day a date edit shows, as a Python date."""
    return dt.date(day.year(), day.month(), day.day())


def date_pattern(*, year: bool = True, locale: QLocale | None = None) -> str:
    """The locale's long date pattern with short names ("ddd, d MMM yyyy")."""
    long = (locale or QLocale()).dateFormat(QLocale.FormatType.LongFormat)
    pattern = long.replace("dddd", "ddd").replace("MMMM", "MMM")
    if not year:
        pattern = _YEAR.sub(" ", pattern).strip(" ,./-")
    return pattern


def time_pattern(locale: QLocale | None = None) -> str:
    """The locale's short time pattern, never with seconds ("HH:mm", "h:mm AP")."""
    pattern = (locale or QLocale()).timeFormat(QLocale.FormatType.ShortFormat)
    return re.sub(r"[:.]ss?", "", pattern)


def date_edit_format() -> str:
    """The display format for a date edit: "Sun, 22 Nov 2026"."""
    return date_pattern()


def date_time_edit_format() -> str:
    """The display format for a date-and-time edit: "Sun, 22 Nov 2026 09:00"."""
    return f"{date_pattern()} {time_pattern()}"


def date_entry_format(*, time: bool = False) -> str:
    """The display format of a date field made for typing: "dd/MM/yyyy" (the locale's order).

    Every part has its full width, so typing "04032024" fills it; ``time`` adds the
    locale's time of day ("HH:mm").
    """
    locale = QLocale()
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    pattern = re.sub(r"y+", "yyyy", re.sub(r"(?<!M)M{1,2}(?!M)", "MM", re.sub(r"d+", "dd", short)))
    if time:
        clock = re.sub(r"H+", "HH", re.sub(r"h+", "hh", time_pattern(locale)))
        pattern = f"{pattern} {clock}"
    return pattern


def day_text(day: dt.date | str, today: dt.date | None = None) -> str:
    """A day on screen: "Sun, 22 Nov" this year (``today``'s), "Sun, 22 Nov 2025" otherwise.

    Without ``today`` the year is always shown. An ISO string is read as its date.
    """
    if isinstance(day, str):
        day = dates.parse_date(day)
    locale = QLocale()
    pattern = date_pattern(year=today is None or day.year != today.year, locale=locale)
    return locale.toString(to_qdate(day), pattern)


def day_text_or_dash(day: str | None, today: dt.date | None = None) -> str:
    """:func:`day_text` of an ISO date that may be missing ("—")."""
    return day_text(day, today) if day else "—"


def time_text(moment: dt.time | dt.datetime) -> str:
    """A time of day on screen, without seconds: "09:00" (or "9:00 AM")."""
    locale = QLocale()
    return locale.toString(QTime(moment.hour, moment.minute), time_pattern(locale))


def moment_text(moment: dt.datetime | str, today: dt.date | None = None) -> str:
    """A moment on screen: "Sun, 22 Nov 09:00"; a bare ISO date gives its day only."""
    if isinstance(moment, str):
        if len(moment) <= 10:
            return day_text(moment, today)
        moment = dates.parse_moment(moment)
    return f"{day_text(moment.date(), today)} {time_text(moment)}"


def install_screen_style() -> None:
    """Word the dates in text made below the interface (flags, timeline lines) like these."""
    dates.use_screen_style(day_text, time_text)
