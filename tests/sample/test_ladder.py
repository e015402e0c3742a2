"""The sample team on the ladder tells a believable story, the same for the same seed."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from pathlib import Path

import pytest

from coachdesk import paths as paths_module
from coachdesk.assembled.ladder import FLAG_ASK, ladder_flags, points
from coachdesk.coaching import ladder as rules
from coachdesk.dates import FixedClock, parse_date
from coachdesk.sample.team import make_sample
from coachdesk.store import meetings, ratings, reps
from coachdesk.store.db import Journal
from coachdesk.store.records import Occasion

TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def filled(journal: Journal) -> Journal:
    """The default sample team."""
    make_sample(journal)
    return journal


def _lines(journal: Journal) -> dict[int, list[rules.Point]]:
    return {rep_id: points(found) for rep_id, found in ratings.ratings_by_rep(journal).items()}


def test_the_ladder_is_part_of_the_sample(filled: Journal) -> None:
    counts = filled.counts()
    assert 15 <= counts["ladder_ratings"] <= 40
    assert 3 <= counts["ladder_reads"] <= 6


def test_someone_improves_one_rung_at_a_time(filled: Journal) -> None:
    climbers = [
        line
        for line in _lines(filled).values()
        if len(line) >= 3
        and line[0].rung - line[-1].rung >= 3
        and all(b.rung <= a.rung for a, b in pairwise(line))
    ]
    assert climbers


def test_someone_slips_two_rungs_within_a_quarter_recently(filled: Journal) -> None:
    falls = [rules.fall_within_quarter(line, TODAY) for line in _lines(filled).values()]
    assert sum(f is not None for f in falls) == 1


def test_someone_stays_low_three_times_in_a_row(filled: Journal) -> None:
    lows = [rules.low_in_a_row(line, TODAY) for line in _lines(filled).values()]
    assert sum(low is not None for low in lows) == 1


def test_the_manager_has_their_own_line_begun_as_a_group(filled: Journal) -> None:
    mine = ratings.list_ratings(filled, None)
    assert len(mine) >= 3
    assert mine[0].occasion is Occasion.MANAGER_GROUP
    assert all(r.why for r in mine)
    assert mine[-1].rung <= mine[0].rung  # working on it


def test_a_few_reads_one_of_them_two_rungs_from_the_reps_own_view(filled: Journal) -> None:
    wide = []
    for rep_id, line in _lines(filled).items():
        reads = ratings.list_reads(filled, rep_id)
        if reads:
            assert all(r.change for r in reads)  # every read asks what I'll change
            mine = [rules.Point(parse_date(r.read_on), r.rung) for r in reads]
            wide += rules.wide_gaps(line, mine)
    assert len(wide) >= 1


def test_ratings_fit_each_reps_time_on_the_team(filled: Journal) -> None:
    linked = 0
    for rep in reps.list_reps(filled):
        found = ratings.list_ratings(filled, rep.id)
        held = {m.id: m for m in meetings.list_meetings(filled, rep.id)}
        for rating in found:
            day = parse_date(rating.rated_on)
            assert day < TODAY
            if rep.start_date:
                assert day >= parse_date(rep.start_date)
            assert rating.why
            if rating.meeting_id is not None:
                linked += 1
                assert held[rating.meeting_id].held_at.startswith(rating.rated_on)
    assert linked >= 10


def test_some_are_not_yet_asked_this_quarter_and_new_starters_are_left_alone(
    filled: Journal,
) -> None:
    asks = [f for f in ladder_flags(filled, TODAY) if f.kind == FLAG_ASK]
    assert asks
    for flag in asks:
        rep = reps.get_rep(filled, flag.rep_id or 0)
        assert rep is not None and rep.start_date is not None
        assert parse_date(rep.start_date) <= TODAY - dt.timedelta(days=28)


def test_the_same_seed_tells_the_same_story(tmp_path: Path, clock: FixedClock) -> None:
    def story(folder: str) -> list[tuple[object, ...]]:
        with Journal.open(paths_module.resolve(tmp_path / folder), clock=clock) as journal:
            make_sample(journal)
            rows = journal.conn.execute(
                "SELECT rep_id, rated_on, rung, why, occasion FROM ladder_ratings ORDER BY id"
            ).fetchall()
            rows += journal.conn.execute(
                "SELECT rep_id, read_on, rung, change FROM ladder_reads ORDER BY id"
            ).fetchall()
            return rows

    assert story("one") == story("two")


@pytest.mark.parametrize(("weeks", "expected"), [(1, 0), (4, None), (60, None)])
def test_other_lengths_still_fit(journal: Journal, weeks: int, expected: int | None) -> None:
    counts = make_sample(journal, reps=6, weeks=weeks)
    if expected is not None:
        assert counts["ladder_ratings"] == expected
    else:
        assert counts["ladder_ratings"] > 0
    assert journal.check().ok
