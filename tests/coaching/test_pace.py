"""Quarter-to-date pace and the three-weeks-running rule, on known weeks."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from coachdesk.coaching.pace import (
    PaceStatus,
    behind_pace_text,
    last_completed_week,
    pace_as_of,
    parse_quarter,
    quarter_of_week,
    quarter_to_date,
    weeks_behind_running,
    weeks_of_quarter,
)
from coachdesk.dates import IsoWeek, Quarter


def w(text: str) -> IsoWeek:
    return IsoWeek.parse(text)


# ----------------------------------------------------------------- weeks and quarters


def test_week_53_of_2026_belongs_to_the_fourth_quarter_of_2026() -> None:
    week = w("2026-W53")
    assert (week.monday(), week.sunday()) == (dt.date(2026, 12, 28), dt.date(2027, 1, 3))
    assert quarter_of_week(week) == Quarter(2026, 4)
    assert quarter_of_week(w("2027-W01")) == Quarter(2027, 1)


def test_a_quarter_has_as_many_weeks_as_thursdays() -> None:
    q4 = weeks_of_quarter(Quarter(2026, 4))
    assert (str(q4[0]), str(q4[-1]), len(q4)) == ("2026-W40", "2026-W53", 14)
    q1 = weeks_of_quarter(Quarter(2027, 1))  # 1 January 2027 is a Friday
    assert (str(q1[0]), str(q1[-1]), len(q1)) == ("2027-W01", "2027-W12", 12)
    assert len(weeks_of_quarter(Quarter(2027, 2))) == 13
    # 2026-W01 starts on Monday 29 December 2025 but its Thursday is 1 January 2026.
    assert str(weeks_of_quarter(Quarter(2026, 1))[0]) == "2026-W01"
    assert quarter_of_week(w("2026-W01")) == Quarter(2026, 1)


def test_every_week_belongs_to_exactly_one_quarter() -> None:
    quarters = [Quarter(2019, 1).shifted(n) for n in range(4 * 12)]
    weeks = [week for q in quarters for week in weeks_of_quarter(q)]
    assert weeks == sorted(weeks)
    assert len(set(weeks)) == len(weeks)
    for earlier, later in pairwise(weeks):
        assert later == earlier.shifted(1)
    assert {len(weeks_of_quarter(q)) for q in quarters} == {12, 13, 14}
    for year in range(2019, 2031):
        in_year = [week for q in quarters if q.year == year for week in weeks_of_quarter(q)]
        assert {week.year for week in in_year} == {year}  # the ISO year, by its Thursday


def test_parse_quarter_and_the_last_completed_week() -> None:
    assert parse_quarter("2026-Q4") == Quarter(2026, 4)
    assert parse_quarter("2027q1") == Quarter(2027, 1)
    with pytest.raises(ValueError):
        parse_quarter("2026-Q5")
    assert last_completed_week(dt.date(2026, 11, 23)) == w("2026-W47")  # a Monday
    assert last_completed_week(dt.date(2027, 1, 4)) == w("2026-W53")
    assert last_completed_week(dt.date(2027, 1, 3)) == w("2026-W52")  # W53's own Sunday


# ----------------------------------------------------------------- pace


def test_pace_is_the_quarter_to_date_against_the_elapsed_share_of_the_target() -> None:
    # 2026-Q4 has 14 weeks, so a target of 140 is 10 a week.
    values = {w("2026-W39"): 500.0, w("2026-W40"): 30.0, w("2026-W45"): 40.0, w("2026-W48"): 99.0}
    pace = pace_as_of(values, 140.0, w("2026-W47"))
    assert pace.actual == 70  # W39 is Q3 and W48 comes after: neither counts
    assert (pace.weeks_elapsed, pace.weeks_total) == (8, 14)
    assert pace.expected == pytest.approx(80.0)
    assert pace.percent == pytest.approx(87.5)
    assert pace.projected == pytest.approx(122.5)
    assert pace.status is PaceStatus.BEHIND  # more than 10% short


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        (80.0, PaceStatus.ON_PACE),
        (95.0, PaceStatus.ON_PACE),
        (79.9, PaceStatus.SLIGHTLY_BEHIND),
        (72.0, PaceStatus.SLIGHTLY_BEHIND),
        (71.9, PaceStatus.BEHIND),
        (0.0, PaceStatus.BEHIND),
    ],
)
def test_how_far_short_is_behind(actual: float, status: PaceStatus) -> None:
    assert pace_as_of({w("2026-W44"): actual}, 140.0, w("2026-W47")).status is status


def test_a_lower_is_better_target_is_a_ceiling() -> None:
    # 14 escalations allowed in the quarter: 8 by the end of week 8 is on pace.
    def status(actual: float) -> PaceStatus:
        pace = pace_as_of({w("2026-W41"): actual}, 14.0, w("2026-W47"), higher_is_better=False)
        return pace.status

    assert status(0.0) is PaceStatus.ON_PACE
    assert status(8.0) is PaceStatus.ON_PACE
    assert status(8.5) is PaceStatus.SLIGHTLY_BEHIND
    assert status(9.0) is PaceStatus.BEHIND
    zero = pace_as_of({w("2026-W41"): 1.0}, 0.0, w("2026-W47"), higher_is_better=False)
    assert zero.status is PaceStatus.BEHIND


def test_no_target_means_no_pace_only_a_total() -> None:
    pace = pace_as_of({w("2026-W41"): 3.0}, None, w("2026-W47"))
    assert pace.actual == 3.0
    assert pace.expected is None and pace.percent is None
    assert pace.status is PaceStatus.NO_TARGET


def test_week_53_counts_in_the_fourth_quarter_and_the_new_quarter_starts_from_zero() -> None:
    values = {w("2026-W52"): 10.0, w("2026-W53"): 20.0, w("2027-W01"): 5.0}
    assert quarter_to_date(values, w("2026-W53")) == 30.0
    assert quarter_to_date(values, w("2027-W01")) == 5.0
    pace = pace_as_of(values, 140.0, w("2026-W53"))
    assert (pace.weeks_elapsed, pace.weeks_total, pace.expected) == (14, 14, 140.0)
    # 2027-Q1 has 12 weeks: a target of 120 is 10 a week.
    assert pace_as_of(values, 120.0, w("2027-W01")).expected == pytest.approx(10.0)


# ----------------------------------------------------------------- three weeks running


def _weekly(amounts: dict[str, float]) -> dict[IsoWeek, float]:
    return {w(text): value for text, value in amounts.items()}


Q4 = Quarter(2026, 4)
Q4_WEEKS = weeks_of_quarter(Q4)


def test_three_behind_weeks_in_a_row_make_a_run_of_three() -> None:
    # 10 a week is on pace; on pace to W49, then nothing for W50–W52.
    values = {week: 10.0 for week in Q4_WEEKS if week <= w("2026-W49")}
    recorded = set(Q4_WEEKS)
    running = weeks_behind_running(values, {Q4: 140.0}, w("2026-W52"), recorded)
    assert running == 2  # W50 is only a little behind (10 of 11 due = 91%)
    assert weeks_behind_running(values, {Q4: 140.0}, w("2026-W53"), recorded) == 3


def test_one_bad_week_is_never_a_run() -> None:
    values = {week: 10.0 for week in Q4_WEEKS}
    values[w("2026-W47")] = 0.0
    recorded = set(Q4_WEEKS)
    assert weeks_behind_running(values, {Q4: 140.0}, w("2026-W47"), recorded) == 1
    values[w("2026-W48")] = 25.0  # caught up the week after
    assert weeks_behind_running(values, {Q4: 140.0}, w("2026-W48"), recorded) == 0


def test_a_week_without_numbers_breaks_the_run() -> None:
    values = _weekly({"2026-W40": 5.0})
    everything = set(Q4_WEEKS)
    assert weeks_behind_running(values, {Q4: 140.0}, w("2026-W47"), everything) == 8
    skipped = everything - {w("2026-W45")}
    assert weeks_behind_running(values, {Q4: 140.0}, w("2026-W47"), skipped) == 2


def test_a_new_quarter_starts_a_new_count() -> None:
    values = _weekly({"2026-W40": 1.0, "2027-W01": 0.0, "2027-W02": 0.0})
    recorded = {*Q4_WEEKS, w("2027-W01"), w("2027-W02"), w("2027-W03")}
    targets = {Q4: 140.0, Quarter(2027, 1): 120.0}
    assert weeks_behind_running(values, targets, w("2026-W53"), recorded) == 14
    assert weeks_behind_running(values, targets, w("2027-W02"), recorded) == 2
    assert weeks_behind_running(values, targets, w("2027-W03"), recorded) == 3


def test_a_metric_nobody_has_counted_yet_is_not_judged() -> None:
    # A plan asks for demos, but no demo has been recorded this quarter: not "behind".
    recorded = set(Q4_WEEKS)
    pace = pace_as_of({}, 24.0, w("2026-W47"))
    assert (pace.judged, pace.weeks_recorded) == (False, 0)
    assert weeks_behind_running({}, {Q4: 24.0}, w("2026-W47"), recorded) == 0
    # Last quarter's numbers do not make it counted now; one number this quarter does.
    assert (
        weeks_behind_running(_weekly({"2026-W30": 9.0}), {Q4: 24.0}, w("2026-W47"), recorded) == 0
    )
    counted = _weekly({"2026-W40": 0.0})
    assert pace_as_of(counted, 24.0, w("2026-W47")).judged
    assert weeks_behind_running(counted, {Q4: 24.0}, w("2026-W47"), recorded) == 8


def test_without_a_target_there_is_no_run() -> None:
    assert weeks_behind_running({}, {}, w("2026-W47"), set(Q4_WEEKS)) == 0


def test_the_flag_is_worded_calmly_and_once() -> None:
    assert behind_pace_text(["Bookings"], 3) == "Bookings behind pace 3 weeks running"
    assert (
        behind_pace_text(["Bookings", "Deals closed"], 4)
        == "Bookings and deals closed behind pace 4 weeks running"
    )
    assert behind_pace_text(["Bookings", "Demos", "Calls"], 3) == (
        "Bookings and 2 more behind pace 3 weeks running"
    )
    assert behind_pace_text([], 3) == ""
