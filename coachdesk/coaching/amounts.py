"""Numbers as people type, paste and read them: "1,200", "1 200", "$3,400", "12.5", "$48k".

Values come from spreadsheets and CRM exports in many local habits, so reading is
lenient about grouping and currency signs but never guesses between two readings of
the same text that differ by more than a rounding: "1,200" is twelve hundred, "1,5" is
one and a half, and "1.200" is one point two (a dot is only a thousands separator when
a comma follows it or when it appears more than once).
"""

from __future__ import annotations

import math
import re

from coachdesk.store.errors import InvalidInput

# Spaces that spreadsheets put between groups of digits: plain, no-break, narrow no-break,
# thin, and the apostrophe Swiss formats use.
_GROUPING = re.compile(r"[\s\u00a0\u202f\u2009']")
_CURRENCY = re.compile(r"^(?:[$€£¥₹]|USD|EUR|GBP|CHF)|(?:[$€£¥₹]|USD|EUR|GBP|CHF)$", re.I)
_SUFFIX = {"k": 1_000.0, "m": 1_000_000.0}
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


class NotANumber(InvalidInput):
    """Text that cannot be read as a number; ``str()`` says so in plain words."""


def parse_amount(text: str) -> float | None:
    """Return the number in ``text``, or ``None`` for an empty cell.

    Accepts grouping with commas, dots or spaces, a decimal comma or dot, a currency
    sign or code before or after, a leading minus or accounting brackets, and a ``k``
    or ``M`` suffix ("$48k"). Raises :class:`NotANumber` for anything else.
    """
    raw = text.strip()
    if not raw or raw in {"-", "—", "–"}:
        return None
    body = _GROUPING.sub("", raw)
    negative = False
    if body.startswith("(") and body.endswith(")"):
        negative, body = True, body[1:-1]
    if body and body[0] in "-−+":
        negative, body = body[0] != "+", body[1:]
    for _ in range(2):  # "$-1,200" and "-$1,200" both happen
        body = _CURRENCY.sub("", body)
        if body and body[0] in "-−":
            negative, body = True, body[1:]
    multiplier = 1.0
    if body[-1:].lower() in _SUFFIX:
        multiplier, body = _SUFFIX[body[-1:].lower()], body[:-1]
    if not _DIGITS.fullmatch(body):
        raise NotANumber(f"{raw!r} is not a number")
    value = _plain(body, raw) * multiplier
    if not math.isfinite(value):
        raise NotANumber(f"{raw!r} is too large")
    return -value if negative else value


def _plain(digits: str, raw: str) -> float:
    """Read digits with commas and dots as grouping or decimal marks."""
    commas, dots = digits.count(","), digits.count(".")
    if commas and dots:
        # The mark that comes last is the decimal one: 1,200.50 or 1.200,50.
        decimal = "," if digits.rfind(",") > digits.rfind(".") else "."
        group = "." if decimal == "," else ","
        if digits.count(decimal) > 1:
            raise NotANumber(f"{raw!r} is not a number")
        _check_groups(digits.split(decimal)[0], group, raw)
        return float(digits.replace(group, "").replace(decimal, "."))
    if commas:
        parts = digits.split(",")
        if commas == 1 and len(parts[1]) != 3:
            return float(digits.replace(",", "."))  # a decimal comma: 12,5
        _check_groups(digits, ",", raw)
        return float(digits.replace(",", ""))
    if dots > 1:
        _check_groups(digits, ".", raw)
        return float(digits.replace(".", ""))
    return float(digits)


def _check_groups(digits: str, mark: str, raw: str) -> None:
    """Refuse grouping that is not in threes ("1,20,0"), which is more likely a typo."""
    head, *groups = digits.split(mark)
    if not head or len(head) > 3 or any(len(group) != 3 for group in groups):
        raise NotANumber(f"{raw!r} is not a number")


def format_count(value: float) -> str:
    """Show a count: whole numbers without decimals, others with up to two."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_money(value: float, symbol: str = "$", *, short: bool = True) -> str:
    """Show an amount: "$48k", "$1.2M" and "$950" when ``short``, else "$48,000"."""
    sign = "-" if value < 0 else ""
    size = abs(value)
    if not short:
        return f"{sign}{symbol}{format_count(round(size, 2))}"
    if size >= 999_500:  # 999,600 reads as $1M, not $1000k
        text = f"{size / 1_000_000:.1f}".removesuffix(".0") + "M"
    elif size >= 10_000:
        text = f"{size / 1_000:.0f}k"
    elif size >= 1_000:
        text = f"{size / 1_000:.1f}".removesuffix(".0") + "k"
    else:
        text = format_count(round(size))
    return f"{sign}{symbol}{text}"


def plural(count: float, noun: str) -> str:
    """Return "1 deal" or "2 deals" from the plural noun ("deals", "POCs")."""
    if count == 1 and noun.endswith("s") and len(noun) > 1:
        return f"{format_count(count)} {noun[:-1]}"
    return f"{format_count(count)} {noun}"
