"""Amounts and dates as CRM reports write them, read the same way for a whole column.

A report is written in one locale, so its habits are the report's, not the cell's: once
one amount shows that the comma is the decimal mark ("1.234,50"), "1.234" in the same
column is twelve hundred and thirty-four; once one date shows the day first (31/03/2026),
03/04/2026 in the same file is the 3rd of April. :class:`AmountStyle` and
:func:`date_order_of` find those habits; a file none of whose dates tells is ambiguous,
and the caller asks (the window once, the command line through ``--date-order``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from coachdesk.coaching.amounts import NotANumber, parse_amount
from coachdesk.store.errors import InvalidInput


class DateOrder(Enum):
    """How a date written with slashes or dashes orders its day and month."""

    DMY = "dmy"  # 31/03/2026, as in most of the world
    MDY = "mdy"  # 3/31/2026, as in the United States


# ----------------------------------------------------------------- amounts

# Symbols as one currency each; "$" is read as US dollars, the usual meaning in a CRM.
_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW"}
_CODE = re.compile(
    r"^\s*(?P<lead>[A-Z]{3}|US\$|[$€£¥₹₩])?\s*(?P<body>.*?)\s*(?P<trail>[A-Z]{3}|[$€£¥₹₩])?\s*$"
)
# A comma or a dot followed by one or two digits at the end is a decimal mark.
_DECIMAL_COMMA = re.compile(r"\d,\d{1,2}\)?$|\d\.\d{3},\d+\)?$|\d\.\d{3}\.\d{3}")
_DECIMAL_DOT = re.compile(r"\d\.\d{1,2}\)?$|\d,\d{3}\.\d+\)?$|\d,\d{3},\d{3}")


_ENDS = re.compile(r"^[^\d(]+|[^\d)]+$")


class AmountStyle(Enum):
    """Which mark separates thousands in a column of amounts."""

    UNKNOWN = "unknown"  # no amount says; each is read on its own (see parse_amount)
    COMMA_GROUPS = "1,234.50"
    DOT_GROUPS = "1.234,50"


def amount_style(texts: Iterable[str]) -> AmountStyle:
    """Return the style a column's amounts show, or UNKNOWN when none of them tells.

    When amounts show both (a file put together from two exports), UNKNOWN too: each
    amount is then read on its own, and an amount that could be read two ways that
    differ by more than rounding is refused by :func:`parse_report_amount`.
    """
    comma = dot = False
    for text in texts:
        # Only the number decides: "12.500,00 €" ends with its currency.
        body = _ENDS.sub("", text.strip())
        if not body:
            continue
        if not comma and _DECIMAL_COMMA.search(body):
            comma = True
        elif not dot and _DECIMAL_DOT.search(body):
            dot = True
        if comma and dot:
            return AmountStyle.UNKNOWN
    if comma:
        return AmountStyle.DOT_GROUPS
    if dot:
        return AmountStyle.COMMA_GROUPS
    return AmountStyle.UNKNOWN


@dataclass(frozen=True)
class Amount:
    """An amount read from a report, with the currency its cell named (empty if none)."""

    value: float
    currency: str


def parse_report_amount(text: str, style: AmountStyle = AmountStyle.UNKNOWN) -> Amount | None:
    """Return the amount in ``text`` and its currency, or ``None`` for an empty cell.

    Accepts a currency code or symbol before or after ("USD 12,500.00", "12.500,00 €",
    "$12,500"), a minus or accounting brackets for a negative amount, and groups of
    thousands in the column's ``style``. Raises :class:`InvalidInput` saying why not.
    """
    raw = text.strip()
    if not raw or raw in {"-", "—", "–"}:
        return None
    negative = False
    body = raw
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1].strip()
    if body[:1] in "-−":
        negative, body = not negative, body[1:].strip()
    match = _CODE.match(body)
    currency = ""
    if match is not None and (match["lead"] or match["trail"]):
        if match["lead"] and match["trail"]:
            raise InvalidInput(f"{raw!r} names two currencies")
        code = match["lead"] or match["trail"]
        currency = _SYMBOLS.get(code, code)
        body = match["body"]
    if body[:1] in "-−":  # "USD -1,200"
        negative, body = not negative, body[1:].strip()
    if body.startswith("(") and body.endswith(")"):  # "USD (1,200)"
        negative, body = not negative, body[1:-1].strip()
    compact = re.sub(r"[\s\u00a0\u202f\u2009']", "", body)
    if not re.fullmatch(r"\d[\d.,]*", compact):
        raise InvalidInput(f"{raw!r} is not an amount")
    if style is AmountStyle.COMMA_GROUPS:
        value = _grouped(compact, group=",", decimal=".", raw=raw)
    elif style is AmountStyle.DOT_GROUPS:
        value = _grouped(compact, group=".", decimal=",", raw=raw)
    else:
        try:
            found = parse_amount(compact)
        except NotANumber:
            raise InvalidInput(f"{raw!r} is not an amount") from None
        assert found is not None  # compact has a digit
        value = found
    return Amount(-value if negative else value, currency)


def _grouped(digits: str, *, group: str, decimal: str, raw: str) -> float:
    whole, _, fraction = digits.partition(decimal)
    if decimal in fraction or group in fraction:
        raise InvalidInput(f"{raw!r} is not an amount")
    head, *groups = whole.split(group)
    if not head or (groups and (len(head) > 3 or any(len(g) != 3 for g in groups))):
        raise InvalidInput(f"{raw!r} is not an amount")
    return float(whole.replace(group, "") + ("." + fraction if fraction else ""))


# ----------------------------------------------------------------- dates

_ISO = re.compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")
_DOTTED = re.compile(r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4}|\d{2})")
_SLASHED = re.compile(r"(?P<a>\d{1,2})(?P<sep>[/-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})")
# Reports write a date with its time now and then: "3/31/2026 10:15 AM",
# "2026-03-31T10:15:00Z", "31.03.2026, 10:15"; a week is made of days.
_TIME = re.compile(
    r"(?:,?[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|[A-Z]{2,5})?)?\s*"
)


@dataclass(frozen=True)
class DateClue:
    """What one date cell says about the file's order of day and month."""

    order: DateOrder | None  # the only order it can be read in, if it tells
    ambiguous: bool  # both orders give a real day


@lru_cache(maxsize=4096)
def date_clue(text: str) -> DateClue:
    """Return what ``text`` says of the file's date order (nothing for ISO or dotted dates)."""
    match = _SLASHED.match(text.strip())
    if match is None:
        return DateClue(None, False)
    a, b = int(match["a"]), int(match["b"])
    if a > 12 >= b:
        return DateClue(DateOrder.DMY, False)
    if b > 12 >= a:
        return DateClue(DateOrder.MDY, False)
    return DateClue(None, a != b and a <= 12 and b <= 12)


# A report has a few hundred distinct dates in tens of thousands of cells.
@lru_cache(maxsize=4096)
def parse_report_date(text: str, order: DateOrder | None) -> dt.date | None:
    """Return the day in ``text``, or ``None`` for an empty cell.

    YYYY-MM-DD (and with slashes or dots), D.M.YYYY, and D/M/YYYY or M/D/YYYY in the
    file's ``order`` (with a two-digit year read as 20YY); a time after the date is
    ignored. With ``order`` None, a date that could be two days is refused. Raises
    :class:`InvalidInput` saying why.
    """
    stripped = text.strip()
    if not stripped:
        return None
    for pattern in (_ISO, _DOTTED, _SLASHED):
        match = pattern.match(stripped)
        if match is None or not _TIME.fullmatch(stripped, match.end()):
            continue
        parts = match.groupdict()
        year = int(parts["y"])
        year += 2000 if year < 100 else 0
        if pattern is _SLASHED:
            a, b = int(parts["a"]), int(parts["b"])
            chosen = order or date_clue(stripped).order
            if chosen is None and a != b:
                raise InvalidInput(f"{stripped} could be {_iso(year, b, a)} or {_iso(year, a, b)}")
            day, month = (a, b) if chosen in (DateOrder.DMY, None) else (b, a)
        else:
            day, month = int(parts["d"]), int(parts["m"])
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise InvalidInput(f"{stripped!r} is not a real date") from None
    raise InvalidInput(f"{stripped!r} is not a date")


def _iso(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def date_order_of(texts: Iterable[tuple[int, str]]) -> tuple[DateOrder | None, bool, list[str]]:
    """Return the order the dates ``(line, text)`` show, whether any is ambiguous, and
    problems: lines whose dates contradict an earlier one's order."""
    found: dict[DateOrder, int] = {}
    ambiguous = False
    for line, text in texts:
        clue = date_clue(text)
        if clue.order is not None:
            found.setdefault(clue.order, line)
        ambiguous = ambiguous or clue.ambiguous
        if len(found) == 2:
            dmy, mdy = found[DateOrder.DMY], found[DateOrder.MDY]
            return (
                None,
                ambiguous,
                [
                    f"line {max(dmy, mdy)}: {text.strip()} puts the "
                    + ("day" if line == dmy else "month")
                    + f" first, but the date on line {min(dmy, mdy)} puts the "
                    + ("month" if line == dmy else "day")
                    + " first"
                ],
            )
    return (next(iter(found)) if found else None), ambiguous, []
