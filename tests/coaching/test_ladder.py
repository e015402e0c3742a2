"""The ladder's rules: gaps, steep falls, low runs and the quarterly ask, at the edges."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.coaching import ladder as rules
from coachdesk.coaching.ladder import Ladder, Point
from coachdesk.dates import FixedClock, today

D = dt.date


def line(*pairs: tuple[str, int]) -> list[Point]:
    """Points from ("YYYY-MM-DD", rung) pairs."""
    return [Point(D.fromisoformat(day), rung) for day, rung in pairs]


# ----------------------------------------------------------------- the ladder


def test_five_rungs_top_first_with_plain_descriptions() -> None:
    ladder = Ladder()
    assert ladder.names() == [
        "Collaboration",
        "Cooperation",
        "Compliance",
        "Resistance",
        "Resentment",
    ]
    assert all(r.description.endswith(".") for r in ladder.rungs)
    assert ladder.name(1) == "Collaboration" and ladder.name(5) == "Resentment"


def test_renamed_rungs_keep_five_and_blanks_take_the_standard_words() -> None:
    ladder = Ladder.from_texts(
        ["Co-creating", "", "  ", "Pushing back", "Against it"], ["We shape it", "", "", "", ""]
    )
    assert ladder.names() == [
        "Co-creating",
        "Cooperation",
        "Compliance",
        "Pushing back",
        "Against it",
    ]
    assert ladder.rung(1).description == "We shape it"
    assert ladder.rung(2).description == rules.DEFAULT_RUNGS[1].description
    with pytest.raises(ValueError):
        Ladder.from_texts(["a"] * 4, ["b"] * 4)


@pytest.mark.parametrize("bad", [0, 6, -1, True, 2.0])
def test_only_five_rungs_exist(bad: object) -> None:
    with pytest.raises(ValueError):
        rules.check_rung(bad)  # type: ignore[arg-type]


# ----------------------------------------------------------------- gaps


@pytest.mark.parametrize(
    ("theirs", "mine", "size", "wide"),
    [(2, 2, 0, False), (2, 3, 1, False), (2, 4, 2, True), (4, 2, 2, True), (1, 5, 4, True)],
)
def test_gap_of_two_rungs_or_more_is_a_question(
    theirs: int, mine: int, size: int, wide: bool
) -> None:
    assert rules.gap(theirs, mine) == size
    assert rules.far_apart(theirs, mine) is wide


def test_gaps_compare_the_two_step_lines_on_every_day_either_changed() -> None:
    theirs = line(("2026-06-01", 3), ("2026-09-01", 2), ("2026-11-02", 4))
    mine = line(("2026-05-01", 1), ("2026-09-15", 2))
    found = rules.gaps(theirs, mine)
    # 2026-05-01: they had not rated yet, so there is nothing to compare.
    assert [(g.on.isoformat(), g.self_rung, g.read_rung) for g in found] == [
        ("2026-06-01", 3, 1),
        ("2026-09-01", 2, 1),
        ("2026-09-15", 2, 2),
        ("2026-11-02", 4, 2),
    ]
    assert [g.on.isoformat() for g in rules.wide_gaps(theirs, mine)] == [
        "2026-06-01",
        "2026-11-02",
    ]


def test_a_rating_and_a_read_on_the_same_day_are_compared_with_each_other() -> None:
    theirs = line(("2026-10-01", 2), ("2026-11-10", 4))
    mine = line(("2026-11-10", 2))
    assert [(g.self_rung, g.read_rung, g.wide) for g in rules.gaps(theirs, mine)] == [(4, 2, True)]


# ----------------------------------------------------------------- falls

TODAY = D(2026, 11, 23)


def test_a_fall_of_two_rungs_within_a_quarter_is_found() -> None:
    fall = rules.fall_within_quarter(line(("2026-09-01", 2), ("2026-11-16", 4)), TODAY)
    assert fall is not None
    assert (fall.before.rung, fall.after.rung, fall.rungs) == (2, 4, 2)


def test_a_fall_of_one_rung_is_not() -> None:
    assert rules.fall_within_quarter(line(("2026-09-01", 2), ("2026-11-16", 3)), TODAY) is None


def test_exactly_three_months_apart_is_within_a_quarter() -> None:
    assert rules.fall_within_quarter(line(("2026-08-16", 1), ("2026-11-16", 3)), TODAY)


def test_one_day_more_than_three_months_is_not() -> None:
    assert rules.fall_within_quarter(line(("2026-08-15", 1), ("2026-11-16", 3)), TODAY) is None


def test_the_fall_is_measured_from_the_highest_rung_in_the_quarter() -> None:
    points = line(("2026-08-20", 3), ("2026-09-10", 1), ("2026-10-01", 2), ("2026-11-16", 3))
    fall = rules.fall_within_quarter(points, TODAY)
    assert fall is not None and fall.before.on == D(2026, 9, 10)


def test_a_slow_slide_over_longer_than_a_quarter_is_not_a_fall_within_one() -> None:
    points = line(("2026-04-01", 1), ("2026-07-01", 2), ("2026-10-01", 3))
    assert rules.fall_within_quarter(points, TODAY) is None


def test_a_fall_climbed_back_from_is_no_longer_a_prompt() -> None:
    points = line(("2026-09-01", 1), ("2026-10-01", 4), ("2026-11-16", 2))
    assert rules.fall_within_quarter(points, TODAY) is None


def test_a_fall_prompts_for_three_months_to_the_day() -> None:
    points = line(("2026-06-01", 1), ("2026-08-23", 3))
    assert rules.fall_within_quarter(points, D(2026, 11, 23)) is not None
    assert rules.fall_within_quarter(points, D(2026, 11, 24)) is None


def test_ratings_after_today_are_not_counted_yet() -> None:
    points = line(("2026-11-01", 1), ("2026-11-30", 4))
    assert rules.fall_within_quarter(points, TODAY) is None
    assert rules.fall_within_quarter(points, D(2026, 11, 30)) is not None


def test_a_fall_follows_the_injectable_clock() -> None:
    clock = FixedClock(dt.datetime(2026, 11, 23, 9, 0))
    points = line(("2026-09-01", 2), ("2026-11-16", 4))
    assert rules.fall_within_quarter(points, today(clock)) is not None
    clock.advance(days=85)  # three months after the fall, to the day: still a prompt
    assert today(clock) == D(2027, 2, 16)
    assert rules.fall_within_quarter(points, today(clock)) is not None
    clock.advance(days=1)
    assert rules.fall_within_quarter(points, today(clock)) is None


# ----------------------------------------------------------------- low runs


def test_three_in_a_row_at_resistance_or_resentment() -> None:
    points = line(("2026-06-01", 4), ("2026-08-01", 5), ("2026-10-01", 4))
    found = rules.low_in_a_row(points, TODAY)
    assert found is not None and [p.rung for p in found] == [4, 5, 4]


def test_two_low_are_not_three() -> None:
    assert rules.low_in_a_row(line(("2026-08-01", 5), ("2026-10-01", 4)), TODAY) is None


def test_a_compliance_in_between_breaks_the_run() -> None:
    points = line(("2026-05-01", 4), ("2026-06-01", 4), ("2026-08-01", 3), ("2026-10-01", 4))
    assert rules.low_in_a_row(points, TODAY) is None


def test_only_the_newest_three_count() -> None:
    points = line(("2026-05-01", 4), ("2026-06-01", 5), ("2026-08-01", 4), ("2026-10-01", 2))
    assert rules.low_in_a_row(points, TODAY) is None
    assert rules.low_in_a_row(points, D(2026, 9, 30)) is not None  # before the climb


def test_same_day_ratings_keep_their_order() -> None:
    points = line(("2026-10-01", 4), ("2026-10-01", 4), ("2026-10-01", 3))
    assert rules.low_in_a_row(points, TODAY) is None


# ----------------------------------------------------------------- asking quarterly


def test_asked_this_quarter_means_no_suggestion() -> None:
    assert rules.ask_this_quarter(line(("2026-10-01", 2)), TODAY) is None


def test_last_asked_in_an_earlier_quarter_suggests_asking_with_months() -> None:
    ask = rules.ask_this_quarter(line(("2026-06-10", 2), ("2026-09-05", 3)), TODAY)
    assert ask is not None and ask.last_asked == D(2026, 9, 5)
    assert ask.months_ago(TODAY) == 2


def test_never_asked_is_suggested_without_months() -> None:
    ask = rules.ask_this_quarter([], TODAY)
    assert ask is not None and ask.months_ago(TODAY) is None


def test_the_first_day_of_the_quarter_counts_as_this_quarter() -> None:
    assert rules.ask_this_quarter(line(("2026-10-01", 2)), D(2026, 12, 31)) is None
    ask = rules.ask_this_quarter(line(("2026-09-30", 2)), D(2026, 12, 31))
    assert ask is not None and ask.months_ago(D(2026, 12, 31)) == 3


def test_the_turn_of_a_quarter_waits_a_month() -> None:
    points = line(("2026-09-30", 2))
    assert rules.ask_this_quarter(points, D(2026, 10, 1)) is None
    assert rules.ask_this_quarter(points, D(2026, 10, 29)) is None
    ask = rules.ask_this_quarter(points, D(2026, 10, 30))
    assert ask is not None and ask.months_ago(D(2026, 10, 30)) == 1


def test_a_new_starter_settles_in_for_a_month_first() -> None:
    assert rules.ask_this_quarter([], TODAY, started=D(2026, 11, 1)) is None
    assert rules.ask_this_quarter([], TODAY, started=D(2026, 10, 23)) is not None
    assert rules.ask_this_quarter([], TODAY, started=D(2026, 12, 1)) is None  # not started


@pytest.mark.parametrize(
    ("earlier", "later", "months"),
    [
        ("2026-08-23", "2026-11-23", 3),
        ("2026-08-24", "2026-11-23", 2),
        ("2026-01-31", "2026-02-28", 1),
        ("2026-11-23", "2026-11-23", 0),
        ("2025-11-23", "2026-11-22", 11),
    ],
)
def test_whole_months_between(earlier: str, later: str, months: int) -> None:
    assert rules.months_between(D.fromisoformat(earlier), D.fromisoformat(later)) == months


# ----------------------------------------------------------------- the team


def test_counts_per_rung_and_moves_since_a_day() -> None:
    then = {1: 3, 2: 2, 3: 4}
    now = {1: 2, 2: 2, 3: 5, 4: 1}
    assert rules.rung_counts(now) == [1, 2, 0, 0, 1]
    assert rules.rung_counts({}) == [0, 0, 0, 0, 0]
    assert rules.moves(then, now) == rules.Moves(up=1, down=1, same=1, new=1)


def test_latest_on_a_day() -> None:
    points = line(("2026-06-01", 3), ("2026-09-01", 2))
    assert rules.latest_on(points, D(2026, 5, 31)) is None
    found = rules.latest_on(points, D(2026, 9, 1))
    assert found is not None and found.rung == 2
