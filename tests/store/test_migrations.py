"""The schema history: replayed from nothing and from a committed first-schema journal.

``tests/fixtures/journal-v1.coachdesk`` was made by ``tests/fixtures/make_v1_journal.py``
with the first migration only. Every later migration must carry its rows forward.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store import migrations as schema
from coachdesk.store.backups import list_backups
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem
from tests.store.journal_files import rep_names, snapshot

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
V1_JOURNAL = FIXTURES / "journal-v1.coachdesk"
V1_SCRIPT = FIXTURES / "make_v1_journal.py"
V1_APPLIED = ["0001_core"]


def _applied(path: Path) -> list[str]:
    # The committed fixture is read as immutable, so no -wal/-shm appear beside it.
    uri = path.absolute().as_uri() + ("?immutable=1" if path == V1_JOURNAL else "?mode=ro")
    conn = sqlite3.connect(uri, uri=True)
    try:
        return [
            r[0]
            for r in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid",
                [schema.MIGRATION_SET],
            )
        ]
    finally:
        conn.close()


def _install_v1(paths: Paths) -> None:
    paths.ensure()
    shutil.copyfile(V1_JOURNAL, paths.journal)


@pytest.fixture
def extra_migration(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Pretend this version knows one more migration than it does; yield a run log."""
    ran: list[str] = []
    history = Migrations(schema.MIGRATION_SET)
    for step in schema.migration_set()._migrations:
        history(name=step.name, transactional=step.transactional)(step.fn)

    @history(name="9001_test_goals")
    def add_goals(db: Database) -> None:
        ran.append("9001_test_goals")
        db.execute("ALTER TABLE reps ADD COLUMN test_goal TEXT NOT NULL DEFAULT ''")

    monkeypatch.setattr(schema, "_built", history)
    monkeypatch.setattr(schema, "_KNOWN", [*schema.known_names(), "9001_test_goals"])
    yield ran


# ----------------------------------------------------------------- the fixture


def test_the_fixture_is_a_first_schema_journal() -> None:
    assert _applied(V1_JOURNAL) == V1_APPLIED
    assert not V1_JOURNAL.with_name(V1_JOURNAL.name + "-wal").exists()
    assert V1_JOURNAL.read_bytes()[:16] == b"SQLite format 3\x00"


def test_the_fixture_script_still_makes_a_first_schema_journal(tmp_path: Path) -> None:
    out = tmp_path / "made-v1.coachdesk"
    proc = subprocess.run(
        [sys.executable, str(V1_SCRIPT), str(out)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    assert _applied(out) == V1_APPLIED
    assert rep_names(out) == ["V1 Ana Fixture", "V1 Ben Fixture", "V1 Zoë Müller — ☕"]


def test_the_fixture_script_pins_itself_to_the_first_migration(
    tmp_path: Path, extra_migration: list[str]
) -> None:
    from tests.fixtures import make_v1_journal

    out = make_v1_journal.make(tmp_path / "made-v1.coachdesk")
    assert _applied(out) == V1_APPLIED
    assert extra_migration == []


# ----------------------------------------------------------------- replaying


def test_every_migration_replays_from_an_empty_file(data_paths: Paths, clock: FixedClock) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        report = journal.check()
    assert report.ok, report.problems
    assert _applied(data_paths.journal) == schema.known_names()
    assert list_backups(data_paths) == [], "nothing to back up in a new journal"


def test_every_migration_replays_on_the_first_schema_journal(
    data_paths: Paths, clock: FixedClock
) -> None:
    _install_v1(data_paths)
    with Journal.open(data_paths, clock=clock) as journal:
        report = journal.check()
        conn = journal.db.conn
        teams = conn.execute("SELECT id, name, cadence_days FROM teams ORDER BY id").fetchall()
        reps = conn.execute(
            "SELECT id, name, email, team_id, territory FROM reps ORDER BY id"
        ).fetchall()
        meetings = conn.execute(
            "SELECT id, rep_id, kind, notes, private_notes FROM meetings ORDER BY id"
        ).fetchall()
        commitments = conn.execute(
            "SELECT id, owner, text, status FROM commitments ORDER BY id"
        ).fetchall()
        setting = conn.execute(
            "SELECT value FROM settings WHERE key = 'v1_fixture_setting'"
        ).fetchone()
        questions = [r[0] for r in conn.execute("SELECT text FROM coaching_questions")]
        revision = journal.revision()

    assert report.ok, report.problems
    assert report.applied == schema.known_names()
    assert teams == [(1, "V1 Fixture Team North", 7), (2, "V1 Fixture Team Süd", 14)]
    assert reps == [
        (1, "V1 Ana Fixture", "ana.v1@example.com", 1, "Nordics"),
        (2, "V1 Ben Fixture", "ben.v1@example.com", 1, "Benelux"),
        (3, "V1 Zoë Müller — ☕", "zoe.v1@example.com", 2, "DACH"),
    ]
    assert meetings == [
        (1, 1, "one_on_one", "V1 note: Acme renewal is at risk.",
         "V1 private: considering a stretch role"),
        (2, 1, "qbr", "V1 note: QBR went well ✅", ""),
        (3, 3, "role_play", "V1 note: cold-call role play 📞", ""),
    ]  # fmt: skip
    assert commitments == [
        (1, "rep", "V1 commitment: send the Acme proposal", "done"),
        (2, "manager", "V1 commitment: intro to the CFO", "open"),
        (3, "rep", "V1 commitment: three discovery calls", "open"),
    ]
    assert setting == ('"V1 setting value"',)
    assert "V1 fixture question: what surprised you this week?" in questions
    assert len(questions) == len(schema.STARTER_QUESTIONS) + 1
    assert revision == 7

    # A copy is taken before updating, and only when there was something to update.
    updates = [p for p in list_backups(data_paths) if "before-update" in p.name]
    if len(schema.known_names()) > len(V1_APPLIED):
        assert len(updates) == 1
        assert _applied(updates[0]) == V1_APPLIED
        assert rep_names(updates[0]) == [r[1] for r in reps]
    else:
        assert updates == []


def test_a_pending_migration_is_backed_up_then_applied_once(
    data_paths: Paths, clock: FixedClock, extra_migration: list[str]
) -> None:
    _install_v1(data_paths)
    with Journal.open(data_paths, clock=clock) as journal:
        assert journal.check().applied == [*schema.known_names()]
        goals = journal.db.conn.execute("SELECT test_goal FROM reps").fetchall()
        assert goals == [("",), ("",), ("",)]
    assert extra_migration == ["9001_test_goals"]
    updates = [p for p in list_backups(data_paths) if "before-update" in p.name]
    assert len(updates) == 1
    assert _applied(updates[0]) == V1_APPLIED

    clock.advance(hours=1)
    with Journal.open(data_paths, clock=clock):
        pass
    assert extra_migration == ["9001_test_goals"], "applied once, never again"
    assert len([p for p in list_backups(data_paths) if "before-update" in p.name]) == 1


def test_a_renamed_migration_function_does_not_run_again(
    data_paths: Paths, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install_v1(data_paths)
    with Journal.open(data_paths, clock=clock):
        pass
    history = Migrations(schema.MIGRATION_SET)
    ran: list[str] = []
    for step in schema.migration_set()._migrations:

        def renamed(db: Database, _name: str = step.name) -> None:
            ran.append(_name)
            raise AssertionError(f"{_name} ran a second time")

        renamed.__name__ = f"renamed_{step.fn.__name__}"
        history(name=step.name, transactional=step.transactional)(renamed)
    monkeypatch.setattr(schema, "_built", history)

    with Journal.open(data_paths, clock=clock) as journal:
        assert journal.check().ok
    assert ran == []
    assert rep_names(data_paths.journal)[0] == "V1 Ana Fixture"


def test_a_failing_migration_leaves_the_journal_as_it_was(
    data_paths: Paths, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install_v1(data_paths)
    known = schema.known_names()
    history = Migrations(schema.MIGRATION_SET)
    for step in schema.migration_set()._migrations:
        history(name=step.name, transactional=step.transactional)(step.fn)

    @history(name="9002_test_broken")
    def broken(db: Database) -> None:
        db.execute("ALTER TABLE reps ADD COLUMN half_done TEXT")
        raise RuntimeError("a bug in a migration")

    monkeypatch.setattr(schema, "_built", history)
    monkeypatch.setattr(schema, "_KNOWN", [*schema.known_names(), "9002_test_broken"])

    with pytest.raises(RuntimeError, match="a bug in a migration"):
        Journal.open(data_paths, clock=clock)

    assert _applied(data_paths.journal) == known
    conn = sqlite3.connect(data_paths.journal)
    try:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(reps)")]
    finally:
        conn.close()
    assert "half_done" not in columns
    assert rep_names(data_paths.journal)[0] == "V1 Ana Fixture"
    assert len([p for p in list_backups(data_paths) if "before-update" in p.name]) == 1
    # The lock was let go: the journal opens again once the bug is gone.
    monkeypatch.undo()
    with Journal.open(data_paths, clock=clock) as journal:
        assert journal.check().ok


# ----------------------------------------------------------------- reading only


def test_reading_only_refuses_a_journal_that_needs_updating(
    data_paths: Paths, clock: FixedClock, extra_migration: list[str]
) -> None:
    _install_v1(data_paths)
    before = snapshot(data_paths.journal)
    with pytest.raises(KnownProblem, match="needs updating"):
        Journal.open(data_paths, clock=clock, readonly=True)
    assert extra_migration == []
    after = snapshot(data_paths.journal)
    assert after["journal.coachdesk"] == before["journal.coachdesk"]
    assert list_backups(data_paths) == []


def test_reading_only_opens_an_up_to_date_journal(data_paths: Paths, clock: FixedClock) -> None:
    _install_v1(data_paths)
    with Journal.open(data_paths, clock=clock):
        pass
    with Journal.open(data_paths, clock=clock, readonly=True) as journal:
        assert journal.readonly
        assert journal.check().ok


def test_migration_names_are_unique_and_in_order() -> None:
    names = schema.known_names()
    assert names[0] == "0001_core"
    assert len(set(names)) == len(names)
    assert [m.name for m in schema.migration_set()._migrations] == names


def test_a_name_cannot_be_registered_twice() -> None:
    before = schema.known_names()
    with pytest.raises(ValueError, match="already registered"):

        @schema.migration("0001_core")
        def again(db: Database) -> None:
            raise AssertionError("never runs")

    assert schema.known_names() == before


def test_a_next_1_1_typed_before_scheduled_meetings_becomes_one(
    data_paths: Paths, clock: FixedClock
) -> None:
    import sqlite3

    _install_v1(data_paths)
    conn = sqlite3.connect(data_paths.journal)
    with conn:
        conn.execute("UPDATE reps SET next_meeting_at = '2026-12-01T10:00' WHERE id = 1")
        # Zoë's 1:1 that day is in the journal already: it is that 1:1.
        conn.execute("UPDATE reps SET next_meeting_at = '2026-12-02T10:00' WHERE id = 3")
        conn.execute("UPDATE meetings SET held_at = '2026-12-02T10:05' WHERE id = 3")
    conn.close()
    with Journal.open(data_paths, clock=clock) as journal:
        rows = journal.db.conn.execute(
            "SELECT rep_id, held_at, status, planned_at FROM meetings WHERE id > 3"
        ).fetchall()
        statuses = {r[0] for r in journal.db.conn.execute("SELECT status FROM meetings")}
    assert rows == [(1, "2026-12-01T10:00", "scheduled", "2026-12-01T10:00")]
    assert statuses == {"held", "scheduled"}
