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


STARTER_METRICS: list[tuple[str, str, str, str, str, bool]] = [
    ("deals_closed", "Deals closed", "deals", "count", "outcome", True),
    ("bookings", "Bookings", "bookings", "currency", "outcome", True),
    ("pipeline_created", "Pipeline created", "pipeline", "currency", "outcome", True),
    ("calls", "Calls", "calls", "count", "activity", False),
    ("conversations", "Conversations", "conversations", "count", "activity", False),
    ("demos", "Demos", "demos", "count", "activity", False),
    ("quotes_sent", "Quotes sent", "quotes", "count", "activity", False),
    ("pocs", "POCs", "POCs", "count", "activity", False),
]


@migration("0002_agreements_and_plans")
def m0002_agreements_and_plans(db: Database) -> None:
    """Written expectations both ways (versioned), steps used, and reps' quarterly plans.

    An agreement is one version of a rep's (or a team's) working agreement: a draft
    while it is being written, then active, then superseded by the next one. Its lists
    are rows of ``agreement_items``; a step of either side's ladder that was used points
    at the item of the version in force. A plan is the rep's own, one per quarter: the
    areas the manager framed, the rep's answers word for word, and their targets.
    """
    # Who took a team over, and when: every rep on it is due an expectations talk.
    db.execute("ALTER TABLE teams ADD COLUMN taken_over_on TEXT")
    # A team's own agreement template; empty means the journal's default template.
    db.execute("ALTER TABLE teams ADD COLUMN agreement_template TEXT NOT NULL DEFAULT ''")
    db.execute(
        """
        CREATE TABLE agreements (
            id INTEGER PRIMARY KEY,
            scope TEXT NOT NULL CHECK (scope IN ('rep', 'team')),
            rep_id INTEGER REFERENCES reps(id) ON DELETE CASCADE,
            team_id INTEGER REFERENCES teams(id) ON DELETE CASCADE,
            version INTEGER NOT NULL CHECK (version >= 1),
            status TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'active', 'superseded')),
            more_needed TEXT NOT NULL DEFAULT '',
            open_door TEXT NOT NULL DEFAULT '',
            work_schedule TEXT NOT NULL DEFAULT '',
            agreed_on TEXT,
            review_on TEXT,
            rep_signed_on TEXT,
            manager_signed_on TEXT,
            based_on_id INTEGER REFERENCES agreements(id) ON DELETE SET NULL,
            activated_at TEXT,
            superseded_at TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ((scope = 'rep') = (rep_id IS NOT NULL)),
            CHECK (scope = 'team' OR team_id IS NULL),
            CHECK (status = 'draft' OR agreed_on IS NOT NULL)
        )
        """
    )
    # One numbering, one draft and one agreement in force per rep, per team and for
    # the whole team (a team agreement with no team_id).
    owner = "scope, ifnull(rep_id, 0), ifnull(team_id, 0)"
    db.execute(f"CREATE UNIQUE INDEX agreements_version ON agreements({owner}, version)")
    db.execute(
        f"CREATE UNIQUE INDEX agreements_one_draft ON agreements({owner}) WHERE status = 'draft'"
    )
    db.execute(
        f"CREATE UNIQUE INDEX agreements_one_active ON agreements({owner}) WHERE status = 'active'"
    )
    db.execute("CREATE INDEX agreements_rep ON agreements(rep_id)")
    db.execute("CREATE INDEX agreements_team ON agreements(team_id)")
    db.execute("CREATE INDEX agreements_based_on ON agreements(based_on_id)")
    db.execute(
        """
        CREATE TABLE agreement_items (
            id INTEGER PRIMARY KEY,
            agreement_id INTEGER NOT NULL REFERENCES agreements(id) ON DELETE CASCADE,
            section TEXT NOT NULL CHECK (section IN (
                'expect_of_them', 'expect_of_me', 'communication',
                'their_steps', 'my_steps', 'how_we_work')),
            position INTEGER NOT NULL CHECK (position >= 0),
            label TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL CHECK (trim(text) <> ''),
            UNIQUE (agreement_id, section, position)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE agreement_step_uses (
            id INTEGER PRIMARY KEY,
            rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
            item_id INTEGER NOT NULL REFERENCES agreement_items(id) ON DELETE CASCADE,
            used_on TEXT NOT NULL
                CHECK (used_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX agreement_step_uses_rep ON agreement_step_uses(rep_id, used_on)")
    db.execute("CREATE INDEX agreement_step_uses_item ON agreement_step_uses(item_id)")
    db.execute(
        """
        CREATE TABLE plans (
            id INTEGER PRIMARY KEY,
            rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
            quarter TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
            status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'reviewed')),
            review_comments TEXT NOT NULL DEFAULT '',
            reviewed_on TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (rep_id, quarter)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE plan_answers (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            area TEXT NOT NULL CHECK (trim(area) <> ''),
            prompt TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL DEFAULT '',
            UNIQUE (plan_id, position)
        )
        """
    )
    # Keys are the rep's metric in lower case, words joined by "_" ("calls",
    # "meetings_booked"), so that the numbers can match them to a metric; the label
    # keeps the rep's own wording.
    db.execute(
        """
        CREATE TABLE plan_targets (
            id INTEGER PRIMARY KEY,
            plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
            position INTEGER NOT NULL CHECK (position >= 0),
            metric_key TEXT NOT NULL CHECK (trim(metric_key) <> ''),
            label TEXT NOT NULL DEFAULT '',
            target REAL NOT NULL CHECK (target >= 0),
            UNIQUE (plan_id, metric_key)
        )
        """
    )
    db.execute("CREATE INDEX plan_targets_metric ON plan_targets(metric_key)")


@migration("0003_ladder")
def m0003_ladder(db: Database) -> None:
    """The co-elevation ladder: self-ratings (a rep's, or the manager's own) and my reads.

    Rungs are numbered from the top: 1 Collaboration … 5 Resentment. A self-rating with
    no rep is the manager's own ("Me"). A read is the manager's private view of the
    working relationship with one rep, kept apart so that it can never travel, print or
    show with the self-ratings by accident.
    """
    db.execute(
        """
        CREATE TABLE ladder_ratings (
            id INTEGER PRIMARY KEY,
            rep_id INTEGER REFERENCES reps(id) ON DELETE CASCADE,
            rated_on TEXT NOT NULL
                CHECK (rated_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            rung INTEGER NOT NULL CHECK (rung BETWEEN 1 AND 5),
            why TEXT NOT NULL DEFAULT '',
            occasion TEXT NOT NULL DEFAULT 'one_on_one' CHECK (occasion IN (
                'one_on_one', 'agreement_review', 'manager_group', 'on_my_own')),
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX ladder_ratings_rep_on ON ladder_ratings(rep_id, rated_on)")
    db.execute("CREATE INDEX ladder_ratings_meeting ON ladder_ratings(meeting_id)")
    db.execute(
        """
        CREATE TABLE ladder_reads (
            id INTEGER PRIMARY KEY,
            rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
            read_on TEXT NOT NULL
                CHECK (read_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            rung INTEGER NOT NULL CHECK (rung BETWEEN 1 AND 5),
            change TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX ladder_reads_rep_on ON ladder_reads(rep_id, read_on)")


@migration("0004_numbers")
def m0004_numbers(db: Database) -> None:
    """The metric catalogue, weekly numbers per rep and quarterly targets per rep."""
    db.execute(
        """
        CREATE TABLE metrics (
            key TEXT PRIMARY KEY CHECK (key <> '' AND key NOT GLOB '*[^a-z0-9_]*'),
            label TEXT NOT NULL CHECK (trim(label) <> ''),
            short_label TEXT NOT NULL DEFAULT '',
            unit TEXT NOT NULL DEFAULT 'count' CHECK (unit IN ('count', 'currency')),
            higher_is_better INTEGER NOT NULL DEFAULT 1 CHECK (higher_is_better IN (0, 1)),
            active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
            kind TEXT NOT NULL DEFAULT 'outcome' CHECK (kind IN ('outcome', 'activity')),
            position INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    # Weeks are ISO weeks "YYYY-Www" and quarters "YYYY-Qn": zero-padded, so text order
    # is time order and a range of weeks is a plain BETWEEN.
    db.execute(
        """
        CREATE TABLE weekly_numbers (
            id INTEGER PRIMARY KEY,
            rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
            week TEXT NOT NULL CHECK (week GLOB '[0-9][0-9][0-9][0-9]-W[0-5][0-9]'),
            metric_key TEXT NOT NULL REFERENCES metrics(key) ON UPDATE CASCADE,
            value REAL NOT NULL,
            updated_at TEXT NOT NULL,
            UNIQUE (rep_id, week, metric_key)
        )
        """
    )
    db.execute("CREATE INDEX weekly_numbers_week ON weekly_numbers(week)")
    db.execute("CREATE INDEX weekly_numbers_metric ON weekly_numbers(metric_key)")
    db.execute(
        """
        CREATE TABLE numbers_targets (
            id INTEGER PRIMARY KEY,
            rep_id INTEGER NOT NULL REFERENCES reps(id) ON DELETE CASCADE,
            quarter TEXT NOT NULL CHECK (quarter GLOB '[0-9][0-9][0-9][0-9]-Q[1-4]'),
            metric_key TEXT NOT NULL REFERENCES metrics(key) ON UPDATE CASCADE,
            target REAL NOT NULL CHECK (target >= 0),
            source TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('plan', 'manual')),
            updated_at TEXT NOT NULL,
            UNIQUE (rep_id, quarter, metric_key)
        )
        """
    )
    db.execute("CREATE INDEX numbers_targets_metric ON numbers_targets(metric_key)")
    db.conn.executemany(
        "INSERT INTO metrics(key, label, short_label, unit, higher_is_better, active, kind, "
        "position) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
        [
            (key, label, short, unit, int(active), kind, position)
            for position, (key, label, short, unit, kind, active) in enumerate(STARTER_METRICS)
        ],
    )


@migration("0005_search")
def m0005_search(db: Database) -> None:
    """One full-text index over every note, agenda, commitment, agreement and plan."""
    from coachdesk.store import search

    search.install(db.conn)


@migration("0006_scheduled_meetings")
def m0006_scheduled_meetings(db: Database) -> None:
    """A 1:1 is a record before it happens: scheduled, then held or skipped.

    ``planned_at`` keeps the time it was first set for, so a move shows; ``moved_by`` and
    ``skipped_by`` say whose choice it was (``me`` or ``rep``); ``calendar_key`` is the
    calendar event (and instance) a scheduled 1:1 came from, so a second import of the
    same calendar finds it again. Every meeting already in the journal was held. A rep's
    next 1:1 typed by hand becomes a scheduled 1:1 of its own.
    """
    for column in (
        "status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('scheduled', 'held', 'skipped'))",
        "minutes INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 1440)",
        "planned_at TEXT",
        "moved_by TEXT CHECK (moved_by IS NULL OR moved_by IN ('me', 'rep'))",
        "skipped_by TEXT CHECK (skipped_by IS NULL OR skipped_by IN ('me', 'rep'))",
        "calendar_key TEXT",
    ):
        db.execute(f"ALTER TABLE meetings ADD COLUMN {column}")
    db.execute(
        "CREATE UNIQUE INDEX meetings_calendar_key ON meetings(calendar_key)"
        " WHERE calendar_key IS NOT NULL"
    )
    db.execute("CREATE INDEX meetings_status_held ON meetings(status, held_at)")
    now = db.execute("SELECT strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')").fetchone()[0]
    db.execute(
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


def known_names() -> list[str]:
    """Return the names of every migration this version knows, oldest first."""
    return list(_KNOWN)


# The metric catalogue every journal starts with: (key, label, short label, unit, kind,
# active). Outcomes are on; activity metrics stay off until a rep's plan asks for them.
