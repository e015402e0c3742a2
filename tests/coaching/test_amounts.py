"""Numbers as people type and paste them, read leniently but never guessed."""

from __future__ import annotations

import pytest

from coachdesk.coaching.amounts import (
    NotANumber,
    format_count,
    format_money,
    parse_amount,
    plural,
)
from coachdesk.store.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,200", 1200.0),
        ("1 200", 1200.0),
        ("1\u00a0200", 1200.0),
        ("$3,400", 3400.0),
        ("12.5", 12.5),
        ("12,5", 12.5),
        ("1,234,567", 1234567.0),
        ("1.234.567", 1234567.0),
        ("1,200.50", 1200.5),
        ("1.200,50", 1200.5),
        ("€ 3.400,50", 3400.5),
        ("3400 EUR", 3400.0),
        ("$48k", 48000.0),
        ("1.2M", 1200000.0),
        ("-5", -5.0),
        ("-$1,200", -1200.0),
        ("(1,200)", -1200.0),
        ("  7  ", 7.0),
        ("0", 0.0),
    ],
)
def test_lenient_reading(text: str, value: float) -> None:
    assert parse_amount(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "   ", "-", "—"])
def test_an_empty_cell_is_no_value(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize("text", ["abc", "12%", "1,20,0", "1..2", "1,2,3.4,5", "$", "()", "1e9"])
def test_what_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_amount(text)


def test_a_number_that_cannot_be_read_is_the_users_input_not_a_bug() -> None:
    with pytest.raises(InvalidInput, match="is not a number"):
        parse_amount("12%")


def test_showing_amounts() -> None:
    assert format_money(48_000) == "$48k"
    assert format_money(1_234_567, "€") == "€1.2M"
    assert format_money(999_600) == "$1M"
    assert format_money(2_500) == "$2.5k"
    assert format_money(950) == "$950"
    assert format_money(48_000, short=False) == "$48,000"
    assert format_money(-3_000) == "-$3k"
    assert format_count(3) == "3"
    assert format_count(12.5) == "12.5"
    assert plural(1, "deals") == "1 deal"
    assert plural(2, "deals") == "2 deals"
    assert plural(1, "POCs") == "1 POC"
