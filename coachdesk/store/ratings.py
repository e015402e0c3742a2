"""The co-elevation ladder on disk: self-ratings and the manager's private reads.

A self-rating belongs to a rep, or to the manager themself (``rep_id`` ``None``, shown
as "Me"). A read is the manager's own view of the working relationship with one rep;
it lives in a table of its own whose rows are private as a whole
(``records.ROW_AUDIENCE``). Every write sends the change notice ``"ladder"``.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coachdesk.store._rows import select_list
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.records import LadderRead, Occasion, Rating

_SELECT_RATING = f"SELECT {select_list(Rating)} FROM ladder_ratings"
_SELECT_READ = f"SELECT {select_list(LadderRead)} FROM ladder_reads"
# Oldest first: a line on the ladder reads left to right.
_ORDER_RATINGS = " ORDER BY rated_on, id"
_ORDER_READS = " ORDER BY read_on, id"


def _rating(row: tuple[Any, ...]) -> Rating:
    values = list(row)
    values[5] = Occasion(values[5])
    return Rating(*values)


def _checked_day(day: str) -> str:
    """Return ``day`` if it is a calendar date written ``YYYY-MM-DD``."""
    if len(day) != 10:
        raise ValueError(f"a day is written YYYY-MM-DD, not {day!r}")
    return dt.date.fromisoformat(day).isoformat()


def _checked_rung(rung: int) -> int:
    if isinstance(rung, bool) or not isinstance(rung, int) or not 1 <= rung <= 5:
        raise ValueError(f"a rung is a whole number from 1 to 5, not {rung!r}")
    return rung


# ----------------------------------------------------------------- self-ratings


@dataclass(frozen=True)
class NewRating:
    """A self-rating to record; ``rep_id`` ``None`` is the manager's own."""

    rep_id: int | None
    rated_on: str
    rung: int
    why: str = ""
    occasion: Occasion = Occasion.ONE_ON_ONE
    meeting_id: int | None = None


def _insert_rating(conn: sqlite3.Connection, new: NewRating, now: str) -> int:
    cur = conn.execute(
        "INSERT INTO ladder_ratings(rep_id, rated_on, rung, why, occasion, meeting_id, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            new.rep_id,
            _checked_day(new.rated_on),
            _checked_rung(new.rung),
            new.why.strip(),
            str(Occasion(new.occasion)),
            new.meeting_id,
            now,
            now,
        ],
    )
    return int(cur.lastrowid or 0)


def add_rating(journal: Journal, new: NewRating) -> Rating:
    """Record a self-rating and return it."""
    now = journal.now()
    with journal.write(Subject.LADDER) as db:
        rating_id = _insert_rating(db.conn, new, now)
    found = get_rating(journal, rating_id)
    assert found is not None
    return found


def get_rating(journal: Journal, rating_id: int) -> Rating | None:
    """Return one self-rating, or ``None``."""
    row = journal.conn.execute(_SELECT_RATING + " WHERE id = ?", [rating_id]).fetchone()
    return _rating(row) if row else None


def list_ratings(journal: Journal, rep_id: int | None) -> list[Rating]:
    """Return the self-ratings of a rep (or, for ``None``, the manager's own), oldest first."""
    if rep_id is None:
        cur = journal.conn.execute(_SELECT_RATING + " WHERE rep_id IS NULL" + _ORDER_RATINGS)
    else:
        cur = journal.conn.execute(_SELECT_RATING + " WHERE rep_id = ?" + _ORDER_RATINGS, [rep_id])
    return [_rating(row) for row in cur]


def ratings_by_rep(journal: Journal) -> dict[int, list[Rating]]:
    """Return every rep's self-ratings, oldest first (the manager's own are not in it)."""
    found: dict[int, list[Rating]] = {}
    for row in journal.conn.execute(
        _SELECT_RATING + " WHERE rep_id IS NOT NULL ORDER BY rep_id, rated_on, id"
    ):
        rating = _rating(row)
        assert rating.rep_id is not None
        found.setdefault(rating.rep_id, []).append(rating)
    return found


def count_ratings(journal: Journal) -> int:
    """Return how many self-ratings the journal holds (the manager's own included)."""
    return int(journal.conn.execute("SELECT count(*) FROM ladder_ratings").fetchone()[0])


def latest_ratings(journal: Journal, on_or_before: str) -> dict[int, Rating]:
    """Return each rep's newest self-rating on or before a day (reps never rated left out)."""
    day = _checked_day(on_or_before)
    found: dict[int, Rating] = {}
    for row in journal.conn.execute(
        _SELECT_RATING + " WHERE rep_id IS NOT NULL AND rated_on <= ? ORDER BY rated_on, id",
        [day],
    ):
        rating = _rating(row)
        assert rating.rep_id is not None
        found[rating.rep_id] = rating  # later rows replace earlier ones
    return found


def update_why(journal: Journal, rating_id: int, why: str) -> None:
    """Change the words of a self-rating."""
    with journal.write(Subject.LADDER) as db:
        db.conn.execute(
            "UPDATE ladder_ratings SET why = ?, updated_at = ? WHERE id = ?",
            [why.strip(), journal.now(), rating_id],
        )


def delete_rating(journal: Journal, rating_id: int) -> None:
    """Delete a self-rating entered by mistake."""
    with journal.write(Subject.LADDER) as db:
        db.conn.execute("DELETE FROM ladder_ratings WHERE id = ?", [rating_id])


# ----------------------------------------------------------------- my reads


@dataclass(frozen=True)
class NewRead:
    """My private read of the working relationship with a rep."""

    rep_id: int
    read_on: str
    rung: int
    change: str = ""  # what I'll change


def _insert_read(conn: sqlite3.Connection, new: NewRead, now: str) -> int:
    cur = conn.execute(
        "INSERT INTO ladder_reads(rep_id, read_on, rung, change, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            new.rep_id,
            _checked_day(new.read_on),
            _checked_rung(new.rung),
            new.change.strip(),
            now,
            now,
        ],
    )
    return int(cur.lastrowid or 0)


def add_read(journal: Journal, new: NewRead) -> LadderRead:
    """Record my read and return it."""
    now = journal.now()
    with journal.write(Subject.LADDER) as db:
        read_id = _insert_read(db.conn, new, now)
    row = journal.conn.execute(_SELECT_READ + " WHERE id = ?", [read_id]).fetchone()
    return LadderRead(*row)


def list_reads(journal: Journal, rep_id: int) -> list[LadderRead]:
    """Return my reads of one rep, oldest first."""
    cur = journal.conn.execute(_SELECT_READ + " WHERE rep_id = ?" + _ORDER_READS, [rep_id])
    return [LadderRead(*row) for row in cur]


def update_change(journal: Journal, read_id: int, change: str) -> None:
    """Change the "what I'll change" note of a read."""
    with journal.write(Subject.LADDER) as db:
        db.conn.execute(
            "UPDATE ladder_reads SET change = ?, updated_at = ? WHERE id = ?",
            [change.strip(), journal.now(), read_id],
        )


def delete_read(journal: Journal, read_id: int) -> None:
    """Delete one of my reads."""
    with journal.write(Subject.LADDER) as db:
        db.conn.execute("DELETE FROM ladder_reads WHERE id = ?", [read_id])


# ----------------------------------------------------------------- in bulk


def add_many(
    journal: Journal, ratings: Sequence[NewRating], reads: Sequence[NewRead] = ()
) -> tuple[int, int]:
    """Record many self-ratings and reads in one transaction; return how many of each."""
    now = journal.now()
    with journal.write(Subject.LADDER) as db:
        for rating in ratings:
            _insert_rating(db.conn, rating, now)
        for read in reads:
            _insert_read(db.conn, read, now)
    return len(ratings), len(reads)
