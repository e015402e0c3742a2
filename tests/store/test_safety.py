"""Nothing lost and nothing shown: crashes, full disks, restores and file permissions.

These tests look at the disk: they kill real writer processes, read the journal with
plain SQLite afterwards, and stat every file coachdesk leaves behind.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.store.backups import list_backups
from coachdesk.store.changes import Change
from coachdesk.store.db import Journal
from coachdesk.store.errors import KnownProblem, WriteFailed
from coachdesk.store.restore import restore
from tests.store.journal_files import (
    add_rep,
    child_code,
    copy_main_file_only,
    integrity,
    python,
    rep_names,
    run_python,
)

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals and modes are POSIX")

# ----------------------------------------------------------------- killed writers

KILL_ROUNDS = 20

# Each write adds a rep and a meeting whose note grows with the counter, so some
# transactions span many pages and a kill can land in the middle of writing them.
WRITER = """
journal = Journal.open(resolve(sys.argv[1]))
round_ = sys.argv[2]
print("ready", flush=True)
n = 0
while True:
    n += 1
    now = journal.now()
    with journal.write("reps", "meetings") as db:
        rep_id = db.conn.execute(
            "INSERT INTO reps(name, created_at, updated_at) VALUES (?, ?, ?)",
            [f"round {round_} rep {n}", now, now],
        ).lastrowid
        db.conn.execute(
            "INSERT INTO meetings(rep_id, held_at, notes, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [rep_id, now, f"note {n} " + "x" * (n % 40 * 300), now, now],
        )
    print(rep_id, round_, n, flush=True)
"""


def _expected_note(n: int) -> str:
    return f"note {n} " + "x" * (n % 40 * 300)


def _read_lines(proc: subprocess.Popen[str], lines: list[str], first_id: threading.Event) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        lines.append(line)
        if len(lines) >= 2:
            first_id.set()


@posix_only
@pytest.mark.slow
def test_killed_writers_lose_nothing_they_reported(data_paths: Paths) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    started = time.monotonic()
    committed: dict[int, tuple[str, int]] = {}
    for round_ in range(KILL_ROUNDS):
        proc = python(child_code(WRITER), str(data_paths.data_dir), str(round_))
        lines: list[str] = []
        first_id = threading.Event()
        reader = threading.Thread(target=_read_lines, args=(proc, lines, first_id))
        reader.start()
        if not first_id.wait(timeout=30):
            proc.kill()
            reader.join()
            _, err = proc.communicate()
            pytest.fail(f"round {round_}: the writer never wrote (seed {seed}):\n{err}")
        # Kill somewhere mid-loop: after it is surely writing, at a random moment.
        time.sleep(rng.uniform(0.0, 0.25))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        reader.join(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        assert proc.stderr is not None
        proc.stderr.close()

        # A line cut short by the kill was never reported, so it promises nothing.
        reported = [line.split() for line in lines[1:] if line.endswith("\n")]
        assert reported, f"round {round_}: nothing reported (seed {seed})"
        for rep_id, _round, n in reported:
            committed[int(rep_id)] = (f"round {_round} rep {n}", int(n))

        journal = data_paths.journal
        assert integrity(journal) == ["ok"], f"round {round_} (seed {seed})"
        uri = journal.absolute().as_uri() + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True)
        try:
            stored = {
                rep_id: (name, notes)
                for rep_id, name, notes in conn.execute(
                    "SELECT r.id, r.name, m.notes FROM reps r JOIN meetings m ON m.rep_id = r.id"
                )
            }
        finally:
            conn.close()
        for rep_id, (name, n) in committed.items():
            assert stored.get(rep_id) == (name, _expected_note(n)), (
                f"round {round_}: rep {rep_id} reported but not stored (seed {seed})"
            )

    with Journal.open(data_paths) as journal:
        report = journal.check()
    assert report.ok, report.problems
    assert len(committed) >= KILL_ROUNDS
    assert time.monotonic() - started < 60


# ----------------------------------------------------------------- full disk


def test_a_failed_write_keeps_everything_before_it(data_paths: Paths, clock: FixedClock) -> None:
    journal = Journal.open(data_paths, clock=clock)
    try:
        for name in ("Ana", "Ben", "Chloé"):
            add_rep(journal, name)
        revision = journal.revision()
        conn = journal.db.conn
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        # A disk that fills up: the journal may grow by two pages and no more.
        conn.execute(f"PRAGMA max_page_count = {pages + 2}")

        with pytest.raises(WriteFailed) as caught:
            add_rep(journal, "Dan", notes="A very long note. " * 50_000)
        message = str(caught.value)
        assert "disk is full" in message
        assert "Everything saved before it is safe" in message
        assert journal.revision() == revision

        # Still usable for small writes in the same session.
        with journal.write("reps") as db:
            db.conn.execute("UPDATE reps SET title = 'Team lead' WHERE name = 'Ana'")
        assert journal.revision() == revision + 1
    finally:
        journal.close()

    assert integrity(data_paths.journal) == ["ok"]
    assert rep_names(data_paths.journal) == ["Ana", "Ben", "Chloé"]
    with Journal.open(data_paths, clock=clock) as reopened:
        titles = dict(reopened.db.conn.execute("SELECT name, title FROM reps").fetchall())
        assert titles == {"Ana": "Team lead", "Ben": "", "Chloé": ""}
        assert reopened.db.conn.execute("SELECT count(*) FROM meetings").fetchone()[0] == 0


# ----------------------------------------------------------------- restore


# Writes rows that stay in the write-ahead log, then dies before it can close.
DIE_WITH_A_LIVE_LOG = """
import os, signal
journal = Journal.open(resolve(sys.argv[1]))
journal.db.conn.execute("PRAGMA wal_autocheckpoint = 0")
now = journal.now()
for name in sys.argv[2:]:
    with journal.write("reps") as db:
        db.conn.execute(
            "INSERT INTO reps(name, created_at, updated_at) VALUES (?, ?, ?)", [name, now, now]
        )
    print(name, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""

IN_THE_LOG = ["Logged 1", "Logged 2", "Logged 3", "Logged 4", "Logged 5"]


def _die_with_a_live_log(paths: Paths, tmp_path: Path) -> None:
    proc = python(child_code(DIE_WITH_A_LIVE_LOG), str(paths.data_dir), *IN_THE_LOG)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, err
    assert out.split("\n")[:-1] == IN_THE_LOG
    wal = paths.journal.with_name(paths.journal.name + "-wal")
    assert wal.stat().st_size > 0
    # Proof that the rows are only in the log: the journal file alone lacks them.
    alone = copy_main_file_only(paths.journal, tmp_path / "main-file-only.db")
    assert not set(IN_THE_LOG) & set(rep_names(alone))


@posix_only
@pytest.mark.slow
def test_restore_over_a_live_log_loses_nothing(
    data_paths: Paths, clock: FixedClock, tmp_path: Path
) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        for name in ("Backed 1", "Backed 2"):
            add_rep(journal, name)
        backup = journal.backup("manual")
    _die_with_a_live_log(data_paths, tmp_path)
    clock.advance(minutes=5)

    moved = restore(data_paths, backup, clock=clock)

    assert moved is not None and moved.exists()
    assert integrity(moved) == ["ok"]
    assert rep_names(moved) == ["Backed 1", "Backed 2", *IN_THE_LOG]
    assert rep_names(data_paths.journal) == ["Backed 1", "Backed 2"]
    before_restore = [p for p in list_backups(data_paths) if "before-restore" in p.name]
    assert len(before_restore) == 1
    assert rep_names(before_restore[0]) == ["Backed 1", "Backed 2", *IN_THE_LOG]
    with Journal.open(data_paths, clock=clock) as journal:
        assert journal.check().ok


@posix_only
@pytest.mark.slow
def test_restore_moves_an_unreadable_journal_aside_with_its_log(
    data_paths: Paths, clock: FixedClock, tmp_path: Path
) -> None:
    """A journal that cannot be checked is moved as it is, its ``-wal`` beside it."""
    with Journal.open(data_paths, clock=clock) as journal:
        add_rep(journal, "Backed 1")
        backup = journal.backup("manual")
    _die_with_a_live_log(data_paths, tmp_path)
    # A newer coachdesk's journal: this version refuses to look inside, so it cannot
    # fold the log into the file before moving it.
    wal = data_paths.journal.with_name(data_paths.journal.name + "-wal")
    proc = python(
        child_code(
            """
            import os, signal
            journal = Journal.open(resolve(sys.argv[1]))
            journal.db.conn.execute("PRAGMA wal_autocheckpoint = 0")
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
    assert wal.stat().st_size > 0

    moved = restore(data_paths, backup, clock=clock)

    assert moved is not None
    assert moved.with_name(moved.name + "-wal").exists()
    alone = copy_main_file_only(moved, tmp_path / "moved-main-file-only.db")
    assert not set(IN_THE_LOG) & set(rep_names(alone))
    assert rep_names(moved) == ["Backed 1", *IN_THE_LOG]
    assert rep_names(data_paths.journal) == ["Backed 1"]


def test_restore_refuses_a_bad_backup_and_changes_nothing(
    data_paths: Paths, clock: FixedClock, tmp_path: Path
) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        add_rep(journal, "Kept")
    bad = tmp_path / "bad.coachdesk"
    bad.write_bytes(b"definitely not a journal" * 100)
    before = data_paths.journal.read_bytes()

    with pytest.raises(KnownProblem, match="not a sound journal backup"):
        restore(data_paths, bad, clock=clock)
    assert data_paths.journal.read_bytes() == before
    assert not list(data_paths.data_dir.glob("*.replaced-*"))


# ----------------------------------------------------------------- permissions


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _assert_nothing_shared(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        assert _mode(path) & 0o077 == 0, f"{path} is {oct(_mode(path))}"


@posix_only
@pytest.mark.slow
def test_the_app_start_up_makes_every_file_private(tmp_path: Path) -> None:
    """``coachdesk backup`` from a shell with the usual umask 022 leaves nothing shared."""
    data = tmp_path / "fresh-data"
    proc = subprocess.run(
        [sys.executable, "-m", "coachdesk", "--data-dir", str(data), "backup"],
        capture_output=True,
        text=True,
        timeout=120,
        umask=0o022,
    )
    assert proc.returncode == 0, proc.stderr
    paths = Paths(data)
    assert _mode(data) == 0o700
    assert _mode(paths.backups) == 0o700
    assert _mode(paths.journal) == 0o600
    assert _mode(paths.lock) == 0o600
    backups = list_backups(paths)
    assert len(backups) == 1 and _mode(backups[0]) == 0o600
    _assert_nothing_shared(data)


HOLD_OPEN = """
journal = Journal.open(resolve(sys.argv[1]))
with journal.write() as db:
    db.conn.execute(
        "INSERT INTO reps(name, created_at, updated_at) VALUES ('Ana', '2026-01-01', '2026-01-01')"
    )
journal.backup("manual")
print("open", flush=True)
sys.stdin.read()
journal.close()
"""


@posix_only
@pytest.mark.slow
def test_the_log_files_of_an_open_journal_are_private(tmp_path: Path) -> None:
    data = tmp_path / "open-data"
    proc = python(child_code(HOLD_OPEN), str(data), stdin=subprocess.PIPE, umask=0o022)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "open\n"
        paths = Paths(data)
        journal = paths.journal
        files = [journal, *(journal.with_name(journal.name + s) for s in ("-wal", "-shm"))]
        for path in files:
            assert path.exists(), path
            assert _mode(path) == 0o600, f"{path.name} is {oct(_mode(path))}"
        assert _mode(data) == 0o700
        assert [_mode(p) for p in list_backups(paths)] == [0o600]
        _assert_nothing_shared(data)
    finally:
        _, err = proc.communicate("", timeout=30)
    assert proc.returncode == 0, err


@posix_only
def test_journal_and_backups_are_private_even_without_the_umask(tmp_path: Path) -> None:
    """The store does not rely on the umask alone for the files that hold notes."""
    out = run_python(
        """
import os, sys
os.umask(0o022)
from coachdesk.paths import resolve
from coachdesk.store.db import Journal
with Journal.open(resolve(sys.argv[1])) as journal:
    print(journal.backup("manual"))
""",
        str(tmp_path / "lib-data"),
    )
    backup = Path(out.strip())
    assert _mode(backup) == 0o600
    assert _mode(tmp_path / "lib-data" / "journal.coachdesk") == 0o600
    assert _mode(tmp_path / "lib-data") == 0o700


# ----------------------------------------------------------------- transactions


def test_the_writer_runs_with_wal_and_full_sync(data_paths: Paths, clock: FixedClock) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        conn = journal.db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_write_that_raises_keeps_nothing_of_itself(data_paths: Paths, clock: FixedClock) -> None:
    with Journal.open(data_paths, clock=clock) as journal:
        add_rep(journal, "Ana")
        revision = journal.revision()
        seen: list[Change] = []
        journal.add_listener(seen.append)
        with pytest.raises(ValueError), journal.write("reps") as db:
            db.conn.execute(
                "INSERT INTO reps(name, created_at, updated_at) VALUES ('Half', 'x', 'x')"
            )
            raise ValueError("the form was not valid after all")
        assert journal.revision() == revision
        assert [c.subjects for c in seen] == [], "no change notice for a write that did not happen"
    assert rep_names(data_paths.journal) == ["Ana"]


def test_a_journal_busy_in_another_program_is_a_clear_problem(
    data_paths: Paths, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachdesk.store import db as db_module

    monkeypatch.setattr(db_module, "BUSY_TIMEOUT_MS", 200)
    with Journal.open(data_paths, clock=clock) as journal:
        add_rep(journal, "Ana")
        # A sync tool or a SQLite browser holding a write transaction on the file.
        other = sqlite3.connect(data_paths.journal, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(WriteFailed, match="busy in another program"):
                add_rep(journal, "Ben")
            other.execute("ROLLBACK")
        finally:
            other.close()
        add_rep(journal, "Ben")
    assert rep_names(data_paths.journal) == ["Ana", "Ben"]
