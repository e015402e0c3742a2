"""Dates between Python and Qt's date widgets, and the one style of dates on screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit
from pytestqt.qtbot import QtBot

from coachdesk import dates
from coachdesk.ui.widgets.qdates import (
    date_edit_format,
    date_entry_format,
    date_time_edit_format,
    day_text,
    day_text_or_dash,
    from_qdate,
    install_screen_style,
    moment_text,
    time_text,
    to_qdate,
)

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def locale() -> Iterator[None]:
    """Give a test its own locale; the tests' one ("C") comes back after it."""
    yield
    QLocale.setDefault(QLocale.c())
    dates.use_screen_style(dates.english_day, dates.english_time)


def test_dates_go_to_qt_and_back_unchanged() -> None:
    for day in (dt.date(2026, 11, 23), dt.date(2024, 2, 29), dt.date(2000, 1, 1)):
        assert to_qdate(day).toString("yyyy-MM-dd") == day.isoformat()
        assert from_qdate(to_qdate(day)) == day
    assert from_qdate(QDate(2027, 2, 23)) == dt.date(2027, 2, 23)


def test_a_day_without_its_year_when_it_is_this_years() -> None:
    assert day_text(dt.date(2026, 11, 22), TODAY) == "Sun, 22 Nov"
    assert day_text("2025-11-02", TODAY) == "Sun, 2 Nov 2025"
    assert day_text("2026-11-22T09:00:00", TODAY) == "Sun, 22 Nov"  # a moment: its day
    assert day_text(dt.date(2026, 11, 22)) == "Sun, 22 Nov 2026"  # no today: the year
    assert day_text_or_dash(None) == "—"


def test_times_never_show_seconds() -> None:
    assert time_text(dt.time(9, 5, 33)) == "09:05"
    assert moment_text("2026-12-08T11:00:00", TODAY) == "Tue, 8 Dec 11:00"
    assert moment_text(dt.datetime(2027, 1, 4, 16, 30, 59), TODAY) == "Mon, 4 Jan 2027 16:30"
    assert moment_text("2026-12-08", TODAY) == "Tue, 8 Dec"  # a bare date: no time


@pytest.mark.usefixtures("locale")
def test_the_style_is_the_locales() -> None:
    day, moment = dt.date(2026, 11, 22), dt.datetime(2026, 11, 22, 14, 5)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert day_text(day, TODAY) == "Sun, Nov 22"
    assert day_text(day) == "Sun, Nov 22, 2026"
    assert moment_text(moment, TODAY) == "Sun, Nov 22 2:05\u202fPM"
    assert date_entry_format() == "MM/dd/yyyy"
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    assert day_text(day, TODAY) == "So., 22. Nov."
    assert day_text(day) == "So., 22. Nov. 2026"
    assert moment_text(moment, TODAY) == "So., 22. Nov. 14:05"
    assert date_entry_format(time=True) == "dd.MM.yyyy HH:mm"
    QLocale.setDefault(QLocale(QLocale.Language.Spanish, QLocale.Country.Spain))
    assert day_text(day, TODAY) == "dom, 22 de nov"  # no "de" left dangling


@pytest.mark.usefixtures("locale")
def test_text_made_below_the_window_uses_the_same_style_once_installed() -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert dates.day_words("2026-11-30", TODAY) == "Mon, 30 Nov"  # plain English
    install_screen_style()
    assert dates.day_words("2026-11-30", TODAY) == "Mon, Nov 30"
    assert dates.moment_words("2026-11-30T10:30:00", TODAY) == "Mon, Nov 30 10:30\u202fAM"


def test_date_fields_show_the_style_and_typing_fields_have_full_width_digits(
    qtbot: QtBot,
) -> None:
    shown = QDateTimeEdit()
    qtbot.addWidget(shown)
    shown.setDisplayFormat(date_time_edit_format())
    shown.setDateTime(dt.datetime(2026, 11, 22, 9, 0))
    assert shown.text() == "Sun, 22 Nov 2026 09:00"
    assert date_edit_format() == "ddd, d MMM yyyy"
    # Typed into by digits (the rep's details: tests/ui/rep/test_rep_dialog.py).
    typed = QDateEdit()
    qtbot.addWidget(typed)
    typed.setDisplayFormat(date_entry_format())
    typed.setDate(QDate(2024, 3, 4))
    assert typed.text() == "04 03 2024"  # the "C" locale's order
