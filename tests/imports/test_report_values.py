"""Amounts and dates as CRM reports write them."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.imports.report_values import (
    Amount,
    AmountStyle,
    DateOrder,
    amount_style,
    date_order_of,
    parse_report_amount,
    parse_report_date,
)
from coachdesk.store.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "style", "want"),
    [
        ("USD 12,500.00", AmountStyle.UNKNOWN, Amount(12500.0, "USD")),
        ("$12,500", AmountStyle.UNKNOWN, Amount(12500.0, "USD")),
        ("12.500,00 €", AmountStyle.UNKNOWN, Amount(12500.0, "EUR")),
        ("EUR 1.234,50", AmountStyle.UNKNOWN, Amount(1234.5, "EUR")),
        ("(1,000.50)", AmountStyle.UNKNOWN, Amount(-1000.5, "")),
        ("USD (250.00)", AmountStyle.UNKNOWN, Amount(-250.0, "USD")),
        ("-£300", AmountStyle.UNKNOWN, Amount(-300.0, "GBP")),
        ("CHF 1'250.00", AmountStyle.UNKNOWN, Amount(1250.0, "CHF")),
        ("1 234,5 SEK", AmountStyle.DOT_GROUPS, Amount(1234.5, "SEK")),
        ("1.234", AmountStyle.DOT_GROUPS, Amount(1234.0, "")),
        ("1.234", AmountStyle.COMMA_GROUPS, Amount(1.234, "")),
        ("1,234", AmountStyle.COMMA_GROUPS, Amount(1234.0, "")),
        ("1,5", AmountStyle.DOT_GROUPS, Amount(1.5, "")),
        ("12500.5", AmountStyle.UNKNOWN, Amount(12500.5, "")),
    ],
)
def test_amounts(text: str, style: AmountStyle, want: Amount) -> None:
    assert parse_report_amount(text, style) == want


@pytest.mark.parametrize("text", ["lots", "USD", "1,2,3", "USD 5 EUR", "1.234.5,6,7", "12-5"])
def test_not_amounts(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_report_amount(text, AmountStyle.COMMA_GROUPS)


def test_empty_amounts_are_none() -> None:
    assert parse_report_amount("") is None
    assert parse_report_amount(" - ") is None


def test_a_column_shows_its_thousands_style() -> None:
    assert amount_style(["EUR 1.234", "EUR 1.234,50"]) is AmountStyle.DOT_GROUPS
    assert amount_style(["12.500,00 €"]) is AmountStyle.DOT_GROUPS
    assert amount_style(["$1,234", "$10.5"]) is AmountStyle.COMMA_GROUPS
    assert amount_style(["USD 12,500.00"]) is AmountStyle.COMMA_GROUPS
    assert amount_style(["1,234", "1.234"]) is AmountStyle.UNKNOWN
    assert amount_style(["1,234.50", "1.234,50"]) is AmountStyle.UNKNOWN


@pytest.mark.parametrize(
    ("text", "order", "want"),
    [
        ("2026-03-31", None, dt.date(2026, 3, 31)),
        ("2026-03-31T10:15:00Z", None, dt.date(2026, 3, 31)),
        ("2026/3/1 09:30", None, dt.date(2026, 3, 1)),
        ("31.03.2026", None, dt.date(2026, 3, 31)),
        ("31.03.2026, 10:15", None, dt.date(2026, 3, 31)),
        ("3/31/2026", None, dt.date(2026, 3, 31)),
        ("3/31/2026 10:15 AM", None, dt.date(2026, 3, 31)),
        ("31/03/2026", None, dt.date(2026, 3, 31)),
        ("03/04/2026", DateOrder.DMY, dt.date(2026, 4, 3)),
        ("03/04/2026", DateOrder.MDY, dt.date(2026, 3, 4)),
        ("3/4/26", DateOrder.MDY, dt.date(2026, 3, 4)),
        ("05/05/2026", None, dt.date(2026, 5, 5)),
    ],
)
def test_dates(text: str, order: DateOrder | None, want: dt.date) -> None:
    assert parse_report_date(text, order) == want


def test_dates_that_are_not() -> None:
    with pytest.raises(InvalidInput, match="could be 2026-04-03 or 2026-03-04"):
        parse_report_date("03/04/2026", None)
    with pytest.raises(InvalidInput, match="not a real date"):
        parse_report_date("2/30/2026", DateOrder.MDY)
    with pytest.raises(InvalidInput, match="not a date"):
        parse_report_date("next Tuesday", None)
    assert parse_report_date("", None) is None


def test_a_file_shows_its_date_order_or_contradicts_itself() -> None:
    assert date_order_of([(2, "03/04/2026"), (3, "03/31/2026")]) == (DateOrder.MDY, True, [])
    assert date_order_of([(2, "03/04/2026")]) == (None, True, [])
    assert date_order_of([(2, "2026-03-04"), (3, "04.03.2026")]) == (None, False, [])
    order, _, problems = date_order_of([(2, "31/03/2026"), (5, "03/31/2026")])
    assert order is None
    assert problems == [
        "line 5: 03/31/2026 puts the month first, but the date on line 2 puts the day first"
    ]
