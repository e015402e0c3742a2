"""Quarter-to-date pace: where a rep's numbers stand against the quarter's target.

Bookings are lumpy (nothing for weeks, then one large deal), so a week on its own says
little; the running total of the quarter against the share of the target that should be
in by now says much more. These rules are pure: no journal, no clock.

Weeks and quarters
    An ISO week belongs to the quarter that holds its **Thursday**, the same rule that
    gives an ISO week its year. Every week then belongs to exactly one quarter, and a
    quarter has as many weeks as it has Thursdays: 12, 13 or 14. 2026-W53 (Monday 28
    December 2026 to Sunday 3 January 2027) belongs to 2026-Q4, whose first week is
    2026-W40 (Monday 28 September, Thursday 1 October): 14 weeks. 2027-Q1 starts on a
    Friday, so its first week is 2027-W01 (Thursday 7 January) and it has 12.

Pace
    After week *k* of a quarter of *n* weeks, the elapsed share is *k / n* and the
    expected total is ``target × k / n``. The quarter-to-date actual is the sum of the
    rep's values over weeks 1 to *k* (a week with nothing recorded adds nothing). Pace
    is ``actual / expected`` as a percentage: 100% is exactly on pace.

    The *gap* is ``(actual − expected) / expected``, turned round for a lower-is-better
    metric (whose target is a ceiling: being under it is good). A gap of zero or more is
    **on pace**; down to −10% is **a little behind**; below that is **behind**. A target
    of zero is always met by a higher-is-better metric and met by a lower-is-better one
    only while nothing is recorded. Without a target there is no pace, only a total.

Three weeks running
    A metric is flagged only when it was *behind* at the end of each of the last three
    completed weeks, all in the same quarter (a new quarter starts a new count, so the
    first fortnight of a quarter, when nearly anything looks behind, never raises a
    flag), and only counting weeks for which the rep's numbers were recorded: a week the
    manager did not run the numbers breaks the run instead of counting against the rep.

Nothing recorded yet
    A metric with a target but no number recorded at all this quarter is not judged: a
    plan may ask for demos before anyone has started counting them, and that is not the
    rep falling behind. It shows as "no numbers yet" and never raises a flag.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from coachdesk.dates import IsoWeek, Quarter

# Below this gap a metric is "behind" rather than "a little behind".
BEHIND_GAP = -0.10
# How many behind weeks in a row make a flag.
WEEKS_RUNNING = 3

_QUARTER = re.compile(r"(\d{4})-?Q([1-4])", re.IGNORECASE)


class PaceStatus(StrEnum):
    """How a metric stands against the share of its target due by now."""

    NO_TARGET = "no_target"
    ON_PACE = "on_pace"
    SLIGHTLY_BEHIND = "slightly_behind"
    BEHIND = "behind"


@cache
def quarter_of_week(week: IsoWeek) -> Quarter:
    """Return the quarter that holds the week's Thursday (remembered: asked very often)."""
    return Quarter.of(week.monday() + dt.timedelta(days=3))


def weeks_of_quarter(quarter: Quarter) -> list[IsoWeek]:
    """Return the quarter's ISO weeks in order: one per Thursday, so 12, 13 or 14."""
    return list(_weeks_of_quarter(quarter))


@cache
def _weeks_of_quarter(quarter: Quarter) -> tuple[IsoWeek, ...]:
    first_day = quarter.first_day()
    # The first Thursday on or after the quarter's first day marks its first week.
    thursday = first_day + dt.timedelta(days=(3 - first_day.weekday()) % 7)
    weeks: list[IsoWeek] = []
    while thursday <= quarter.last_day():
        weeks.append(IsoWeek.of(thursday))
        thursday += dt.timedelta(weeks=1)
    return tuple(weeks)


def parse_quarter(text: str) -> Quarter:
    """Parse ``YYYY-Qn`` (``2026-Q4``); raise ``ValueError`` for anything else."""
    match = _QUARTER.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{text!r} is not a quarter like 2026-Q4")
    return Quarter(int(match.group(1)), int(match.group(2)))


def last_completed_week(today: dt.date) -> IsoWeek:
    """Return the last ISO week that has ended before ``today`` (the one before this week)."""
    return IsoWeek.of(today).shifted(-1)


@dataclass(frozen=True)
class Pace:
    """A metric's quarter-to-date total against its target, as of the end of one week."""

    actual: float  # quarter to date, through week ``weeks_elapsed``
    target: float | None  # the whole quarter's target; None when there is none
    weeks_elapsed: int
    weeks_total: int
    higher_is_better: bool = True
    weeks_recorded: int = 0  # weeks so far this quarter with a number for this metric

    @property
    def share(self) -> float:
        """The share of the quarter's weeks that have passed (0 to 1)."""
        return self.weeks_elapsed / self.weeks_total if self.weeks_total else 0.0

    @property
    def expected(self) -> float | None:
        """The quarter-to-date total that would be exactly on pace."""
        return None if self.target is None else self.target * self.share

    @property
    def percent(self) -> float | None:
        """The actual as a percentage of the expected total (100 is on pace)."""
        expected = self.expected
        if expected is None or expected <= 0:
            return None
        return 100.0 * self.actual / expected

    @property
    def projected(self) -> float | None:
        """Where the quarter ends if the rest goes as it has so far."""
        return self.actual / self.share if self.share else None

    @property
    def gap(self) -> float | None:
        """How far ahead (positive) or behind (negative), as a share of the expected."""
        expected = self.expected
        if expected is None:
            return None
        if expected <= 0:
            if self.higher_is_better or self.actual <= 0:
                return 0.0
            return -1.0  # anything against a ceiling of nothing is over it
        gap = (self.actual - expected) / expected
        return gap if self.higher_is_better else -gap

    @property
    def judged(self) -> bool:
        """True when there is a target and at least one number to hold against it."""
        return self.target is not None and self.weeks_recorded > 0

    @property
    def status(self) -> PaceStatus:
        """On pace, a little behind, behind, or no target."""
        gap = self.gap
        if gap is None:
            return PaceStatus.NO_TARGET
        if gap >= 0:
            return PaceStatus.ON_PACE
        if gap >= BEHIND_GAP:
            return PaceStatus.SLIGHTLY_BEHIND
        return PaceStatus.BEHIND


def quarter_to_date(values: Mapping[IsoWeek, float], as_of: IsoWeek) -> float:
    """Return the sum of ``values`` over the weeks of ``as_of``'s quarter up to ``as_of``."""
    quarter = quarter_of_week(as_of)
    return sum(
        value
        for week, value in values.items()
        if week <= as_of and quarter_of_week(week) == quarter
    )


def pace_as_of(
    values: Mapping[IsoWeek, float],
    target: float | None,
    as_of: IsoWeek,
    *,
    higher_is_better: bool = True,
) -> Pace:
    """Return the pace at the end of week ``as_of`` against that quarter's ``target``.

    ``values`` are the rep's weekly values of one metric; weeks outside ``as_of``'s
    quarter, or after it, are ignored.
    """
    quarter = quarter_of_week(as_of)
    weeks = weeks_of_quarter(quarter)
    return Pace(
        actual=quarter_to_date(values, as_of),
        target=target,
        weeks_elapsed=weeks.index(as_of) + 1,
        weeks_total=len(weeks),
        higher_is_better=higher_is_better,
        weeks_recorded=sum(
            1 for week in values if week <= as_of and quarter_of_week(week) == quarter
        ),
    )


def weeks_behind_running(
    values: Mapping[IsoWeek, float],
    targets: Mapping[Quarter, float],
    as_of: IsoWeek,
    recorded: Collection[IsoWeek],
    *,
    higher_is_better: bool = True,
) -> int:
    """Return for how many weeks in a row, ending with ``as_of``, the metric was behind.

    Counts back from ``as_of`` while each week is in the same quarter, has the rep's
    numbers ``recorded``, has a target in ``targets``, and was behind pace at its end
    (a metric with nothing recorded yet this quarter is not judged).
    """
    quarter = quarter_of_week(as_of)
    target = targets.get(quarter)
    if target is None:
        return 0
    count = 0
    week = as_of
    while quarter_of_week(week) == quarter and week in recorded:
        pace = pace_as_of(values, target, week, higher_is_better=higher_is_better)
        if not pace.judged or pace.status is not PaceStatus.BEHIND:
            break
        count += 1
        week = week.shifted(-1)
    return count


def behind_pace_text(labels: list[str], weeks: int) -> str:
    """Word one calm prompt for the metrics behind pace: at most one per rep.

    ``labels`` are the metrics' names, most important first.
    """
    if not labels:
        return ""
    if len(labels) == 1:
        what = labels[0]
    elif len(labels) == 2:
        what = f"{labels[0]} and {labels[1].lower()}"
    else:
        what = f"{labels[0]} and {len(labels) - 1} more"
    return f"{what} behind pace {weeks} weeks running"
