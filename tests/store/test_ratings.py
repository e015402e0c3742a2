"""The ladder on disk: self-ratings, my private reads, export, timeline and flags."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachdesk import paths as paths_module
from coachdesk.assembled import flags
from coachdesk.assembled.ladder import FLAG_ASK, FLAG_ATTENTION, ladder_flags
from coachdesk.assembled.timeline import build_timeline
from coachdesk.dates import FixedClock
from coachdesk.store import meetings, ratings, reps, transfer
from coachdesk.store.changes import Change
from coachdesk.store.db import Journal
from coachdesk.store.records import Audience, Occasion, row_audience

READ_SECRET = "PRIVATE-READ: I keep rewriting their forecast"
WHY = "We built the Q1 plan together 🙂"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture
def other_journal(tmp_path: Path, clock: FixedClock) -> Iterator[Journal]:
    """A second, empty journal."""
    j = Journal.open(paths_module.resolve(tmp_path / "other"), clock=clock)
    try:
        yield j
    finally:
        j.close()


def _rep(journal: Journal, name: str = "Ana Ruiz") -> int:
    return reps.add_rep(journal, reps.NewRep(name)).id


def _fill(journal: Journal) -> dict[str, int]:
    ana, ben = _rep(journal), _rep(journal, "Ben Okafor")
    meeting = meetings.add_meeting(journal, ana, "2026-11-16T10:00")
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-09-01", 2, "Going along"))
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-16", 1, WHY, meeting_id=meeting.id))
    ratings.add_rating(journal, ratings.NewRating(ben, "2026-10-05", 3))
    ratings.add_rating(
        journal,
        ratings.NewRating(
            None, "2026-10-01", 3, "Me: passing targets down", Occasion.MANAGER_GROUP
        ),
    )
    ratings.add_read(journal, ratings.NewRead(ana, "2026-11-16", 3, READ_SECRET))
    return {"ana": ana, "ben": ben, "meeting": meeting.id}


# ----------------------------------------------------------------- storing


def test_self_ratings_of_a_rep_and_of_me_are_kept_apart(journal: Journal) -> None:
    ids = _fill(journal)
    theirs = ratings.list_ratings(journal, ids["ana"])
    assert [(r.rated_on, r.rung, r.why) for r in theirs] == [
        ("2026-09-01", 2, "Going along"),
        ("2026-11-16", 1, WHY),
    ]
    assert theirs[1].meeting_id == ids["meeting"]
    mine = ratings.list_ratings(journal, None)
    assert [(r.rep_id, r.rung, r.occasion) for r in mine] == [(None, 3, Occasion.MANAGER_GROUP)]
    assert set(ratings.ratings_by_rep(journal)) == {ids["ana"], ids["ben"]}
    assert ratings.count_ratings(journal) == 4


def test_latest_self_rating_on_a_day(journal: Journal) -> None:
    ids = _fill(journal)
    now = ratings.latest_ratings(journal, "2026-11-23")
    assert {k: v.rung for k, v in now.items()} == {ids["ana"]: 1, ids["ben"]: 3}
    then = ratings.latest_ratings(journal, "2026-09-30")
    assert {k: v.rung for k, v in then.items()} == {ids["ana"]: 2}


@pytest.mark.parametrize("rung", [0, 6, True])
def test_a_rung_is_one_to_five(journal: Journal, rung: int) -> None:
    ana = _rep(journal)
    with pytest.raises(ValueError):
        ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-23", rung))
    with pytest.raises(ValueError):
        ratings.add_read(journal, ratings.NewRead(ana, "2026-11-23", rung))
    assert ratings.count_ratings(journal) == 0


def test_the_schema_refuses_what_the_store_would_not_write(journal: Journal) -> None:
    ana = _rep(journal)
    with pytest.raises(sqlite3.IntegrityError), journal.write("ladder") as db:
        db.conn.execute(
            "INSERT INTO ladder_ratings(rep_id, rated_on, rung, created_at, updated_at) "
            "VALUES (?, '2026-11-23', 7, 'x', 'x')",
            [ana],
        )
    with pytest.raises(sqlite3.IntegrityError), journal.write("ladder") as db:
        db.conn.execute(
            "INSERT INTO ladder_reads(rep_id, read_on, rung, created_at, updated_at) "
            "VALUES (?, '23/11/2026', 2, 'x', 'x')",
            [ana],
        )


@pytest.mark.parametrize("day", ["2026-11-31", "23/11/2026", "2026-11-23T09:00"])
def test_a_day_is_a_calendar_date(journal: Journal, day: str) -> None:
    ana = _rep(journal)
    with pytest.raises(ValueError):
        ratings.add_rating(journal, ratings.NewRating(ana, day, 2))


def test_deleting_a_rep_takes_their_ladder_with_them_but_not_mine(journal: Journal) -> None:
    ids = _fill(journal)
    reps.delete_rep(journal, ids["ana"])
    assert ratings.list_ratings(journal, ids["ana"]) == []
    assert ratings.list_reads(journal, ids["ana"]) == []
    assert len(ratings.list_ratings(journal, None)) == 1


def test_deleting_the_meeting_keeps_the_rating(journal: Journal) -> None:
    ids = _fill(journal)
    meetings.delete_meeting(journal, ids["meeting"])
    kept = ratings.list_ratings(journal, ids["ana"])[-1]
    assert kept.why == WHY and kept.meeting_id is None


def test_writes_tell_views_once_with_the_ladder_subject(journal: Journal) -> None:
    ana = _rep(journal)
    heard: list[Change] = []
    journal.add_listener(heard.append)
    rating = ratings.add_rating(journal, ratings.NewRating(ana, "2026-11-23", 2))
    ratings.update_why(journal, rating.id, "Because")
    read = ratings.add_read(journal, ratings.NewRead(ana, "2026-11-23", 4))
    ratings.update_change(journal, read.id, "Ask first")
    ratings.delete_read(journal, read.id)
    ratings.delete_rating(journal, rating.id)
    assert [c.subjects for c in heard] == [frozenset({"ladder"})] * 6


# ----------------------------------------------------------------- privacy on export


def test_my_reads_are_private_as_a_whole(journal: Journal) -> None:
    assert row_audience("ladder_reads") is Audience.PRIVATE
    assert row_audience("ladder_ratings") is Audience.SHARED


def test_export_leaves_my_reads_out_unless_asked_for(journal: Journal, tmp_path: Path) -> None:
    _fill(journal)
    plain, private = tmp_path / "plain.json", tmp_path / "private.json"
    transfer.write_export(transfer.export_data(journal), plain)
    transfer.write_export(transfer.export_data(journal, include_private=True), private)
    without, with_private = plain.read_bytes(), private.read_bytes()

    assert READ_SECRET.encode() not in without
    assert b'"change"' not in without
    assert b'"read_on"' not in without
    assert json.loads(without)["tables"]["ladder_reads"] == []
    assert WHY.encode() in without  # their own words are shared with them
    assert b"Me: passing targets down" in without

    assert READ_SECRET.encode() in with_private
    assert len(json.loads(with_private)["tables"]["ladder_reads"]) == 1


def test_a_persons_export_holds_their_ladder_but_not_mine(journal: Journal, tmp_path: Path) -> None:
    ids = _fill(journal)
    out = tmp_path / "ana.json"
    transfer.write_export(transfer.export_data(journal, rep_id=ids["ana"]), out)
    raw = out.read_bytes()
    tables = json.loads(raw)["tables"]
    assert [r["rung"] for r in tables["ladder_ratings"]] == [2, 1]
    assert tables["ladder_reads"] == []
    assert b"Me: passing targets down" not in raw
    assert READ_SECRET.encode() not in raw
    with_private = transfer.export_data(journal, rep_id=ids["ana"], include_private=True)
    assert [r["change"] for r in with_private["tables"]["ladder_reads"]] == [READ_SECRET]


def test_the_ladder_round_trips(journal: Journal, other_journal: Journal, tmp_path: Path) -> None:
    _fill(journal)
    first = tmp_path / "first.json"
    transfer.write_export(transfer.export_data(journal, include_private=True), first)
    counts = transfer.import_data(other_journal, transfer.read_export(first))
    assert counts["ladder_ratings"] == 4 and counts["ladder_reads"] == 1
    second = tmp_path / "second.json"
    transfer.write_export(transfer.export_data(other_journal, include_private=True), second)
    assert second.read_bytes() == first.read_bytes()


# ----------------------------------------------------------------- timeline


def test_self_ratings_are_on_the_timeline_and_my_reads_never(journal: Journal) -> None:
    ids = _fill(journal)
    events = [e for e in build_timeline(journal, ids["ana"]) if e.kind == "ladder"]
    assert [(e.when, e.title, e.summary, e.audience) for e in events] == [
        ("2026-11-16", "Ladder: Collaboration", WHY, Audience.SHARED),
        ("2026-09-01", "Ladder: Cooperation", "Going along", Audience.SHARED),
    ]
    everything = " ".join(f"{e.title} {e.summary}" for e in build_timeline(journal, ids["ana"]))
    assert READ_SECRET not in everything and "Compliance" not in everything


# ----------------------------------------------------------------- flags


def _flags(journal: Journal, day: dt.date = TODAY) -> dict[int | None, list[str]]:
    found: dict[int | None, list[str]] = {}
    for flag in ladder_flags(journal, day):
        assert flag.where == "ladder"
        found.setdefault(flag.rep_id, []).append(flag.text)
    return found


def test_no_ladder_flags_before_the_ladder_is_in_use(journal: Journal) -> None:
    _rep(journal)
    assert _flags(journal) == {}


def test_flags_ask_quarterly_and_prompt_me_after_a_fall_or_a_low_run(journal: Journal) -> None:
    steady, falling, low, new = (
        _rep(journal, n) for n in ("Steady Sam", "Falling Fay", "Low Lou", "New Nia")
    )
    for rep_id, steps in (
        (steady, [("2026-09-05", 2)]),
        (falling, [("2026-09-01", 2), ("2026-11-16", 4)]),
        (low, [("2026-06-01", 4), ("2026-08-01", 5), ("2026-10-20", 4)]),
    ):
        for day, rung in steps:
            ratings.add_rating(journal, ratings.NewRating(rep_id, day, rung))

    found = _flags(journal)
    assert found[steady] == ["Ask where they'd place themselves (last asked 2 months ago)"]
    assert found[falling] == [
        "Their self-rating fell from Cooperation to Resistance within a quarter — "
        "what will I change?"
    ]
    assert found[low] == [
        "Three self-ratings in a row at Resistance or Resentment — what will I change?"
    ]
    assert found[new] == ["Ask where they'd place themselves on the ladder (not asked yet)"]
    kinds = {f.kind for f in ladder_flags(journal, TODAY)}
    assert kinds == {FLAG_ASK, FLAG_ATTENTION}

    reps.archive_rep(journal, steady)
    assert steady not in _flags(journal)


def test_ladder_flags_are_collected_with_the_others(journal: Journal) -> None:
    ana = _rep(journal)
    ratings.add_rating(journal, ratings.NewRating(ana, "2026-06-01", 2))
    texts = [f.text for f in flags.collect(journal, TODAY).get(ana, [])]
    assert "Ask where they'd place themselves (last asked 5 months ago)" in texts
