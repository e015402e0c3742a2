"""Dates between Python and Qt's date widgets."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from coachdesk.ui.widgets.qdates import from_qdate, to_qdate


def test_dates_go_to_qt_and_back_unchanged() -> None:
    for day in (dt.date(2026, 11, 23), dt.date(2024, 2, 29), dt.date(2000, 1, 1)):
        assert to_qdate(day).toString("yyyy-MM-dd") == day.isoformat()
        assert from_qdate(to_qdate(day)) == day
    assert from_qdate(QDate(2027, 2, 23)) == dt.date(2027, 2, 23)
