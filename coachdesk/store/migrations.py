"""The schema history of a journal, oldest first.

Every migration is a small function registered with an explicit ``name=`` that never
changes: the name, not the function, is what a journal records as applied, so renaming
a function can never make it run twice.

Changing an existing table later
--------------------------------
``Table.transform()`` rebuilds a table (create new, copy, drop old, rename). Two traps:

* it silently drops the table's triggers, so a migration that transforms a table must
  recreate every trigger on it (the search index's triggers above all) and rebuild
  whatever they maintain in the same migration;
* with ``foreign_keys=ON`` inside the migration's transaction, dropping a table that
  others reference with ``ON DELETE CASCADE`` deletes their rows or fails. Prefer
  ``ALTER TABLE … ADD COLUMN`` (no rebuild); when a rebuild is unavoidable, register
  the migration with ``transactional=False`` and run it between
  ``PRAGMA foreign_keys=OFF`` and ``PRAGMA foreign_keys=ON`` inside its own explicit
  transaction, ending with ``PRAGMA foreign_key_check``.

Every migration is covered by the test that replays the whole history, both from an
empty file and from the committed first-schema journal in ``tests/fixtures``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "coachdesk"
_Step = Callable[["Database"], None]

# The history as plain data; the sqlite-utils Migrations set is built from it only
# when a journal needs updating, so opening an up-to-date journal never imports it.
_STEPS: list[tuple[str, _Step, bool]] = []
_KNOWN: list[str] = []
_built: Migrations | None = None


def migration(name: str, *, transactional: bool = True) -> Callable[[_Step], _Step]:
    """Register a migration under a fixed ``name`` and remember it in order."""

    def register(step: _Step) -> _Step:
        global _built
        if name in _KNOWN:
            raise ValueError(f"Migration '{name}' is already registered in set '{MIGRATION_SET}'")
        _STEPS.append((name, step, transactional))
        _KNOWN.append(name)
        _built = None
        return step

    return register


def migration_set() -> Migrations:
    """Return the sqlite-utils ``Migrations`` holding the whole history, in order."""
    global _built
    if _built is None:
        from sqlite_utils.migrations import Migrations

        built = Migrations(MIGRATION_SET)
        for name, step, transactional in _STEPS:
            built(name=name, transactional=transactional)(step)
        _built = built
    return _built


STARTER_QUESTIONS: list[tuple[str, str]] = [
    ("opening", "What's on your mind this week?"),
    ("opening", "What would make this half hour most useful for you?"),
    ("progress", "What went well since we last talked, and what made it work?"),
    ("progress", "Where did you get stuck, and what did you try?"),
    ("numbers", "Looking at your numbers, what story do they tell you?"),
    ("numbers", "What would have to be true to close the gap this quarter?"),
    ("pipeline", "Which deal are you least sure about, and why?"),
    ("pipeline", "What's the next step the customer has agreed to?"),
    ("commitments", "What got in the way of the things we agreed last time?"),
    ("commitments", "Is there anything you'd like to drop or change from your list?"),
    ("support", "What do you need from me that you're not getting?"),
    ("support", "What's one thing I could stop doing that would help you?"),
    ("growth", "What skill would make the biggest difference to you this quarter?"),
    ("growth", "What would you like to be known for on this team?"),
    ("closing", "What are you taking away from today?"),
    ("closing", "How will you know you've done what you said?"),
]

DEFAULT_SETTINGS: dict[str, object] = {
    "default_cadence_days": 7,
    "recap_intro": "Thanks for the time today. Here's what we agreed:",
    "my_agenda_template": "- Wins since last time\n- Numbers\n- Your commitments\n- Mine\n",
    "private_notes_retention_months": None,
}


@migration("0001_core")
def m0001_core(db: Database) -> None:
    """Teams, reps, meetings, commitments, settings and the question bank."""
    db.execute(
        """
        CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT
        )
        """
    )
    db.execute(
        """
        CREATE TABLE teams (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
            cadence_days INTEGER NOT NULL DEFAULT 7 CHECK (cadence_days BETWEEN 1 AND 366),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE reps (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL CHECK (trim(name) <> ''),
            title TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL,
            start_date TEXT,
            territory TEXT NOT NULL DEFAULT '',
            cadence_days INTEGER CHECK (cadence_days IS NULL OR cadence_days BETWEEN 1 AND 366),
            next_meeting_at TEXT,
            reach_by TEXT NOT NULL DEFAULT '',
            archived_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX reps_team ON reps(team_id)")
    db.execute(
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
            held_at TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'one_on_one' CHECK (kind IN (
                'one_on_one', 'expectations', 'qbr', 'role_play',
                'pipeline_review', 'skip_level')),
            rep_agenda TEXT NOT NULL DEFAULT '',
            my_agenda TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            private_notes TEXT NOT NULL DEFAULT '',
            closed_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX meetings_rep_held ON meetings(rep_id, held_at)")
    db.execute(
        """
        CREATE TABLE commitments (
            id INTEGER PRIMARY KEY,
            rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
            owner TEXT NOT NULL CHECK (owner IN ('rep', 'manager')),
            text TEXT NOT NULL,
            due_date TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            closed_at TEXT,
            closed_in_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX commitments_rep_status ON commitments(rep_id, status)")
    db.execute("CREATE INDEX commitments_meeting ON commitments(meeting_id)")
    db.execute("CREATE INDEX commitments_closed_meeting ON commitments(closed_in_meeting_id)")
    db.execute(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE coaching_questions (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL CHECK (trim(text) <> ''),
            topic TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL DEFAULT 0,
            active INTEGER NOT NULL DEFAULT 1
        )
        """
    )
    db.execute("INSERT INTO meta(key, value) VALUES ('revision', '0')")
    db.conn.executemany(
        "INSERT INTO settings(key, value) VALUES (?, ?)",
        [(key, json.dumps(value)) for key, value in DEFAULT_SETTINGS.items()],
    )
    db.conn.executemany(
        "INSERT INTO coaching_questions(text, topic, position) VALUES (?, ?, ?)",
        [(text, topic, i) for i, (topic, text) in enumerate(STARTER_QUESTIONS)],
    )


def known_names() -> list[str]:
    """Return the names of every migration this version knows, oldest first."""
    return list(_KNOWN)
