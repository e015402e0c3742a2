"""Commitments: promises made in meetings, by the rep or by the manager.

An open commitment carries over from meeting to meeting until someone closes it;
nothing disappears because a meeting was skipped.
"""

from __future__ import annotations

from typing import Any

from coachdesk.store._rows import select_list
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.records import Commitment, CommitmentStatus, Owner

_SELECT = f"SELECT {select_list(Commitment)} FROM commitments"

# Mine first: the manager's promises are listed before the rep's everywhere.
_ORDER = " ORDER BY CASE owner WHEN 'manager' THEN 0 ELSE 1 END, due_date IS NULL, due_date, id"


def _commitment(row: tuple[Any, ...]) -> Commitment:
    values = list(row)
    values[3] = Owner(values[3])
    values[6] = CommitmentStatus(values[6])
    return Commitment(*values)


def _many(journal: Journal, sql: str, params: list[Any]) -> list[Commitment]:
    return [_commitment(row) for row in journal.conn.execute(sql, params)]


def open_commitments(journal: Journal, rep_id: int) -> list[Commitment]:
    """Return a rep's open commitments, mine first, then by due date."""
    return _many(journal, _SELECT + " WHERE rep_id = ? AND status = 'open'" + _ORDER, [rep_id])


def list_commitments(journal: Journal, rep_id: int) -> list[Commitment]:
    """Return every commitment of a rep, mine first, then by due date."""
    return _many(journal, _SELECT + " WHERE rep_id = ?" + _ORDER, [rep_id])


def made_in(journal: Journal, meeting_id: int) -> list[Commitment]:
    """Return the commitments made in one meeting, mine first."""
    return _many(journal, _SELECT + " WHERE meeting_id = ?" + _ORDER, [meeting_id])


def get_commitment(journal: Journal, commitment_id: int) -> Commitment | None:
    """Return one commitment, or ``None``."""
    found = _many(journal, _SELECT + " WHERE id = ?", [commitment_id])
    return found[0] if found else None


def open_counts(journal: Journal) -> dict[int, tuple[int, int]]:
    """Return ``{rep_id: (theirs, mine)}`` open-commitment counts for every rep."""
    counts: dict[int, tuple[int, int]] = {}
    for rep_id, theirs, mine in journal.conn.execute(
        "SELECT rep_id, sum(owner = 'rep'), sum(owner = 'manager') FROM commitments "
        "WHERE status = 'open' GROUP BY rep_id"
    ):
        counts[int(rep_id)] = (int(theirs), int(mine))
    return counts


def add_commitment(
    journal: Journal,
    rep_id: int,
    owner: Owner,
    text: str,
    *,
    due_date: str | None = None,
    meeting_id: int | None = None,
) -> Commitment:
    """Record a commitment and return it."""
    now = journal.now()
    with journal.write(Subject.COMMITMENTS) as db:
        cur = db.conn.execute(
            "INSERT INTO commitments(rep_id, meeting_id, owner, text, due_date, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [rep_id, meeting_id, str(Owner(owner)), text.strip(), due_date, now, now],
        )
        new_id = int(cur.lastrowid or 0)
    found = get_commitment(journal, new_id)
    assert found is not None
    return found


def update_commitment(
    journal: Journal, commitment_id: int, *, text: str | None = None, due_date: str | None = None
) -> None:
    """Change a commitment's wording or due date."""
    sets: list[str] = []
    params: list[Any] = []
    if text is not None:
        sets.append("text = ?")
        params.append(text.strip())
    if due_date is not None:
        sets.append("due_date = ?")
        params.append(due_date or None)
    if not sets:
        return
    with journal.write(Subject.COMMITMENTS) as db:
        db.conn.execute(
            f"UPDATE commitments SET {', '.join(sets)}, updated_at = ? WHERE id = ?",
            [*params, journal.now(), commitment_id],
        )


def set_status(
    journal: Journal,
    commitment_id: int,
    status: CommitmentStatus,
    *,
    in_meeting_id: int | None = None,
) -> None:
    """Mark a commitment done, dropped, or open again (which clears when it closed)."""
    status = CommitmentStatus(status)
    now = journal.now()
    closed_at = None if status is CommitmentStatus.OPEN else now
    meeting = None if status is CommitmentStatus.OPEN else in_meeting_id
    with journal.write(Subject.COMMITMENTS) as db:
        db.conn.execute(
            "UPDATE commitments SET status = ?, closed_at = ?, closed_in_meeting_id = ?, "
            "updated_at = ? WHERE id = ?",
            [str(status), closed_at, meeting, now, commitment_id],
        )


def delete_commitment(journal: Journal, commitment_id: int) -> None:
    """Delete a commitment entered by mistake."""
    with journal.write(Subject.COMMITMENTS) as db:
        db.conn.execute("DELETE FROM commitments WHERE id = ?", [commitment_id])


def restore_state(journal: Journal, before: Commitment) -> None:
    """Put a commitment back exactly as it was (status, closing, due date, text)."""
    with journal.write(Subject.COMMITMENTS) as db:
        db.conn.execute(
            "UPDATE commitments SET text = ?, due_date = ?, status = ?, closed_at = ?, "
            "closed_in_meeting_id = ?, updated_at = ? WHERE id = ?",
            [
                before.text,
                before.due_date,
                str(before.status),
                before.closed_at,
                before.closed_in_meeting_id,
                journal.now(),
                before.id,
            ],
        )
