"""Long operations tell how far they are, and stop only where nothing is left half-done.

Every stopped operation must leave the journal, its backups and the data folder exactly
as they were, with no temporary file behind.
"""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from coachdesk.dates import FixedClock
from coachdesk.imports import load_roster
from coachdesk.imports.numbers import load_numbers
from coachdesk.paths import Paths
from coachdesk.sample.team import make_sample
from coachdesk.store import progress as progress_module
from coachdesk.store import protection, reps, transfer
from coachdesk.store.backups import list_backups
from coachdesk.store.cipher import looks_protected
from coachdesk.store.db import Journal
from coachdesk.store.errors import sqlite_errors
from coachdesk.store.progress import SCALE, Cancelled, Tracker
from coachdesk.store.restore import restore

PASSPHRASE = "amber kettle over the moor"


@pytest.fixture(autouse=True)
def _report_often(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every step reports (a small journal is done before the usual 20 ms go by)."""
    monkeypatch.setattr(progress_module, "TELL_EVERY_S", 0.0)
    monkeypatch.setattr(progress_module, "POLL_S", 0.002)


class Heard:
    """A progress callback that records what it hears and can ask to stop."""

    def __init__(self, stop_at: int | None = None) -> None:
        self.calls: list[tuple[int, int]] = []
        self.threads: set[int] = set()
        self.stop_at = stop_at
        self.asked_to_stop_at: int | None = None

    def __call__(self, done: int, total: int) -> bool:
        self.calls.append((done, total))
        self.threads.add(threading.get_ident())
        if self.stop_at is not None and done >= self.stop_at:
            if self.asked_to_stop_at is None:
                self.asked_to_stop_at = done
            return False
        return True


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _folder(paths: Paths) -> dict[str, str]:
    """Every file of the data folder (but SQLite's -wal/-shm and the lock) and its hash."""
    found = {}
    for path in sorted(paths.data_dir.rglob("*")):
        if path.is_file() and not path.name.endswith(("-wal", "-shm", ".lock")):
            found[str(path.relative_to(paths.data_dir))] = _digest(path)
    return found


def _stray(paths: Paths) -> list[str]:
    leftovers = (".partial", ".converting", ".previous", ".restoring")
    return [p.name for p in paths.data_dir.rglob("*") if any(s in p.name for s in leftovers)]


def _rows(journal: Journal) -> dict[str, Any]:
    return transfer.export_data(journal, include_private=True)


@pytest.fixture
def filled(data_paths: Paths, clock: FixedClock) -> Journal:
    """A journal with a sample team, a backup, its log folded in, opened for writing."""
    journal = Journal.open(data_paths, clock=clock)
    make_sample(journal, reps=12, weeks=12, seed=3)
    journal.backup("manual")
    journal.checkpoint()
    return journal


def _settled(journal: Journal) -> tuple[dict[str, str], dict[str, Any]]:
    journal.checkpoint()
    return _folder(journal.paths), _rows(journal)


# ----------------------------------------------------------------- protect, unprotect


def test_protecting_reports_on_the_calling_thread_from_start_to_end(filled: Journal) -> None:
    heard = Heard()
    protection.protect(filled, PASSPHRASE, progress=heard)
    assert filled.protected
    done = [d for d, _ in heard.calls]
    assert len(done) > 5
    assert done[0] == 0 and heard.calls[-1] == (SCALE, SCALE)
    assert done == sorted(done), "progress never goes back"
    assert {t for _, t in heard.calls} == {SCALE}
    assert heard.threads == {threading.get_ident()}, "only the caller's thread hears"
    filled.close()


@pytest.mark.parametrize("stop_at", [0, 100, 250, 450, 600, 700])
def test_a_stopped_protection_leaves_everything_as_it_was(filled: Journal, stop_at: int) -> None:
    before = _settled(filled)
    heard = Heard(stop_at)
    with pytest.raises(Cancelled):
        protection.protect(filled, PASSPHRASE, progress=heard)
    assert heard.asked_to_stop_at is not None
    assert not filled.protected
    assert not looks_protected(filled.path)
    assert _settled(filled) == before, "the journal, its backups and every file as before"
    assert _stray(filled.paths) == []
    # And the journal goes on as usual.
    reps.add_rep(filled, reps.NewRep("After the stop"))
    filled.close()
    with Journal.open(filled.paths) as again:
        assert [r.name for r in reps.list_reps(again) if r.name == "After the stop"]


def test_a_stop_asked_after_the_swap_is_too_late_and_protection_finishes(
    filled: Journal,
) -> None:
    heard = Heard(stop_at=985)  # the last stage: wiping the plain files
    protection.protect(filled, PASSPHRASE, progress=heard)
    assert heard.asked_to_stop_at is not None
    assert filled.protected and looks_protected(filled.path)
    assert _stray(filled.paths) == []
    filled.close()


def test_a_stopped_unprotect_leaves_the_journal_protected_and_unchanged(
    filled: Journal,
) -> None:
    protection.protect(filled, PASSPHRASE)
    before = _settled(filled)
    with pytest.raises(Cancelled):
        protection.unprotect(filled, PASSPHRASE, progress=Heard(stop_at=300))
    assert filled.protected and looks_protected(filled.path)
    assert _settled(filled) == before
    assert _stray(filled.paths) == []
    filled.close()


def test_turning_protection_off_reports_and_finishes(filled: Journal) -> None:
    protection.protect(filled, PASSPHRASE)
    heard = Heard()
    protection.unprotect(filled, PASSPHRASE, progress=heard)
    assert not filled.protected and not looks_protected(filled.path)
    assert heard.calls[-1] == (SCALE, SCALE) and len(heard.calls) > 5
    filled.close()


def test_changing_the_passphrase_cannot_be_stopped(filled: Journal) -> None:
    protection.protect(filled, PASSPHRASE)
    heard = Heard(stop_at=0)  # asks to stop from the very first report
    protection.change_passphrase(filled, PASSPHRASE, "a new one", progress=heard)
    assert heard.calls[-1] == (SCALE, SCALE)
    assert heard.threads == {threading.get_ident()}
    filled.close()
    with Journal.open(filled.paths, passphrase="a new one") as again:
        assert again.protected
    assert all(looks_protected(b) for b in list_backups(filled.paths))


# ----------------------------------------------------------------- restore


@pytest.mark.parametrize("stop_at", [0, 200, 500, 700])
def test_a_stopped_restore_leaves_the_journal_and_backups_as_they_were(
    filled: Journal, stop_at: int
) -> None:
    chosen = list_backups(filled.paths)[0]
    reps.add_rep(filled, reps.NewRep("Added since the backup"))
    paths = filled.paths
    before = _settled(filled)
    filled.close()
    with pytest.raises(Cancelled):
        restore(paths, chosen, progress=Heard(stop_at))
    assert _folder(paths) == before[0]
    assert _stray(paths) == []
    with Journal.open(paths) as again:
        assert _rows(again) == before[1]


def test_a_restore_reports_and_finishes(filled: Journal) -> None:
    chosen = list_backups(filled.paths)[0]
    paths = filled.paths
    filled.close()
    heard = Heard()
    moved = restore(paths, chosen, progress=heard)
    assert moved is not None and moved.exists()
    assert heard.calls[0][0] == 0 and heard.calls[-1] == (SCALE, SCALE)
    assert heard.threads == {threading.get_ident()}


# ----------------------------------------------------------------- imports, export


def _roster_file(tmp_path: Path, count: int) -> Path:
    lines = ["Name,Email,Team"] + [
        f"Person {n},p{n}@example.com,Team {n % 4}" for n in range(count)
    ]
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("stop_at", [50, 300, 600, 950])
def test_a_stopped_roster_import_adds_nothing(
    journal: Journal, tmp_path: Path, stop_at: int
) -> None:
    reps.add_rep(journal, reps.NewRep("Already here"))
    revision, names = journal.revision(), [r.name for r in reps.list_reps(journal)]
    heard = Heard(stop_at)
    with pytest.raises(Cancelled):
        load_roster(journal, _roster_file(tmp_path, 400), progress=heard)
    assert journal.revision() == revision
    assert [r.name for r in reps.list_reps(journal)] == names
    assert not journal.conn.in_transaction
    # The journal is writable as before.
    reps.add_rep(journal, reps.NewRep("After the stop"))


def test_a_roster_import_reports_row_by_row(journal: Journal, tmp_path: Path) -> None:
    heard = Heard()
    result = load_roster(journal, _roster_file(tmp_path, 400), progress=heard)
    assert result.reps_added == 400
    assert len(heard.calls) > 400, "a report for each row checked and each row written"
    assert heard.calls[-1] == (SCALE, SCALE)


def _numbers_file(tmp_path: Path, journal: Journal) -> Path:
    names = [r.name for r in reps.list_reps(journal)]
    lines = ["Rep,Week,Deals closed"]
    for week in range(1, 40):
        lines += [f"{name},2026-W{week:02d},{week % 7}" for name in names]
    path = tmp_path / "numbers.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("stop_at", [100, 700])
def test_a_stopped_numbers_import_writes_nothing(
    filled: Journal, tmp_path: Path, stop_at: int
) -> None:
    source = _numbers_file(tmp_path, filled)
    revision, before = filled.revision(), _rows(filled)
    with pytest.raises(Cancelled):
        load_numbers(filled, source, progress=Heard(stop_at))
    assert filled.revision() == revision
    assert _rows(filled) == before
    heard = Heard()
    result = load_numbers(filled, source, progress=heard)
    assert result.values > 0 and heard.calls[-1] == (SCALE, SCALE)
    filled.close()


def test_a_stopped_export_writes_no_file(filled: Journal, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(Cancelled):
        transfer.export_file(filled, out / "all.json", include_private=True, progress=Heard(400))
    assert list(out.iterdir()) == []
    heard = Heard()
    transfer.export_file(filled, out / "all.json", include_private=True, progress=heard)
    assert heard.calls[-1] == (SCALE, SCALE)
    assert transfer.read_export(out / "all.json") == _rows(filled)
    filled.close()


def test_an_export_with_progress_writes_the_same_bytes(filled: Journal, tmp_path: Path) -> None:
    data = transfer.export_data(filled, include_private=True)
    transfer.write_export(data, tmp_path / "plain.json")
    transfer.write_export(data, tmp_path / "told.json", progress=Heard())
    assert (tmp_path / "plain.json").read_bytes() == (tmp_path / "told.json").read_bytes()
    filled.close()


def test_a_backup_reports_its_copy(filled: Journal) -> None:
    heard = Heard()
    made = filled.backup("manual", progress=heard)
    assert made.exists() and heard.calls[-1] == (SCALE, SCALE)
    assert len(heard.calls) > 2
    filled.close()


# ----------------------------------------------------------------- the tracker itself


def test_work_on_the_worker_thread_raises_here_after_it_ended() -> None:
    tracker = Tracker(lambda done, total: True, [("only", 1)])
    ended = threading.Event()

    def work() -> None:
        time.sleep(0.02)
        ended.set()
        raise ValueError("from the worker")

    with pytest.raises(ValueError, match="from the worker"):
        tracker.run(work)
    assert ended.is_set()


def test_without_a_listener_work_runs_on_the_calling_thread() -> None:
    tracker = Tracker(None, [("only", 1)])
    assert tracker.run(threading.get_ident) == threading.get_ident()


def test_a_stop_interrupts_a_long_statement_on_the_workers_own_connection() -> None:
    import sqlite3

    asked: list[int] = []

    def progress(done: int, total: int) -> bool:
        asked.append(done)
        return len(asked) < 3

    tracker = Tracker(progress, [("only", 1)])

    def work() -> None:
        conn = sqlite3.connect(":memory:")
        with tracker.watching(conn):
            # Counts for minutes unless something stops it.
            conn.execute(
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) "
                "SELECT count(*) FROM n"
            ).fetchone()

    started = time.monotonic()
    with pytest.raises(Cancelled):
        tracker.run(work)
    assert time.monotonic() - started < 5


def test_past_the_point_of_no_return_a_stop_is_not_honoured() -> None:
    tracker = Tracker(lambda done, total: False, [("only", 1)])
    tracker.no_way_back()
    tracker.tell(now=True)  # asked to stop: ignored
    assert tracker.stop_requested
    tracker.check()


def test_an_interrupted_statement_without_a_stop_is_the_error_it_is() -> None:
    import sqlite3

    tracker = Tracker(None, [("only", 1)])
    conn = sqlite3.connect(":memory:")
    with pytest.raises(sqlite_errors()), tracker.watching(conn):
        conn.execute("SELECT * FROM no_such_table")
