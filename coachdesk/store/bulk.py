"""Writing a whole prepared team (teams, reps, meetings, commitments) in one go.

The rows carry *local* keys that refer to each other (a meeting names its rep's key, a
commitment the key of the meeting it was made in); the journal's own ids are handed
out here, inside the one transaction, so the caller never needs to know them. Rows are
written with ``executemany``: thousands of meetings take a fraction of a second, where
one ``INSERT`` per call through the subject modules would commit thousands of times.

The row types live here, not beside whatever builds them, so that the store never
imports anything above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.meetings import schedule_typed_next_in
from coachdesk.store.records import CommitmentStatus, MeetingKind, Owner


@dataclass(frozen=True)
class TeamRow:
    """A team to create (or to reuse, if the journal already has one by that name)."""

    key: int
    name: str
    cadence_days: int
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class RepRow:
    """A rep to create; ``team_key`` refers to a :class:`TeamRow`."""

    key: int
    name: str
    title: str
    email: str
    team_key: int | None
    start_date: str | None
    territory: str
    cadence_days: int | None
    next_meeting_at: str | None
    reach_by: str
    archived_at: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class MeetingRow:
    """A meeting to create; ``rep_key`` refers to a :class:`RepRow`."""

    key: int
    rep_key: int
    held_at: str
    kind: str
    rep_agenda: str
    my_agenda: str
    notes: str
    private_notes: str
    closed_at: str | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class CommitmentRow:
    """A commitment to create; the meeting keys refer to :class:`MeetingRow` keys."""

    key: int
    rep_key: int
    meeting_key: int | None
    owner: str
    text: str
    due_date: str | None
    status: str
    closed_at: str | None
    closed_in_meeting_key: int | None
    created_at: str
    updated_at: str


class TeamRows(Protocol):
    """Anything holding the four lists of rows (a generated sample team, say)."""

    @property
    def teams(self) -> Sequence[TeamRow]:
        """Teams, each with a unique key."""
        ...

    @property
    def reps(self) -> Sequence[RepRow]:
        """Reps, each with a unique key."""
        ...

    @property
    def meetings(self) -> Sequence[MeetingRow]:
        """Meetings, each with a unique key."""
        ...

    @property
    def commitments(self) -> Sequence[CommitmentRow]:
        """Commitments."""
        ...


def insert_sample(journal: Journal, team: TeamRows) -> dict[str, int]:
    """Write every row of ``team`` in one transaction and return how many of each.

    Teams whose name the journal already holds are reused rather than duplicated
    (``teams`` in the result counts only the new ones). Nothing is written if any row
    is refused: a broken reference raises :class:`ValueError`, a value the schema
    rejects raises :class:`sqlite3.IntegrityError`.
    """
    _check(team)
    with journal.write(Subject.TEAMS, Subject.REPS, Subject.MEETINGS, Subject.COMMITMENTS) as db:
        conn = db.conn
        # ON CONFLICT DO NOTHING keeps a team the manager already made (names are
        # unique regardless of case); its id is looked up below like the new ones.
        cur = conn.executemany(
            "INSERT INTO teams(name, cadence_days, created_at, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO NOTHING",
            [(t.name, t.cadence_days, t.created_at, t.updated_at) for t in team.teams],
        )
        new_teams = max(cur.rowcount, 0)
        team_ids: dict[int, int] = {}
        for t in team.teams:
            row = conn.execute(
                "SELECT id FROM teams WHERE name = ? COLLATE NOCASE", [t.name]
            ).fetchone()
            team_ids[t.key] = int(row[0])

        # Ids are handed out from the current maximum: this connection holds the
        # writer lock and the transaction, so nobody else can take them meanwhile.
        rep_ids = _ids_after(
            conn.execute("SELECT max(id) FROM reps").fetchone()[0], [r.key for r in team.reps]
        )
        meeting_ids = _ids_after(
            conn.execute("SELECT max(id) FROM meetings").fetchone()[0],
            [m.key for m in team.meetings],
        )

        conn.executemany(
            "INSERT INTO reps(id, name, title, email, team_id, start_date, territory, "
            "cadence_days, next_meeting_at, reach_by, archived_at, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rep_ids[r.key],
                    r.name,
                    r.title,
                    r.email,
                    None if r.team_key is None else team_ids[r.team_key],
                    r.start_date,
                    r.territory,
                    r.cadence_days,
                    r.next_meeting_at,
                    r.reach_by,
                    r.archived_at,
                    r.created_at,
                    r.updated_at,
                )
                for r in team.reps
            ],
        )
        conn.executemany(
            "INSERT INTO meetings(id, rep_id, held_at, kind, rep_agenda, my_agenda, notes, "
            "private_notes, closed_at, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    meeting_ids[m.key],
                    rep_ids[m.rep_key],
                    m.held_at,
                    m.kind,
                    m.rep_agenda,
                    m.my_agenda,
                    m.notes,
                    m.private_notes,
                    m.closed_at,
                    m.created_at,
                    m.updated_at,
                )
                for m in team.meetings
            ],
        )
        scheduled = schedule_typed_next_in(conn, journal.now())
        conn.executemany(
            "INSERT INTO commitments(rep_id, meeting_id, owner, text, due_date, status, "
            "closed_at, closed_in_meeting_id, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rep_ids[c.rep_key],
                    None if c.meeting_key is None else meeting_ids[c.meeting_key],
                    c.owner,
                    c.text,
                    c.due_date,
                    c.status,
                    c.closed_at,
                    None
                    if c.closed_in_meeting_key is None
                    else meeting_ids[c.closed_in_meeting_key],
                    c.created_at,
                    c.updated_at,
                )
                for c in team.commitments
            ],
        )
    return {
        "teams": new_teams,
        "reps": len(team.reps),
        "meetings": len(team.meetings),
        "scheduled 1:1s": scheduled,
        "commitments": len(team.commitments),
    }


def _ids_after(current_max: int | None, keys: Sequence[int]) -> dict[int, int]:
    start = int(current_max or 0)
    return {key: start + n for n, key in enumerate(keys, start=1)}


def _check(team: TeamRows) -> None:
    """Refuse, before the transaction starts, rows whose references do not resolve."""
    team_keys = _unique_keys("team", [t.key for t in team.teams])
    rep_keys = _unique_keys("rep", [r.key for r in team.reps])
    meeting_keys = _unique_keys("meeting", [m.key for m in team.meetings])
    for r in team.reps:
        if r.team_key is not None and r.team_key not in team_keys:
            raise ValueError(f"rep {r.key} refers to unknown team {r.team_key}")
    kinds = {str(k) for k in MeetingKind}
    for m in team.meetings:
        if m.rep_key not in rep_keys:
            raise ValueError(f"meeting {m.key} refers to unknown rep {m.rep_key}")
        if m.kind not in kinds:
            raise ValueError(f"meeting {m.key} has unknown kind {m.kind!r}")
    owners = {str(o) for o in Owner}
    statuses = {str(s) for s in CommitmentStatus}
    for c in team.commitments:
        if c.rep_key not in rep_keys:
            raise ValueError(f"commitment {c.key} refers to unknown rep {c.rep_key}")
        for ref in (c.meeting_key, c.closed_in_meeting_key):
            if ref is not None and ref not in meeting_keys:
                raise ValueError(f"commitment {c.key} refers to unknown meeting {ref}")
        if c.owner not in owners or c.status not in statuses:
            raise ValueError(f"commitment {c.key} has owner {c.owner!r}, status {c.status!r}")


def _unique_keys(what: str, keys: list[int]) -> set[int]:
    found = set(keys)
    if len(found) != len(keys):
        raise ValueError(f"two {what} rows share a key")
    return found
