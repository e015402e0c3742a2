"""A journal protected with a passphrase: nothing readable on disk, nothing lost.

These tests look at the bytes of every file in the data folder, kill real processes in
the middle of a conversion, and compare every exported row before and after.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from coachdesk.dates import FixedClock
from coachdesk.paths import Paths
from coachdesk.sample.team import make_sample
from coachdesk.store import meetings, protection, search, transfer
from coachdesk.store.backups import list_backups
from coachdesk.store.cipher import SQLITE_HEADER, looks_protected
from coachdesk.store.db import Journal
from coachdesk.store.errors import (
    JournalDamaged,
    KnownProblem,
    PassphraseNeeded,
    WrongPassphrase,
    sqlite_errors,
)
from coachdesk.store.restore import restore
from tests.store.journal_files import add_rep, child_code, python, snapshot

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals are POSIX")

PASSPHRASE = "correct horse battery staple"
NEEDLE = "Zanzibar-quokka-7741"  # a word no page of a SQLite file holds by chance


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _files_holding(folder: Path, text: str) -> list[str]:
    """Every file under ``folder`` whose bytes contain ``text`` (UTF-8 or UTF-16)."""
    needles = [text.encode("utf-8"), text.encode("utf-16-le")]
    return [p.name for p in _files(folder) if any(n in p.read_bytes() for n in needles)]


def _filled(paths: Paths, clock: FixedClock) -> dict[str, Any]:
    """A journal with the sample team, a note holding NEEDLE and a plain backup."""
    with Journal.open(paths, clock=clock) as journal:
        make_sample(journal, reps=3, weeks=3)
        add_rep(journal, "Nadia Needle", notes=f"Talked about {NEEDLE} and the quarter.")
        journal.backup("manual")
        return transfer.export_data(journal, include_private=True)


def _export(paths: Paths, passphrase: str | None = None) -> dict[str, Any]:
    with Journal.open(paths, passphrase=passphrase) as journal:
        return transfer.export_data(journal, include_private=True)


# ----------------------------------------------------------------- nothing readable


def test_after_protection_no_note_text_is_left_on_disk(
    data_paths: Paths, clock: FixedClock
) -> None:
    before = _filled(data_paths, clock)
    assert _files_holding(data_paths.data_dir, NEEDLE), "the test needs a plain journal"

    with Journal.open(data_paths, clock=clock) as journal:
        report = protection.protect(journal, PASSPHRASE)
        assert journal.protected
        # Written after protection: lands in the -wal first, then in a new backup.
        add_rep(journal, "Second Needle", notes=f"More about {NEEDLE}.")
        assert data_paths.journal.with_name("journal.coachdesk-wal").stat().st_size > 0
        assert _files_holding(data_paths.data_dir, NEEDLE) == []
        journal.backup("manual")

    assert not data_paths.journal.read_bytes().startswith(SQLITE_HEADER)
    assert _files_holding(data_paths.data_dir, NEEDLE) == []
    assert report.backup is not None and looks_protected(report.backup)
    assert report.wiped[0].name == "journal.coachdesk.previous"
    assert any("manual" in p.name for p in report.wiped), "the plain backup was wiped"
    assert not report.not_wiped
    assert all(looks_protected(b) for b in list_backups(data_paths))
    after = _export(data_paths, PASSPHRASE)
    assert after["tables"]["reps"][: len(before["tables"]["reps"])] == before["tables"]["reps"]


def test_backups_of_a_protected_journal_open_with_its_passphrase_only(
    data_paths: Paths, clock: FixedClock, tmp_path: Path
) -> None:
    _filled(data_paths, clock)
    with Journal.open(data_paths, clock=clock) as journal:
        protection.protect(journal, PASSPHRASE)
        backup = journal.backup("manual", tmp_path / "elsewhere.coachdesk")
    assert looks_protected(backup)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(backup).execute("SELECT count(*) FROM sqlite_master").fetchone()
    # Any SQLCipher 4 tool opens it with the passphrase alone (its own key derivation).
    from sqlcipher3 import dbapi2 as sqlcipher

    conn = sqlcipher.connect(str(backup))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute("PRAGMA key = '" + PASSPHRASE + "'")
        names = [r[0] for r in conn.execute("SELECT name FROM reps")]
    finally:
        conn.close()
    assert "Nadia Needle" in names

    restore_paths = Paths(tmp_path / "other-data")
    with pytest.raises(PassphraseNeeded):
        restore(restore_paths, backup, clock=clock)
    with pytest.raises(WrongPassphrase):
        restore(restore_paths, backup, clock=clock, passphrase="not it")
    restore(restore_paths, backup, clock=clock, passphrase=PASSPHRASE)
    assert looks_protected(restore_paths.journal)
    restored = _export(restore_paths, PASSPHRASE)["tables"]["reps"]
    assert "Nadia Needle" in [r["name"] for r in restored]


# ----------------------------------------------------------------- wrong passphrase


@pytest.mark.parametrize("readonly", [False, True])
def test_a_wrong_passphrase_is_refused_and_the_file_is_untouched(
    data_paths: Paths, clock: FixedClock, readonly: bool
) -> None:
    _filled(data_paths, clock)
    with Journal.open(data_paths, clock=clock) as journal:
        protection.protect(journal, PASSPHRASE)
    before = snapshot(data_paths.journal)
    assert before["journal.coachdesk-wal"] is None

    with pytest.raises(PassphraseNeeded):
        Journal.open(data_paths, clock=clock, readonly=readonly)
    with pytest.raises(WrongPassphrase) as caught:
        Journal.open(data_paths, clock=clock, readonly=readonly, passphrase="Correct horse")
    assert caught.value.what == "That passphrase doesn't open this journal."
    assert snapshot(data_paths.journal) == before

    with Journal.open(data_paths, readonly=readonly, passphrase=PASSPHRASE) as journal:
        assert journal.protected
        assert journal.check().ok


def test_sqlcipher_says_nothing_on_stderr_about_a_wrong_key(data_paths: Paths) -> None:
    """SQLCipher's own log lines (a failed page check) never reach the terminal."""
    with Journal.open(data_paths) as journal:
        add_rep(journal, "Ana")
        protection.protect(journal, PASSPHRASE)
    proc = python(
        child_code(
            """
            from coachdesk.store.errors import WrongPassphrase
            try:
                Journal.open(resolve(sys.argv[1]), passphrase="wrong")
            except WrongPassphrase as problem:
                print(problem.what)
            """
        ),
        str(data_paths.data_dir),
    )
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.strip() == "That passphrase doesn't open this journal."
    assert err == ""


def test_a_damaged_header_is_still_damage_not_a_passphrase(
    data_paths: Paths, clock: FixedClock
) -> None:
    _filled(data_paths, clock)
    with open(data_paths.journal, "r+b") as handle:
        handle.write(os.urandom(100))
    assert not looks_protected(data_paths.journal)
    with pytest.raises(JournalDamaged):
        Journal.open(data_paths, clock=clock)


# ----------------------------------------------------------------- round trips


def test_rekey_and_turning_protection_off_round_trip_every_row(
    data_paths: Paths, clock: FixedClock
) -> None:
    before = _filled(data_paths, clock)
    with Journal.open(data_paths, clock=clock) as journal:
        protection.protect(journal, PASSPHRASE)
        assert transfer.export_data(journal, include_private=True) == before

    with Journal.open(data_paths, clock=clock, passphrase=PASSPHRASE) as journal:
        with pytest.raises(WrongPassphrase):
            protection.change_passphrase(journal, "not the passphrase", "new one")
        report = protection.change_passphrase(journal, PASSPHRASE, "a new passphrase")
        assert report.backups_left == []
        assert transfer.export_data(journal, include_private=True) == before

    with pytest.raises(WrongPassphrase):
        Journal.open(data_paths, passphrase=PASSPHRASE)
    # Older backups were re-encrypted too: the old passphrase opens none of them.
    key_check = [b for b in list_backups(data_paths) if looks_protected(b)]
    assert key_check
    for backup in key_check:
        with pytest.raises(WrongPassphrase):
            restore(Paths(data_paths.data_dir / "probe"), backup, passphrase=PASSPHRASE)
    assert _export(data_paths, "a new passphrase") == before

    with Journal.open(data_paths, clock=clock, passphrase="a new passphrase") as journal:
        with pytest.raises(WrongPassphrase):
            protection.unprotect(journal, PASSPHRASE)
        report = protection.unprotect(journal, "a new passphrase")
        assert not journal.protected
        assert report.backups_left, "protected backups stay protected"
        assert transfer.export_data(journal, include_private=True) == before

    assert data_paths.journal.read_bytes().startswith(SQLITE_HEADER)
    assert _export(data_paths) == before
    with Journal.open(data_paths) as journal:
        assert journal.check().ok


def test_search_works_on_a_protected_journal(data_paths: Paths, clock: FixedClock) -> None:
    _filled(data_paths, clock)
    with Journal.open(data_paths, clock=clock) as journal:
        protection.protect(journal, PASSPHRASE)
        hits = search.search(journal, NEEDLE)
        assert [h.kind for h in hits] == ["meeting"]
        # The index keeps up with writes made after protection.
        meeting = meetings.add_meeting(journal, hits[0].rep_id, "2026-11-23 10:00")
        meetings.update_meeting(journal, meeting.id, notes="The walrus plan is approved.")
        assert len(search.search(journal, "walrus")) == 1
        for awkward in ('AND ("', "NEAR(a b)", "^", '"'):
            assert isinstance(search.search(journal, awkward), list)
    with Journal.open(data_paths, passphrase=PASSPHRASE) as journal:
        assert len(search.search(journal, "walrus")) == 1


def test_protecting_twice_or_while_read_only_is_refused(
    data_paths: Paths, clock: FixedClock
) -> None:
    _filled(data_paths, clock)
    with Journal.open(data_paths, clock=clock) as journal:
        protection.protect(journal, PASSPHRASE)
        with pytest.raises(KnownProblem, match="already protected"):
            protection.protect(journal, "again")
        with Journal.open(data_paths, readonly=True, passphrase=PASSPHRASE) as reader:
            with pytest.raises(KnownProblem, match="reading only"):
                protection.unprotect(reader, PASSPHRASE)
            # A reader alongside keeps the log: turning protection off waits for it.
            with pytest.raises(KnownProblem, match="Another program"):
                protection.unprotect(journal, PASSPHRASE)
        assert journal.protected
        add_rep(journal, "Still writable")


def test_suspend_forgets_the_key_and_resume_needs_the_passphrase(
    data_paths: Paths, clock: FixedClock
) -> None:
    _filled(data_paths, clock)
    journal = Journal.open(data_paths, clock=clock)
    try:
        protection.protect(journal, PASSPHRASE)
        journal.suspend()
        assert journal.suspended
        with pytest.raises(sqlite_errors("ProgrammingError")):
            journal.revision()  # the connection is closed, not just hidden
        # Still this process's journal: another coachdesk cannot take it meanwhile.
        from coachdesk.store.errors import JournalLocked

        with pytest.raises(JournalLocked):
            Journal.open(data_paths, passphrase=PASSPHRASE)
        with pytest.raises(WrongPassphrase):
            journal.resume("wrong")
        assert journal.suspended
        journal.resume(PASSPHRASE)
        add_rep(journal, "After the lock")
    finally:
        journal.close()
    names = [r["name"] for r in _export(data_paths, PASSPHRASE)["tables"]["reps"]]
    assert "After the lock" in names


# ----------------------------------------------------------------- killed processes

# Opens the protected journal, writes notes that stay in the -wal, and dies.
DIE_WITH_NOTES_IN_THE_LOG = """
import os, signal
journal = Journal.open(resolve(sys.argv[1]), passphrase=sys.argv[2])
journal.db.conn.execute("PRAGMA wal_autocheckpoint = 0")
for n in range(20):
    now = journal.now()
    with journal.write("reps", "meetings") as db:
        rep_id = db.conn.execute(
            "INSERT INTO reps(name, created_at, updated_at) VALUES (?, ?, ?)",
            [f"Logged {n}", now, now],
        ).lastrowid
        db.conn.execute(
            "INSERT INTO meetings(rep_id, held_at, notes, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [rep_id, now, sys.argv[3] * 50, now, now],
        )
print("written", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@posix_only
@pytest.mark.slow
def test_a_killed_writer_leaves_no_note_text_in_the_log(
    data_paths: Paths, clock: FixedClock
) -> None:
    _filled(data_paths, clock)
    with Journal.open(data_paths, clock=clock) as journal:
        protection.protect(journal, PASSPHRASE)
    proc = python(
        child_code(DIE_WITH_NOTES_IN_THE_LOG), str(data_paths.data_dir), PASSPHRASE, NEEDLE
    )
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, err
    assert out == "written\n"
    wal = data_paths.journal.with_name("journal.coachdesk-wal")
    assert wal.stat().st_size > 100_000
    assert _files_holding(data_paths.data_dir, NEEDLE) == []
    names = [r["name"] for r in _export(data_paths, PASSPHRASE)["tables"]["reps"]]
    assert [f"Logged {n}" for n in range(20)] == [n for n in names if n.startswith("Logged")]
    assert _files_holding(data_paths.data_dir, NEEDLE) == []


# Protects the journal; COACHDESK_FAULTS may end it after a step (tests.store.steps).
PROTECT_AND_DIE_AT = """
from coachdesk.store import protection
journal = Journal.open(resolve(sys.argv[1]))
print("converting", flush=True)
protection.protect(journal, sys.argv[2])
print("done", flush=True)
"""


def _usable(paths: Paths) -> tuple[bool, dict[str, Any]]:
    """Open the journal as the app would; return (protected, its export)."""
    # The passphrase is ignored by a plain journal; the open may first finish a step that
    # changes which one it is, so it is told either way.
    with Journal.open(paths, passphrase=PASSPHRASE) as journal:
        assert journal.check().ok
        assert journal.protected == looks_protected(journal.path)
        return journal.protected, transfer.export_data(journal, include_private=True)


def _leftovers(paths: Paths) -> list[str]:
    """Anything a conversion, a restore or a half-written file could leave behind."""
    found = []
    for folder in (paths.data_dir, paths.backups):
        found += [
            p.name
            for p in folder.iterdir()
            if p.name.endswith((".converting", ".previous", ".restoring", ".partial"))
            or ".partial-" in p.name
        ]
    return sorted(found)


@posix_only
@pytest.mark.slow
def test_a_conversion_killed_at_random_moments_never_loses_the_journal(
    data_paths: Paths, clock: FixedClock
) -> None:
    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    before = _filled(data_paths, clock)
    outcomes = []
    for round_ in range(6):
        if looks_protected(data_paths.journal):
            with Journal.open(data_paths, passphrase=PASSPHRASE) as journal:
                protection.unprotect(journal, PASSPHRASE)
        proc = python(
            child_code(PROTECT_AND_DIE_AT),
            str(data_paths.data_dir),
            PASSPHRASE,
            "never",
            stdout=subprocess.PIPE,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline() == "converting\n"
        time.sleep(rng.uniform(0.0, 0.8))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        protected, after = _usable(data_paths)
        assert after == before, f"round {round_} (seed {seed})"
        assert _leftovers(data_paths) == [], f"round {round_} (seed {seed})"
        outcomes.append(protected)
    assert len(outcomes) == 6
