"""Meetings: 1:1s and the other conversations on a rep's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coachdesk.store._rows import select_list
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.records import Meeting, MeetingKind, MeetingStatus, MeetingSummary, Party

_SELECT = f"SELECT {select_list(Meeting)} FROM meetings"

# The fields a person edits in the 1:1 editor.
EDITABLE = ("held_at", "kind", "rep_agenda", "my_agenda", "notes", "private_notes")
TEXT_FIELDS = frozenset({"rep_agenda", "my_agenda", "notes", "private_notes"})

# Text typed into a meeting is told as Subject.MEETING_TEXT: views that only need to
# know a meeting's date, kind or commitments (the roster, counts) need not reload for it.


_STATUS, _MOVED_BY, _SKIPPED_BY = 11, 14, 15  # their places in a row of Meeting's fields


def _meeting(row: tuple[Any, ...]) -> Meeting:
    values = list(row)
    values[3] = MeetingKind(values[3])
    values[_STATUS] = MeetingStatus(values[_STATUS])
    for place in (_MOVED_BY, _SKIPPED_BY):
        if values[place] is not None:
            values[place] = Party(values[place])
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
    """Return the rep's most recent meeting held (strictly before ``before`` if given).

    Scheduled and skipped meetings are not meetings held.
    """
    sql = _SELECT + " WHERE rep_id = ? AND +status = 'held'"  # along (rep_id, held_at)
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
    if "held_at" in changes:
        subject = Subject.MEETINGS  # the rep's next 1:1 may follow
    with journal.write(subject, *((Subject.REPS,) if "held_at" in changes else ())) as db:
        db.conn.execute(
            f"UPDATE meetings SET {sets}, updated_at = ? WHERE id = ?",
            [*changes.values(), journal.now(), meeting_id],
        )
        if "held_at" in changes:
            row = db.conn.execute(
                "SELECT rep_id FROM meetings WHERE id = ?", [meeting_id]
            ).fetchone()
            if row is not None:
                _sync_next(db.conn, int(row[0]))


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
        "(SELECT count(*) FROM commitments c WHERE c.meeting_id = m.id), status, skipped_by "
        "FROM meetings m WHERE rep_id = ? ORDER BY held_at DESC, id DESC",
        [length, rep_id],
    )
    return [
        MeetingSummary(
            int(r[0]),
            r[1],
            MeetingKind(r[2]),
            r[3],
            r[4] or "",
            int(r[5]),
            MeetingStatus(r[6]),
            Party(r[7]) if r[7] else None,
        )
        for r in cur
    ]


def last_held_by_rep(journal: Journal, *, exclude: tuple[MeetingKind, ...] = ()) -> dict[int, str]:
    """Return ``{rep_id: held_at}`` of each rep's latest meeting up to now, by kind."""
    kinds = [str(k) for k in exclude]
    where = f" AND m.kind NOT IN ({', '.join('?' for _ in kinds)})" if kinds else ""
    # Each rep's meetings newest first along the (rep_id, held_at) index, stopping at
    # the first held one of a kind that counts: a few rows a rep, where a GROUP BY would
    # read every meeting's row for its kind (ten times slower on years of weekly 1:1s).
    # The "+" keeps SQLite off the (status, held_at) index, which would read every
    # held meeting of the team for each rep (0.8 ms against 22 ms on two years).
    cur = journal.conn.execute(
        "SELECT r.id, (SELECT m.held_at FROM meetings m"
        " WHERE m.rep_id = r.id AND m.held_at <= ? AND +m.status = 'held'" + where + ""
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
        "SELECT rep_id, held_at FROM meetings WHERE closed_at IS NULL AND status = 'held'"
        " AND held_at >= ? AND held_at <= ? ORDER BY held_at",
        [start, end],
    )
    return [(int(rep_id), held) for rep_id, held in cur]


# ----------------------------------------------------------------- scheduled 1:1s
#
# A 1:1 is a record before it happens. The rep's ``next_meeting_at`` (what the roster,
# This week and the prep sheet read first) follows their earliest scheduled meeting.


def _sync_next(conn: Any, rep_id: int, dropped: str | None = None) -> None:
    """Point the rep's next 1:1 at their earliest scheduled meeting.

    With none scheduled, a next 1:1 that was the one just ``dropped`` (skipped, held or
    removed) is cleared; one typed by hand with no record behind it stays.
    """
    row = conn.execute(
        "SELECT min(held_at) FROM meetings WHERE rep_id = ? AND status = 'scheduled'", [rep_id]
    ).fetchone()
    if row[0] is not None:
        conn.execute("UPDATE reps SET next_meeting_at = ? WHERE id = ?", [row[0], rep_id])
    elif dropped is not None:
        conn.execute(
            "UPDATE reps SET next_meeting_at = NULL WHERE id = ? AND next_meeting_at = ?",
            [rep_id, dropped],
        )


def schedule_typed_next_in(conn: Any, now: str) -> int:
    """Inside a write: a scheduled 1:1 for every active rep whose next 1:1 has no record.

    Reps added many at once (the sample team) carry their next 1:1 as a time only; a
    meeting already on that day is that 1:1. Returns how many were scheduled. (Migration
    0006 did the same once for journals made before; a migration keeps its own SQL.)
    """
    cur = conn.execute(
        """
        INSERT INTO meetings(rep_id, held_at, status, planned_at, created_at, updated_at)
        SELECT r.id, r.next_meeting_at, 'scheduled', r.next_meeting_at, ?, ?
        FROM reps r
        WHERE r.next_meeting_at IS NOT NULL AND r.archived_at IS NULL
          AND NOT EXISTS (
            SELECT 1 FROM meetings m WHERE m.rep_id = r.id
              AND m.held_at >= substr(r.next_meeting_at, 1, 10)
              AND m.held_at < substr(r.next_meeting_at, 1, 10) || 'U')
        """,
        [now, now],
    )
    return max(int(cur.rowcount), 0)


def plan_next_in(conn: Any, rep_id: int, when: str | None, now: str) -> None:
    """Inside a write: make ``when`` the rep's next scheduled 1:1 (the rep's own edit).

    The earliest scheduled 1:1 moves there (a change of plan, not counted as anyone's
    move), or one is scheduled. With ``when`` None, the earliest scheduled 1:1 is removed
    if nothing was written in it yet.
    """
    row = conn.execute(
        "SELECT id, held_at, rep_agenda || my_agenda || notes || private_notes FROM meetings"
        " WHERE rep_id = ? AND status = 'scheduled' ORDER BY held_at, id LIMIT 1",
        [rep_id],
    ).fetchone()
    if when is None:
        if row is not None and not row[2]:
            conn.execute("DELETE FROM meetings WHERE id = ?", [row[0]])
            _sync_next(conn, rep_id, dropped=row[1])
        return
    if row is not None:
        if row[1] != when:
            conn.execute(
                "UPDATE meetings SET held_at = ?, updated_at = ? WHERE id = ?", [when, now, row[0]]
            )
    else:
        conn.execute(
            "INSERT INTO meetings(rep_id, held_at, status, planned_at, created_at, updated_at)"
            " VALUES (?, ?, 'scheduled', ?, ?, ?)",
            [rep_id, when, when, now, now],
        )
    _sync_next(conn, rep_id)


def schedule_meeting(
    journal: Journal,
    rep_id: int,
    start: str,
    *,
    minutes: int | None = None,
    kind: MeetingKind = MeetingKind.ONE_ON_ONE,
    rep_agenda: str = "",
    my_agenda: str = "",
    calendar_key: str | None = None,
) -> Meeting:
    """Schedule a meeting ahead (its talking points can be collected before it)."""
    now = journal.now()
    with journal.write(Subject.MEETINGS, Subject.REPS) as db:
        cur = db.conn.execute(
            "INSERT INTO meetings(rep_id, held_at, kind, rep_agenda, my_agenda, status, minutes,"
            " planned_at, calendar_key, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, 'scheduled', ?, ?, ?, ?, ?)",
            [
                rep_id,
                start,
                str(kind),
                rep_agenda,
                my_agenda,
                minutes,
                start,
                calendar_key,
                *(now, now),
            ],
        )
        meeting_id = int(cur.lastrowid or 0)
        _sync_next(db.conn, rep_id)
    meeting = get_meeting(journal, meeting_id)
    assert meeting is not None
    return meeting


def scheduled_meetings(
    journal: Journal, rep_id: int | None = None, *, start: str = "", end: str = "\uffff"
) -> list[Meeting]:
    """Scheduled (not yet held or skipped) meetings from ``start`` to before ``end``."""
    sql = _SELECT + " WHERE status = 'scheduled' AND held_at >= ? AND held_at < ?"
    params: list[Any] = [start, end]
    if rep_id is not None:
        sql += " AND rep_id = ?"
        params.append(rep_id)
    cur = journal.conn.execute(sql + " ORDER BY held_at, id", params)
    return [_meeting(row) for row in cur]


def _scheduled(journal: Journal, meeting_id: int) -> Meeting:
    meeting = get_meeting(journal, meeting_id)
    if meeting is None:
        raise LookupError(meeting_id)
    if meeting.status is not MeetingStatus.SCHEDULED:
        raise ValueError(f"meeting {meeting_id} is {meeting.status}, not scheduled")
    return meeting


def move_meeting(journal: Journal, meeting_id: int, start: str, *, by: Party | None) -> None:
    """Move a scheduled meeting to ``start``; ``by`` says whose choice (None: neither)."""
    meeting = _scheduled(journal, meeting_id)
    with journal.write(Subject.MEETINGS, Subject.REPS) as db:
        db.conn.execute(
            "UPDATE meetings SET held_at = ?, moved_by = coalesce(?, moved_by), updated_at = ?"
            " WHERE id = ?",
            [start, str(by) if by else None, journal.now(), meeting_id],
        )
        _sync_next(db.conn, meeting.rep_id, dropped=meeting.held_at)


def skip_meeting(journal: Journal, meeting_id: int, *, by: Party) -> None:
    """Mark a scheduled meeting skipped, by me or by the rep. Open items carry over."""
    meeting = _scheduled(journal, meeting_id)
    with journal.write(Subject.MEETINGS, Subject.REPS) as db:
        db.conn.execute(
            "UPDATE meetings SET status = 'skipped', skipped_by = ?, updated_at = ? WHERE id = ?",
            [str(by), journal.now(), meeting_id],
        )
        _sync_next(db.conn, meeting.rep_id, dropped=meeting.held_at)


def start_meeting(journal: Journal, meeting_id: int, *, at: str | None = None) -> Meeting:
    """Start a scheduled meeting: it is held at its scheduled time unless ``at`` says."""
    meeting = _scheduled(journal, meeting_id)
    with journal.write(Subject.MEETINGS, Subject.REPS) as db:
        db.conn.execute(
            "UPDATE meetings SET status = 'held', held_at = ?, updated_at = ? WHERE id = ?",
            [at or meeting.held_at, journal.now(), meeting_id],
        )
        _sync_next(db.conn, meeting.rep_id, dropped=meeting.held_at)
    started = get_meeting(journal, meeting_id)
    assert started is not None
    return started


def remove_scheduled(journal: Journal, meeting_ids: list[int]) -> int:
    """Remove scheduled meetings (never a held or skipped one); return how many went."""
    removed = 0
    with journal.write(Subject.MEETINGS, Subject.REPS) as db:
        for meeting_id in meeting_ids:
            row = db.conn.execute(
                "SELECT rep_id, held_at FROM meetings WHERE id = ? AND status = 'scheduled'",
                [meeting_id],
            ).fetchone()
            if row is None:
                continue
            db.conn.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
            _sync_next(db.conn, int(row[0]), dropped=row[1])
            removed += 1
    return removed


def with_calendar_keys(journal: Journal) -> dict[str, Meeting]:
    """Meetings that came from a calendar, by their event's key."""
    cur = journal.conn.execute(_SELECT + " WHERE calendar_key IS NOT NULL")
    return {m.calendar_key: m for m in map(_meeting, cur) if m.calendar_key}


@dataclass(frozen=True)
class OnMyEnd:
    """How the 1:1s planned in a span went, counting only my own moves and skips.

    A rep's move or skip is theirs to make and never becomes a measure of them.
    """

    planned: int  # 1:1s that were planned in the span (held, skipped or still ahead)
    moved_by_me: int
    skipped_by_me: int


def on_my_end(journal: Journal, start: str, end: str, rep_id: int | None = None) -> OnMyEnd:
    """Count the 1:1s planned from ``start`` to before ``end`` (with one rep, or all),
    and my moves and skips of them."""
    sql = (
        "SELECT count(*), sum(moved_by = 'me'), sum(skipped_by = 'me') FROM meetings"
        " WHERE kind = 'one_on_one' AND planned_at IS NOT NULL"
        " AND planned_at >= ? AND planned_at < ?"
    )
    params: list[Any] = [start, end]
    if rep_id is not None:
        sql += " AND rep_id = ?"
        params.append(rep_id)
    row = journal.conn.execute(sql, params).fetchone()
    return OnMyEnd(int(row[0]), int(row[1] or 0), int(row[2] or 0))


@dataclass(frozen=True)
class CalendarChanges:
    """What importing a calendar does to the scheduled 1:1s, all in one transaction.

    ``add``: (rep id, start, minutes, key, my agenda) of 1:1s new to the journal;
    ``adopt``: (meeting id, start, minutes, key) — a scheduled 1:1 already there on that
    day (a next 1:1 typed by hand) becomes the calendar's; ``move``: (meeting id, new
    start, minutes) of 1:1s the calendar moved; ``remove``: scheduled 1:1s whose event is
    gone; ``cadences``: a rep's cadence in days, from their series.
    """

    add: tuple[tuple[int, str, int | None, str, str], ...] = ()
    adopt: tuple[tuple[int, str, int | None, str], ...] = ()
    move: tuple[tuple[int, str, int | None], ...] = ()
    remove: tuple[int, ...] = ()
    cadences: tuple[tuple[int, int], ...] = ()

    @property
    def empty(self) -> bool:
        """True when the calendar changes nothing."""
        return not (self.add or self.adopt or self.move or self.remove or self.cadences)


def apply_calendar(journal: Journal, changes: CalendarChanges) -> None:
    """Write a calendar import's changes: all of them, or (on any failure) none."""
    if changes.empty:
        return
    now = journal.now()
    touched: set[int] = set()
    with journal.write(Subject.MEETINGS, Subject.REPS) as db:
        conn = db.conn
        for rep_id, start, minutes, key, agenda in changes.add:
            conn.execute(
                "INSERT INTO meetings(rep_id, held_at, kind, my_agenda, status, minutes,"
                " planned_at, calendar_key, created_at, updated_at)"
                " VALUES (?, ?, 'one_on_one', ?, 'scheduled', ?, ?, ?, ?, ?)",
                [rep_id, start, agenda, minutes, start, key, now, now],
            )
            touched.add(rep_id)
        for meeting_id, start, minutes, key in changes.adopt:
            conn.execute(
                "UPDATE meetings SET held_at = ?, minutes = coalesce(?, minutes),"
                " planned_at = ?, calendar_key = ?, updated_at = ?"
                " WHERE id = ? AND status = 'scheduled'",
                [start, minutes, start, key, now, meeting_id],
            )
        for meeting_id, start, minutes in changes.move:
            conn.execute(
                "UPDATE meetings SET held_at = ?, minutes = coalesce(?, minutes), updated_at = ?"
                " WHERE id = ? AND status = 'scheduled'",
                [start, minutes, now, meeting_id],
            )
        ids = [*(a[0] for a in changes.adopt), *(m[0] for m in changes.move), *changes.remove]
        for meeting_id in ids:
            row = conn.execute("SELECT rep_id FROM meetings WHERE id = ?", [meeting_id]).fetchone()
            if row is not None:
                touched.add(int(row[0]))
        dropped: dict[int, str] = {}
        for meeting_id in changes.remove:
            row = conn.execute(
                "SELECT rep_id, held_at FROM meetings WHERE id = ? AND status = 'scheduled'",
                [meeting_id],
            ).fetchone()
            if row is not None:
                conn.execute("DELETE FROM meetings WHERE id = ?", [meeting_id])
                dropped.setdefault(int(row[0]), row[1])
        for rep_id, days in changes.cadences:
            conn.execute(
                "UPDATE reps SET cadence_days = ?, updated_at = ? WHERE id = ?",
                [days, now, rep_id],
            )
        for rep_id in touched:
            _sync_next(conn, rep_id, dropped=dropped.get(rep_id))
