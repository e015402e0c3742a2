"""Reps: the people on the roster."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from coachdesk.store._rows import fetch, fetch_one, select_list
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.meetings import plan_next_in
from coachdesk.store.records import Rep

_SELECT = f"SELECT {select_list(Rep)} FROM reps"

# The fields a person edits; everything else is kept by the store.
EDITABLE = (
    "name",
    "title",
    "email",
    "team_id",
    "start_date",
    "territory",
    "cadence_days",
    "next_meeting_at",
    "reach_by",
)


@dataclass(frozen=True)
class NewRep:
    """What is needed to add a rep; only the name is required."""

    name: str
    title: str = ""
    email: str = ""
    team_id: int | None = None
    start_date: str | None = None
    territory: str = ""
    cadence_days: int | None = None
    next_meeting_at: str | None = None
    reach_by: str = ""


def list_reps(journal: Journal, *, include_archived: bool = True) -> list[Rep]:
    """Return reps by name (active and, unless told otherwise, archived)."""
    where = "" if include_archived else " WHERE archived_at IS NULL"
    return fetch(journal, Rep, _SELECT + where + " ORDER BY name COLLATE NOCASE, id")


def get_rep(journal: Journal, rep_id: int) -> Rep | None:
    """Return one rep, or ``None``."""
    return fetch_one(journal, Rep, _SELECT + " WHERE id = ?", [rep_id])


def find_reps(journal: Journal, name_or_email: str) -> list[Rep]:
    """Return reps whose name or email matches exactly (ignoring case and outer spaces)."""
    key = name_or_email.strip()
    return fetch(
        journal,
        Rep,
        _SELECT + " WHERE name = ? COLLATE NOCASE OR (email <> '' AND email = ? COLLATE NOCASE)"
        " ORDER BY id",
        [key, key],
    )


def count_reps(journal: Journal) -> int:
    """Return how many reps the journal holds, archived included."""
    return int(journal.conn.execute("SELECT count(*) FROM reps").fetchone()[0])


def add_rep(journal: Journal, rep: NewRep) -> Rep:
    """Add a rep and return it."""
    return add_reps(journal, [rep])[0]


def add_reps(journal: Journal, reps: list[NewRep]) -> list[Rep]:
    """Add several reps in one transaction (all or nothing) and return them."""
    now = journal.now()
    ids: list[int] = []
    planned = (Subject.MEETINGS,) if any(rep.next_meeting_at for rep in reps) else ()
    with journal.write(Subject.REPS, *planned) as db:
        for rep in reps:
            cur = db.conn.execute(
                "INSERT INTO reps(name, title, email, team_id, start_date, territory, "
                "cadence_days, next_meeting_at, reach_by, created_at, updated_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    rep.name.strip(),
                    rep.title.strip(),
                    rep.email.strip(),
                    rep.team_id,
                    rep.start_date,
                    rep.territory.strip(),
                    rep.cadence_days,
                    rep.next_meeting_at,
                    rep.reach_by,
                    now,
                    now,
                ],
            )
            ids.append(int(cur.lastrowid or 0))
            if rep.next_meeting_at:
                plan_next_in(db.conn, ids[-1], rep.next_meeting_at, now)
    found = {r.id: r for r in list_reps(journal)}
    return [found[i] for i in ids]


def update_rep(journal: Journal, rep_id: int, **changes: Any) -> Rep:
    """Change some of a rep's editable fields and return the rep."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if changes:
        sets = ", ".join(f"{name} = ?" for name in changes)
        subjects = (Subject.REPS, Subject.MEETINGS) if "next_meeting_at" in changes else ()
        with journal.write(Subject.REPS, *subjects) as db:
            db.conn.execute(
                f"UPDATE reps SET {sets}, updated_at = ? WHERE id = ?",
                [*changes.values(), journal.now(), rep_id],
            )
            if "next_meeting_at" in changes:
                # The next 1:1 is a scheduled meeting: it moves, or is made, with it.
                plan_next_in(db.conn, rep_id, changes["next_meeting_at"], journal.now())
    rep = get_rep(journal, rep_id)
    if rep is None:
        raise LookupError(rep_id)
    return rep


def archive_rep(journal: Journal, rep_id: int) -> None:
    """Move a rep off the active roster (nothing is deleted)."""
    now = journal.now()
    with journal.write(Subject.REPS) as db:
        db.conn.execute(
            "UPDATE reps SET archived_at = ?, updated_at = ? WHERE id = ? AND archived_at IS NULL",
            [now, now, rep_id],
        )


def unarchive_rep(journal: Journal, rep_id: int) -> None:
    """Bring an archived rep back onto the active roster."""
    with journal.write(Subject.REPS) as db:
        db.conn.execute(
            "UPDATE reps SET archived_at = NULL, updated_at = ? WHERE id = ?",
            [journal.now(), rep_id],
        )


def delete_rep(journal: Journal, rep_id: int) -> None:
    """Delete a rep and everything held on them (meetings, commitments, …).

    A backup is taken first; ``secure_delete`` overwrites the deleted text in the file.
    """
    journal.backup("before-delete")
    with journal.write(Subject.REPS, Subject.MEETINGS, Subject.COMMITMENTS) as db:
        db.conn.execute("DELETE FROM reps WHERE id = ?", [rep_id])
