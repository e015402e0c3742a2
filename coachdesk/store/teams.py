"""Teams: a name and a default 1:1 cadence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coachdesk.store._rows import fetch, fetch_one, select_list
from coachdesk.store.changes import Subject
from coachdesk.store.db import Journal
from coachdesk.store.records import Team

_SELECT = f"SELECT {select_list(Team)} FROM teams"


def list_teams(journal: Journal) -> list[Team]:
    """Return every team, by name."""
    return fetch(journal, Team, _SELECT + " ORDER BY name COLLATE NOCASE")


def get_team(journal: Journal, team_id: int) -> Team | None:
    """Return one team, or ``None``."""
    return fetch_one(journal, Team, _SELECT + " WHERE id = ?", [team_id])


def find_team(journal: Journal, name: str) -> Team | None:
    """Return the team called ``name`` (case-insensitive), or ``None``."""
    return fetch_one(journal, Team, _SELECT + " WHERE name = ? COLLATE NOCASE", [name.strip()])


def add_team(journal: Journal, name: str, cadence_days: int = 7) -> Team:
    """Create a team and return it."""
    now = journal.now()
    with journal.write(Subject.TEAMS) as db:
        cur = db.conn.execute(
            "INSERT INTO teams(name, cadence_days, created_at, updated_at) VALUES (?, ?, ?, ?)",
            [name.strip(), cadence_days, now, now],
        )
        team_id = cur.lastrowid
    team = get_team(journal, int(team_id or 0))
    assert team is not None
    return team


def ensure_team(journal: Journal, name: str, cadence_days: int = 7) -> Team:
    """Return the team called ``name``, creating it if needed."""
    return find_team(journal, name) or add_team(journal, name, cadence_days)


def update_team(journal: Journal, team_id: int, *, name: str, cadence_days: int) -> None:
    """Rename a team or change its cadence."""
    with journal.write(Subject.TEAMS) as db:
        db.conn.execute(
            "UPDATE teams SET name = ?, cadence_days = ?, updated_at = ? WHERE id = ?",
            [name.strip(), cadence_days, journal.now(), team_id],
        )


@dataclass(frozen=True)
class TeamEdit:
    """A team as it should be saved; ``id`` is ``None`` for a new team."""

    id: int | None
    name: str
    cadence_days: int


def save_teams(journal: Journal, edits: Sequence[TeamEdit]) -> None:
    """Save renamed, re-paced and new teams in one transaction (subject "teams")."""
    if not edits:
        return
    now = journal.now()
    with journal.write(Subject.TEAMS) as db:
        conn = db.conn
        # Names are unique, so two teams swapping names would collide half-way through:
        # renamed teams first take a stand-in name no one types, then their new one.
        current = {int(r[0]): str(r[1]) for r in conn.execute("SELECT id, name FROM teams")}
        renamed = [e for e in edits if e.id is not None and current.get(e.id) != e.name.strip()]
        conn.executemany(
            "UPDATE teams SET name = printf('#%d-%s', id, hex(randomblob(8))) WHERE id = ?",
            [(e.id,) for e in renamed],
        )
        for edit in edits:
            if edit.id is None:
                conn.execute(
                    "INSERT INTO teams(name, cadence_days, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?)",
                    [edit.name.strip(), edit.cadence_days, now, now],
                )
            else:
                conn.execute(
                    "UPDATE teams SET name = ?, cadence_days = ?, updated_at = ? WHERE id = ?",
                    [edit.name.strip(), edit.cadence_days, now, edit.id],
                )


def delete_team(journal: Journal, team_id: int) -> None:
    """Delete a team; its reps stay, without a team."""
    with journal.write(Subject.TEAMS, Subject.REPS) as db:
        db.conn.execute("DELETE FROM teams WHERE id = ?", [team_id])
