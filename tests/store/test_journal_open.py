"""Opening a journal: new, damaged, newer, foreign, locked, read-only.

Every refusal is checked on disk: the journal and its ``-wal``/``-shm`` are byte-for-byte
what they were before coachdesk looked at them.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store import migrations as schema
from coachdesk.store.db import APPLICATION_ID, Journal
from coachdesk.store.errors import (
    JournalDamaged,
    JournalFromNewerVersion,
    JournalLocked,
    KnownProblem,
    NotAJournal,
)
from tests.store.journal_files import add_rep, child_code, python, rep_names, run_python, snapshot

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals and flock are POSIX")


def _filled_journal(paths: Paths, clock: FixedClock, reps: int = 3, notes: str = "") -> None:
    with Journal.open(paths, clock=clock) as journal:
        for i in range(reps):
            add_rep(journal, f"Rep {i:03d}", notes)


def _assert_refused_untouched(paths: Paths, before: dict[str, str | None]) -> None:
    assert snapshot(paths.journal) == before


# ----------------------------------------------------------------- new journals


def test_a_new_journal_has_every_migration(data_paths: Paths, clock: FixedClock) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        report = journal.check()
    assert report.ok, report.problems
    assert report.applied == schema.known_names()
    assert report.pending == []
    conn = sqlite3.connect(data_paths.journal)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_an_empty_file_becomes_a_journal(data_paths: Paths, clock: FixedClock) -> None:
    data_paths.ensure()
    data_paths.journal.write_bytes(b"")
    with Journal.open(data_paths, clock=clock) as journal:
        assert journal.check().applied == schema.known_names()


def test_a_journal_opens_again_with_its_rows(data_paths: Paths, clock: FixedClock) -> None:
    _filled_journal(data_paths, clock)
    with Journal.open(data_paths, clock=clock) as journal:
        assert journal.check().ok
    assert rep_names(data_paths.journal) == ["Rep 000", "Rep 001", "Rep 002"]


# ----------------------------------------------------------------- damaged journals


def _garbage_file(paths: Paths) -> None:
    paths.ensure()
    paths.journal.write_bytes(b"These are not the notes you are looking for.\n" * 400)


def _garbage_header(paths: Paths, clock: FixedClock) -> None:
    _filled_journal(paths, clock)
    with open(paths.journal, "r+b") as handle:
        handle.write(b"\xde\xad\xbe\xef" * 25)


def _truncated(paths: Paths, clock: FixedClock) -> None:
    # Enough rows for many pages, so half the file cuts through the tables.
    _filled_journal(paths, clock, reps=60, notes="A long note about the quarter. " * 60)
    size = paths.journal.stat().st_size
    assert size > 40 * 4096
    os.truncate(paths.journal, size // 2)


@pytest.mark.parametrize("damage", ["garbage file", "garbage header", "truncated"])
@pytest.mark.parametrize("defer_check", [False, True])
def test_a_damaged_journal_is_refused_untouched(
    data_paths: Paths, clock: FixedClock, damage: str, defer_check: bool
) -> None:
    if damage == "garbage file":
        _garbage_file(data_paths)
    elif damage == "garbage header":
        _garbage_header(data_paths, clock)
    else:
        _truncated(data_paths, clock)
    before = snapshot(data_paths.journal)
    assert before["journal.coachdesk-wal"] is None

    with pytest.raises(JournalDamaged) as caught:
        # With the check deferred (as the GUI does until its first paint) the damage
        # is found by the deferred check or the first write: either way, nothing is kept.
        journal = Journal.open(data_paths, clock=clock, defer_check=defer_check)
        try:
            journal.verify()
        finally:
            journal.close()

    message = str(caught.value)
    assert "damaged" in message
    assert "Nothing was written to it" in message
    assert "there is no backup" in message
    _assert_refused_untouched(data_paths, before)


def test_a_damaged_journal_names_the_newest_good_backup(
    data_paths: Paths, clock: FixedClock
) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        add_rep(journal, "Ana")
        journal.backup("manual")
        clock.advance(hours=1)
        good = journal.backup("manual")
        clock.advance(hours=1)
        spoiled = journal.backup("manual")
    spoiled.write_bytes(b"not a backup any more")
    with open(data_paths.journal, "r+b") as handle:
        handle.write(b"\x00" * 100)
    before = snapshot(data_paths.journal)

    with pytest.raises(JournalDamaged) as caught:
        Journal.open(data_paths, clock=clock)

    assert caught.value.newest_backup == good
    assert good.name in str(caught.value)
    assert "Nothing was written to it" in str(caught.value)
    _assert_refused_untouched(data_paths, before)


# ----------------------------------------------------------------- newer journals


def _mark_as_newer(path: Path) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES (?, ?, ?)",
            [schema.MIGRATION_SET, "9999_from_the_future", "2030-01-01"],
        )
    conn.close()


def test_a_journal_from_a_newer_version_is_refused_untouched(
    data_paths: Paths, clock: FixedClock
) -> None:
    _filled_journal(data_paths, clock)
    _mark_as_newer(data_paths.journal)
    before = snapshot(data_paths.journal)

    with pytest.raises(JournalFromNewerVersion) as caught:
        Journal.open(data_paths, clock=clock)
    assert "update coachdesk" in str(caught.value).lower()
    assert caught.value.unknown == ["9999_from_the_future"]
    _assert_refused_untouched(data_paths, before)

    with pytest.raises(JournalFromNewerVersion):
        Journal.open(data_paths, clock=clock, readonly=True)
    assert rep_names(data_paths.journal) == ["Rep 000", "Rep 001", "Rep 002"]
    assert not list(data_paths.backups.iterdir())


@posix_only
@pytest.mark.slow
def test_a_newer_journal_with_a_live_log_is_refused_untouched(data_paths: Paths) -> None:
    """A newer coachdesk crashed, leaving commits in the ``-wal``: neither file changes."""
    proc = python(
        child_code(
            """
            import os, signal
            journal = Journal.open(resolve(sys.argv[1]))
            with journal.write() as db:
                db.conn.execute(
                    "INSERT INTO _sqlite_migrations(migration_set, name, applied_at) "
                    "VALUES ('coachdesk', '9999_from_the_future', '2030-01-01')"
                )
            os.kill(os.getpid(), signal.SIGKILL)
            """
        ),
        str(data_paths.data_dir),
    )
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    wal = data_paths.journal.with_name(data_paths.journal.name + "-wal")
    assert wal.stat().st_size > 0
    main_before = snapshot(data_paths.journal)

    with pytest.raises(JournalFromNewerVersion):
        Journal.open(data_paths)

    after = snapshot(data_paths.journal)
    assert after["journal.coachdesk"] == main_before["journal.coachdesk"]
    assert after["journal.coachdesk-wal"] == main_before["journal.coachdesk-wal"]


# ----------------------------------------------------------------- foreign files


def _foreign_app_id(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1179403647")  # someone else's id
    conn.execute("CREATE TABLE reps (name TEXT)")
    conn.commit()
    conn.close()


def _foreign_tables(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY, caption TEXT)")
    conn.execute("INSERT INTO photos(caption) VALUES ('beach')")
    conn.commit()
    conn.close()


def _foreign_migrations(path: Path) -> None:
    # Another program built on the same migrations library: it has a
    # _sqlite_migrations table, but none of coachdesk's.
    db = Database(path)
    other = Migrations("recipes")

    @other(name="0001_recipes")
    def recipes(db: Database) -> None:
        db.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT)")

    other.apply(db)
    db.close()


@pytest.mark.parametrize("make", [_foreign_app_id, _foreign_tables, _foreign_migrations])
def test_a_file_from_another_app_is_not_a_journal(
    data_paths: Paths, clock: FixedClock, make: Callable[[Path], None]
) -> None:
    data_paths.ensure()
    make(data_paths.journal)
    before = snapshot(data_paths.journal)

    with pytest.raises(NotAJournal) as caught:
        Journal.open(data_paths, clock=clock)
    assert "is not a coachdesk journal" in str(caught.value)
    _assert_refused_untouched(data_paths, before)

    with pytest.raises(NotAJournal):
        Journal.open(data_paths, clock=clock, readonly=True)


# ----------------------------------------------------------------- one writer


HOLDER = """
journal = Journal.open(resolve(sys.argv[1]), holder=sys.argv[2])
with journal.write() as db:
    db.conn.execute(
        "INSERT INTO reps(name, created_at, updated_at) VALUES ('Held', '2026-01-01', '2026-01-01')"
    )
print("holding", flush=True)
sys.stdin.read()
journal.close()
"""


@pytest.fixture
def holder(data_paths: Paths) -> Iterator[subprocess.Popen[str]]:
    """Another coachdesk process that has the journal open for writing."""
    proc = python(child_code(HOLDER), str(data_paths.data_dir), "command", stdin=subprocess.PIPE)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line == "holding\n", proc.stderr.read() if proc.stderr else line
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=30)


@posix_only
@pytest.mark.slow
def test_a_second_writer_is_refused_until_the_first_dies(
    data_paths: Paths, clock: FixedClock, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(JournalLocked) as caught:
        Journal.open(data_paths, clock=clock)
    # A command holds it: "switch to the window" would send the user looking for one.
    said = str(caught.value)
    assert f"A coachdesk command (process {holder.pid}) is using this journal" in said
    assert "Wait for it to finish" in said and "window" not in said

    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(timeout=30)

    with Journal.open(data_paths, clock=clock) as journal:
        add_rep(journal, "After the crash")
        assert journal.check().ok
    assert rep_names(data_paths.journal) == ["Held", "After the crash"]


@posix_only
@pytest.mark.slow
def test_a_window_holding_the_journal_is_named_as_the_window(data_paths: Paths) -> None:
    Journal.open(data_paths).close()
    proc = python(child_code(HOLDER), str(data_paths.data_dir), "app", stdin=subprocess.PIPE)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "holding\n"
        with pytest.raises(JournalLocked) as caught:
            Journal.open(data_paths)
        assert caught.value.holder == "app"
        assert "coachdesk is already open on this journal" in str(caught.value)
        assert "Switch to the window" in str(caught.value)
    finally:
        proc.communicate("", timeout=30)


def test_a_second_writer_in_the_same_process_is_refused(
    data_paths: Paths, clock: FixedClock
) -> None:
    with Journal.open(data_paths, clock=clock), pytest.raises(JournalLocked):
        Journal.open(data_paths, clock=clock)
    with Journal.open(data_paths, clock=clock):
        pass  # released by close()


@posix_only
@pytest.mark.slow
def test_reading_alongside_the_writer(
    data_paths: Paths, clock: FixedClock, holder: subprocess.Popen[str]
) -> None:
    with Journal.open(data_paths, clock=clock, readonly=True) as reader:
        assert reader.readonly
        assert [r[0] for r in reader.db.conn.execute("SELECT name FROM reps")] == ["Held"]
        with pytest.raises(KnownProblem, match="reading only"), reader.write():
            pass


def test_reading_refuses_a_missing_journal(data_paths: Paths) -> None:
    with pytest.raises(KnownProblem, match="There is no journal"):
        Journal.open(data_paths, readonly=True)
    assert not data_paths.journal.exists()


# ----------------------------------------------------------------- read-only folders


READ_ONLY_OPEN = """
import os
from coachdesk.store.errors import KnownProblem
paths = resolve(sys.argv[1])
try:
    Journal.open(paths)
except KnownProblem as problem:
    print(type(problem).__name__, problem, sep="|")
else:
    print("opened")
"""


@pytest.mark.slow
@pytest.mark.parametrize("lock_file", ["kept", "absent"])
def test_a_read_only_folder_is_a_clear_problem(
    data_paths: Paths, clock: FixedClock, lock_file: str
) -> None:
    _filled_journal(data_paths, clock)
    if lock_file == "absent":
        data_paths.lock.unlink()
    before = snapshot(data_paths.journal)
    data_paths.data_dir.chmod(0o500)
    try:
        out = run_python(
            child_code(READ_ONLY_OPEN), str(data_paths.data_dir), unprivileged=True
        ).strip()
    finally:
        data_paths.data_dir.chmod(0o700)
    kind, _, message = out.partition("|")
    assert kind in ("WriteFailed", "KnownProblem"), out
    assert "cannot be written to" in message
    assert str(data_paths.data_dir) in message
    _assert_refused_untouched(data_paths, before)


def test_a_data_folder_that_is_a_file_is_a_clear_problem(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(KnownProblem, match="cannot use"):
        Journal.open(Paths(blocker))
    assert blocker.read_text() == "a file where the data folder should be"


def test_a_folder_where_the_journal_should_be_is_a_clear_problem(data_paths: Paths) -> None:
    data_paths.journal.mkdir(parents=True)
    with pytest.raises(KnownProblem, match=r"journal\.coachdesk"):
        Journal.open(data_paths)
    with pytest.raises(KnownProblem):
        Journal.open(data_paths, readonly=True)
