"""Meetings: 1:1s and the other conversations on a rep's timeline."""

from __future__ import annotations

from typing import Any

from coachdesk.store._rows import select_list
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.records import Meeting, MeetingKind, MeetingSummary

_SELECT = f"SELECT {select_list(Meeting)} FROM meetings"

# The fields a person edits in the 1:1 editor.
EDITABLE = ("held_at", "kind", "rep_agenda", "my_agenda", "notes", "private_notes")
TEXT_FIELDS = frozenset({"rep_agenda", "my_agenda", "notes", "private_notes"})

# Text typed into a meeting is told as Subject.MEETING_TEXT: views that only need to
# know a meeting's date, kind or commitments (the roster, counts) need not reload for it.


def _meeting(row: tuple[Any, ...]) -> Meeting:
    values = list(row)
    values[3] = MeetingKind(values[3])
    return Meeting(*values)


def list_meetings(journal: Journal, rep_id: int) -> list[Meeting]:
    """Return a rep's meetings, newest first."""
    cur = journal.conn.execute(
        _SELECT + " WHERE rep_id = ? ORDER BY held_at DESC, id DESC", [rep_id]
    )
    return [_meeting(row) for row in cur]


def meetings_on(journal: Journal, rep_id: int, day: str) -> list[Meeting]:
    """Return a rep's meetings on ``day`` (YYYY-MM-DD), latest first."""
    cur = journal.conn.execute(
        _SELECT
        + " WHERE rep_id = ? AND held_at >= ? AND held_at < ? ORDER BY held_at DESC, id DESC",
        [rep_id, day, day + "U"],  # "U" sorts after the "T" of every time on that day
    )
    return [_meeting(row) for row in cur]


def get_meeting(journal: Journal, meeting_id: int) -> Meeting | None:
    """Return one meeting, or ``None``."""
    row = journal.conn.execute(_SELECT + " WHERE id = ?", [meeting_id]).fetchone()
    return _meeting(row) if row else None


def last_meeting(journal: Journal, rep_id: int, *, before: str | None = None) -> Meeting | None:
    """Return the rep's most recent meeting (strictly before ``before`` if given)."""
    sql = _SELECT + " WHERE rep_id = ?"
    params: list[Any] = [rep_id]
    if before is not None:
        sql += " AND held_at < ?"
        params.append(before)
    row = journal.conn.execute(sql + " ORDER BY held_at DESC, id DESC LIMIT 1", params)
    found = row.fetchone()
    return _meeting(found) if found else None


def add_meeting(
    journal: Journal,
    rep_id: int,
    held_at: str,
    kind: MeetingKind = MeetingKind.ONE_ON_ONE,
    *,
    rep_agenda: str = "",
    my_agenda: str = "",
    notes: str = "",
    private_notes: str = "",
) -> Meeting:
    """Create a meeting and return it."""
    now = journal.now()
    with journal.write(Subject.MEETINGS) as db:
        cur = db.conn.execute(
            "INSERT INTO meetings(rep_id, held_at, kind, rep_agenda, my_agenda, notes, "
            "private_notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [rep_id, held_at, str(kind), rep_agenda, my_agenda, notes, private_notes, now, now],
        )
        meeting_id = int(cur.lastrowid or 0)
    meeting = get_meeting(journal, meeting_id)
    assert meeting is not None
    return meeting


def update_meeting(journal: Journal, meeting_id: int, **changes: Any) -> None:
    """Save edited fields of a meeting (the autosave path: one short transaction)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if not changes:
        return
    if "kind" in changes:
        changes["kind"] = str(MeetingKind(changes["kind"]))
    sets = ", ".join(f"{name} = ?" for name in changes)
    subject = Subject.MEETING_TEXT if set(changes) <= TEXT_FIELDS else Subject.MEETINGS
    with journal.write(subject) as db:
        db.conn.execute(
            f"UPDATE meetings SET {sets}, updated_at = ? WHERE id = ?",
            [*changes.values(), journal.now(), meeting_id],
        )


def close_meeting(journal: Journal, meeting_id: int) -> None:
    """Mark a meeting as closed out."""
    with journal.write(Subject.MEETINGS) as db:
        db.conn.execute(
            "UPDATE meetings SET closed_at = ?, updated_at = ? WHERE id = ?",
            [journal.now(), journal.now(), meeting_id],
        )


def delete_meeting(journal: Journal, meeting_id: int) -> None:
    """Delete a meeting; commitments made in it stay, without their meeting."""
    with journal.write(Subject.MEETINGS, Subject.COMMITMENTS) as db:
        db.conn.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])


def count_meetings(journal: Journal, rep_id: int | None = None) -> int:
    """Return how many meetings there are (for one rep, or in all)."""
    if rep_id is None:
        return int(journal.conn.execute("SELECT count(*) FROM meetings").fetchone()[0])
    return int(
        journal.conn.execute("SELECT count(*) FROM meetings WHERE rep_id = ?", [rep_id]).fetchone()[
            0
        ]
    )


def meeting_summaries(journal: Journal, rep_id: int, *, length: int = 160) -> list[MeetingSummary]:
    """Return a light view of a rep's meetings for the timeline, newest first.

    Only the start of the shared notes is read, so a rep with hundreds of long 1:1s
    still lists instantly.
    """
    cur = journal.conn.execute(
        "SELECT id, held_at, kind, closed_at, substr(notes, 1, ?), "
        "(SELECT count(*) FROM commitments c WHERE c.meeting_id = m.id) "
        "FROM meetings m WHERE rep_id = ? ORDER BY held_at DESC, id DESC",
        [length, rep_id],
    )
    return [
        MeetingSummary(int(r[0]), r[1], MeetingKind(r[2]), r[3], r[4] or "", int(r[5])) for r in cur
    ]


def last_held_by_rep(journal: Journal, *, exclude: tuple[MeetingKind, ...] = ()) -> dict[int, str]:
    """Return ``{rep_id: held_at}`` of each rep's latest meeting up to now, by kind."""
    kinds = [str(k) for k in exclude]
    where = f" AND m.kind NOT IN ({', '.join('?' for _ in kinds)})" if kinds else ""
    # Each rep's meetings newest first along the (rep_id, held_at) index, stopping at
    # the first of a kind that counts: a few rows a rep, where a GROUP BY would read
    # every meeting's row for its kind (ten times slower on years of weekly 1:1s).
    cur = journal.conn.execute(
        "SELECT r.id, (SELECT m.held_at FROM meetings m"
        " WHERE m.rep_id = r.id AND m.held_at <= ?" + where + ""
        " ORDER BY m.held_at DESC LIMIT 1) FROM reps r",
        [journal.now(), *kinds],
    )
    return {int(rep_id): held for rep_id, held in cur if held is not None}


def meeting_times(journal: Journal, rep_id: int) -> dict[int, str]:
    """Return ``{meeting id: held_at}`` for one rep (cheap: no text is read)."""
    cur = journal.conn.execute("SELECT id, held_at FROM meetings WHERE rep_id = ?", [rep_id])
    return {int(i): held for i, held in cur}


def open_meetings_between(journal: Journal, start: str, end: str) -> list[tuple[int, str]]:
    """Return ``(rep_id, held_at)`` of meetings not closed out, held from ``start`` to ``end``."""
    cur = journal.conn.execute(
        "SELECT rep_id, held_at FROM meetings"
        " WHERE closed_at IS NULL AND held_at >= ? AND held_at <= ? ORDER BY held_at",
        [start, end],
    )
    return [(int(rep_id), held) for rep_id, held in cur]
