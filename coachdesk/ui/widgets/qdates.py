"""Dates between Python and Qt's date widgets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate


def to_qdate(day: dt.date) -> QDate:
    """The same day as a ``QDate``, for a date edit."""
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    """The day a date edit shows, as a Python date."""
    return dt.date(day.year(), day.month(), day.day())
